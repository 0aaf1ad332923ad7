// End-to-end: the GitOps loop loses nothing, through the real engine against the sandbox. A config repo's data file is
// edited as a merchandiser does (rename an entry with and without previousName, drop a discount, two default groups), the
// packaged bin reviews it, `pulumi up` applies it; each test asserts the requests sent and what the store holds after.

import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { expect } from "chai";
import { Stack } from "@pulumi/pulumi/automation";
import { stringify } from "yaml";
import { LoggedRequest, Sandbox, startSandbox } from "../../sandbox";
import type { ReviewReport } from "../../cli/review";
import { declare, e2eProject, engineEnv, installProject, newStack, repoRoot, runBin, sandboxSettings, TestStack, typescriptProject } from "./harness";

const program = `import * as cg from "pulumi-customer-groups";
cg.fromConfig("groups");
`;

type Groups = Record<string, Record<string, unknown>>;

describe("e2e: the GitOps loop loses nothing, through the Pulumi engine", function () {
  this.timeout(600_000);
  let sandbox: Sandbox;
  let test: TestStack;
  let stack: Stack;
  let dir: string;
  const ids: Record<string, number> = {};

  const writes = async (): Promise<string[]> =>
    (await sandbox.requests()).filter((r: LoggedRequest) => r.method !== "GET" && r.path !== "/oauth/token").map((r) => `${r.method} ${r.path}`);
  const live = async () => (await sandbox.bigcommerce.groups()) as { id: number; name: string; discount_rules: unknown[] }[];
  /** Writes the data file a pull request leaves behind. */
  const file = (groups: Groups) => fs.writeFileSync(path.join(dir, "groups/bigcommerce.yaml"), stringify({ bigcommerce: groups }));
  const review = async (...args: string[]): Promise<ReviewReport> => {
    const run = await runBin(dir, test.stateDir, ["review", "--stack", "loop", "--json", ...args]);
    if (run.code !== 0) throw new Error(`review exited ${run.code}: ${run.stderr}`);
    return JSON.parse(run.stdout) as ReviewReport;
  };
  const upFails = async (): Promise<string> => {
    const output: string[] = [];
    const error = await stack.up({ onOutput: (o) => output.push(o) }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error, "pulumi up should fail").to.be.instanceOf(Error);
    return output.join("");
  };

  const adopted: Groups = {
    "trade-accounts": { name: "Trade Accounts", adopt: true, discountRules: [{ type: "all", method: "percent", amount: 15 }] },
    "clearance-only": { name: "Clearance Only", adopt: true, discountRules: [{ type: "all", method: "percent", amount: 30 }] },
    retail: { name: "Retail", adopt: true },
  };

  before(async () => {
    sandbox = await startSandbox();
    await sandbox.bigcommerce.seedGroups({
      groups: [
        { name: "Trade Accounts", discount_rules: [{ type: "all", method: "percent", amount: 15 }] },
        { name: "Clearance Only", discount_rules: [{ type: "all", method: "percent", amount: 30 }] },
        { name: "Retail" },
      ],
    } as never);
    for (const g of await live()) ids[g.name] = g.id;
    dir = installProject({ files: typescriptProject("e2e-gitops", "the GitOps loop", { "index.ts": program }) });
    fs.mkdirSync(path.join(dir, "groups"));
    test = await newStack("loop", sandboxSettings(sandbox, "bigcommerce"), dir);
    stack = test.stack;
    file(adopted);
    await stack.up();
    await sandbox.clearRequests();
  });
  after(async () => {
    await test?.remove();
    await sandbox?.close();
  });

  it("an entry renamed with previousName moves its group to the new name with no request", async () => {
    const { retail, ...rest } = adopted;
    file({ ...rest, "retail-customers": { ...retail, previousName: "retail" } });
    const report = await review();
    expect(report.groups.map((g) => `${g.name}: ${g.action}`)).to.deep.equal([]);
    const up = await stack.up();
    expect(up.summary.resourceChanges).to.deep.equal({ same: 4 });
    expect(await writes()).to.deep.equal([]);
    const urns = (await stack.exportStack()).deployment.resources.map((r: { urn: string }) => r.urn.split("::").pop());
    expect(urns).to.include("retail-customers").and.not.include("retail");
    expect((await live()).filter((g) => g.name === "Retail")).to.have.length(1);
    adopted["retail-customers"] = retail!;
    delete adopted.retail;
  });

  it("an entry renamed without previousName: review warns naming both, up refuses the delete, and the group stays, once", async () => {
    const { "trade-accounts": trade, ...rest } = adopted;
    file({ ...rest, trade: trade! });
    const report = await review();
    const deleted = report.groups.find((g) => g.name === "trade-accounts")!;
    expect(deleted.action).to.equal("delete");
    expect(deleted.requests).to.deep.equal([]);
    expect(deleted.warnings).to.have.length(1);
    expect(deleted.warnings[0]).to.match(/^`trade` takes over this group in the same run, so this looks like a rename of `trade-accounts` to `trade`/);
    expect(deleted.warnings[0]).to.include("`previousName: trade-accounts`");

    const output = await upFails();
    expect(output).to.include(
      `refusing to delete bigcommerce customer group ${ids["Trade Accounts"]} ('Trade Accounts'): resource 'trade' adopts it in this run`,
    );
    expect(await writes()).to.deep.equal([]);
    expect((await live()).filter((g) => g.name === "Trade Accounts").map((g) => g.id)).to.deep.equal([ids["Trade Accounts"]]);

    // Both names are now in the state: review and up say to drop the old one from the state only, with its URN.
    const urn = (await stack.exportStack()).deployment.resources.map((r: { urn: string }) => r.urn).find((u: string) => u.endsWith("::trade-accounts"))!;
    const again = (await review()).groups.find((g) => g.name === "trade-accounts")!;
    expect(again.warnings).to.deep.equal([
      "`trade` already holds this group (an earlier run adopted it under that name), so `pulumi up` refuses to delete it and fails; " +
        `the group stays. Remove \`trade-accounts\` from the state without touching the store: \`pulumi state delete '${urn}'\`.`,
    ]);
    expect(await upFails()).to.include("resource 'trade' holds it (an earlier run adopted it under that name)");
    expect(await writes()).to.deep.equal([]);
    execFileSync(path.join(repoRoot, ".tools/bin/pulumi"), ["state", "delete", urn, "--yes", "--stack", "loop"], {
      cwd: dir,
      env: { ...process.env, ...engineEnv(test.stateDir) },
      stdio: "pipe",
    });
    const up = await stack.up();
    expect(up.summary.resourceChanges).to.deep.equal({ same: 4 });
    expect(await writes()).to.deep.equal([]);
    expect((await live()).filter((g) => g.name === "Trade Accounts")).to.have.length(1);
    adopted.trade = trade!;
    delete adopted["trade-accounts"];
  });

  it("a discount dropped from the file: review says it is no longer managed, up sends nothing, the store keeps it", async () => {
    const { discountRules: _, ...clearance } = adopted["clearance-only"]!;
    file({ ...adopted, "clearance-only": clearance });
    const report = await review();
    expect(report.summary.update).to.equal(1);
    const group = report.groups.find((g) => g.name === "clearance-only")!;
    expect(group.group).to.deep.equal({ name: "Clearance Only", id: String(ids["Clearance Only"]) });
    expect(group.fields).to.deep.equal([
      { field: "discount on the whole store", before: { type: "all", method: "percent", amount: 30 }, text: "no longer managed; the store keeps 30 % off" },
    ]);
    expect(group.requests).to.deep.equal([]);
    const up = await stack.up();
    expect(up.summary.resourceChanges).to.deep.equal({ same: 3, update: 1 });
    expect(await writes()).to.deep.equal([]);
    expect((await sandbox.bigcommerce.getGroup(ids["Clearance Only"]!)) as { discount_rules: unknown[] }).to.deep.include({
      discount_rules: [{ type: "all", method: "percent", amount: "30.0000" }],
    });
    // The state follows the file: the next review shows nothing.
    expect((await review()).groups).to.deep.equal([]);
    adopted["clearance-only"] = clearance;
  });

  it("review --refresh counts each group once, names a change that undoes a store edit, and a group deleted in the store", async () => {
    await sandbox.bigcommerce.editGroup(ids["Trade Accounts"]!, { discount_rules: [{ type: "all", method: "percent", amount: 9 }] });
    await sandbox.bigcommerce.deleteGroup(ids["Retail"]!);
    const { adopt: _, ...retail } = adopted["retail-customers"]!;
    file({ ...adopted, "retail-customers": retail });
    await sandbox.clearRequests();
    const report = await review("--refresh");
    expect(report.summary).to.deep.equal({ create: 1, adopt: 0, update: 1, replace: 0, delete: 0, unchanged: 1 });
    const trade = report.groups.find((g) => g.name === "trade")!;
    expect(trade.fields.map((f) => `${f.field}: ${f.text}`)).to.deep.equal([
      "discount on the whole store: 9 % off → 15 % off (undoes an edit made in the store)",
    ]);
    const recreated = report.groups.find((g) => g.name === "retail-customers")!;
    expect(recreated.action).to.equal("create");
    expect(recreated.warnings).to.deep.equal([
      `Deleted in the store since the last \`pulumi up\` (it was 'Retail', id ${ids["Retail"]}); this run creates it again.`,
    ]);
    expect(await writes()).to.deep.equal([]);
  });

  it("two default groups in one store: the data files are refused before any request, naming both", async () => {
    file({ ...adopted, trade: { ...adopted.trade, isDefault: true }, "clearance-only": { ...adopted["clearance-only"], isDefault: true } });
    await sandbox.clearRequests();
    const output = await upFails();
    expect(output).to.match(
      /groups\/bigcommerce\.yaml:\d+:\d+ bigcommerce\.trade\.isDefault: bigcommerce\.clearance-only \(.*\) and bigcommerce\.trade both set isDefault: true/,
    );
    expect(await sandbox.requests()).to.deep.equal([]);
  });

  it("two default groups in a TypeScript program: the program fails before any request, naming both", async () => {
    const ts = await newStack("defaults", sandboxSettings(sandbox, "bigcommerce"), e2eProject());
    try {
      await declare(ts.stack, {
        retail: { backend: "bigcommerce", args: { name: "Retail", isDefault: true } },
        wholesale: { backend: "bigcommerce", args: { name: "Wholesale", isDefault: true } },
      });
      await sandbox.clearRequests();
      const error = await ts.stack.up().then(
        () => undefined,
        (e: Error) => e,
      );
      expect(error?.message).to.include(
        "bigcommerce group 'retail' and 'wholesale' both set isDefault: true in the default connection's store; a store has one default group",
      );
      expect(await sandbox.requests()).to.deep.equal([]);
    } finally {
      await ts.remove();
    }
  });
});
