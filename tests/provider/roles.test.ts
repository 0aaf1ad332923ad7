// Provider tests: one default group per store, checked across the resources of one run by `check` (what the SDK could not
// see before registering: values known only as outputs, two connections to one store), before any request.

import { expect } from "chai";
import { customerGroupAdapter } from "../../provider/bigcommerce/customerGroup";
import { startSandbox, type Sandbox } from "../../sandbox";
import { sandboxConfig } from "../helpers/sandboxConfig";
import { configure, configuredProvider, Props } from "../helpers/provider";

describe("bigcommerce: one default group per store in a run", () => {
  let sandbox: Sandbox;
  beforeEach(async () => (sandbox = await startSandbox()));
  afterEach(() => sandbox.close());

  it("the second resource claiming isDefault fails its check, naming the first; no request is sent", async () => {
    const config = sandboxConfig(sandbox, "bigcommerce");
    // Two connections to the same store (the default settings and `eu`) are one store.
    const storeHash = config["bigcommerce:storeHash"]!;
    const provider = await configuredProvider((stack) => customerGroupAdapter(stack, {}, {}), {
      ...config,
      "bigcommerce:connections": JSON.stringify({ eu: { storeHash, accessToken: config["bigcommerce:accessToken"] } }),
    });
    await sandbox.clearRequests();
    const check = (name: string, args: Props) => provider.check({}, { ...args, __resourceName: name, __provider: "stub" });
    expect((await check("retail", { name: "Retail", isDefault: true })).failures ?? []).to.deep.equal([]);
    expect((await check("retail", { name: "Retail", isDefault: true })).failures ?? [], "the same resource again").to.deep.equal([]);
    expect((await check("trade", { name: "Trade", isDefault: false })).failures ?? []).to.deep.equal([]);
    expect((await check("wholesale", { name: "Wholesale", isDefault: true, connection: "eu" })).failures).to.deep.equal([
      {
        property: "isDefault",
        reason:
          "resource 'retail' and 'wholesale' both set isDefault: true in the store of connection 'eu'; a store has one default group, so each run " +
          "would take it from the other. Keep isDefault: true on one of them.",
      },
    ]);
    expect(await sandbox.requests()).to.deep.equal([]);
    // The next deployment starts afresh.
    await configure(provider, config);
    expect((await check("wholesale", { name: "Wholesale", isDefault: true })).failures ?? []).to.deep.equal([]);
  });
});
