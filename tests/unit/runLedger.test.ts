// Unit tests: the run ledger says which resource of a deployment adopts or holds a group, so that a delete can be refused.

import { expect } from "chai";
import { argumentsOf, previousIdentity } from "../../provider/resourceName";
import { RunLedger } from "../../provider/runLedger";

describe("run ledger", () => {
  const recorded = { name: "Trade Accounts", key: "trade-accounts" };

  it("an adoption by key or by name claims the recorded group with that key or name, in its own place only", () => {
    const ledger = new RunLedger();
    ledger.adopts("project shop", { field: "key", value: "trade-accounts" }, "trade");
    expect(ledger.holderOf("project shop", "g1", recorded)).to.deep.equal({ resource: "trade", how: "adopts" });
    expect(ledger.holderOf("project other", "g1", recorded)).to.equal(undefined);
    expect(ledger.holderOf("project shop", "g2", { name: "Gold", key: "gold" })).to.equal(undefined);
    ledger.adopts("store abc", { field: "name", value: "Trade Accounts" }, "trade");
    expect(ledger.holderOf("store abc", "7", recorded)).to.deep.equal({ resource: "trade", how: "adopts" });
  });

  it("an adoption by id (RevCent's groupId) claims the group with that id", () => {
    const ledger = new RunLedger();
    ledger.adopts("connection ", { field: "groupId", value: "abc" }, "vip");
    expect(ledger.holderOf("connection ", "abc", { name: "VIP" })).to.deep.equal({ resource: "vip", how: "adopts" });
  });

  it("a declared resource's group is held unless its diff replaces it; a replacement's own delete goes ahead", () => {
    const ledger = new RunLedger();
    ledger.declares("trade");
    ledger.declares("gold");
    ledger.holds("store abc", "7", "trade", false);
    expect(ledger.holderOf("store abc", "7", recorded)).to.deep.equal({ resource: "trade", how: "holds" });
    ledger.holds("store abc", "8", "gold", true);
    ledger.adopts("store abc", { field: "name", value: "Gold" }, "gold");
    expect(ledger.holderOf("store abc", "8", { name: "Gold" })).to.equal(undefined);
  });

  it("a refresh's diff of a resource the program no longer declares holds nothing: its delete goes ahead (up --refresh)", () => {
    const ledger = new RunLedger();
    ledger.holds("store abc", "2", "students", false);
    expect(ledger.holderOf("store abc", "2", { name: "Students" })).to.equal(undefined);
    // Declared: its diffs from then on hold its group.
    ledger.declares("students");
    ledger.holds("store abc", "2", "students", false);
    expect(ledger.holderOf("store abc", "2", { name: "Students" })).to.deep.equal({ resource: "students", how: "holds" });
  });

  it("what a create took is held; clear forgets everything", () => {
    const ledger = new RunLedger();
    ledger.took("store abc", "9", "vip");
    ledger.adopts("store abc", { field: "name", value: "Trade Accounts" }, "trade");
    expect(ledger.holderOf("store abc", "9", { name: "VIP" })).to.deep.equal({ resource: "vip", how: "adopts" });
    ledger.clear();
    expect(ledger.holderOf("store abc", "9", { name: "VIP" })).to.equal(undefined);
    expect(ledger.holderOf("store abc", "7", recorded)).to.equal(undefined);
  });
});

describe("previous identity (check records a rename or re-key for the policy pack)", () => {
  it("is the last inputs' name and key when the new arguments change either; nothing for a new resource or no change", () => {
    expect(previousIdentity({}, { name: "Gold" })).to.equal(undefined);
    expect(previousIdentity({ name: "Gold", key: "gold", __provider: "p" }, { name: "Gold", key: "gold" })).to.equal(undefined);
    expect(previousIdentity({ name: "Wholesale" }, { name: "Wholesale Old" })).to.deep.equal({ name: "Wholesale" });
    expect(previousIdentity({ name: "Gold", key: "gold" }, { name: "Gold", key: "gold-2" })).to.deep.equal({ name: "Gold", key: "gold" });
    expect(previousIdentity({ name: "Gold", key: "gold" }, { name: "Gold", key: null })).to.deep.equal({ name: "Gold", key: "gold" });
    // What check added before is not an argument: it never reads as the identity.
    expect(argumentsOf({ name: "G", renamedFrom: { name: "F" }, __resourceName: "g" })).to.deep.equal({ name: "G" });
  });
});
