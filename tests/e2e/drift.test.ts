// End-to-end: `pulumi-customer-groups drift` through the real Pulumi engine against the sandbox: no drift on a converged
// stack (one read per group at most, no write, the state untouched), each field changed in the vendors' admin and a
// deleted group reported with exit code 2, and exit code 1 when a backend cannot be reached.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { Stack } from "@pulumi/pulumi/automation";
import { DriftReport, runDrift } from "../../cli/drift";
import { Sandbox, startSandbox } from "../../sandbox";
import { BinRun, declare, e2eProject, newStack, runBin, TestStack } from "./harness";

const revcentKey = "e2e-drift-revcent-key-5c1d";

describe("e2e: drift detection with `pulumi-customer-groups drift`, through the Pulumi engine", function () {
  this.timeout(600_000);
  let sandbox: Sandbox;
  let test: TestStack;
  let stack: Stack;
  let ids: Record<string, string>;

  const stateFile = () => path.join(test.stateDir, ".pulumi/stacks/e2e-customer-groups/drift.json");

  /** The command in this process, on the test's stack (whose workspace has the pinned CLI and the file backend). */
  const drift = async (values: Record<string, string | boolean> = {}): Promise<BinRun> => {
    const run: BinRun = { code: -1, stdout: "", stderr: "" };
    run.code = await runDrift(values, { stdout: (t) => (run.stdout += t), stderr: (t) => (run.stderr += t), cwd: e2eProject() }, async () => stack);
    return run;
  };

  const cli = (...args: string[]): Promise<BinRun> => runBin(e2eProject(), test.stateDir, args);

  before(async () => {
    sandbox = await startSandbox({ revcent: { apiKey: revcentKey } });
    await sandbox.revcent.seedGroups([
      {
        name: "VIP",
        enabled: true,
        qualifier_method: "specific_values",
        qualifiers: { specific_values: { values: { lifetime_value: { enabled: true, min: 500, max: 100000 } } } },
      },
    ] as never);
    const c = sandbox.config;
    test = await newStack("drift", {
      "commercetools:projectKey": { value: c.commercetools.projectKey },
      "commercetools:clientId": { value: c.commercetools.clientId },
      "commercetools:clientSecret": { value: c.commercetools.clientSecret, secret: true },
      "commercetools:apiUrl": { value: c.commercetools.apiUrl },
      "commercetools:authUrl": { value: c.commercetools.authUrl },
      "bigcommerce:storeHash": { value: c.bigcommerce.storeHash },
      "bigcommerce:accessToken": { value: c.bigcommerce.accessToken, secret: true },
      "bigcommerce:apiUrl": { value: c.bigcommerce.apiUrl },
      "revcent:apiKey": { value: revcentKey, secret: true },
      "revcent:apiUrl": { value: c.revcent.apiUrl },
    });
    stack = test.stack;
    await declare(stack, {
      gold: { backend: "commercetools", args: { name: "Gold", key: "gold", custom: { type: { key: "group-fields" }, fields: { tier: "1" } } } },
      silver: { backend: "commercetools", args: { name: "Silver", key: "silver" } },
      wholesale: {
        backend: "bigcommerce",
        args: {
          name: "Wholesale",
          discountRules: [
            { type: "all", method: "percent", amount: 2.5 },
            { type: "product", productId: 33, method: "percent", amount: 5 },
          ],
        },
      },
      vip: {
        backend: "revcent",
        args: {
          name: "VIP",
          enabled: true,
          qualifierMethod: "specific_values",
          qualifiers: { specificValues: { values: { lifetimeValue: { enabled: true, min: 500, max: 100000 } } } },
        },
      },
    });
    await stack.up();
    ids = (await stack.outputs()).ids!.value as Record<string, string>;
  });
  after(async () => {
    await test?.remove();
    await sandbox?.close();
  });

  it("finds no drift on the converged stack (exit 0), with one read per group at most, no write, and the state untouched", async () => {
    const before = { text: fs.readFileSync(stateFile(), "utf8"), mtime: fs.statSync(stateFile()).mtimeMs };
    await sandbox.clearRequests();
    const run = await drift();
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout).to.equal("no drift: 4 groups match the program (stack drift)\n");

    const requests = (await sandbox.requests()).filter((r) => !(r.method === "POST" && r.path === "/oauth/token"));
    expect(requests.filter((r) => r.method !== "GET")).to.deep.equal([]);
    // BigCommerce: a GET of its one group; RevCent: one page of the list (which holds the one group). commercetools: a
    // GET of each group, or one `where=id in (…)` of both when the engine's two reads arrive together.
    const ct = `/${sandbox.config.commercetools.projectKey}/customer-groups`;
    const reads = requests.map((r) => `${r.vendor} ${r.path}${r.query.where ? `?where=${String(r.query.where)}` : ""}`).sort();
    const others = [`bigcommerce /stores/${sandbox.config.bigcommerce.storeHash}/v2/customer_groups/${ids.wholesale}`, "revcent /v2/customer_groups"];
    const oneByOne = [...others, `commercetools ${ct}/${ids.gold}`, `commercetools ${ct}/${ids.silver}`].sort();
    const together = [
      [ids.gold, ids.silver],
      [ids.silver, ids.gold],
    ].map((pair) => [...others, `commercetools ${ct}?where=id in (${pair.map((id) => JSON.stringify(id)).join(", ")})`].sort());
    expect([oneByOne, ...together]).to.deep.include(reads);
    expect(fs.readFileSync(stateFile(), "utf8")).to.equal(before.text);
    expect(fs.statSync(stateFile()).mtimeMs).to.equal(before.mtime);
  });

  it("the packaged bin exits 0 on the converged stack and 2 once groups were edited in the admin and one deleted, naming each field", async () => {
    const clean = await cli("drift", "--stack", "drift");
    expect(clean.code, clean.stderr).to.equal(0);
    expect(clean.stdout).to.match(/^no drift: 4 groups match the program/);
    expect(clean.stdout).to.not.include("Not declared");

    // A group someone made in the control panel: listed under its own heading; the exit code changes only when asked.
    const made = (await sandbox.bigcommerce.createGroup({ name: "Made In Admin" } as never)) as { id: number };
    const listed = await cli("drift", "--stack", "drift");
    expect(listed.code, listed.stderr).to.equal(0);
    expect(listed.stdout).to.include(
      `Not declared by the stack (made outside Pulumi; \`export\` writes them for adoption):\n  bigcommerce 'Made In Admin' (id ${made.id}, store '${sandbox.config.bigcommerce.storeHash}')\n`,
    );
    const failing = await cli("drift", "--stack", "drift", "--fail-on-undeclared");
    expect(failing.code).to.equal(2);
    // The summary says what the exit code says.
    expect(failing.stdout).to.match(/^drift: 1 group in the stores is not declared by the stack \(--fail-on-undeclared\); the 4 groups declared match/);
    await sandbox.bigcommerce.deleteGroup(made.id);

    await sandbox.commercetools.editGroup(ids.gold!, {
      name: "Gold (renamed in the Merchant Center)",
      custom: { type: { key: "group-fields" }, fields: { tier: "3" } },
    });
    await sandbox.commercetools.deleteGroup(ids.silver!);
    await sandbox.bigcommerce.editGroup(Number(ids.wholesale), { discount_rules: [{ type: "all", method: "percent", amount: 3 }] } as never);
    await sandbox.revcent.editGroup(ids.vip!, {
      qualifiers: { specific_values: { values: { lifetime_value: { enabled: true, min: 500, max: 50000 } } } },
    } as never);
    const before = { text: fs.readFileSync(stateFile(), "utf8"), mtime: fs.statSync(stateFile()).mtimeMs };
    await sandbox.clearRequests();

    const run = await cli("drift", "--stack", "drift");
    expect(run.code, run.stderr).to.equal(2);
    const lines = run.stdout.split("\n");
    expect(lines[0]).to.equal("drift: 4 of 4 groups differ from the program (stack drift)");
    expect(lines).to.include("  name: live 'Gold (renamed in the Merchant Center)', declared 'Gold'");
    expect(lines).to.include("  custom field tier: live '3', declared '1'");
    expect(lines).to.include("commercetools silver (project 'demo-project')");
    expect(lines).to.include("  gone: deleted outside Pulumi");
    // Rule sets rule by rule, in the store's words.
    expect(lines).to.include("  discount on the whole store: live 3 % off, declared 2.5 % off");
    expect(lines).to.include("  discount on product 33: live (none), declared 5 % off");
    expect(lines).to.include("  qualifiers.specificValues.values.lifetimeValue.max: live 50000, declared 100000");
    expect(run.stdout).to.not.match(/sandbox-secret|sandbox-token|e2e-drift-revcent-key/);

    expect((await sandbox.requests()).filter((r) => r.method !== "GET" && r.path !== "/oauth/token")).to.deep.equal([]);
    expect(fs.readFileSync(stateFile(), "utf8"), "a drift check writes nothing to the stack").to.equal(before.text);
    expect(fs.statSync(stateFile()).mtimeMs).to.equal(before.mtime);
  });

  it("--json gives each drifted group with its place and fields", async () => {
    const run = await drift({ json: true });
    expect(run.code, run.stderr).to.equal(2);
    const report = JSON.parse(run.stdout) as DriftReport;
    expect(report.stack).to.equal("drift");
    expect(report.groups).to.equal(4);
    const byName = Object.fromEntries(report.drifted.map((g) => [g.name, g]));
    expect(Object.keys(byName).sort()).to.deep.equal(["gold", "silver", "vip", "wholesale"]);
    expect(byName.silver).to.include({ backend: "commercetools", gone: true });
    expect(byName.wholesale!.scope).to.deep.equal({ kind: "store", id: sandbox.config.bigcommerce.storeHash });
    expect(byName.gold!.scope).to.deep.equal({ kind: "project", id: sandbox.config.commercetools.projectKey });
    expect(byName.vip!.fields).to.deep.equal([{ path: "qualifiers.specificValues.values.lifetimeValue.max", live: 50000, declared: 100000 }]);
    expect(byName.gold!.urn).to.match(/::pulumi-nodejs:dynamic\/commercetools:CustomerGroup::gold$/);
  });

  it("exits 1 with the backend's failure on stderr when a backend keeps failing past the retries, and writes the error to --out", async () => {
    // More 503s than the provider's attempts (a refresh reads through the provider recorded in the state, so pointing the
    // config elsewhere would not be seen).
    await sandbox.injectFault({ vendor: "bigcommerce", method: "GET", status: 503, count: 20 });
    try {
      const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pcg-drift-")), "drift.txt");
      const run = await drift({ out });
      expect(run.code, run.stdout + run.stderr).to.equal(1);
      expect(run.stdout).to.equal("");
      expect(run.stderr).to.match(/^pulumi-customer-groups drift: the refresh preview of stack 'drift' failed:\n.*wholesale.*HTTP 503/);
      expect(fs.readFileSync(out, "utf8")).to.match(/^drift check failed: the refresh preview of stack 'drift' failed:\n[\s\S]*HTTP 503/);
    } finally {
      await sandbox.clearFaults();
    }
  });
});
