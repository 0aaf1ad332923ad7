// Sandbox state across restarts: the --persist JSON file, in-process and through the CLI; the CLI's other settings.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { expect } from "chai";
import { sandboxCommand } from "../../cli/sandbox";
import { startSandbox, type BcCustomerGroup, type CtCustomerGroup } from "../../sandbox/index";
import { admin, bcApi, ctApi, ctToken, http, rcApi } from "./helpers";

describe("sandbox: persistence", () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "sandbox-persist-"));
    file = path.join(dir, "state.json");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("saves after each change and restores groups, versions, types, seeds and tokens on restart", async () => {
    const first = await startSandbox({ persistFile: file });
    let token: string;
    let ct: CtCustomerGroup;
    try {
      token = await ctToken(first);
      const api = ctApi(first, token);
      ct = (await api("POST", "/customer-groups", { groupName: "Gold", key: "gold" })).json as CtCustomerGroup;
      // The file is written after each change, not only at close.
      const saved = JSON.parse(readFileSync(file, "utf8")) as { format: number; commercetools: { projects: Record<string, { groups: { id: string }[] }> } };
      expect(saved.format).to.equal(2);
      expect(saved.commercetools.projects["demo-project"]!.groups.map((g) => g.id)).to.deep.equal([ct.id]);
      ct = (await api("POST", `/customer-groups/${ct.id}`, { version: 1, actions: [{ action: "changeName", name: "Gold 2" }] })).json as CtCustomerGroup;
      await first.commercetools.addType({ key: "extra", fieldDefinitions: [{ name: "note", type: { name: "String" } }] });
      expect((await bcApi(first)("POST", "", { name: "Retail", discount_rules: [{ type: "all", method: "fixed", amount: 1.5 }] })).status).to.equal(201);
      await first.revcent.seedGroups([{ name: "VIP" }]);
    } finally {
      await first.close();
    }

    const second = await startSandbox({ persistFile: file });
    try {
      const api = ctApi(second, token);
      const again = await api("GET", `/customer-groups/${ct.id}`);
      expect(again.status, "the token survives the restart").to.equal(200);
      expect(again.json).to.deep.equal(ct);
      expect(ct.version).to.equal(2);
      expect((await second.commercetools.types()).map((t) => t.key)).to.deep.equal(["group-fields", "extra"]);
      const bc = await bcApi(second)("GET", "/1");
      expect(bc.json).to.deep.include({ name: "Retail", discount_rules: [{ type: "all", method: "fixed", amount: "1.5000" }] });
      expect((await bcApi(second)("POST", "", { name: "Next" })).json).to.include({ id: 2 });
      const rc = await rcApi(second)("customer_groups", [
        ["page", 1],
        ["limit", 25],
      ]);
      expect((rc.json as { results: { name: string }[] }).results.map((g) => g.name)).to.deep.equal(["VIP"]);
    } finally {
      await second.close();
    }
  });

  it("saves groups seeded in bulk like any other, and restores them on restart", async () => {
    const first = await startSandbox({ persistFile: file });
    let ct: CtCustomerGroup[];
    let bc: BcCustomerGroup[];
    try {
      ct = await first.commercetools.seedGroups({ count: 3, keyPrefix: "g-" });
      bc = await first.bigcommerce.seedGroups([{ name: "Retail", discount_rules: [{ type: "all", method: "fixed", amount: 1.5 }] }, { name: "Trade" }]);
    } finally {
      await first.close();
    }
    const second = await startSandbox({ persistFile: file });
    try {
      const api = ctApi(second, await ctToken(second));
      expect((await api("GET", "/customer-groups/key=g-3")).json).to.deep.equal(ct[2]);
      expect(await second.commercetools.groups()).to.deep.equal(ct);
      expect((await bcApi(second)("GET", "")).json).to.deep.equal(bc);
      expect((await bcApi(second)("POST", "", { name: "Next" })).json).to.include({ id: 3 });
    } finally {
      await second.close();
    }
  });

  it("refuses to start on a persist file that is not valid JSON", async () => {
    const bad = path.join(dir, "bad.json");
    writeFileSync(bad, "{oops");
    const err = await startSandbox({ persistFile: bad }).then(
      async (sb) => {
        await sb.close();
        return undefined;
      },
      (e: unknown) => e,
    );
    expect(err).to.be.instanceOf(Error);
    expect((err as Error).message).to.contain("not valid JSON");
  });

  describe("CLI", () => {
    const cli = path.join(__dirname, "..", "..", "cli", "main.js");
    const children: ChildProcess[] = [];
    // A failed assertion must not leave a CLI running (it would keep mocha alive).
    afterEach(() => {
      for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
    });

    const adminToken = "persistence-admin-token-01";
    /** The CLI's environment: this process's, without the sandbox's own variables, plus `env`. */
    const cliEnv = (env: Record<string, string>): NodeJS.ProcessEnv => ({
      ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("SANDBOX_"))),
      SANDBOX_ADMIN_TOKEN: adminToken,
      ...env,
    });

    async function run(args: string[], env: Record<string, string> = {}): Promise<{ child: ChildProcess; url: string; exit: Promise<number | null> }> {
      const child = spawn(process.execPath, [cli, "sandbox", ...args], { stdio: ["ignore", "pipe", "inherit"], env: cliEnv(env) });
      children.push(child);
      const exit = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
      const lines = createInterface({ input: child.stdout! });
      const first = await new Promise<string>((resolve, reject) => {
        lines.once("line", resolve);
        child.once("exit", (code) => reject(new Error(`CLI exited early with ${code}`)));
      });
      const m = /^sandbox listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(first);
      expect(m, first).to.not.equal(null);
      return { child, url: m![1]!, exit };
    }

    /** The BigCommerce quota and window a running CLI reports, through the admin API and on a store response. */
    async function bcRateLimit(url: string): Promise<{ admin: unknown; quota: string | null; windowMs: string | null }> {
      const limit = (await http(`${url}/__admin/bigcommerce/sandbox/rate-limit`, admin(adminToken))).json;
      const res = await http(`${url}/stores/sandbox/v2/customer_groups/count`, { headers: { "x-auth-token": "sandbox-token" } });
      return { admin: limit, quota: res.headers.get("x-rate-limit-requests-quota"), windowMs: res.headers.get("x-rate-limit-time-window-ms") };
    }

    it("prints its URL on one line, serves, persists, and exits 0 on SIGTERM and SIGINT", async function () {
      this.timeout(30000);
      const a = await run(["--port", "0", "--persist", file]);
      const created = await http(
        `${a.url}/__admin/commercetools/demo-project/customer-groups`,
        admin(adminToken, { method: "POST", body: JSON.stringify({ groupName: "From the CLI" }) }),
      );
      expect(created.status).to.equal(201);
      expect(await bcRateLimit(a.url), "a Standard or Plus store's quota").to.deep.equal({
        admin: { quota: 150, windowMs: 30000 },
        quota: "150",
        windowMs: "30000",
      });
      a.child.kill("SIGTERM");
      expect(await a.exit).to.equal(0);

      const b = await run([`--persist=${file}`, "--port=0"]);
      const groups = await http(`${b.url}/__admin/commercetools/demo-project/customer-groups`, admin(adminToken));
      expect((groups.json as { name: string }[]).map((g) => g.name)).to.deep.equal(["From the CLI"]);
      b.child.kill("SIGINT");
      expect(await b.exit).to.equal(0);
    });

    it("refuses unknown arguments with exit code 64", async () => {
      const child = spawn(process.execPath, [cli, "sandbox", "--bogus"], { stdio: "ignore" });
      const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
      expect(code).to.equal(64);
    });

    it("limits BigCommerce to --bc-quota requests per --bc-window-ms, and exits 64 on an invalid one", async function () {
      this.timeout(30000);
      // The variable is overridden by the flag; the window comes from its variable.
      const set = await run(["--port=0", "--bc-quota", "2"], { SANDBOX_BC_QUOTA: "7", SANDBOX_BC_WINDOW_MS: "5000" });
      expect(await bcRateLimit(set.url)).to.deep.equal({ admin: { quota: 2, windowMs: 5000 }, quota: "2", windowMs: "5000" });
      const more = [];
      for (let i = 0; i < 2; i++)
        more.push((await http(`${set.url}/stores/sandbox/v2/customer_groups/count`, { headers: { "x-auth-token": "sandbox-token" } })).status);
      expect(more).to.deep.equal([200, 429]);
      set.child.kill("SIGTERM");
      expect(await set.exit).to.equal(0);

      const refused = spawn(process.execPath, [cli, "sandbox", "--bc-window-ms=0"], { stdio: ["ignore", "ignore", "pipe"], env: cliEnv({}) });
      children.push(refused);
      let stderr = "";
      refused.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      expect(await new Promise<number | null>((resolve) => refused.once("exit", resolve))).to.equal(64);
      expect(stderr).to.equal(
        "pulumi-customer-groups sandbox: --bc-window-ms '0' is not an integer of at least 1\nRun 'pulumi-customer-groups --help' for usage.\n",
      );
    });

    it("reads each option from its flag or its variable (the flag wins), and says which one is wrong", () => {
      const rateLimitOf = (values: Record<string, string>, env: Record<string, string>) => sandboxCommand(values, env).options.bigcommerce?.rateLimit;
      expect(sandboxCommand({}, {}).options).to.deep.equal({
        port: 8787,
        commercetools: { projectKey: "demo-project" },
        bigcommerce: { storeHash: "sandbox" },
      });
      expect(rateLimitOf({ "bc-quota": "450", "bc-window-ms": "60000" }, {})).to.deep.equal({ quota: 450, windowMs: 60000 });
      expect(rateLimitOf({}, { SANDBOX_BC_QUOTA: "0" })).to.deep.equal({ quota: 0 });
      expect(rateLimitOf({ "bc-window-ms": "1000" }, { SANDBOX_BC_QUOTA: "3", SANDBOX_BC_WINDOW_MS: "7000" })).to.deep.equal({ quota: 3, windowMs: 1000 });
      // An empty variable is as if unset.
      expect(rateLimitOf({}, { SANDBOX_BC_QUOTA: "", SANDBOX_BC_WINDOW_MS: "" })).to.equal(undefined);
      expect(sandboxCommand({}, { SANDBOX_PORT: "0" }).options.port).to.equal(0);
      const refusal = (values: Record<string, string>, env: Record<string, string> = {}) => {
        try {
          sandboxCommand(values, env);
          return "accepted";
        } catch (e) {
          return (e as Error).message;
        }
      };
      expect(refusal({ "bc-quota": "-1" })).to.equal("--bc-quota '-1' is not an integer of at least 0");
      expect(refusal({}, { SANDBOX_BC_QUOTA: "1.5" })).to.equal("SANDBOX_BC_QUOTA '1.5' is not an integer of at least 0");
      expect(refusal({}, { SANDBOX_BC_WINDOW_MS: "30s" })).to.equal("SANDBOX_BC_WINDOW_MS '30s' is not an integer of at least 1");
      expect(refusal({ port: "70000" })).to.equal("--port '70000' is not an integer from 0 to 65535");
      expect(refusal({ projects: "a-shop,,b-shop" })).to.equal("--projects 'a-shop,,b-shop' has an empty entry: give names separated by commas");

      const full = sandboxCommand(
        { projects: "shop-eu, shop-us", "client-secret": "s3cret", seed: "groups" },
        { SANDBOX_STORES: "eu,us", SANDBOX_CLIENT_ID: "ci-client", SANDBOX_ACCESS_TOKEN: "ci-token", SANDBOX_API_KEY: "ci-key", SANDBOX_PERSIST: "state.json" },
      );
      expect(full).to.deep.equal({
        options: {
          port: 8787,
          persistFile: "state.json",
          commercetools: { projectKey: "shop-eu", clientId: "ci-client", clientSecret: "s3cret" },
          projects: [{ projectKey: "shop-us" }],
          bigcommerce: { storeHash: "eu", accessToken: "ci-token" },
          stores: [{ storeHash: "us" }],
          revcent: { apiKey: "ci-key" },
        },
        seed: "groups",
        // Secrets from variables are fine; from a flag, the process list shows them.
        warnings: ["--client-secret is visible to every user of this machine in the process list; set SANDBOX_CLIENT_SECRET instead"],
      });
    });
  });
});
