// End-to-end: guardrails that hold, through the real engine with the package's policy pack against the sandbox. Each way
// around the pack a probe found is refused before any write, by `review --policy-pack` and by `pulumi up --policy-pack`:
// a fixed price of 0.01, a price list not allowed, a discount moved onto the default group, a protected group renamed
// while a decoy takes its name; and a protected group survives `pulumi destroy`, which runs no pack.

import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect } from "chai";
import { stringify } from "yaml";
import type { LoggedRequest, Sandbox } from "../../sandbox";
import { startSandbox } from "../../sandbox";
import {
  declare,
  type Declared,
  e2eProject,
  engineEnv,
  installProject,
  newStack,
  repoRoot,
  runBin,
  sandboxSettings,
  type TestStack,
  typescriptProject,
} from "./harness";

type Groups = Record<string, Record<string, unknown>>;

describe("e2e: guardrails that hold, through the Pulumi engine", function () {
  this.timeout(600_000);
  let sandbox: Sandbox;
  let test: TestStack;
  let dir: string;
  const packConfig = {
    "max-discount": { enforcementLevel: "mandatory", percent: 25, amount: 50, priceLists: [1], storeWidePercent: 10 },
    "protected-groups": { enforcementLevel: "mandatory", groups: [{ backend: "bigcommerce", name: "Wholesale" }] },
  };
  const merged: Groups = {
    wholesale: { name: "Wholesale", discountRules: [{ type: "all", method: "percent", amount: 5 }] },
    retail: { name: "Retail", isDefault: true, discountRules: [] },
    vip: { name: "VIP", discountRules: [{ type: "all", method: "percent", amount: 25 }] },
  };

  const writeGroups = (groups: Groups, file: object = {}) =>
    fs.writeFileSync(path.join(dir, "groups/bigcommerce.yaml"), stringify({ ...file, bigcommerce: groups }));
  const writes = async () => (await sandbox.requests()).filter((r: LoggedRequest) => r.method !== "GET" && r.path !== "/oauth/token");
  const pack = ["--policy-pack", "node_modules/pulumi-customer-groups/policy", "--policy-pack-config", "policy-config.json"];
  /** The Pulumi CLI as a user runs it: `pulumi up --yes` previews first, so a refused check stops the run before any step. */
  const pulumiIn = (cwd: string, stateDir: string, stack: string, args: string[]) =>
    new Promise<{ code: number; output: string }>((resolve) =>
      execFile(
        path.join(repoRoot, ".tools/bin/pulumi"),
        [...args, "--stack", stack, "--non-interactive"],
        { cwd, env: { ...process.env, ...engineEnv(stateDir) }, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, output: `${stdout}${stderr}` }),
      ),
    );
  const pulumi = (args: string[]) => pulumiIn(dir, test.stateDir, "guardrails", args);
  /** The review with the pack, as JSON, and `pulumi up` with the pack: both must refuse, and nothing is written. */
  const refused = async (expected: RegExp) => {
    const review = await runBin(dir, test.stateDir, ["review", "--stack", "guardrails", "--json", "--fail-on", "violation", ...pack]);
    expect(review.code, review.stderr).to.equal(3);
    const violations = (JSON.parse(review.stdout) as { violations: { level: string; message: string; existing?: boolean }[] }).violations;
    expect(violations.map((v) => v.message).join("\n")).to.match(expected);
    expect(violations.filter((v) => v.level === "mandatory" && !v.existing)).to.not.deep.equal([]);
    await sandbox.clearRequests();
    const up = await pulumi(["up", "--yes", ...pack]);
    expect(up.code, up.output).to.not.equal(0);
    expect(up.output).to.match(expected);
    expect(await writes()).to.deep.equal([]);
    return violations;
  };

  before(async () => {
    sandbox = await startSandbox();
    const files = typescriptProject("guardrails", "the policy pack's guardrails", {
      "index.ts": 'import * as cg from "pulumi-customer-groups";\ncg.fromConfig("groups");\n',
    });
    const manifest = JSON.parse(files["package.json"]!) as { dependencies: Record<string, string> };
    manifest.dependencies["@pulumi/policy"] = "1.21.0";
    dir = installProject({ files: { ...files, "package.json": JSON.stringify(manifest), "policy-config.json": JSON.stringify(packConfig) } });
    fs.mkdirSync(path.join(dir, "groups"));
    writeGroups(merged);
    test = await newStack("guardrails", sandboxSettings(sandbox, "bigcommerce"), dir);
    const up = await pulumi(["up", "--yes", ...pack]);
    expect(up.code, up.output).to.equal(0);
  });
  after(async () => {
    await test?.remove();
    await sandbox?.close();
  });

  it("a fixed price of 0.01 is refused under { percent: 25, amount: 50 } (a fixed price is the price, not an amount off)", async () => {
    writeGroups({ ...merged, vip: { name: "VIP", discountRules: [{ type: "category", categoryId: 7, method: "fixed", amount: 0.01 }] } });
    await refused(/'VIP' \(bigcommerce resource 'vip'\) discountRules\[0\] sets a fixed price of 0\.01, which percent and amount cannot bound/);
  });

  it("a price list outside priceLists is refused", async () => {
    writeGroups({ ...merged, vip: { name: "VIP", discountRules: [{ type: "price_list", priceListId: 7 }] } });
    await refused(/discountRules\[0\] takes its prices from price list 7, which is not an allowed price list \(1\)/);
  });

  it("the allowed 25 % moved onto the default group is refused under storeWidePercent: 10, naming whom it reaches", async () => {
    writeGroups({ ...merged, retail: { name: "Retail", isDefault: false, discountRules: [] }, vip: { ...merged.vip!, isDefault: true } });
    await refused(/'VIP' .* takes 25 % off on the store's default group, which every new customer joins, above the largest allowed there, 10 %/);
  });

  it("a protected group renamed while a decoy takes its name is refused, naming both", async () => {
    writeGroups({ ...merged, wholesale: { ...merged.wholesale!, name: "Wholesale Old" }, decoy: { name: "Wholesale" } });
    await refused(/resource 'wholesale', which holds it, renames it to 'Wholesale Old', while resource 'decoy' declares a group under its name/);
    const live = await sandbox.bigcommerce.groups();
    expect(live.map((g) => g.name).sort()).to.deep.equal(["Retail", "VIP", "Wholesale"]);
  });

  it("a group the data file protects survives pulumi destroy, which runs no pack; the others are deleted but the store's default group", async () => {
    writeGroups({ ...merged, wholesale: { ...merged.wholesale!, protect: true } });
    const up = await pulumi(["up", "--yes", ...pack]);
    expect(up.code, up.output).to.equal(0);
    await sandbox.clearRequests();
    const destroy = await pulumi(["destroy", "--yes"]);
    expect(destroy.code).to.not.equal(0);
    expect(destroy.output).to.match(/protected/);
    // Pulumi refuses the whole destroy of a protected resource before deleting anything it depends on; nothing is deleted.
    expect((await sandbox.bigcommerce.groups()).map((g) => g.name)).to.include("Wholesale");
    // Unprotected in the file, destroy goes ahead (what a deliberate removal takes).
    writeGroups({ ...merged, wholesale: { ...merged.wholesale!, protect: false } });
    expect((await pulumi(["up", "--yes", ...pack])).code).to.equal(0);
    const second = await pulumi(["destroy", "--yes", "--continue-on-error"]);
    // The store's default group is never deleted (docs/operations.md "Deleting groups"): destroy says so and keeps it.
    expect(second.code).to.not.equal(0);
    expect(second.output).to.match(/refusing to delete bigcommerce customer group \d+ \('Retail'\)[^\n]*it is the store's default group/);
    expect((await sandbox.bigcommerce.groups()).map((g) => g.name)).to.deep.equal(["Retail"]);
  });

  describe("commercetools custom fields checked against their type", () => {
    let ctSandbox: Sandbox;
    let ct: TestStack;
    const groups = (tierField: string, silverName: string): Declared => ({
      gold: { backend: "commercetools", args: { name: "Gold", key: "gold", custom: { type: { key: "group-fields" }, fields: { [tierField]: "2" } } } },
      silver: { backend: "commercetools", args: { name: silverName, key: "silver" } },
    });
    before(async () => {
      ctSandbox = await startSandbox();
      ct = await newStack("fields", sandboxSettings(ctSandbox, "commercetools"));
      await declare(ct.stack, groups("tier", "Silver"));
      await ct.stack.up();
    });
    after(async () => {
      await ct?.remove();
      await ctSandbox?.close();
    });

    it("a typo (teir) fails the preview and the review with the field's path and nothing written; the other groups stay as they are", async () => {
      await declare(ct.stack, groups("teir", "Silver Club"));
      await ctSandbox.clearRequests();
      const review = await runBin(e2eProject(), ct.stateDir, ["review", "--stack", "fields"]);
      expect(review.code).to.equal(1);
      expect(review.stderr).to.include("gold: pulumi-nodejs:dynamic/commercetools:CustomerGroup resource 'gold': property custom.fields.teir");
      expect(review.stderr).to.include("is not a field of the type 'group-fields' (its fields: tier, vip, discountPercent, tags). Did you mean 'tier'?");
      // Through the CLI, which previews first (the Automation API's up skips the preview, and the engine then starts the
      // steps of the groups whose check passed before the failing check has answered).
      const up = await pulumiIn(e2eProject(), ct.stateDir, "fields", ["up", "--yes"]);
      expect(up.code).to.not.equal(0);
      expect(up.output).to.include("custom.fields.teir");
      const writes = (await ctSandbox.requests()).filter((r) => r.method !== "GET" && r.path !== "/oauth/token");
      expect(writes).to.deep.equal([]);
      expect((await ctSandbox.commercetools.groups()).map((g) => [g.name, g.custom?.fields])).to.have.deep.members([
        ["Gold", { tier: "2" }],
        ["Silver", undefined],
      ]);
    });
  });
});
