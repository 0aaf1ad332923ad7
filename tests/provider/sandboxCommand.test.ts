// Provider tests: `pulumi-customer-groups sandbox` as a user runs it: groups seeded from a data file into the project or
// store of their connection, exactly as the provider then adopts them with no write; the command's own process, its
// output, its refusals, and 30 requests held at once without a listener warning.

import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { expect } from "chai";
import { parse } from "yaml";
import { seedPlan, seedSandbox } from "../../cli/sandbox";
import { customerGroupAdapter as bigcommerceBackend } from "../../provider/bigcommerce/customerGroup";
import { customerGroupAdapter as commercetoolsBackend } from "../../provider/commercetools/customerGroup";
import { customerGroupAdapter as revcentBackend } from "../../provider/revcent/customerGroup";
import { connectSandbox, startSandbox, type Sandbox } from "../../sandbox";
import { checkedInputs } from "../helpers/lifecycle";
import { configuredProvider, type Props } from "../helpers/provider";

const fast = { backoff: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 20, maxElapsedMs: 2000 } };

const seedFile = `
commercetools:
  gold:
    adopt: true
    name: Gold
    key: gold
    custom: { type: { key: group-fields }, fields: { tier: "1", vip: true } }
  us-gold:
    adopt: true
    connection: shop-us
    name: Gold
    key: gold
bigcommerce:
  wholesale:
    adopt: true
    name: Wholesale
    categoryAccess: { type: specific, categories: [12, 7] }
    discountRules:
      - { type: all, method: percent, amount: 2.5 }
      - { type: product, productId: 33, method: price, amount: 5 }
  retail:
    adopt: true
    connection: storeus
    name: Retail
    isDefault: true
revcent:
  vip:
    name: VIP
    enabled: true
    qualifierMethod: specific_values
    qualifiers: { specificValues: { values: { lifetimeValue: { enabled: true, min: 500, max: 100000 } } } }
`;

