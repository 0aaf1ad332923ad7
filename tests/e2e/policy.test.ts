// End-to-end: the package's policy pack (node_modules/pulumi-customer-groups/policy) through the real engine and the
// pinned CLI, whose language host runs it (RunPlugin): a mandatory policy refuses `up` before any request.

import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect } from "chai";
import { Sandbox, startSandbox } from "../../sandbox";
import { engineEnv, installProject, newStack, repoRoot, runBin, TestStack, typescriptProject } from "./harness";

describe("e2e: the policy pack, through the Pulumi engine", function () {
  this.timeout(300_000);
  let sandbox: Sandbox;
  let test: TestStack;
  let pack: string;
  let packConfig: string;
  let dir: string;

  before(async () => {
    sandbox = await startSandbox();
    const files = typescriptProject("policy-e2e", "the policy pack against the sandbox", {
      "index.ts": [
        'import * as pulumi from "@pulumi/pulumi";',
        'import * as cg from "pulumi-customer-groups";',
        "const config = new pulumi.Config();",
        'new cg.bigcommerce.CustomerGroup("wholesale", { name: "Wholesale", discountRules: [{ type: "all", method: "percent", amount: config.requireNumber("discount") }] });',
        'if (config.getBoolean("gold") !== false) new cg.commercetools.CustomerGroup("gold", { name: "Gold", key: "gold" });',
        "",
      ].join("\n"),
    });
    // The pack needs @pulumi/policy beside the package (an optional peer dependency).
    const manifest = JSON.parse(files["package.json"]!) as { dependencies: Record<string, string> };
    manifest.dependencies["@pulumi/policy"] = "1.21.0";
    dir = installProject({ files: { ...files, "package.json": JSON.stringify(manifest) } });
    pack = path.join(dir, "node_modules/pulumi-customer-groups/policy");
    packConfig = path.join(dir, "policy-config.json");
    fs.writeFileSync(
      packConfig,
      JSON.stringify({
        "max-discount": { enforcementLevel: "mandatory", percent: 25 },
        "protected-groups": { enforcementLevel: "mandatory", groups: [{ backend: "commercetools", key: "gold" }] },
      }),
    );
    const ct = sandbox.config.commercetools;
    test = await newStack(
      "policy",
      {
        "commercetools:projectKey": { value: ct.projectKey },
        "commercetools:clientId": { value: ct.clientId },
        "commercetools:clientSecret": { value: ct.clientSecret, secret: true },
        "commercetools:apiUrl": { value: sandbox.url },
        "commercetools:authUrl": { value: sandbox.url },
        "bigcommerce:storeHash": { value: sandbox.config.bigcommerce.storeHash },
        "bigcommerce:accessToken": { value: sandbox.config.bigcommerce.accessToken, secret: true },
        "bigcommerce:apiUrl": { value: sandbox.url },
        "policy-e2e:discount": { value: "40" },
      },
      dir,
    );
  });
  after(async () => {
    await test?.remove();
    await sandbox?.close();
  });

  /** `pulumi up --yes` with the pack, as a person or CI runs it (a preview first): its exit code and output. */
  const up = () =>
    new Promise<{ code: number; output: string }>((resolve) =>
      execFile(
        path.join(repoRoot, ".tools/bin/pulumi"),
        ["up", "--yes", "--stack", "policy", "--non-interactive", "--policy-pack", pack, "--policy-pack-config", packConfig],
        { cwd: dir, env: { ...process.env, ...engineEnv(test.stateDir) }, encoding: "utf8" },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, output: `${stdout}${stderr}` }),
      ),
    );
  const writes = async () => (await sandbox.requests()).filter((r) => r.method !== "GET" && r.path !== "/oauth/token");

  it("refuses a 40% discount under max-discount (mandatory, 25%) before any request, naming the policy, the group and the value", async () => {
    const refused = await up();
    expect(refused.code).to.not.equal(0);
    expect(refused.output).to.include(
      "max-discount: 'Wholesale' (bigcommerce resource 'wholesale') discountRules[0] takes 40 % off, above the largest allowed, 25 %.",
    );
    expect(await writes()).to.deep.equal([]);
    expect(await sandbox.bigcommerce.groups()).to.deep.equal([]);
  });

  it("review --policy-pack opens the report with the violations (exit 0), and --fail-on violation exits 3", async () => {
    const args = ["review", "--stack", "policy", "--policy-pack", pack, "--policy-pack-config", packConfig];
    const reviewed = await runBin(dir, test.stateDir, args);
    expect(reviewed.code, reviewed.stderr).to.equal(0);
    // The report names the command it describes, with the pack: that is the command that refuses.
    expect(reviewed.stdout).to.include(`What \`pulumi up --stack policy --policy-pack ${pack} --policy-pack-config ${packConfig}\` will do:`);
    expect(reviewed.stdout).to.include(
      "**Policies: the command above refuses this merge** (1 mandatory violation; `pulumi up` with the pack stops before any request):",
    );
    expect(reviewed.stdout).to.include(
      "- [mandatory] `max-discount` `wholesale`: `max-discount: 'Wholesale' (bigcommerce resource 'wholesale') discountRules[0] takes 40 % off, above the largest allowed, 25 %.`",
    );
    expect(reviewed.stdout).to.include("#### `Wholesale` (new, resource `wholesale`): create");
    const json = JSON.parse((await runBin(dir, test.stateDir, [...args, "--json"])).stdout) as { violations: { policy: string; level: string }[] };
    expect(json.violations.map((v) => [v.policy, v.level])).to.deep.include(["max-discount", "mandatory"]);
    const gated = await runBin(dir, test.stateDir, [...args, "--fail-on", "violation"]);
    expect(gated.code).to.equal(3);
    expect(gated.stderr).to.match(/review: \d policy violations? \(--fail-on violation\): exit 3\n$/);
    const noPack = await runBin(dir, test.stateDir, ["review", "--stack", "policy", "--fail-on", "violation"]);
    expect(noPack.code).to.equal(64);
    expect(noPack.stderr).to.include("--fail-on violation needs --policy-pack");
    expect(await writes()).to.deep.equal([]);
  });

  it("lets a 20% discount through, and then refuses to delete the protected group 'gold', which stays", async () => {
    await test.stack.setConfig("policy-e2e:discount", { value: "20" });
    const done = await up();
    expect(done.code, done.output).to.equal(0);
    expect((await sandbox.commercetools.groups()).map((g) => g.key)).to.deep.equal(["gold"]);
    await sandbox.clearRequests();
    await test.stack.setConfig("policy-e2e:gold", { value: "false" });
    const refused = await up();
    expect(refused.code).to.not.equal(0);
    expect(refused.output).to.include(
      "protected-groups: the commercetools group with key 'gold' is protected, and the program no longer declares it: this run would delete it.",
    );
    expect(await writes()).to.deep.equal([]);
    expect((await sandbox.commercetools.groups()).map((g) => g.key)).to.deep.equal(["gold"]);
  });
});
