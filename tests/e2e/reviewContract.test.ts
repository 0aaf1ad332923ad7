// End-to-end: the review is the contract, through the real engine against the sandbox. The GitOps example's review
// command (from its workflow) describes exactly what its apply command (from its workflow) then sends, refresh and
// policy pack included; a violation already in the store before a change is told apart; a group moved between two
// stores is reviewed as leaving one and arriving in the other, and moves so; a hostile pull request (values that are
// Markdown, HTML and invisible characters, in a data file and in the store) renders with GitHub's parser as the same
// report, its delete in plain view; a value declared that the store already holds changes nothing.

import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect } from "chai";
import cmark from "cmark-gfm";
import { parse, stringify } from "yaml";
import { seedPlan, seedSandbox } from "../../cli/sandbox";
import { type LoggedRequest, type Sandbox, startSandbox } from "../../sandbox";
import { declare, type Declared, e2eProject, engineEnv, installProject, newStack, repoRoot, runBin, sandboxSettings, type TestStack } from "./harness";

/** A review's JSON as this test reads it. */
interface Reviewed {
  command: string;
  refreshed: boolean;
  summary: Record<string, number>;
  groups: {
    name: string;
    action: string;
    group: { name?: string; id?: string };
    from?: { connection?: string; scope?: { kind: string; id: string } };
    to?: { connection?: string; scope?: { kind: string; id: string } };
    customers?: number;
    notCounted?: string;
    fields: { field: string; text: string }[];
    requests: { method: string; path: string; body?: unknown }[];
    warnings: string[];
  }[];
  notes: { name: string; fields: { field: string; text: string }[] }[];
  violations?: { policy: string; level: string; urn?: string; existing?: boolean }[];
}

/** A request as the review lists it: method, path with its query, body. */
const asListed = (r: LoggedRequest) => {
  const query = new URLSearchParams(
    Object.entries(r.query).flatMap(([k, v]): [string, string][] => (Array.isArray(v) ? v.map((x): [string, string] => [k, x]) : [[k, v]])),
  ).toString();
  return { method: r.method, path: `${r.path}${query ? `?${query}` : ""}`, ...(r.body !== null && r.body !== undefined ? { body: r.body } : {}) };
};
const sorted = <T>(items: T[]) => [...items].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
const writesOf = (requests: LoggedRequest[]) => requests.filter((r) => r.method !== "GET" && r.path !== "/oauth/token").map(asListed);

/** The words of the first `run:` line of a workflow that starts `program` (after `npx`), as a shell splits them (no quotes there). */
function workflowCommand(dir: string, workflow: string, program: string): string[] {
  const parsed = parse(fs.readFileSync(path.join(dir, ".github/workflows", workflow), "utf8")) as { jobs: Record<string, { steps: { run?: string }[] }> };
  const line = Object.values(parsed.jobs)
    .flatMap((j) => j.steps.map((s) => s.run ?? ""))
    .flatMap((run) => run.split("\n"))
    .find((l) => l.trim().replace(/^npx /, "").startsWith(`${program} `))!;
  return line.trim().replace(/^npx /, "").split(/\s+/);
}

/** The pinned CLI with the stack's state, in a project directory, as CI runs `pulumi`. */
function pulumi(dir: string, stateDir: string, args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) =>
    execFile(
      path.join(repoRoot, ".tools/bin/pulumi"),
      [...args, "--non-interactive"],
      { cwd: dir, env: { ...process.env, ...engineEnv(stateDir) }, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, output: `${stdout}${stderr}` }),
    ),
  );
}

/** GitHub's parser, as in the unit tests of the rendering. */
const render = (markdown: string) =>
  cmark.renderHtmlSync(markdown, { unsafe: true, extensions: { table: true, strikethrough: true, autolink: true, tagfilter: true, tasklist: true } });
