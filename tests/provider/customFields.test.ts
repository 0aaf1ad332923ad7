// Provider tests: custom fields checked against their commercetools Type in `check`, against the sandbox (which refuses
// what the platform refuses): a typo refused before any write with one read of the type per run, and without the scope to
// read types one warning per run, the fields sent unchecked.

import { expect } from "chai";
import { customerGroupAdapter } from "../../provider/commercetools/customerGroup";
import { startSandbox, type Sandbox } from "../../sandbox";
import { sandboxConfig } from "../helpers/sandboxConfig";
import { configuredProvider, warningsOf } from "../helpers/provider";

const fast = { backoff: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 20, maxElapsedMs: 2000 } };

describe("commercetools custom fields checked against their type (sandbox)", () => {
  let sandbox: Sandbox;
  afterEach(() => sandbox?.close());
  const provider = () => configuredProvider((stack) => customerGroupAdapter(stack, fast, {}), sandboxConfig(sandbox, "commercetools"));
  const requests = async () => (await sandbox.requests()).filter((r) => r.path !== "/oauth/token").map((r) => `${r.method} ${r.path}`);

  it("refuses a field the type does not define and a value of another type in check, reading the type once for the run, writing nothing", async () => {
    sandbox = await startSandbox();
    const p = await provider();
    const teir = await p.check({}, { name: "Gold", key: "gold", custom: { type: { key: "group-fields" }, fields: { teir: "1" } } });
    expect(teir.failures).to.deep.equal([
      {
        property: "custom.fields.teir",
        reason: "is not a field of the type 'group-fields' (its fields: tier, vip, discountPercent, tags). Did you mean 'tier'?",
      },
    ]);
    const wrong = await p.check({}, { name: "Silver", custom: { type: { key: "group-fields" }, fields: { vip: "yes", tags: "a" } } });
    expect(wrong.failures?.map((f) => f.property)).to.deep.equal(["custom.fields.vip", "custom.fields.tags"]);
    const missing = await p.check({}, { name: "Bronze", custom: { type: { key: "no-such-type" } } });
    expect(missing.failures).to.deep.equal([
      { property: "custom.type.key", reason: "names no type of project 'demo-project' (no type has the key 'no-such-type')" },
    ]);
    expect((await p.check({}, { name: "Gold", custom: { type: { key: "group-fields" }, fields: { tier: "1", vip: true } } })).failures).to.equal(undefined);
    expect(await requests()).to.deep.equal(["GET /demo-project/types/key=group-fields", "GET /demo-project/types/key=no-such-type"]);
    // The sandbox refuses the same, should a program send it anyway.
    const refused = await p.create({ name: "Gold", custom: { type: { key: "group-fields" }, fields: { teir: "1" } } }).catch((e: Error) => e);
    expect((refused as Error).message).to.match(/InvalidField|teir/);
  });

  it("reads no type for fields the project accepted before (a run that changes nothing reads nothing); a changed value is read and checked", async () => {
    sandbox = await startSandbox();
    const custom = { type: { key: "group-fields" }, fields: { tier: "1", vip: true } };
    const olds = (await (await provider()).check({}, { name: "Gold", custom })).inputs;
    await sandbox.clearRequests();
    // The next run: a new provider, with nothing cached.
    const p = await provider();
    expect((await p.check(olds, { name: "Gold", custom })).failures).to.equal(undefined);
    expect(await requests(), "unchanged: nothing read").to.deep.equal([]);
    const teir = await p.check(olds, { name: "Gold", custom: { ...custom, fields: { teir: "1" } } });
    expect(teir.failures?.map((f) => f.property)).to.deep.equal(["custom.fields.teir"]);
    expect(await requests(), "changed: the type read").to.deep.equal(["GET /demo-project/types/key=group-fields"]);
  });

  it("without the scope to read types, says once per run that fields are sent unchecked, and passes", async () => {
    sandbox = await startSandbox({ commercetools: { permissions: ["manage_customer_groups"] } });
    const p = await provider();
    const { result, warnings } = await warningsOf(async () => [
      await p.check({}, { name: "Gold", custom: { type: { key: "group-fields" }, fields: { tier: "1" } } }),
      await p.check({}, { name: "Silver", custom: { type: { key: "group-fields" }, fields: { tier: "2" } } }),
    ]);
    expect(result.map((r) => r.failures)).to.deep.equal([undefined, undefined]);
    expect(warnings).to.deep.equal([
      "custom fields are sent unchecked in project 'demo-project': the API client could not read their types (grant view_types:demo-project).",
    ]);
    // Asked once: the second group did not ask for a token with view_types again.
    expect((await sandbox.requests()).filter((r) => r.path === "/oauth/token")).to.have.length(1);
  });
});