describe("the sandbox command", function () {
  this.timeout(30_000);
  let dir: string;
  let file: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "cg-sandbox-cmd-"));
    file = path.join(dir, "groups.yaml");
    fs.writeFileSync(file, seedFile);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  describe("--seed", () => {
    let sb: Sandbox;
    before(async () => {
      sb = await startSandbox({ commercetools: { projectKey: "shop-eu" }, projects: [{ projectKey: "shop-us" }], stores: [{ storeHash: "storeus" }] });
    });
    after(() => sb.close());

    it("creates each group in the project or store of its connection, in the vendor's form, and the provider adopts each with no write", async () => {
      const plan = seedPlan(file, ["shop-eu", "shop-us"], ["sandbox", "storeus"]);
      expect(await seedSandbox(sb, plan)).to.deep.equal([
        "seeded 1 commercetools group into project shop-eu",
        "seeded 1 commercetools group into project shop-us",
        "seeded 1 BigCommerce group into store sandbox",
        "seeded 1 BigCommerce group into store storeus",
        "seeded 1 RevCent group",
      ]);
      const [gold] = await sb.commercetools.groups();
      expect(gold).to.deep.include({ name: "Gold", key: "gold", version: 1 });
      expect(gold!.custom!.fields).to.deep.equal({ tier: "1", vip: true });
      expect(gold!.createdBy).to.deep.equal({ clientId: "sandbox-client", isPlatformClient: false });
      expect((await sb.project("shop-us").groups()).map((g) => g.name)).to.deep.equal(["Gold"]);
      const [wholesale] = await sb.bigcommerce.groups();
      expect(wholesale).to.deep.include({ name: "Wholesale", is_default: false, category_access: { type: "specific", categories: [7, 12] } });
      expect((await sb.store("storeus").groups()).map((g) => [g.name, g.is_default])).to.deep.equal([["Retail", true]]);
      const [vip] = await sb.revcent.groups();
      expect(vip).to.deep.include({ name: "VIP", enabled: true, qualifier_method: "specific_values" });

      // Taken over by the provider as `pulumi up` would: reads only.
      await sb.clearRequests();
      const c = sb.config;
      const providers = {
        commercetools: await configuredProvider((s) => commercetoolsBackend(s, fast, {}), {
          "commercetools:projectKey": "shop-eu",
          "commercetools:clientId": c.commercetools.clientId,
          "commercetools:clientSecret": c.commercetools.clientSecret,
          "commercetools:apiUrl": sb.url,
          "commercetools:authUrl": sb.url,
        }),
        bigcommerce: await configuredProvider((s) => bigcommerceBackend(s, fast, {}), {
          "bigcommerce:storeHash": "sandbox",
          "bigcommerce:accessToken": c.bigcommerce.accessToken,
          "bigcommerce:apiUrl": sb.url,
        }),
        revcent: await configuredProvider((s) => revcentBackend(s, fast, {}), { "revcent:apiKey": c.revcent.apiKey, "revcent:apiUrl": sb.url }),
      };
      const declared = parse(seedFile) as Record<keyof typeof providers, Record<string, Props>>;
      for (const backend of ["commercetools", "bigcommerce", "revcent"] as const) {
        for (const args of Object.values(declared[backend])) {
          if (args.connection !== undefined) continue;
          const provider = providers[backend];
          await provider.create(await checkedInputs(provider, args));
        }
      }
      const writes = (await sb.requests()).filter((r) => r.method !== "GET" && r.path !== "/oauth/token");
      expect(writes).to.deep.equal([]);
    });

    it("refuses a connection that names no project or store of the sandbox, and a bad file, before anything is made", () => {
      const refusal = (projects: string[], stores: string[], source = file) => {
        try {
          seedPlan(source, projects, stores);
          return "planned";
        } catch (e) {
          return (e as Error).message;
        }
      };
      expect(refusal(["shop-eu"], ["sandbox", "storeus"])).to.equal(
        "--seed: group 'us-gold' has connection 'shop-us', which is no project of this sandbox (shop-eu); name the projects after the connections (--projects shop-eu,shop-us)",
      );
      const bad = path.join(dir, "bad.yaml");
      fs.writeFileSync(bad, "bigcommerce:\n  x:\n    name: X\n    discountRules: [{ type: all, method: percent, amount: 120 }]\n");
      expect(refusal(["shop-eu"], ["sandbox"], bad)).to.match(
        /^.*bad\.yaml: 1 problem, nothing was declared:\n .*bad\.yaml:4:\d+ bigcommerce\.x\.discountRules\[0\]\.amount/,
      );
    });
  });

  describe("as a command", () => {
    const cli = path.resolve(__dirname, "../../cli/main.js");
    const adminToken = "command-admin-token-0123";
    const children: ChildProcess[] = [];
    afterEach(() => {
      for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
    });

    /** Starts the command; resolves with its stdout lines up to the last line it prints when ready, and its stderr so far. */
    async function start(args: string[]): Promise<{ child: ChildProcess; lines: string[]; stderr: () => string; exit: Promise<number | null> }> {
      const env = { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("SANDBOX_"))), SANDBOX_ADMIN_TOKEN: adminToken };
      const child = spawn(process.execPath, [cli, "sandbox", ...args], { stdio: ["ignore", "pipe", "pipe"], env });
      children.push(child);
      let stderr = "";
      child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      const exit = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
      const lines: string[] = [];
      const input = createInterface({ input: child.stdout! });
      await new Promise<void>((resolve, reject) => {
        input.on("line", (line) => {
          lines.push(line);
          if (line.includes("admin API")) resolve();
        });
        child.once("exit", (code) => reject(new Error(`exited early with ${code}: ${stderr}`)));
      });
      return { child, lines, stderr: () => stderr, exit };
    }

    it("prints where it listens, what it seeded and what a stack needs, serves several projects and stores, and stops on SIGTERM", async () => {
      const run = await start(["--port", "0", "--projects", "shop-eu,shop-us", "--stores", "sandbox,storeus", "--client-secret", "ci-secret", "--seed", file]);
      const url = /^sandbox listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(run.lines[0]!)![1]!;
      expect(run.lines.slice(1)).to.deep.equal([
        "seeded 1 commercetools group into project shop-eu",
        "seeded 1 commercetools group into project shop-us",
        "seeded 1 BigCommerce group into store sandbox",
        "seeded 1 BigCommerce group into store storeus",
        "seeded 1 RevCent group",
        `  commercetools project shop-eu: apiUrl and authUrl ${url}, client id sandbox-client`,
        `  commercetools project shop-us: apiUrl and authUrl ${url}, client id sandbox-client`,
        `  BigCommerce store sandbox: apiUrl ${url}/stores/sandbox/v2`,
        `  BigCommerce store storeus: apiUrl ${url}/stores/storeus/v2`,
        `  RevCent: apiUrl ${url}/v2`,
        `  admin API: ${url}/__admin (docs/sandbox.md), with Authorization: Bearer ${adminToken}; stop with Ctrl-C`,
      ]);
      // The secret given is the one the sandbox takes, and it is never printed.
      expect(run.lines.join("\n")).to.not.include("ci-secret");
      const remote = await connectSandbox(url, adminToken);
      expect(remote.config.projects.map((p) => [p.projectKey, p.clientSecret])).to.deep.equal([
        ["shop-eu", "ci-secret"],
        ["shop-us", "ci-secret"],
      ]);
      expect((await remote.project("shop-us").groups()).map((g) => g.key)).to.deep.equal(["gold"]);
      run.child.kill("SIGTERM");
      expect(await run.exit).to.equal(0);
      // A secret given as a flag is warned about (the process list shows it), naming the variable to use instead.
      expect(run.stderr()).to.equal(
        "warning: --client-secret is visible to every user of this machine in the process list; set SANDBOX_CLIENT_SECRET instead\n",
      );
    });

    it("serves every connection the seed and --serve name, and --write-env points the defaults and each connection at it (mode 0600)", async () => {
      const served = path.join(dir, "pull-request.yaml");
      fs.writeFileSync(served, "bigcommerce:\n  outlet: { name: Outlet, connection: outlet }\nrevcent:\n  vip: { name: VIP, connection: rc-eu }\n");
      const envOut = path.join(dir, "sandbox.env");
      const run = await start(["--port", "0", "--seed", file, "--serve", served, "--write-env", envOut]);
      const url = /^sandbox listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(run.lines[0]!)![1]!;
      expect(run.lines).to.include.members([
        "seeded 1 commercetools group into project shop-us",
        "seeded 1 BigCommerce group into store storeus",
        `environment for a stack written to ${envOut}`,
        `  BigCommerce store outlet: apiUrl ${url}/stores/outlet/v2`,
      ]);
      expect(fs.statSync(envOut).mode & 0o777).to.equal(0o600);
      const lines = fs.readFileSync(envOut, "utf8").trim().split("\n");
      expect(lines).to.include.members([
        "export CTP_PROJECT_KEY='demo-project'",
        `export CTP_API_URL='${url}'`,
        "export CTP_PROJECT_KEY_SHOP_US='shop-us'",
        "export CTP_CLIENT_SECRET_SHOP_US='sandbox-secret'",
        "export BIGCOMMERCE_STORE_HASH='sandbox'",
        "export BIGCOMMERCE_STORE_HASH_STOREUS='storeus'",
        "export BIGCOMMERCE_STORE_HASH_OUTLET='outlet'",
        `export BIGCOMMERCE_API_URL_OUTLET='${url}'`,
        "export BIGCOMMERCE_ACCESS_TOKEN_OUTLET='sandbox-token'",
        "export REVCENT_API_KEY_RC_EU='sandbox-api-key'",
        `export SANDBOX_ADMIN_TOKEN='${adminToken}'`,
      ]);
      for (const line of lines) expect(line).to.match(/^export [A-Z0-9_]+='[^']*'$/);
      // The first project and store are the defaults, not connections (no data file names them so).
      expect(lines.filter((l) => /_(DEMO_PROJECT|SANDBOX)=/.test(l))).to.deep.equal([]);
      // Only the groups of the seed are made; --serve's are not.
      expect(await (await connectSandbox(url, adminToken)).store("outlet").groups()).to.deep.equal([]);
      run.child.kill("SIGTERM");
      expect(await run.exit).to.equal(0);
    });

    it("holds 30 requests at once (an injected latency) with no listener warning, and ends them when stopped", async () => {
      const run = await start(["--port", "0"]);
      const url = /^sandbox listening on (\S+)$/.exec(run.lines[0]!)![1]!;
      const remote = await connectSandbox(url, adminToken);
      await remote.injectFault({ vendor: "revcent", latencyMs: 600_000, count: 30 });
      const held = Array.from({ length: 30 }, () => fetch(`${url}/v2/customer_groups`, { headers: { "x-api-key": "sandbox-api-key" } }).catch(() => undefined));
      expect(await remote.requests({ atLeast: 30 })).to.have.length(30);
      run.child.kill("SIGTERM");
      expect(await run.exit).to.equal(0);
      await Promise.all(held);
      expect(run.stderr()).to.not.include("MaxListenersExceededWarning");
      expect(run.stderr()).to.equal("");
    });

    it("exits 64 naming the option for a bad value, and 1 with every problem for a bad seed file, starting nothing", async () => {
      const finish = (args: string[]) =>
        new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
          const child = spawn(process.execPath, [cli, "sandbox", ...args], { stdio: ["ignore", "pipe", "pipe"] });
          children.push(child);
          let [stdout, stderr] = ["", ""];
          child.stdout!.on("data", (c: Buffer) => (stdout += c.toString()));
          child.stderr!.on("data", (c: Buffer) => (stderr += c.toString()));
          child.once("exit", (code) => resolve({ code, stdout, stderr }));
        });
      const port = await finish(["--port", "http"]);
      expect(port).to.deep.include({ code: 64, stdout: "" });
      expect(port.stderr).to.include("--port 'http' is not an integer from 0 to 65535");
      const project = await finish(["--port", "0", "--projects", "Shop_EU"]);
      expect(project.code).to.equal(64);
      expect(project.stderr).to.include("projectKey 'Shop_EU': 2 to 36 characters of a-z, 0-9 and -");
      const bad = path.join(dir, "bad-seed.yaml");
      fs.writeFileSync(bad, "commercetools:\n  x: { name: X, key: 'no spaces' }\n");
      const seeded = await finish(["--port", "0", "--seed", bad]);
      expect(seeded.code).to.equal(1);
      expect(seeded.stdout).to.equal("");
      expect(seeded.stderr).to.match(/bad-seed\.yaml:2:\d+ commercetools\.x\.key/);
    });
  });
});
