// Unit tests: which of someone else's changes to a commercetools group an update or refresh would overwrite, and who made them.

import { expect } from "chai";
import { editsToOverwrite, lastWriter } from "../../provider/commercetools/otherWriters";
import { GroupShape } from "../../provider/commercetools/model";

const type = { key: "group-fields", id: "t-1" };
const before: GroupShape = { name: "Gold", key: "gold", custom: { type, fields: { tier: "1", vip: true } } };

describe("commercetools: edits another writer made", () => {
  it("lists each field they changed that ours sets to something else, with both values", () => {
    const live: GroupShape = { name: "Gold (summer)", key: "gold", custom: { type: { id: "t-1" }, fields: { tier: "3", vip: true } } };
    expect(editsToOverwrite(before, live, before)).to.deep.equal([
      { field: "name", theirs: "Gold (summer)", ours: "Gold" },
      { field: "custom.fields.tier", theirs: "3", ours: "1" },
    ]);
  });

  it("leaves out a change that agrees with ours, and a field ours leaves as it is", () => {
    const live: GroupShape = { name: "Gold 2", key: "gold", custom: { type: { id: "t-1" }, fields: { tier: "1", vip: true, note: "x" } } };
    const ours: GroupShape = { ...live, custom: { type, fields: { tier: "1", vip: true, note: "x" } } };
    expect(editsToOverwrite(before, live, ours)).to.deep.equal([]);
  });

  it("names a removed field and a replaced custom type", () => {
    const removed: GroupShape = { ...before, custom: { type, fields: { tier: "1" } } };
    expect(editsToOverwrite(before, removed, before)).to.deep.equal([{ field: "custom.fields.vip", theirs: undefined, ours: true }]);
    const retyped: GroupShape = { ...before, custom: { type: { id: "t-2" }, fields: {} } };
    expect(editsToOverwrite(before, retyped, before)).to.deep.equal([{ field: "custom.type", theirs: { id: "t-2" }, ours: { key: "group-fields" } }]);
  });

  it("tells a program (an API client, perhaps this stack's own) from a person in the Merchant Center", () => {
    expect(lastWriter({ clientId: "other", isPlatformClient: false } as never, "ours")).to.deep.equal({ who: "API client 'other'", program: true });
    expect(lastWriter({ clientId: "ours" }, "ours").who).to.include(
      "this stack's own API client 'ours' (another stack or tool with the same credentials, or a run of this stack killed before it recorded its change)",
    );
    expect(lastWriter({ isPlatformClient: true } as never, "ours")).to.deep.equal({ who: "a Merchant Center user", program: false });
    expect(lastWriter(undefined, "ours")).to.deep.equal({ who: "someone outside Pulumi", program: false });
  });
});
