// Provider tests: two writers of one commercetools group, against the sandbox over HTTP. An update that meets a 409 says
// what it overwrites (field, their value, ours, who); a refresh that finds another program's change says it is likely a
// fight between two stacks; a person's edit in the Merchant Center is ordinary drift.

import { expect } from "chai";
import { customerGroupAdapter } from "../../provider/commercetools/customerGroup";
import { startSandbox, type Sandbox } from "../../sandbox";
import { checkedInputs, createdGroup } from "../helpers/lifecycle";
import { sandboxConfig } from "../helpers/sandboxConfig";
import { configuredProvider, Props, Provider, warningsOf } from "../helpers/provider";

const fast = { backoff: { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 20, maxElapsedMs: 5000 } };

describe("two writers of one commercetools group", () => {
  let sandbox: Sandbox;
  let project: string;
  let clientId: string;
  /** A stack's provider: each stack runs its own provider process. */
  const stackProvider = (): Promise<Provider> => {
    return configuredProvider((stack) => customerGroupAdapter(stack, fast, {}), sandboxConfig(sandbox, "commercetools"));
  };
  beforeEach(async () => {
    sandbox = await startSandbox();
    project = sandbox.config.commercetools.projectKey;
    clientId = sandbox.config.commercetools.clientId;
  });
  afterEach(() => sandbox.close());

  const writes = async () =>
    (await sandbox.requests()).filter((r) => r.vendor === "commercetools" && r.path !== "/oauth/token").map((r) => `${r.method} ${r.status}`);
  const gold = { name: "Gold", key: "gold", custom: { type: { key: "group-fields" }, fields: { tier: "1" } } };

  describe("an update that meets a 409", () => {
    it("warns before overwriting a field someone changed meanwhile: the field, their value, ours, who; then converges", async () => {
      const provider = await stackProvider();
      const { id, outs } = await createdGroup(provider, gold);
      await sandbox.commercetools.editGroup(id, { name: "Gold (summer)" });
      await sandbox.clearRequests();
      const news = await checkedInputs(provider, { ...gold, custom: { ...gold.custom, fields: { tier: "2" } } });

      const { result, warnings } = await warningsOf(() => provider.update(id, outs, news));

      expect(await writes()).to.deep.equal(["POST 409", "GET 200", "POST 200"]);
      expect(warnings).to.deep.equal([
        `commercetools customer group ${id} ('Gold (summer)') in project '${project}' was changed by a Merchant Center user while this update was on its way ` +
          '(version 1 → 2): name: theirs "Gold (summer)", ours "Gold". This update overwrites that change with the program\'s values. ' +
          "Run `pulumi refresh` (or `pulumi up --refresh`) to see such changes before applying.",
      ]);
      expect(result.outs).to.include({ name: "Gold", version: 3 });
      const live = await sandbox.commercetools.getGroup(id);
      expect(live.name).to.equal("Gold");
      expect(live.custom?.fields).to.deep.equal({ tier: "2" });
    });

    it("does not warn when the change agrees with ours or touches only what this update leaves alone", async () => {
      const provider = await stackProvider();
      const { id, outs } = await createdGroup(provider, { name: "Silver" });
      // Someone gave it a key (not declared: not managed) and the name the program is about to give it.
      await sandbox.commercetools.editGroup(id, { name: "Silver 2", key: "silver" });
      await sandbox.clearRequests();
      const { result, warnings } = await warningsOf(async () => provider.update(id, outs, await checkedInputs(provider, { name: "Silver 2" })));
      expect(warnings).to.deep.equal([]);
      // Nothing is left to send once the group is re-read.
      expect(await writes()).to.deep.equal(["POST 409", "GET 200"]);
      expect(result.outs).to.include({ name: "Silver 2", key: "silver", version: 2 });
    });
  });

  describe("two stacks that declare the same group", () => {
    it("each refresh names the other program's change, both values and its API client, and how to find it", async () => {
      const stackA = await stackProvider();
      const stackB = await stackProvider();
      const a = await createdGroup(stackA, { name: "Gold A", key: "gold" });
      // Stack B declares the same key with another name, and adopts the group: version 2.
      const b = await createdGroup(stackB, { name: "Gold B", key: "gold", adopt: true });
      expect(b.id).to.equal(a.id);

      const refreshedA = await warningsOf(() => stackA.read(a.id, a.outs));
      const fight = (from: number, to: number, theirs: string, ours: string) =>
        `commercetools customer group ${a.id} ('${theirs}') in project '${project}' was changed by this stack's own API client '${clientId}' ` +
        `(another stack or tool with the same credentials, or a run of this stack killed before it recorded its change) since this stack last wrote it (version ${from} → ${to}): name: theirs "${theirs}", ours "${ours}". ` +
        "The next `pulumi up` sets the program's values again. Another program changed it: if another stack also declares this group (key 'gold'), " +
        "the two set it back and forth on every run. Find the other writer by that API client in the project's API client settings, or by searching your config repos for the group, and keep the group in one stack.";
      expect(refreshedA.warnings).to.deep.equal([fight(1, 2, "Gold B", "Gold A")]);

      // Stack A's `pulumi up --refresh` sets its name back; stack B's next refresh says the same from its side.
      const upA = await stackA.update(a.id, refreshedA.result.props as Props, await checkedInputs(stackA, { name: "Gold A", key: "gold" }));
      expect(upA.outs).to.include({ name: "Gold A", version: 3 });
      const refreshedB = await warningsOf(() => stackB.read(b.id, b.outs));
      expect(refreshedB.warnings).to.deep.equal([fight(2, 3, "Gold A", "Gold B")]);
    });

    it("a person's edit in the Merchant Center is drift, not a fight: the refresh shows it without a warning", async () => {
      const provider = await stackProvider();
      const { id, outs } = await createdGroup(provider, gold);
      await sandbox.commercetools.editGroup(id, { name: "Gold (by hand)" });
      const { result, warnings } = await warningsOf(() => provider.read(id, outs));
      expect(warnings).to.deep.equal([]);
      expect((result.inputs as Props).name).to.equal("Gold (by hand)");
    });
  });
});
