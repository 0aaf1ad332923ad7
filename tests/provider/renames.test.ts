// Provider tests: no run deletes a group that another resource of the same run adopts or holds. The engine's order is
// played as it happens in one deployment (configure; check and diff of every declared resource; creates; then the deletes
// of resources the program no longer declares) against the sandbox, asserting the requests sent and what the store holds.

import { expect } from "chai";
import { customerGroupAdapter as commercetoolsAdapter } from "../../provider/commercetools/customerGroup";
import { customerGroupAdapter as bigcommerceAdapter } from "../../provider/bigcommerce/customerGroup";
import { startSandbox, type Sandbox } from "../../sandbox";
import { sandboxConfig } from "../helpers/sandboxConfig";
import { configure, configuredProvider, failure, Props, Provider } from "../helpers/provider";

interface Case {
  backend: "commercetools" | "bigcommerce";
  provider(sandbox: Sandbox): Promise<Provider>;
  groups(sandbox: Sandbox): Promise<{ id: string; name: string }[]>;
  /** The arguments of the group, as first declared and as adopted under its new resource name. */
  args: Props;
}

const cases: Case[] = [
  {
    backend: "commercetools",
    provider: (sandbox) => configuredProvider((stack) => commercetoolsAdapter(stack, {}, {}), sandboxConfig(sandbox, "commercetools")),
    groups: async (sandbox) => (await sandbox.commercetools.groups()).map((g) => ({ id: g.id, name: g.name })),
    args: { name: "Trade Accounts", key: "trade-accounts" },
  },
  {
    backend: "bigcommerce",
    provider: (sandbox) => configuredProvider((stack) => bigcommerceAdapter(stack, {}, {}), sandboxConfig(sandbox, "bigcommerce")),
    groups: async (sandbox) => (await sandbox.bigcommerce.groups()).map((g) => ({ id: String(g.id), name: g.name })),
    args: { name: "Trade Accounts", discountRules: [{ type: "all", method: "percent", amount: 15 }] },
  },
];

/** `check` as the engine calls it for the resource `resource` (the SDK adds its name); returns the checked inputs. */
async function checked(provider: Provider, resource: string, args: Props): Promise<Props> {
  const result = await provider.check({}, { ...args, __resourceName: resource, __provider: "stub" });
  expect(result.failures ?? []).to.deep.equal([]);
  return result.inputs as Props;
}

for (const c of cases) {
  describe(`${c.backend}: a group another resource of the run adopts or holds is never deleted`, () => {
    let sandbox: Sandbox;
    beforeEach(async () => (sandbox = await startSandbox({ bigcommerce: { rateLimit: { quota: 1_000_000 } } })));
    afterEach(() => sandbox.close());

    const writes = async () =>
      (await sandbox.requests()).filter((r) => r.vendor === c.backend && r.method !== "GET" && r.path !== "/oauth/token").map((r) => `${r.method} ${r.path}`);

    /** The group as an earlier run created it under the resource name `trade-accounts`. */
    const earlierRun = async () => {
      const provider = await c.provider(sandbox);
      return provider.create(await checked(provider, "trade-accounts", c.args));
    };

    it("a renamed resource (the new name adopts, the old one is deleted): the delete is refused, naming both, and the group stays", async () => {
      const old = await earlierRun();
      // The next run: a new provider process; the program declares only `trade`, which adopts the group.
      const provider = await c.provider(sandbox);
      await sandbox.clearRequests();
      const adopted = await provider.create(await checked(provider, "trade", { ...c.args, adopt: true }));
      expect(adopted.id).to.equal(old.id);
      const error = await failure(provider.delete(old.id, old.outs as Props));
      expect(error?.message).to.match(
        new RegExp(`^refusing to delete ${c.backend} customer group ${old.id} \\('Trade Accounts'\\): resource 'trade' adopts it in this run`),
      );
      expect(error?.message).to.contain("`previousName: <old name>`").and.contain('`aliases: [{ name: "<old name>" }]`');
      expect(await writes()).to.deep.equal([]);
      expect((await c.groups(sandbox)).filter((g) => g.name === "Trade Accounts")).to.deep.equal([{ id: old.id, name: "Trade Accounts" }]);
    });

    it("refused before the adoption has finished: check alone records the claim", async () => {
      const old = await earlierRun();
      const provider = await c.provider(sandbox);
      await checked(provider, "trade", { ...c.args, adopt: true });
      await sandbox.clearRequests();
      expect((await failure(provider.delete(old.id, old.outs as Props)))?.message).to.contain("resource 'trade' adopts it in this run");
      expect(await writes()).to.deep.equal([]);
    });

    it("a group whose resource stays declared (its diff ran) is not deleted through a second state entry of the same group", async () => {
      const old = await earlierRun();
      const provider = await c.provider(sandbox);
      const inputs = await checked(provider, "trade", c.args);
      expect((await provider.diff(old.id, old.outs as Props, inputs)).changes).to.equal(false);
      await sandbox.clearRequests();
      expect((await failure(provider.delete(old.id, old.outs as Props)))?.message).to.contain(
        "resource 'trade' holds it (an earlier run adopted it under that name). Remove this resource from the state without touching the store: `pulumi state delete <its URN>`",
      );
      expect(await writes()).to.deep.equal([]);
    });

    it("deletes go ahead otherwise: a claim on another group, and the next deployment (configure clears the record)", async () => {
      const old = await earlierRun();
      const provider = await c.provider(sandbox);
      await provider.create(await checked(provider, "trade", { ...c.args, adopt: true }));
      await checked(provider, "other", { ...c.args, name: "Other", ...(c.backend === "commercetools" ? { key: "other" } : {}), adopt: true });
      // The engine configures the provider of each deployment: what the earlier one held no longer counts.
      await configure(provider, sandboxConfig(sandbox, c.backend));
      await sandbox.clearRequests();
      await provider.delete(old.id, old.outs as Props);
      expect((await writes()).map((w) => w.split(" ")[0])).to.deep.equal(["DELETE"]);
      expect((await c.groups(sandbox)).filter((g) => g.name === "Trade Accounts")).to.deep.equal([]);
    });
  });
}

