// What a Pulumi program pays for importing the package: the resources' classes only. The providers' code (HTTP client,
// validation, every backend's lifecycle) and the data files' reading load where they are used (see provider/lazyProvider.ts).

import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect } from "chai";
import { lazyProvider } from "../../provider/lazyProvider";
import { withoutPromiseTraces } from "../../provider/promiseTraces";
import { schemaCatalogue, validatorsFile, validatorsSource } from "../../provider/schemas/compile";
import { schemaFailures } from "../../provider/schemas/validate";

/**
 * The modules a fresh Node.js process loads for `require(entry)` (and the statement `then`, given the module as `m`),
 * beyond @pulumi/pulumi, relative to the compiled tree.
 */
function modulesLoadedBy(entry: string, then = ""): string[] {
  const root = path.resolve(__dirname, "../..");
  const script = `require("@pulumi/pulumi");
const before = new Set(Object.keys(require.cache));
const m = require(${JSON.stringify(path.join(root, entry))});
${then}
console.log(JSON.stringify(Object.keys(require.cache).filter((m) => !before.has(m))));`;
  const loaded = JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: root, encoding: "utf8" })) as string[];
  return loaded.map((m) => path.relative(root, m)).sort();
}

describe("what a program loads", () => {
  it("imports the package with the classes, their roles and the lazy providers, nothing more", () => {
    expect(modulesLoadedBy("sdk/index.js")).to.deep.equal(
      [
        "provider/bigcommerce/model.js",
        "provider/bigcommerce/provider.js",
        "provider/bigcommerce/sdk.js",
        "provider/canonical.js",
        "provider/commercetools/provider.js",
        "provider/commercetools/sdk.js",
        "provider/declaration.js",
        "provider/engineWatch.js",
        "provider/lazyProvider.js",
        "provider/promiseTraces.js",
        "provider/resourceName.js",
        "provider/revcent/provider.js",
        "provider/revcent/sdk.js",
        "provider/revcent/unixSeconds.js",
        "provider/roles.js",
        "sdk/config/configFileError.js",
        "sdk/index.js",
      ].sort(),
    );
  });

  it("loads axios with the first request, not with the provider's code", () => {
    const loaded = modulesLoadedBy("provider/commercetools/customerGroup.js");
    expect(loaded.filter((m) => m.includes("node_modules/axios"))).to.deep.equal([]);
    expect(loaded).to.include("provider/http/transport.js");
  });
});

describe("what a provider loads", () => {
  it("checks arguments with the validators built with the package, not with ajv's compiler", () => {
    for (const backend of ["commercetools", "bigcommerce", "revcent"]) {
      const loaded = modulesLoadedBy(`provider/${backend}/validation.js`, `if (m.validateGroup({ name: 1 }).length === 0) throw new Error("no failure");`);
      expect(loaded).to.include("provider/schemas/compiled.js");
      // ajv's runtime helpers (ucs2length for a string's length in characters), and nothing else of ajv.
      expect(
        loaded.filter((p) => p.includes("node_modules/ajv/") && !p.includes("node_modules/ajv/dist/runtime/")),
        backend,
      ).to.deep.equal([]);
    }
  });

  it("has validators built from the schemas as they are now, one for each name the backends validate with", () => {
    expect(fs.readFileSync(validatorsFile, "utf8")).to.equal(validatorsSource());
    expect(Object.keys(schemaCatalogue()).sort()).to.deep.equal(["bigcommerce", "commercetools", "revcent", "revcentMembers"]);
    expect(() => schemaFailures("shopify", {})).to.throw("no schema is named 'shopify'");
  });
});

describe("lazyProvider", () => {
  it("loads the provider once, on the first call, and forwards every method with its arguments and answer", async () => {
    const calls: string[] = [];
    let loads = 0;
    const provider = lazyProvider(async () => {
      loads++;
      return {
        configure: async () => void calls.push("configure"),
        check: async (olds, news) => (calls.push(`check ${JSON.stringify([olds, news])}`), { inputs: news }),
        diff: async (id) => (calls.push(`diff ${id}`), { changes: true }),
        create: async () => (calls.push("create"), { id: "7", outs: { name: "Gold" } }),
        read: async (id) => (calls.push(`read ${id}`), { id, props: {} }),
        update: async (id) => (calls.push(`update ${id}`), { outs: {} }),
        delete: async (id) => void calls.push(`delete ${id}`),
      };
    });
    expect(loads).to.equal(0);
    expect(await provider.check!({}, { name: "Gold" })).to.deep.equal({ inputs: { name: "Gold" } });
    expect(await provider.create({ name: "Gold" })).to.deep.equal({ id: "7", outs: { name: "Gold" } });
    await Promise.all([provider.diff!("7", {}, {}), provider.read!("7", {}), provider.update!("7", {}, {}), provider.delete!("7", {})]);
    expect(loads).to.equal(1);
    expect(calls).to.deep.equal(['check [{},{"name":"Gold"}]', "create", "diff 7", "read 7", "update 7", "delete 7"]);
  });
});

describe("withoutPromiseTraces", () => {
  const saved = { limit: Error.stackTraceLimit, debug: process.env.PULUMI_DEBUG_PROMISE_LEAKS };
  afterEach(() => {
    Error.stackTraceLimit = saved.limit;
    if (saved.debug === undefined) delete process.env.PULUMI_DEBUG_PROMISE_LEAKS;
    else process.env.PULUMI_DEBUG_PROMISE_LEAKS = saved.debug;
  });

  it("captures no stack frames until restored, then as many as before", () => {
    Error.stackTraceLimit = 17;
    delete process.env.PULUMI_DEBUG_PROMISE_LEAKS;
    const restore = withoutPromiseTraces();
    expect(new Error().stack).to.equal("Error");
    restore();
    expect(Error.stackTraceLimit).to.equal(17);
    expect(new Error().stack).to.contain("\n    at ");
  });

  it("keeps the traces when PULUMI_DEBUG_PROMISE_LEAKS asks for them", () => {
    process.env.PULUMI_DEBUG_PROMISE_LEAKS = "1";
    const restore = withoutPromiseTraces();
    expect(new Error().stack).to.contain("\n    at ");
    restore();
  });
});
