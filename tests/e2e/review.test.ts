// End-to-end: `pulumi-customer-groups review` (the packaged bin) on a pull request's change to a stack of the three
// backends, through the real engine: the Markdown a reviewer reads (compared with a checked-in file, ids and versions
// masked), the requests it names, its warnings, its JSON against the shipped schema, and no secret anywhere.

import fs from "node:fs";
import path from "node:path";
import Ajv from "ajv";
import { expect } from "chai";
import { Sandbox, startSandbox } from "../../sandbox";
import { declare, Declared, e2eProject, newStack, repoRoot, runBin, TestStack } from "./harness";

const secrets = { ct: "review-ct-secret-55aa01", bc: "review-bc-token-77cc02", rc: "review-rc-key-99ee03" };

/** The report with what changes from run to run (ids, versions) masked. */
const masked = (text: string) =>
  text
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "<id>")
    .replace(/customer_groups\/\d+/g, "customer_groups/<id>")
    .replace(/"version":\d+/g, '"version":<version>')
    .replace(/version=\d+/g, "version=<version>")
    .replace(/\b[A-Za-z0-9]{20}\b/g, "<revcent-id>");

describe("e2e: review, a pull request's change explained, through the Pulumi engine", function () {
  this.timeout(300_000);
  let sandbox: Sandbox;
  let test: TestStack;

  /** The report (standard output); another exit than 0 rejects with the bin's exit code and standard error. */
  const review = async (...args: string[]): Promise<string> => {
    const stack = args.includes("--stack") ? [] : ["--stack", "review"];
    const run = await runBin(e2eProject(), test.stateDir, ["review", ...stack, ...args]);
    if (run.code !== 0) throw Object.assign(new Error(run.stderr), { code: run.code, stderr: run.stderr });
    return run.stdout;
  };

  before(async () => {
    sandbox = await startSandbox({ commercetools: { clientSecret: secrets.ct }, bigcommerce: { accessToken: secrets.bc }, revcent: { apiKey: secrets.rc } });
    await sandbox.revcent.seedGroups([{ name: "VIP" }, { name: "Regulars" }, { name: "Regulars EU" }] as never);
    await sandbox.bigcommerce.createGroup({ name: "B2B", discount_rules: [{ type: "all", method: "percent", amount: 1 }] } as never);
    const ct = sandbox.config.commercetools;
    test = await newStack("review", {
      "commercetools:projectKey": { value: ct.projectKey },
      "commercetools:clientId": { value: ct.clientId },
      "commercetools:clientSecret": { value: secrets.ct, secret: true },
      "commercetools:apiUrl": { value: sandbox.url },
      "commercetools:authUrl": { value: sandbox.url },
      "bigcommerce:storeHash": { value: sandbox.config.bigcommerce.storeHash },
      "bigcommerce:accessToken": { value: secrets.bc, secret: true },
      "bigcommerce:apiUrl": { value: sandbox.url },
      "revcent:apiKey": { value: secrets.rc, secret: true },
      "revcent:apiUrl": { value: sandbox.url },
    });
    const merged: Declared = {
      gold: { backend: "commercetools", args: { name: "Gold", key: "gold", custom: { type: { key: "group-fields" }, fields: { tier: "1", vip: true } } } },
      // Allowed to go with its customers, so that the pull request's delete is sent (a refused one: tests/e2e/deletes.test.ts).
      silver: { backend: "commercetools", args: { name: "Silver", key: "silver", deleteWithCustomers: true } },
      wholesale: {
        backend: "bigcommerce",
        args: {
          name: "Wholesale",
          categoryAccess: { type: "all" },
          discountRules: [
            { type: "all", method: "percent", amount: 2.5 },
            { type: "product", productId: 33, method: "percent", amount: 5 },
          ],
        },
      },
      vip: { backend: "revcent", args: { name: "VIP", enabled: true } },
      regulars: { backend: "revcent", args: { name: "Regulars" } },
    };
    await declare(test.stack, merged);
    await test.stack.up();
    // Customers of the groups the pull request deletes or reprices: 4 in Silver (commercetools), 7 in Wholesale.
    const silver = (await sandbox.commercetools.groups()).find((g) => g.name === "Silver")!;
    await sandbox.commercetools.seedCustomers(Array.from({ length: 4 }, (_, i) => ({ email: `s${i}@example.com`, customerGroup: { id: silver.id } })));
    const wholesaleId = (await sandbox.bigcommerce.groups()).find((g) => g.name === "Wholesale")!.id;
    await sandbox.bigcommerce.seedCustomers(Array.from({ length: 7 }, (_, i) => ({ email: `w${i}@example.com`, customer_group_id: wholesaleId })));
    // The pull request: one field of each backend, a delete, a replacement, an adoption that changes a live group.
    const proposed: Declared = {
      gold: { backend: "commercetools", args: { name: "Gold", key: "gold", custom: { type: { key: "group-fields" }, fields: { tier: "2", vip: true } } } },
      wholesale: {
        backend: "bigcommerce",
        args: {
          name: "Wholesale",
          categoryAccess: { type: "specific", categories: [7, 12] },
          discountRules: [
            { type: "all", method: "percent", amount: 2.5 },
            { type: "product", productId: 33, method: "percent", amount: 7.5 },
          ],
        },
      },
      b2b: { backend: "bigcommerce", args: { name: "B2B", adopt: true, discountRules: [{ type: "all", method: "percent", amount: 3 }] } },
      vip: { backend: "revcent", args: { name: "VIP", enabled: false } },
      regulars: { backend: "revcent", args: { name: "Regulars EU" } },
    };
    await declare(test.stack, proposed);
    await sandbox.clearRequests();
  });
  after(async () => {
    await test?.remove();
    await sandbox?.close();
  });

  it("explains every changed group as the checked-in report does, and writes nothing", async () => {
    const markdown = await review();
    const expectedFile = path.join(repoRoot, "tests/e2e/expected/review.md");
    if (process.env.PCG_UPDATE_EXPECTED === "1") fs.writeFileSync(expectedFile, masked(markdown));
    expect(masked(markdown)).to.equal(fs.readFileSync(expectedFile, "utf8"));
    expect((await sandbox.requests()).filter((r) => r.method !== "GET" && r.path !== "/oauth/token")).to.deep.equal([]);
  });

  it("names the BigCommerce overwrite, the delete, the replacement, the failing RevCent update and the adoption that changes a group", async () => {
    const markdown = await review();
    expect(markdown).to.include("The PUT replaces the group's 2 discount rules with the 2 rules declared");
    expect(markdown).to.include("#### `Wholesale` (id `2`, resource `wholesale`): update (store `sandbox`)");
    expect(markdown).to.include("- discount on product 33: 5 % off → 7.5 % off");
    expect(markdown).to.include("- catalogue access: all categories → categories 7, 12");
    expect(markdown).to.include("- custom field `tier`: `1` → `2`");
    expect(markdown).to.include("Deletes the group `Silver`");
    expect(markdown).to.include("Replaced because `name` changed");
    expect(markdown).to.include("`pulumi up` fails for this group until the group in RevCent holds the declared values");
    expect(markdown).to.include("Adoption changes the live group");
    for (const secret of Object.values(secrets)) expect(markdown).to.not.include(secret);
  });

  it("says how many customers each deleted or repriced group holds (reads only), and --no-counts leaves them out", async () => {
    const markdown = await review();
    expect(markdown).to.match(
      /#### `Silver` \(id `[^`]+`, resource `silver`\): delete[^#]*Customers in the group: \*\*4\*\* \(4 customers lose its prices and discounts\)\./,
    );
    expect(markdown).to.match(
      /#### `Wholesale` \(id `\d+`, resource `wholesale`\): update[^#]*Customers in the group: \*\*7\*\* \(7 customers are affected by this change\)\./,
    );
    // A RevCent replacement writes nothing (Pulumi stops watching one group, adopts another): nobody loses anything.
    expect(markdown).to.not.include("not counted");
    const report = JSON.parse(await review("--json")) as { groups: { name: string; customers?: number; notCounted?: string }[] };
    const byName = Object.fromEntries(report.groups.map((g) => [g.name, g]));
    expect(byName.silver!.customers).to.equal(4);
    expect(byName.wholesale!.customers).to.equal(7);
    expect(byName.gold).to.not.have.property("customers");
    await sandbox.clearRequests();
    const without = await review("--no-counts");
    // Never read as nobody: each group that would be counted says it was not.
    expect(without).to.include("Customers in the group: not counted (not read: the review ran with `--no-counts`).");
    expect(without).to.not.match(/Customers in the group: \*\*/);
    expect((await sandbox.requests()).filter((r) => r.path.includes("customers?") || r.path.endsWith("/customers"))).to.deep.equal([]);
    expect((await sandbox.requests()).filter((r) => r.method !== "GET" && r.path !== "/oauth/token")).to.deep.equal([]);
  });

  it("exits 64 for a stack that does not exist or an --out it cannot write, before any preview; nothing is written", async () => {
    const out = path.join(test.stateDir, "review.md");
    const refused = (...args: string[]) =>
      review(...args).then(
        () => undefined,
        (e: { code?: number; stderr?: string }) => e,
      );
    const noStack = await refused("--stack", "no-such-stack", "--out", out);
    expect(noStack?.code).to.equal(64);
    expect(noStack?.stderr).to.match(/^pulumi-customer-groups review: no stack named 'no-such-stack' found: give --stack an existing stack/m);
    expect(fs.existsSync(out)).to.equal(false);
    const noDir = await refused("--out", path.join(test.stateDir, "missing", "review.md"));
    expect(noDir?.code).to.equal(64);
    expect(noDir?.stderr).to.include(
      `--out '${path.join(test.stateDir, "missing", "review.md")}': the directory ${path.join(test.stateDir, "missing")} does not exist`,
    );
  });

  it("exits 1 when the preview fails, with the program's own diagnostics on stderr and in --out, never the command's dump", async () => {
    const declared = (await test.stack.getConfig("groups")).value;
    const groups = JSON.parse(declared) as Record<string, { backend: string; args: Record<string, unknown> }>;
    await test.stack.setConfig("groups", {
      value: JSON.stringify({
        ...groups,
        broken: { backend: "bigcommerce", args: { name: "Broken", discountRules: [{ type: "all", method: "percent", amount: 120 }] } },
      }),
    });
    try {
      const out = path.join(test.stateDir, "review.md");
      const failed = await review("--out", out).then(
        () => undefined,
        (e: { code?: number; stderr?: string }) => e,
      );
      expect(failed?.code).to.equal(1);
      expect(failed?.stderr).to.include("the preview of stack 'review' failed:");
      expect(failed?.stderr).to.include("broken: pulumi-nodejs:dynamic/bigcommerce:CustomerGroup resource 'broken': property discountRules[0].amount");
      expect(failed?.stderr).to.include('must be at most 100 when method is "percent"');
      expect(failed?.stderr).to.not.match(/--exec-kind|code: -2|stdout:/);
      expect(fs.readFileSync(out, "utf8")).to.match(
        /^### Customer groups: the preview failed\n\n```\nthe preview of stack 'review' failed:\n[\s\S]*must be at most 100/,
      );
    } finally {
      await test.stack.setConfig("groups", { value: declared });
    }
  });

  it("gates a merge: --fail-on delete exits 3 after writing the report when a group is deleted, 0 for a plan without one; an unknown action is 64", async () => {
    const out = path.join(test.stateDir, "gated.md");
    const run = await runBin(e2eProject(), test.stateDir, ["review", "--stack", "review", "--fail-on", "delete", "--out", out]);
    expect(run.code, run.stderr).to.equal(3);
    expect(run.stderr).to.equal("pulumi-customer-groups review: the plan deletes 1 group (--fail-on delete): exit 3\n");
    expect(fs.readFileSync(out, "utf8")).to.include("Deletes the group `Silver`");
    const both = await runBin(e2eProject(), test.stateDir, ["review", "--stack", "review", "--fail-on", "delete,replace"]);
    expect(both.code).to.equal(3);
    expect(both.stderr).to.equal("pulumi-customer-groups review: the plan deletes and replaces 2 groups (--fail-on delete,replace): exit 3\n");
    const typo = await runBin(e2eProject(), test.stateDir, ["review", "--stack", "review", "--fail-on", "delet"]);
    expect(typo.code).to.equal(64);
    expect(typo.stderr).to.include("--fail-on 'delet' is not one of delete, replace, violation, existing. Did you mean 'delete'?");

    // The same gate on a pull request that deletes nothing: the silver group kept, the regulars group named as before.
    const declared = (await test.stack.getConfig("groups")).value;
    const groups = JSON.parse(declared) as Record<string, { backend: string; args: Record<string, unknown> }>;
    await test.stack.setConfig("groups", {
      value: JSON.stringify({
        ...groups,
        silver: { backend: "commercetools", args: { name: "Silver", key: "silver" } },
        regulars: { backend: "revcent", args: { name: "Regulars" } },
      }),
    });
    try {
      const kept = await runBin(e2eProject(), test.stateDir, ["review", "--stack", "review", "--fail-on", "delete,replace"]);
      expect(kept.code, kept.stderr).to.equal(0);
      expect(kept.stdout).to.not.include("Deletes the group");
    } finally {
      await test.stack.setConfig("groups", { value: declared });
    }
  });

  it("prints the same review as JSON that the shipped schema describes", async () => {
    const report = JSON.parse(await review("--json"));
    const schema = JSON.parse(fs.readFileSync(path.join(repoRoot, "schema/review.schema.json"), "utf8"));
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    expect(validate(report), JSON.stringify(validate.errors)).to.equal(true);
    expect(report.summary).to.deep.equal({ create: 0, adopt: 1, update: 3, replace: 1, delete: 1, unchanged: 0 });
    const gold = report.groups.find((g: { name: string }) => g.name === "gold");
    expect(gold.requests).to.have.length(1);
    expect(gold.requests[0].body.actions).to.deep.equal([{ action: "setCustomField", name: "tier", value: "2" }]);
  });
});