const textOf = (html: string) =>
  html
    .replace(/<[^>]*>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");

describe("e2e: the review is the contract, through the Pulumi engine", function () {
  this.timeout(900_000);

  describe("the GitOps example: review, then apply, with the workflows' own commands", () => {
    let sandbox: Sandbox;
    let test: TestStack;
    let dir: string;
    let base: Record<string, Record<string, Record<string, unknown>>>;
    const groupsFile = () => path.join(dir, "groups.yaml");
    const writeGroups = (groups: object) => fs.writeFileSync(groupsFile(), stringify(groups));

    before(async () => {
      sandbox = await startSandbox();
      dir = installProject({ example: "gitops" });
      base = parse(fs.readFileSync(groupsFile(), "utf8")) as typeof base;
      await seedSandbox(sandbox, seedPlan(groupsFile(), [sandbox.config.commercetools.projectKey], [sandbox.config.bigcommerce.storeHash]));
      test = await newStack(
        "prod",
        { ...sandboxSettings(sandbox, "commercetools"), ...sandboxSettings(sandbox, "bigcommerce"), ...sandboxSettings(sandbox, "revcent") },
        dir,
      );
      // The base branch, taken over with no write.
      await test.stack.up();
      expect(writesOf(await sandbox.requests())).to.deep.equal([]);
    });
    after(async () => {
      await test?.remove();
      await sandbox?.close();
    });

    it("the apply sends exactly the writes the review listed, edits in the store undone as the review said, the command named in the report", async () => {
      // The pull request: a custom field, a discount, a new group, a deleted group. Meanwhile, someone renames a group in the Merchant Center.
      const pr = structuredClone(base);
      (pr.commercetools!.gold!.custom as { fields: Record<string, unknown> }).fields.tier = "2";
      pr.bigcommerce!.wholesale!.discountRules = [
        { type: "all", method: "percent", amount: 3 },
        { type: "product", productId: 33, method: "percent", amount: 5 },
      ];
      delete pr.bigcommerce!.students;
      pr.bigcommerce!.trade = { name: "Trade", discountRules: [{ type: "all", method: "percent", amount: 4 }] };
      writeGroups(pr);
      const silver = (await sandbox.commercetools.groups()).find((g) => g.key === "silver")!;
      await sandbox.commercetools.editGroup(silver.id, { name: "Silver (edited in the Merchant Center)" });

      const review = workflowCommand(dir, "review.yml", "pulumi-customer-groups").slice(1);
      expect(review).to.include("--refresh").and.include("--policy-pack");
      const markdownRun = await runBin(dir, test.stateDir, review);
      expect(markdownRun.code, markdownRun.stderr).to.equal(0);
      const markdown = fs.readFileSync(path.join(dir, "review.md"), "utf8");
      const jsonRun = await runBin(dir, test.stateDir, [...review.filter((w, i) => w !== "--out" && review[i - 1] !== "--out"), "--json"]);
      expect(jsonRun.code, jsonRun.stderr).to.equal(0);
      const reviewed = JSON.parse(jsonRun.stdout) as Reviewed;

      const apply = workflowCommand(dir, "apply.yml", "pulumi");
      // The report names the command the apply runs.
      expect(reviewed.command).to.equal(apply.filter((w) => w !== "--yes").join(" "));
      expect(markdown).to.include(`What \`${reviewed.command}\` will do:`);
      expect(reviewed.violations).to.deep.equal([]);
      expect(reviewed.groups.find((g) => g.name === "silver")!.fields.map((f) => `${f.field}: ${f.text}`)).to.deep.equal([
        "name: 'Silver (edited in the Merchant Center)' → 'Silver' (undoes an edit made in the store)",
      ]);

      await sandbox.clearRequests();
      const applied = await pulumi(dir, test.stateDir, apply.slice(1));
      expect(applied.code, applied.output).to.equal(0);
      const sent = writesOf(await sandbox.requests());
      const listed = reviewed.groups.flatMap((g) => g.requests.filter((r) => r.method !== "GET"));
      expect(sorted(sent)).to.deep.equal(sorted(listed));
      expect(sent.map((r) => `${r.method} ${r.path.replace(/[0-9a-f-]{36}|\/\d+(?=\?|$)/g, "<id>")}`).sort()).to.deep.equal([
        "DELETE /stores/sandbox/v2/customer_groups<id>",
        "POST /demo-project/customer-groups/<id>",
        "POST /demo-project/customer-groups/<id>",
        "POST /stores/sandbox/v2/customer_groups",
        "PUT /stores/sandbox/v2/customer_groups<id>",
      ]);
      // The store holds what the review said.
      const ct = await sandbox.commercetools.groups();
      expect(ct.find((g) => g.key === "silver")!.name).to.equal("Silver");
      expect(ct.find((g) => g.key === "gold")!.custom!.fields).to.deep.include({ tier: "2" });
      expect((await sandbox.bigcommerce.groups()).map((g) => g.name).sort()).to.deep.equal(["Trade", "Wholesale"]);
      base = pr;
    });

    it("a violation already in the store before the change is marked so, and gates the merge only with --fail-on existing", async () => {
      // Students at 30%, applied before the pack ran (a plain `pulumi up`); then a pull request that only adds a group.
      const before = structuredClone(base);
      before.bigcommerce!.students = { name: "Students", discountRules: [{ type: "category", categoryId: 7, method: "percent", amount: 30 }] };
      writeGroups(before);
      await test.stack.up();
      const pr = structuredClone(before);
      pr.bigcommerce!.outlet = { name: "Outlet", discountRules: [{ type: "all", method: "percent", amount: 10 }] };
      writeGroups(pr);

      const review = workflowCommand(dir, "review.yml", "pulumi-customer-groups").slice(1);
      const gated = await runBin(dir, test.stateDir, review);
      expect(gated.code, gated.stderr).to.equal(0);
      const markdown = fs.readFileSync(path.join(dir, "review.md"), "utf8");
      expect(markdown).to.include(
        "this change brings no violation; 1 mandatory violation already in the store before it makes the command above refuse every change",
      );
      expect(markdown).to.match(/- \[mandatory\] `max-discount` `students`: `.*30 % off.*` \(already in the store before this change\)/);
      expect(markdown).to.not.include("refuses this merge");
      const existing = await runBin(dir, test.stateDir, [...review.map((w) => (w === "violation" ? "violation,existing" : w))]);
      expect(existing.code, existing.stderr).to.equal(3);
      expect(existing.stderr).to.include("1 policy violation already in the store (--fail-on violation,existing): exit 3");
      // And the apply with the pack does refuse, as the report says.
      const applied = await pulumi(dir, test.stateDir, workflowCommand(dir, "apply.yml", "pulumi").slice(1));
      expect(applied.code).to.not.equal(0);
      expect(applied.output).to.include("max-discount");
    });
  });

  describe("a group moved to another store", () => {
    let sandbox: Sandbox;
    let test: TestStack;
    const storeB = "store-b";

    before(async () => {
      sandbox = await startSandbox({ stores: [{ storeHash: storeB }] });
      const connection = (name: string, storeHash: string) => ({
        [`bigcommerce:connections.${name}.storeHash`]: { value: storeHash },
        [`bigcommerce:connections.${name}.accessToken`]: { value: sandbox.config.bigcommerce.accessToken, secret: true },
        [`bigcommerce:connections.${name}.apiUrl`]: { value: sandbox.url },
      });
      test = await newStack("move", {});
      // Connections are structured config (`pulumi config set --path`).
      await test.stack.setAllConfig({ ...connection("a", sandbox.config.bigcommerce.storeHash), ...connection("b", storeB) }, true);
    });
    after(async () => {
      await test?.remove();
      await sandbox?.close();
    });

    it("is reviewed as leaving store a (its customers counted) and arriving in store b, and up does exactly that", async () => {
      const staff = (connection: string, more: object = {}): Declared => ({
        staff: { backend: "bigcommerce", args: { name: "Staff", connection, discountRules: [{ type: "all", method: "percent", amount: 10 }], ...more } },
      });
      await declare(test.stack, staff("a"));
      await test.stack.up();
      const [created] = await sandbox.bigcommerce.groups();
      await sandbox.bigcommerce.seedCustomers([1, 2, 3].map((i) => ({ email: `staff${i}@example.com`, customer_group_id: created!.id })));
      // Moved as is, its 3 customers would lose it: the review says that up refuses, and up sends nothing.
      await declare(test.stack, staff("b"));
      await sandbox.clearRequests();
      const refusedRun = JSON.parse((await runBin(e2eProject(), test.stateDir, ["review", "--stack", "move", "--json"])).stdout) as Reviewed;
      expect(refusedRun.groups[0]).to.deep.include({ customers: 3, requests: [] });
      expect((refusedRun.groups[0] as { refused?: string }).refused).to.match(/^it holds 3 customers/);
      expect(String(await test.stack.up().catch((e: Error) => e.message))).to.include("it holds 3 customers");
      expect(writesOf(await sandbox.requests())).to.deep.equal([]);
      // The same change, saying that the group goes with its customers: reviewed and moved.
      await declare(test.stack, staff("b", { deleteWithCustomers: true }));
      await sandbox.clearRequests();

      const run = await runBin(e2eProject(), test.stateDir, ["review", "--stack", "move", "--json"]);
      expect(run.code, run.stderr).to.equal(0);
      const [moved] = (JSON.parse(run.stdout) as Reviewed).groups;
      expect(moved).to.deep.include({
        action: "replace",
        group: { name: "Staff", id: String(created!.id) },
        from: { connection: "a", scope: { kind: "store", id: "sandbox" } },
        to: { connection: "b", scope: { kind: "store", id: storeB } },
        customers: 3,
      });
      // BigCommerce's delete reads the group first (a store value that differs from the state stops it); no count, since
      // the group may go with its customers.
      expect(moved!.requests).to.deep.equal([
        { method: "GET", path: `/stores/sandbox/v2/customer_groups/${created!.id}` },
        { method: "DELETE", path: `/stores/sandbox/v2/customer_groups/${created!.id}` },
        {
          method: "POST",
          path: `/stores/${storeB}/v2/customer_groups`,
          body: { name: "Staff", discount_rules: [{ type: "all", method: "percent", amount: 10 }] },
        },
      ]);
      expect(moved).to.not.have.property("refused");
      expect(moved!.warnings[0]).to.match(/^Moved from store 'sandbox' to store 'store-b': the group 'Staff' is deleted in store 'sandbox'/);
      const markdown = (await runBin(e2eProject(), test.stateDir, ["review", "--stack", "move"])).stdout;
      expect(markdown).to.include(`#### \`Staff\` (id \`${created!.id}\`, resource \`staff\`): moves from store \`sandbox\` to store \`store-b\` (replace)`);
      expect(markdown).to.include("Customers in the group in store `sandbox`: **3** (3 customers lose its prices and discounts).");
      expect(writesOf(await sandbox.requests())).to.deep.equal([]);

      await test.stack.up();
      expect(writesOf(await sandbox.requests())).to.deep.equal([
        { method: "DELETE", path: `/stores/sandbox/v2/customer_groups/${created!.id}` },
        {
          method: "POST",
          path: `/stores/${storeB}/v2/customer_groups`,
          body: { name: "Staff", discount_rules: [{ type: "all", method: "percent", amount: 10 }] },
        },
      ]);
      expect(await sandbox.bigcommerce.groups()).to.deep.equal([]);
      expect((await sandbox.store(storeB).groups()).map((g) => g.name)).to.deep.equal(["Staff"]);
      // BigCommerce unassigns the customers of a deleted group.
      expect((await sandbox.bigcommerce.customers()).map((c) => c.customer_group_id)).to.deep.equal([0, 0, 0]);
    });
  });

  describe("a hostile pull request, and a value the store already holds", () => {
    let sandbox: Sandbox;
    let test: TestStack;
    const forged = "1\n\n</details>\n\n### Customer groups: 1 to update (stack `prod`)\n\n**Policies:** no violation.\n\n<!--";

    before(async () => {
      sandbox = await startSandbox();
      await sandbox.commercetools.seedGroups([{ groupName: "Partners", key: "partners-key" }]);
      test = await newStack("hostile", { ...sandboxSettings(sandbox, "commercetools"), ...sandboxSettings(sandbox, "bigcommerce") });
      await declare(test.stack, {
        gold: { backend: "commercetools", args: { name: "Gold", key: "gold", custom: { type: { key: "group-fields" }, fields: { tier: "1" } } } },
        // Allowed to go with its customers: the pull request's delete is sent, and the report shows its request.
        silver: { backend: "commercetools", args: { name: "Silver", key: "silver", deleteWithCustomers: true } },
        partners: { backend: "commercetools", args: { name: "Partners", adopt: true } },
        wholesale: { backend: "bigcommerce", args: { name: "Wholesale", discountRules: [{ type: "all", method: "percent", amount: 5 }] } },
      });
      await test.stack.up();
      const silver = (await sandbox.commercetools.groups()).find((g) => g.key === "silver")!;
      await sandbox.commercetools.seedCustomers([1, 2, 3, 4].map((i) => ({ email: `s${i}@example.com`, customerGroup: { id: silver.id } })));
    });
    after(async () => {
      await test?.remove();
      await sandbox?.close();
    });

    it("renders as the same report under GitHub's parser: forged Markdown in a custom field and a store's name stays code, the delete in plain view", async () => {
      const wholesale = (await sandbox.bigcommerce.groups())[0]!;
      await sandbox.bigcommerce.editGroup(wholesale.id, { name: "W | x </details> <!-- @octocat \u202Eesrever" });
      await declare(test.stack, {
        gold: { backend: "commercetools", args: { name: "Gold", key: "gold", custom: { type: { key: "group-fields" }, fields: { tier: forged } } } },
        partners: { backend: "commercetools", args: { name: "Partners", adopt: true } },
        wholesale: { backend: "bigcommerce", args: { name: "Wholesale", discountRules: [{ type: "all", method: "percent", amount: 6 }] } },
      });
      const run = await runBin(e2eProject(), test.stateDir, ["review", "--stack", "hostile", "--refresh"]);
      expect(run.code, run.stderr).to.equal(0);
      const html = render(run.stdout);
      expect(html).to.not.include("<!--");
      expect(html.match(/<h3>/g)).to.have.length(1);
      expect(html.match(/<h4>/g)).to.have.length(3);
      expect(/<tbody>([\s\S]*?)<\/tbody>/.exec(html)![1]!.match(/<tr>/g)).to.have.length(3);
      expect(html.match(/<details open>/g)).to.have.length(2);
      const text = textOf(html);
      expect(text).to.include("Warning: Deletes the group Silver: its customers lose its prices and discounts.");
      expect(text).to.include("Customers in the group: 4 (4 customers lose its prices and discounts).");
      expect(text).to.match(/DELETE \/demo-project\/customer-groups\/[0-9a-f-]{36}\?version=\d+/);
      expect(text).to.include("custom field tier: 1 → 1\\n\\n</details>\\n\\n### Customer groups");
      expect(text).to.include("W | x </details> <!-- @octocat \\u202Eesrever");
      // The hostile name reaches the report's text only inside code.
      expect(html.replace(/<pre[^>]*>[\s\S]*?<\/pre>/g, "").replace(/<code>[\s\S]*?<\/code>/g, "")).to.not.match(/octocat|&lt;!--|\u202E/);
      fs.writeFileSync(path.join(test.stateDir, "hostile-review.md"), run.stdout);
    });

    it("drift of the store's hostile name is one line", async () => {
      const run = await runBin(e2eProject(), test.stateDir, ["drift", "--stack", "hostile"]);
      expect(run.code, run.stderr).to.equal(2);
      const lines = run.stdout.split("\n");
      expect(lines).to.include("  name: live 'W | x </details> <!-- @octocat \\u202Eesrever', declared 'Wholesale'");
      expect(run.stdout).to.not.match(/\u202E/);
    });

    it("declaring a key the store already holds is no change in pulumi preview, and the review notes it as now managed", async () => {
      // Back to the merged program, the store's edits undone.
      await declare(test.stack, {
        gold: { backend: "commercetools", args: { name: "Gold", key: "gold", custom: { type: { key: "group-fields" }, fields: { tier: "1" } } } },
        silver: { backend: "commercetools", args: { name: "Silver", key: "silver", deleteWithCustomers: true } },
        partners: { backend: "commercetools", args: { name: "Partners", adopt: true } },
        wholesale: { backend: "bigcommerce", args: { name: "Wholesale", discountRules: [{ type: "all", method: "percent", amount: 5 }] } },
      });
      await test.stack.up({ refresh: true });
      await declare(test.stack, {
        gold: { backend: "commercetools", args: { name: "Gold", key: "gold", custom: { type: { key: "group-fields" }, fields: { tier: "1" } } } },
        silver: { backend: "commercetools", args: { name: "Silver", key: "silver", deleteWithCustomers: true } },
        partners: { backend: "commercetools", args: { name: "Partners", adopt: true, key: "partners-key" } },
        wholesale: { backend: "bigcommerce", args: { name: "Wholesale", discountRules: [{ type: "all", method: "percent", amount: 5 }] } },
      });
      const preview = await test.stack.preview();
      expect(preview.changeSummary).to.deep.equal({ same: 5 });
      const run = await runBin(e2eProject(), test.stateDir, ["review", "--stack", "hostile", "--json"]);
      const reviewed = JSON.parse(run.stdout) as Reviewed;
      expect(reviewed.groups).to.deep.equal([]);
      expect(reviewed.notes.map((n) => [n.name, n.fields.map((f) => `${f.field}: ${f.text}`)])).to.deep.equal([
        ["partners", ["key: now managed (already 'partners-key')"]],
      ]);
      await sandbox.clearRequests();
      await test.stack.up();
      expect(writesOf(await sandbox.requests())).to.deep.equal([]);
      // Applied: the next review has nothing to say, with or without a refresh.
      for (const args of [[], ["--refresh"]]) {
        const again = JSON.parse((await runBin(e2eProject(), test.stateDir, ["review", "--stack", "hostile", "--json", ...args])).stdout) as Reviewed;
        expect(again.notes, args.join(" ")).to.deep.equal([]);
      }
    });
  });
});
