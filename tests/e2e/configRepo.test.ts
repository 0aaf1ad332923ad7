// End-to-end: onboarding stores into a config repo. `pulumi-customer-groups export` (the packaged bin, settings from the
// stack config) writes 40 live groups per writable backend; `pulumi up` with cg.fromConfig adopts them all with zero
// writes; a one-line change to a file is exactly one update.

import fs from "node:fs";
import path from "node:path";
import { expect } from "chai";
import { Stack } from "@pulumi/pulumi/automation";
import { parse } from "yaml";
import { LoggedRequest, Sandbox, startSandbox } from "../../sandbox";
import { installProject, newStack, runBin, TestStack } from "./harness";

const program = `import * as cg from "pulumi-customer-groups";
const groups = cg.fromConfig("groups");
export const count = Object.keys(groups.commercetools).length + Object.keys(groups.bigcommerce).length;
`;

describe("e2e: a config repo onboarded with export, through the Pulumi engine", function () {
  this.timeout(600_000);
  let sandbox: Sandbox;
  let test: TestStack;
  let stack: Stack;
  let dir: string;

  const writes = async (): Promise<LoggedRequest[]> => (await sandbox.requests()).filter((r) => r.method !== "GET" && r.path !== "/oauth/token");

  /** The bin's summary line (standard error); any other exit than 0 fails the test with the bin's message. */
  const cli = async (...args: string[]): Promise<string> => {
    const run = await runBin(dir, test.stateDir, args);
    if (run.code !== 0) throw new Error(`exit ${run.code}: ${run.stderr}`);
    return run.stderr;
  };

  before(async () => {
    sandbox = await startSandbox();
    await sandbox.commercetools.seedGroups({
      groups: Array.from({ length: 40 }, (_, i) => ({
        groupName: `Tier ${i + 1}`,
        ...(i % 2 === 0 ? { key: `tier-${i + 1}` } : {}),
        ...(i % 5 === 0 ? { custom: { type: { typeId: "type", key: "group-fields" }, fields: { tier: String(i), vip: i % 10 === 0 } } } : {}),
      })),
    } as never);
    await sandbox.bigcommerce.seedGroups({
      groups: Array.from({ length: 40 }, (_, i) => ({
        name: `Trade ${i + 1}`,
        ...(i % 3 === 0 ? { category_access: { type: "specific", categories: [7, 12] } } : {}),
        discount_rules:
          i % 4 === 0
            ? [
                { type: "all", method: "percent", amount: 2.5 },
                { type: "product", product_id: 33 + i, method: "price", amount: 1.25 },
              ]
            : [],
      })),
    } as never);
    dir = installProject({
      files: {
        "Pulumi.yaml": "name: e2e-config-repo\nruntime: nodejs\n",
        "package.json": JSON.stringify({ name: "e2e-config-repo", private: true, dependencies: { "@pulumi/pulumi": "3.259.0", typescript: "~5.9.3" } }),
        "tsconfig.json": JSON.stringify({
          compilerOptions: { strict: true, target: "ES2022", module: "commonjs", moduleResolution: "node", esModuleInterop: true, skipLibCheck: true },
        }),
        "index.ts": program,
      },
    });
    test = await newStack(
      "repo",
      {
        "commercetools:projectKey": { value: sandbox.config.commercetools.projectKey },
        "commercetools:clientId": { value: sandbox.config.commercetools.clientId },
        "commercetools:clientSecret": { value: sandbox.config.commercetools.clientSecret, secret: true },
        "commercetools:apiUrl": { value: sandbox.url },
        "commercetools:authUrl": { value: sandbox.url },
        "bigcommerce:storeHash": { value: sandbox.config.bigcommerce.storeHash },
        "bigcommerce:accessToken": { value: sandbox.config.bigcommerce.accessToken, secret: true },
        "bigcommerce:apiUrl": { value: sandbox.url },
      },
      dir,
    );
    stack = test.stack;
  });
  after(async () => {
    await test?.remove();
    await sandbox?.close();
  });

  it("export writes every live group of each store with adopt: true, from the stack's config, without a secret", async () => {
    fs.mkdirSync(path.join(dir, "groups"));
    expect(await cli("export", "--backend", "commercetools", "--stack", "repo", "--out", "groups/commercetools.yaml")).to.equal(
      `exported 40 commercetools groups (project '${sandbox.config.commercetools.projectKey}') to groups/commercetools.yaml\n`,
    );
    expect(await cli("export", "--backend", "bigcommerce", "--stack", "repo", "--out", "groups/bigcommerce.yaml")).to.equal(
      `exported 40 bigcommerce groups (store '${sandbox.config.bigcommerce.storeHash}') to groups/bigcommerce.yaml\n`,
    );
    const ct = fs.readFileSync(path.join(dir, "groups/commercetools.yaml"), "utf8");
    const bc = fs.readFileSync(path.join(dir, "groups/bigcommerce.yaml"), "utf8");
    const ctGroups = parse(ct).commercetools as Record<string, { name: string; adopt: boolean }>;
    const bcGroups = parse(bc).bigcommerce as Record<string, { name: string; adopt: boolean }>;
    expect(
      Object.values(ctGroups)
        .map((g) => g.name)
        .sort(),
    ).to.deep.equal(Array.from({ length: 40 }, (_, i) => `Tier ${i + 1}`).sort());
    expect(
      Object.values(bcGroups)
        .map((g) => g.name)
        .sort(),
    ).to.deep.equal(Array.from({ length: 40 }, (_, i) => `Trade ${i + 1}`).sort());
    expect(Object.values({ ...ctGroups, ...bcGroups }).every((g) => g.adopt === true)).to.equal(true);
    for (const text of [ct, bc]) {
      expect(text).to.match(/^# yaml-language-server: \$schema=/);
      expect(text).to.not.include(sandbox.config.commercetools.clientSecret);
      expect(text).to.not.include(sandbox.config.bigcommerce.accessToken);
    }
  });

  it("up adopts all 80 groups with zero writes, and preview --refresh then shows no change", async () => {
    await sandbox.clearRequests();
    const up = await stack.up();
    expect(up.summary.resourceChanges).to.deep.equal({ create: 81 });
    expect(await writes()).to.deep.equal([]);
    expect((await sandbox.commercetools.groups()).length).to.equal(40);
    expect((await sandbox.bigcommerce.groups()).length).to.equal(40);
    expect((await stack.preview({ refresh: true })).changeSummary).to.deep.equal({ same: 81 });
  });

  it("a one-line change to a file is exactly one update, sent as one request", async () => {
    const file = path.join(dir, "groups/bigcommerce.yaml");
    const text = fs.readFileSync(file, "utf8");
    const lines = text.split("\n");
    const at = lines.findIndex((l) => /amount: 2\.5\b/.test(l));
    expect(at, "an exported rule with amount 2.5").to.be.greaterThan(-1);
    lines[at] = lines[at]!.replace("amount: 2.5", "amount: 3");
    fs.writeFileSync(file, lines.join("\n"));
    const preview = await stack.preview({ diff: true });
    expect(preview.changeSummary).to.deep.equal({ same: 80, update: 1 });
    await sandbox.clearRequests();
    await stack.up();
    const sent = await writes();
    expect(sent.map((r) => r.method)).to.deep.equal(["PUT"]);
    expect((sent[0]!.body as { discount_rules: { amount: number }[] }).discount_rules.map((r) => r.amount)).to.include(3);
    expect((await stack.preview()).changeSummary).to.deep.equal({ same: 81 });
  });

  it("a file with mistakes fails the preview with every problem and its place, registering nothing and sending nothing", async () => {
    const file = path.join(dir, "groups/broken.yaml");
    fs.writeFileSync(
      file,
      "bigcommerce:\n  promo:\n    name: Promo\n    discountRules:\n      - { type: product, method: percent, amount: 5 }\n    colour: red\n",
    );
    await sandbox.clearRequests();
    try {
      const error = await stack.preview().then(
        () => undefined,
        (e: Error) => String(e),
      );
      expect(error).to.include("groups: 2 problems, nothing was declared:");
      expect(error).to.include('groups/broken.yaml:5:9 bigcommerce.promo.discountRules[0].productId: is required when type is "product"');
      expect(error).to.include("groups/broken.yaml:6:5 bigcommerce.promo.colour: is not a known argument");
      expect(error, "no stack trace").to.not.match(/at loadGroups|\.js:\d+:\d+\)/);
      expect(await sandbox.requests()).to.deep.equal([]);
    } finally {
      fs.rmSync(file);
    }
  });

  it("destroy removes the adopted groups", async () => {
    await stack.destroy();
    expect(await sandbox.commercetools.groups()).to.deep.equal([]);
    expect(await sandbox.bigcommerce.groups()).to.deep.equal([]);
  });
});
