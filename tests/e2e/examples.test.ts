// End-to-end: each example project, installed the way a user installs it, runs through the engine against the sandbox.

import { execFile, execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect } from "chai";
import { Sandbox, startSandbox } from "../../sandbox";
import { installProject, newStack, repoRoot, TestStack } from "./harness";

/** The processes whose command line holds `text` (the sandbox the script started, if it outlived it). */
function processesWith(text: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0").join(" ");
      if (cmdline.includes(text)) found.push(`${entry}: ${cmdline}`);
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}

/** The TypeScript compiler of a major version: the repo's own 5.x, or 6.x and 7.x installed once into .tools/typescript. */
function typescript(major: number): string {
  const own = path.join(repoRoot, "node_modules/typescript");
  if (JSON.parse(fs.readFileSync(path.join(own, "package.json"), "utf8")).version.startsWith(`${major}.`)) return path.join(own, "bin/tsc");
  const prefix = path.join(repoRoot, ".tools/typescript", String(major));
  const tsc = path.join(prefix, "node_modules/typescript/bin/tsc");
  if (!fs.existsSync(tsc))
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", "--prefix", prefix, `typescript@${major}`], { stdio: "inherit" });
  return tsc;
}

describe("e2e: the examples work as documented", function () {
  this.timeout(300_000);
  let sandbox: Sandbox;
  /** A second commercetools project, for the example with several connections. */
  let us: Sandbox;
  before(async () => {
    sandbox = await startSandbox();
    us = await startSandbox({ commercetools: { projectKey: "shop-us", clientId: "us-client", clientSecret: "us-secret-0b7d" } });
  });
  after(async () => {
    await sandbox?.close();
    await us?.close();
  });

  const examples: {
    name: string;
    config: () => Record<string, { value: string; secret?: boolean }>;
    groups: () => Promise<string[]>;
    /** Stack config set with `--path` (named connections), as its README says. */
    pathConfig?: () => Record<string, { value: string; secret?: boolean }>;
    /** What its README says to create first. */
    seed?: () => Promise<void>;
    /** The groups `up` makes, where the example checks more than their number. */
    created?: string[];
    /** Groups that stay after destroy (RevCent's API cannot delete them; the store's default group is never deleted). */
    kept?: string[];
    /** Why destroy fails for the groups it keeps, where it refuses to delete them. */
    destroyRefuses?: RegExp;
  }[] = [
    {
      name: "commercetools",
      config: () => ({
        "commercetools:projectKey": { value: sandbox.config.commercetools.projectKey },
        "commercetools:clientId": { value: sandbox.config.commercetools.clientId },
        "commercetools:clientSecret": { value: sandbox.config.commercetools.clientSecret, secret: true },
        "commercetools:apiUrl": { value: sandbox.url },
        "commercetools:authUrl": { value: sandbox.url },
      }),
      groups: async () => (await sandbox.commercetools.groups()).map((g) => g.name).sort(),
    },
    {
      name: "bigcommerce",
      config: () => ({
        "bigcommerce:storeHash": { value: sandbox.config.bigcommerce.storeHash },
        "bigcommerce:accessToken": { value: sandbox.config.bigcommerce.accessToken, secret: true },
        "bigcommerce:apiUrl": { value: sandbox.url },
      }),
      groups: async () => (await sandbox.bigcommerce.groups()).map((g) => g.name).sort(),
      // The store's default group, which the example adopts, stays: destroy refuses to delete it.
      kept: ["Retail Customers"],
      destroyRefuses: /refusing to delete bigcommerce customer group \d+ \('Retail Customers'\) in store '[^']+': it is the store's default group/,
    },
    {
      name: "revcent",
      config: () => ({
        "revcent:apiKey": { value: sandbox.config.revcent.apiKey, secret: true },
        "revcent:apiUrl": { value: sandbox.url },
      }),
      groups: async () => (await sandbox.revcent.groups()).map((g) => g.name).sort(),
      seed: async () => {
        const [vip] = await sandbox.revcent.seedGroups([
          {
            name: "VIP",
            qualifier_method: "specific_values",
            qualifiers: {
              specific_values: { values: { lifetime_value: { enabled: true, min: 500, max: 100000 }, num_chargeback: { enabled: true, min: 0, max: 0 } } },
            },
          },
        ] as never);
        await sandbox.revcent.seedGroups([
          { name: "Regulars", qualifier_method: "customer_group", qualifiers: { customer_group: { not_in_customer_group: [vip!.id] } } },
          { name: "Hand-picked", qualifier_method: "none" },
        ] as never);
      },
      kept: ["Hand-picked", "Regulars", "VIP"],
    },
    {
      name: "connections",
      config: () => ({}),
      pathConfig: () => {
        const ct = (name: string, s: Sandbox) => ({
          [`commercetools:connections.${name}.projectKey`]: { value: s.config.commercetools.projectKey },
          [`commercetools:connections.${name}.clientId`]: { value: s.config.commercetools.clientId },
          [`commercetools:connections.${name}.clientSecret`]: { value: s.config.commercetools.clientSecret, secret: true },
          [`commercetools:connections.${name}.apiUrl`]: { value: s.url },
          [`commercetools:connections.${name}.authUrl`]: { value: s.url },
        });
        return {
          ...ct("eu", sandbox),
          ...ct("us", us),
          "bigcommerce:connections.uk.storeHash": { value: sandbox.config.bigcommerce.storeHash },
          "bigcommerce:connections.uk.accessToken": { value: sandbox.config.bigcommerce.accessToken, secret: true },
          "bigcommerce:connections.uk.apiUrl": { value: sandbox.url },
        };
      },
      groups: async () =>
        [
          ...(await sandbox.commercetools.groups()).map((g) => `eu:${g.name}`),
          ...(await us.commercetools.groups()).map((g) => `us:${g.name}`),
          ...(await sandbox.bigcommerce.groups()).map((g) => `uk:${g.name}`),
        ].sort(),
      created: ["eu:Gold", "uk:Wholesale", "us:Gold"],
    },
    {
      name: "config-repo",
      config: () => ({
        "commercetools:projectKey": { value: sandbox.config.commercetools.projectKey },
        "commercetools:clientId": { value: sandbox.config.commercetools.clientId },
        "commercetools:clientSecret": { value: sandbox.config.commercetools.clientSecret, secret: true },
        "commercetools:apiUrl": { value: sandbox.url },
        "commercetools:authUrl": { value: sandbox.url },
        "bigcommerce:storeHash": { value: sandbox.config.bigcommerce.storeHash },
        "bigcommerce:accessToken": { value: sandbox.config.bigcommerce.accessToken, secret: true },
        "bigcommerce:apiUrl": { value: sandbox.url },
        "revcent:apiKey": { value: sandbox.config.revcent.apiKey, secret: true },
        "revcent:apiUrl": { value: sandbox.url },
      }),
      // Its README says to create the VIP group in RevCent first (RevCent's API cannot).
      seed: async () => {
        await sandbox.revcent.seedGroups([{ name: "VIP", enabled: true }] as never);
      },
      groups: async () =>
        [
          ...(await sandbox.commercetools.groups()).map((g) => `commercetools:${g.name}`),
          ...(await sandbox.bigcommerce.groups()).map((g) => `bigcommerce:${g.name}`),
          ...(await sandbox.revcent.groups()).filter((g) => g.name === "VIP").map((g) => `revcent:${g.name}`),
        ].sort(),
      created: ["bigcommerce:Students", "bigcommerce:Wholesale", "commercetools:Gold", "commercetools:Silver", "revcent:VIP"],
      kept: ["revcent:VIP"],
    },
  ];

  it("every example's tsconfig compiles its program with TypeScript 5, 6 and 7 (6 refuses moduleResolution node10, 7 removed it)", () => {
    const dirs = examples.map((e) => installProject({ example: e.name }));
    for (const major of [5, 6, 7]) {
      const tsc = typescript(major);
      for (const [i, dir] of dirs.entries()) {
        const run = (() => {
          try {
            return execFileSync("node", [tsc, "--noEmit", "-p", dir], { encoding: "utf8", stdio: "pipe" });
          } catch (e) {
            return `${(e as { stdout?: string }).stdout ?? ""}${(e as { stderr?: string }).stderr ?? ""}`;
          }
        })();
        expect(run, `examples/${examples[i]!.name} with TypeScript ${major}`).to.equal("");
      }
    }
  });

  for (const example of examples) {
    it(`examples/${example.name}: up, a no-op preview after a refresh, destroy`, async () => {
      let test: TestStack | undefined;
      try {
        // Each example starts from a fresh store, as a user's first run does: what an example before kept is gone.
        await sandbox.reset();
        await us.reset();
        await example.seed?.();
        test = await newStack("example", example.config(), installProject({ example: example.name }));
        if (example.pathConfig) await test.stack.setAllConfig(example.pathConfig(), true);
        const up = await test.stack.up();
        expect(up.summary.result).to.equal("succeeded");
        expect((await example.groups()).length).to.equal((up.summary.resourceChanges?.create ?? 0) - 1);
        if (example.created) expect(await example.groups()).to.deep.equal(example.created);
        expect((await test.stack.preview({ refresh: true })).changeSummary).to.not.have.any.keys("create", "update", "delete", "replace");
        const destroyed = await test.stack.destroy({ continueOnError: true }).then(
          () => undefined,
          (e: Error) => e,
        );
        if (example.destroyRefuses) expect(destroyed?.message).to.match(example.destroyRefuses);
        else expect(destroyed).to.equal(undefined);
        expect(await example.groups()).to.deep.equal(example.kept ?? []);
      } finally {
        await test?.remove();
      }
    });
  }

  it("examples/gitops: ci/review-in-sandbox.sh reviews a pull request against `pulumi-customer-groups sandbox`, whatever real settings the environment holds", async () => {
    const dir = installProject({ example: "gitops" });
    const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=Reviewer", "-c", "user.email=reviewer@example.com", ...args], { cwd: dir });
    git("init", "--quiet", "--initial-branch=main");
    git("add", "groups.yaml", "index.ts", "Pulumi.yaml", "package.json", "ci");
    git("commit", "--quiet", "-m", "the groups as they are");
    // The pull request: a rename, a discount edit, a new group and a deleted one.
    const base = fs.readFileSync(path.join(dir, "groups.yaml"), "utf8");
    const pullRequest = base
      .replace("name: Silver\n", "name: Silver Club\n")
      .replace("{ type: all, method: percent, amount: 2.5 }", "{ type: all, method: percent, amount: 3 }")
      .replace(/ {2}students:\n( {4}.*\n)+/, "")
      .replace("bigcommerce:\n", "bigcommerce:\n  trade:\n    name: Trade\n    discountRules: [{ type: all, method: percent, amount: 4 }]\n");
    expect(pullRequest).to.not.equal(base);
    fs.writeFileSync(path.join(dir, "groups.yaml"), pullRequest);

    const env = {
      ...process.env,
      PATH: `${path.join(repoRoot, ".tools/bin")}${path.delimiter}${process.env.PATH}`,
      PULUMI_HOME: path.join(repoRoot, ".tools/pulumi-home"),
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      // A real store's settings, as a developer's shell may hold them: the script must not use one of them.
      CTP_PROJECT_KEY: "real-project",
      CTP_API_URL: "http://127.0.0.1:9",
      CTP_AUTH_URL: "http://127.0.0.1:9",
      BIGCOMMERCE_ACCESS_TOKEN: "real-token",
      BIGCOMMERCE_API_URL: "http://127.0.0.1:9",
    };
    const run = await new Promise<{ code: number; stderr: string }>((resolve) =>
      execFile("bash", ["ci/review-in-sandbox.sh", "main", "review.md"], { cwd: dir, env, encoding: "utf8" }, (error, _stdout, stderr) =>
        resolve({ code: error ? Number(error.code) : 0, stderr }),
      ),
    );
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stderr).to.include("seeded 2 commercetools groups into project demo-project");
    expect(run.stderr).to.include("seeded 2 BigCommerce groups into store sandbox");
    expect(run.stderr).to.include("seeded 1 RevCent group");
    const review = fs.readFileSync(path.join(dir, "review.md"), "utf8");
    expect(review).to.match(/`Silver` \(id `[^`]+`, resource `silver`\)/);
    expect(review).to.include("Silver Club");
    expect(review).to.match(/Deletes the group `Students`/);
    expect(review).to.match(/`Trade` \(new, resource `trade`\)/);
    expect(review).to.match(/2\.5 % off.*3 % off/s);
    // The sandbox holds no customers: the report says they were not counted, never that nobody is affected.
    expect(review).to.include("Customers in the group: not counted (not read: the review ran with `--no-counts`).");
    expect(review).to.not.include("nobody is affected");
    // The worktree is as the pull request left it, and nothing of the run is left behind.
    expect(fs.readFileSync(path.join(dir, "groups.yaml"), "utf8")).to.equal(pullRequest);
    expect(fs.existsSync(path.join(dir, "Pulumi.sandbox.yaml"))).to.equal(false);
    expect(processesWith(`${dir}/node_modules`)).to.deep.equal([]);
  });
});
