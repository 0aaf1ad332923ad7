// Unit tests: the `pulumi-customer-groups` command line run as a child process (usage, refused arguments, exit codes), and
// the resource names `export` gives groups (stable between runs, unique, valid).

import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { CustomerGroup } from "@commercetools/platform-sdk";
import { expect } from "chai";
import { exportedGroups } from "../../cli/export";
import type { WireGroup as BigCommerceWireGroup } from "../../provider/bigcommerce/wire";
import type { WireGroup as RevCentWireGroup } from "../../provider/revcent/wire";
import { resourceNamePattern } from "../../sdk/config/format";

/** The compiled CLI: the tests compile to build/, where this file is build/tests/unit. */
const cli = path.resolve(__dirname, "../../cli/main.js");

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI with only PATH in the environment (no settings leak in from the machine). */
function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cli, ...args],
      { cwd: options.cwd ?? os.tmpdir(), env: { PATH: process.env.PATH, ...options.env }, encoding: "utf8" },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe("pulumi-customer-groups command line", function () {
  let dir: string;
  before(() => {
    expect(fs.existsSync(cli), `the compiled CLI at ${cli}`).to.equal(true);
    // The first line must be the shebang, or `npx pulumi-customer-groups` cannot start it.
    expect(fs.readFileSync(cli, "utf8").split("\n")[0]).to.equal("#!/usr/bin/env node");
  });
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "cg-export-cli-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const everyOption = ["--backend NAME", "--connection NAME", "--out FILE", "--force", "--stack NAME", "--cwd DIR", "-h, --help"];

  it("prints the usage of every command with every option for --help, -h, help, `export --help` and no arguments", async () => {
    const runs = await Promise.all(
      [[], ["--help"], ["-h"], ["help"], ["help", "export"], ["export", "--help"], ["export", "--backend", "revcent", "-h"]].map((a) => runCli(a)),
    );
    for (const run of runs) {
      expect(run.code).to.equal(0);
      expect(run.stderr).to.equal("");
      expect(run.stdout).to.equal(runs[0]!.stdout);
    }
    const help = runs[0]!.stdout;
    expect(help).to.match(/^Usage: pulumi-customer-groups <command> \[options\]/);
    expect(help).to.include("pulumi-customer-groups export --backend NAME");
    for (const option of everyOption) expect(help).to.include(`  ${option}`);
    expect(help).to.include("commercetools, bigcommerce or revcent");
    expect(help).to.include("exported 40 commercetools groups (project 'demo-project') to groups.yaml");
    expect(help).to.include("Exit codes: 0 done, 1 error");
    expect(help).to.include("64 bad arguments");
  });

  /** Each refusal: exit code 64, a message naming the argument and why, and a pointer to --help; nothing on stdout. */
  const refusals: [string[], RegExp][] = [
    [["frobnicate"], /unknown command 'frobnicate' \(commands: export, [a-z, ]*help\)/],
    [["help", "frobnicate"], /unknown command 'frobnicate'/],
    [["--backend", "revcent"], /the command comes first, before --backend/],
    [["export"], /--backend is required: commercetools, bigcommerce, revcent/],
    [["export", "--backend", "shopify"], /--backend 'shopify' is not a backend\. Give commercetools, bigcommerce, revcent\./],
    [
      ["export", "--backend", "bigcomerce"],
      /--backend 'bigcomerce' is not a backend\. Did you mean 'bigcommerce'\? Give commercetools, bigcommerce, revcent\./,
    ],
    [["exprot", "--backend", "revcent"], /unknown command 'exprot'\. Did you mean 'export'\? \(commands: /],
    [["export", "--bakend", "revcent"], /unknown option --bakend\. Did you mean '--backend'\?/],
    [["export", "--backend"], /--backend needs a value \(NAME\)/],
    [["export", "--backend="], /--backend needs a value \(NAME\)/],
    [["export", "--backend", "--out", "x.yaml"], /--backend needs a value \(NAME\); for one starting with '-', write --backend=--out/],
    [["export", "--backend", "revcent", "--out"], /--out needs a value \(FILE\)/],
    [["export", "--backend", "revcent", "--stack"], /--stack needs a value \(NAME\)/],
    [["export", "--backend", "revcent", "--colour"], /unknown option --colour/],
    [["export", "--backend", "revcent", "-x"], /unknown option -x/],
    [["export", "--backend", "revcent", "groups.yaml"], /unexpected argument 'groups.yaml'/],
    [["export", "--backend", "revcent", "--backend", "bigcommerce"], /--backend is given twice/],
    [["export", "--backend", "revcent", "--force=yes", "--out", "x.yaml"], /--force takes no value/],
    [["export", "--backend", "revcent", "--force"], /--force applies only with --out/],
    [["export", "--backend", "revcent", "--connection", "EU"], /--connection 'EU' is not a connection name: 1 to 32 characters of a-z/],
    [["export", "--backend", "revcent", "--connection", "1st"], /--connection '1st' is not a connection name/],
    [["export", "--backend", "revcent", "--cwd", "no-such-dir"], /--cwd 'no-such-dir' is not a directory/],
    [["export", "--backend", "revcent", "--stack", "dev"], /--stack 'dev': .* holds no Pulumi.yaml/],
  ];
  for (const [args, message] of refusals) {
    it(`refuses \`${args.join(" ")}\` with exit code 64, saying why`, async () => {
      const run = await runCli(args, { cwd: dir });
      expect(run.code).to.equal(64);
      expect(run.stdout).to.equal("");
      expect(run.stderr).to.match(message);
      expect(run.stderr).to.match(/^pulumi-customer-groups( export)?: /);
      expect(run.stderr).to.include("Run 'pulumi-customer-groups --help' for usage.");
    });
  }

  it("fails with exit code 1 and the provider's list of missing settings when the backend is not configured", async () => {
    const run = await runCli(["export", "--backend", "commercetools"], { cwd: dir });
    expect(run.code).to.equal(1);
    expect(run.stdout).to.equal("");
    expect(run.stderr).to.match(/^pulumi-customer-groups export: commercetools is not configured\. Missing settings:\n {2}- /);
    for (const variable of ["CTP_PROJECT_KEY", "CTP_CLIENT_ID", "CTP_CLIENT_SECRET", "CTP_API_URL", "CTP_AUTH_URL"]) expect(run.stderr).to.include(variable);
    expect(run.stderr).to.not.include("--help");
  });

  it("names the connection's own settings when a connection is not configured", async () => {
    const run = await runCli(["export", "--backend", "revcent", "--connection", "eu"], { cwd: dir, env: { REVCENT_API_KEY: "default-key-123" } });
    expect(run.code).to.equal(1);
    expect(run.stderr).to.include("revcent connection 'eu' is not configured");
    expect(run.stderr).to.include("REVCENT_API_KEY_EU");
    expect(run.stderr).to.not.include("default-key-123");
  });

  it("refuses to overwrite an existing --out file without --force, before reading anything", async () => {
    fs.writeFileSync(path.join(dir, "groups.yaml"), "keep me\n");
    // Settings that point nowhere: had it read anything, the error would be about the connection.
    const env = { REVCENT_API_KEY: "some-key-1234", REVCENT_API_URL: "http://127.0.0.1:9" };
    const run = await runCli(["export", "--backend", "revcent", "--out", "groups.yaml"], { cwd: dir, env });
    expect(run.code).to.equal(1);
    expect(run.stderr).to.equal(
      "pulumi-customer-groups export: groups.yaml already exists and was left as it is; give --force to overwrite it, or another --out\n",
    );
    expect(fs.readFileSync(path.join(dir, "groups.yaml"), "utf8")).to.equal("keep me\n");
  });

  it("refuses a directory as --out, naming a file to give in it, and a file in a directory that does not exist (exit 64, nothing read)", async () => {
    fs.mkdirSync(path.join(dir, "groups"));
    const env = { BIGCOMMERCE_STORE_HASH_EU: "eu", BIGCOMMERCE_ACCESS_TOKEN_EU: "token-1234", BIGCOMMERCE_API_URL_EU: "http://127.0.0.1:9" };
    for (const out of ["groups/", "groups"]) {
      const run = await runCli(["export", "--backend", "bigcommerce", "--connection", "eu", "--out", out, "--force"], { cwd: dir, env });
      expect(run.code, out).to.equal(64);
      expect(run.stderr).to.include(`--out '${out}' is a directory: give the file to write in it, such as --out ${path.join(out, "bigcommerce-eu.yaml")}`);
    }
    const missing = await runCli(["export", "--backend", "bigcommerce", "--connection", "eu", "--out", "nowhere/eu.yaml"], { cwd: dir, env });
    expect(missing.code).to.equal(64);
    expect(missing.stderr).to.include(`--out 'nowhere/eu.yaml': the directory ${path.join(dir, "nowhere")} does not exist`);
    expect(fs.readdirSync(path.join(dir, "groups"))).to.deep.equal([]);
  });
});

describe("export: resource names", () => {
  const ct = (id: string, name: string, key?: string): CustomerGroup =>
    ({ id, version: 1, name, ...(key === undefined ? {} : { key }), createdAt: "", lastModifiedAt: "" }) as CustomerGroup;
  const bc = (id: number, name: string): BigCommerceWireGroup => ({ id, name, is_default: false, category_access: { type: "all" }, discount_rules: [] });
  const rc = (id: string, name: string): RevCentWireGroup => ({ id, name, enabled: true, qualifier_method: "none", qualifiers: {} });

  const ctLive = [
    ct("c-3", "Gold", "gold"),
    ct("c-1", "Gold members", "GOLD"),
    ct("c-2", "B2B Partners"),
    ct("c-4", "b2b partners!"),
    ct("c-5", "Ärger & Co"),
    ct("c-6", "!!!"),
    ct("c-7", "x".repeat(200)),
    ct("c-8", "Silver", "silver_tier-1"),
  ];
  const bcLive = [bc(5, "Retail"), bc(2, "retail"), bc(9, "Wholesale (EU)"), bc(1, "wholesale-eu"), bc(3, "???"), bc(4, "-Gold-")];
  const rcLive = [
    rc("bbbbbbbbbbbbbbbbbbbb", "VIP"),
    rc("aaaaaaaaaaaaaaaaaaaa", "VIP"),
    rc("cccccccccccccccccccc", "vip"),
    rc("dddddddddddddddddddd", "Lapsed"),
  ];

  /** Every order of a list, as the API might return it: the original, reversed, and rotated. */
  const orders = <T>(list: readonly T[]): T[][] => [list, [...list].reverse(), [...list.slice(3), ...list.slice(0, 3)]].map((l) => [...l]);

  it("names commercetools groups from the key, or the name without one, the same whatever order the API returns them in", () => {
    const runs = orders(ctLive).map((live) => exportedGroups("commercetools", live).map((g) => [g.name, g.args.name]));
    for (const run of runs) expect(run).to.deep.equal(runs[0]);
    expect(Object.fromEntries(runs[0]!)).to.deep.equal({
      "b2b-partners": "B2B Partners",
      "b2b-partners-2": "b2b partners!",
      group: "!!!",
      gold: "Gold", // key `gold` is the name exactly, so it keeps it; key `GOLD` comes second
      "gold-2": "Gold members",
      "aerger-co": "Ärger & Co",
      "silver-tier-1": "Silver",
      ["x".repeat(60)]: "x".repeat(200),
    });
  });

  it("names BigCommerce groups from the name, and RevCent groups from the name (ids apart), stably", () => {
    const bcRuns = orders(bcLive).map((live) => exportedGroups("bigcommerce", live).map((g) => [g.name, g.args.name]));
    for (const run of bcRuns) expect(run).to.deep.equal(bcRuns[0]);
    expect(bcRuns[0]).to.deep.equal([
      ["gold", "-Gold-"],
      ["group", "???"],
      ["retail", "retail"],
      ["retail-2", "Retail"],
      ["wholesale-eu", "wholesale-eu"],
      ["wholesale-eu-2", "Wholesale (EU)"],
    ]);
    const rcRuns = orders(rcLive).map((live) => exportedGroups("revcent", live).map((g) => [g.name, g.args.name ?? g.args.groupId]));
    for (const run of rcRuns) expect(run).to.deep.equal(rcRuns[0]);
    // `vip` is another name than `VIP` and is adopted by it; the two groups named VIP go by id, in id order.
    expect(rcRuns[0]).to.deep.equal([
      ["lapsed", "Lapsed"],
      ["vip", "vip"],
      ["vip-2", "aaaaaaaaaaaaaaaaaaaa"],
      ["vip-3", "bbbbbbbbbbbbbbbbbbbb"],
    ]);
  });

  it("gives every group a unique name that the file format accepts", () => {
    const pattern = new RegExp(resourceNamePattern);
    const names = [exportedGroups("commercetools", ctLive), exportedGroups("bigcommerce", bcLive), exportedGroups("revcent", rcLive)].map((groups) =>
      groups.map((g) => g.name),
    );
    for (const list of names) {
      expect(new Set(list).size).to.equal(list.length);
      for (const name of list) expect(name).to.match(pattern);
    }
  });
});