describe("the run ledger's record of the resource's name stays out of the backends and the state", () => {
  it("check keeps `__resourceName` among the inputs for the engine; create records neither it nor `__provider` in the outputs", async () => {
    const sandbox = await startSandbox();
    try {
      const provider = await configuredProvider((stack) => commercetoolsAdapter(stack, {}, {}), sandboxConfig(sandbox, "commercetools"));
      const inputs = await checked(provider, "gold", { name: "Gold", key: "gold" });
      expect(inputs).to.deep.equal({ name: "Gold", key: "gold", __resourceName: "gold" });
      const { outs } = await provider.create(inputs);
      expect(Object.keys(outs as Props)).to.not.include("__resourceName");
      const posted = (await sandbox.requests()).filter((r) => r.method === "POST" && r.path.endsWith("/customer-groups"));
      expect(JSON.stringify(posted.map((r) => r.body))).to.not.contain("__resourceName");
    } finally {
      await sandbox.close();
    }
  });
});

describe("a decoy under a group's old key: a create refused as a duplicate never takes over a group another resource holds", () => {
  it("commercetools: the decoy's DuplicateField names the resource that holds the group, which stays that resource's alone", async () => {
    const sandbox = await startSandbox();
    try {
      const provider = await configuredProvider((stack) => commercetoolsAdapter(stack, {}, {}), sandboxConfig(sandbox, "commercetools"));
      // An earlier run made the group (version 1, by this API client: what a lost create's recovery would take over).
      const made = await provider.create(await checked(provider, "wholesale", { name: "Wholesale", key: "wholesale" }));
      // The pull request's run: `wholesale` is re-keyed, `decoy` declares the old key and name.
      await configure(provider, sandboxConfig(sandbox, "commercetools"));
      const rekeyed = await checked(provider, "wholesale", { name: "Wholesale", key: "wholesale-old" });
      await provider.diff(made.id, made.outs as Props, rekeyed);
      await sandbox.clearRequests();
      const refused = await failure(provider.create(await checked(provider, "decoy", { name: "Wholesale", key: "wholesale" })));
      expect(refused?.message).to.include(
        `is already used by customer group ${made.id} in project 'demo-project', which resource 'wholesale' of this stack holds`,
      );
      const writes = (await sandbox.requests()).filter((r) => r.method !== "GET" && r.path !== "/oauth/token");
      expect(writes.map((r) => `${r.method} ${r.status}`)).to.deep.equal(["POST 400"]);
      expect((await sandbox.commercetools.groups()).map((g) => [g.id, g.key])).to.deep.equal([[made.id, "wholesale"]]);
    } finally {
      await sandbox.close();
    }
  });
});
