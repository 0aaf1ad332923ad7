// Several commercetools projects and BigCommerce stores in one sandbox: each its own data, credentials and quota; the admin
// API and the config name every one; a persist file of one project and one store (format 1) still loads.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { startSandbox, type Sandbox } from "../../sandbox/index";
import { basic, bcApi, http } from "./helpers";

describe("sandbox: several projects and stores", () => {
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox({
      commercetools: { projectKey: "shop-eu", clientId: "eu-client", clientSecret: "eu-secret" },
      projects: [{ projectKey: "shop-us", clientId: "us-client", clientSecret: "us-secret" }, { projectKey: "shop-uk" }],
      bigcommerce: { storeHash: "storeeu", accessToken: "eu-token" },
      stores: [{ storeHash: "storeus", accessToken: "us-token", rateLimit: { quota: 2 } }, { storeHash: "storeuk" }],
    });
  });
  after(() => sb.close());
  beforeEach(() => sb.reset());

  async function token(clientId: string, secret: string, scope?: string) {
    const form = new URLSearchParams({ grant_type: "client_credentials", ...(scope !== undefined && { scope }) });
    return http(`${sb.url}/oauth/token`, {
      method: "POST",
      headers: { authorization: basic(clientId, secret), "content-type": "application/x-www-form-urlencoded" },
      body: form.toString(),
    });
  }

  it("describes every project and store, the first ones also as commercetools and bigcommerce", () => {
    expect(sb.config.projects.map((p) => [p.projectKey, p.clientId, p.clientSecret])).to.deep.equal([
      ["shop-eu", "eu-client", "eu-secret"],
      ["shop-us", "us-client", "us-secret"],
      // Credentials left out are the first project's.
      ["shop-uk", "eu-client", "eu-secret"],
    ]);
    expect(sb.config.commercetools.projectKey).to.equal("shop-eu");
    expect(sb.config.stores.map((s) => [s.storeHash, s.accessToken, s.apiUrl])).to.deep.equal([
      ["storeeu", "eu-token", `${sb.url}/stores/storeeu/v2`],
      ["storeus", "us-token", `${sb.url}/stores/storeus/v2`],
      ["storeuk", "eu-token", `${sb.url}/stores/storeuk/v2`],
    ]);
  });

  it("keeps each project's groups apart, and a project's client gets tokens for its own projects only", async () => {
    const us = await token("us-client", "us-secret");
    expect((us.json as { scope: string }).scope).to.equal("manage_project:shop-us");
    const eu = await token("eu-client", "eu-secret");
    // One set of credentials configured for two projects gets both.
    expect((eu.json as { scope: string }).scope).to.equal("manage_project:shop-eu manage_project:shop-uk");
    expect((await token("us-client", "us-secret", "manage_project:shop-eu")).status).to.equal(400);
    expect((await token("us-client", "eu-secret")).status).to.equal(401);

    const bearer = (res: typeof us) => ({ authorization: `Bearer ${(res.json as { access_token: string }).access_token}`, "content-type": "application/json" });
    const created = await http(`${sb.url}/shop-us/customer-groups`, { method: "POST", headers: bearer(us), body: JSON.stringify({ groupName: "Gold" }) });
    expect(created.status).to.equal(201);
    expect((await http(`${sb.url}/shop-eu/customer-groups`, { headers: bearer(us) })).status).to.equal(403);
    expect((await sb.project("shop-us").groups()).map((g) => g.name)).to.deep.equal(["Gold"]);
    expect(await sb.commercetools.groups()).to.deep.equal([]);
    expect(await sb.project("shop-uk").groups()).to.deep.equal([]);
    // Each project has its own types: the seed type in each, with its own id.
    const [euType, usType] = [(await sb.commercetools.types())[0]!, (await sb.project("shop-us").types())[0]!];
    expect([euType.key, usType.key]).to.deep.equal(["group-fields", "group-fields"]);
    expect(euType.id).to.not.equal(usType.id);
    // Revoking one project's tokens leaves the other's.
    await sb.project("shop-us").revokeTokens();
    expect((await http(`${sb.url}/shop-us/customer-groups`, { headers: bearer(us) })).status).to.equal(401);
    expect((await http(`${sb.url}/shop-eu/customer-groups`, { headers: bearer(eu) })).status).to.equal(200);
  });

  it("keeps each store's groups, token and quota apart; the admin API names the stores it serves", async () => {
    expect((await bcApi(sb, "us-token", "storeus")("POST", "", { name: "Retail" })).status).to.equal(201);
    expect((await bcApi(sb, "eu-token", "storeus")("GET", "")).status).to.equal(401);
    expect((await bcApi(sb, "eu-token", "storeuk")("GET", "")).status).to.equal(204);
    expect((await sb.store("storeus").groups()).map((g) => g.name)).to.deep.equal(["Retail"]);
    expect(await sb.bigcommerce.groups()).to.deep.equal([]);
    // storeus has a quota of 2 per window: its third request is refused; the other stores are not affected.
    expect((await bcApi(sb, "us-token", "storeus")("GET", "")).status).to.equal(200);
    expect((await bcApi(sb, "us-token", "storeus")("GET", "")).status).to.equal(429);
    expect((await bcApi(sb, "eu-token", "storeeu")("GET", "")).status).to.equal(204);
    const unknown = await sb
      .store("nostore")
      .groups()
      .then(
        () => "",
        (e: Error) => e.message,
      );
    expect(unknown).to.equal("sandbox admin API answered 404: unknown store 'nostore' (this sandbox serves storeeu, storeus, storeuk)");
  });

  it("refuses a project key or store hash given twice, or one the platform would not accept", async () => {
    const failure = (options: Parameters<typeof startSandbox>[0]) =>
      startSandbox(options).then(
        (s) => s.close().then(() => "started"),
        (e: Error) => e.message,
      );
    expect(await failure({ projects: [{ projectKey: "demo-project" }] })).to.equal("projectKey 'demo-project' is given twice");
    expect(await failure({ projects: [{ projectKey: "Shop_EU" }] })).to.match(/^projectKey 'Shop_EU': 2 to 36 characters of a-z, 0-9 and -/);
    expect(await failure({ stores: [{ storeHash: "sandbox" }] })).to.equal("storeHash 'sandbox' is given twice");
  });

  it("persists every project and store, and loads a file of one project and one store (format 1) into the first", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "sandbox-projects-"));
    try {
      const file = path.join(dir, "state.json");
      const options = { persistFile: file, projects: [{ projectKey: "second" }], stores: [{ storeHash: "second" }] };
      const first = await startSandbox(options);
      await first.project("second").createGroup({ groupName: "Second Gold" });
      await first.store("second").createGroup({ name: "Second Retail" });
      await first.close();
      const again = await startSandbox(options);
      expect((await again.project("second").groups()).map((g) => g.name)).to.deep.equal(["Second Gold"]);
      expect((await again.store("second").groups()).map((g) => g.name)).to.deep.equal(["Second Retail"]);
      expect(await again.commercetools.groups()).to.deep.equal([]);
      await again.close();

      const v1 = {
        format: 1,
        commercetools: {
          groups: (JSON.parse(readFileSync(file, "utf8")) as { commercetools: { projects: { second: { groups: unknown[] } } } }).commercetools.projects.second
            .groups,
          types: [],
          tokens: [],
        },
        bigcommerce: {
          nextId: 2,
          groups: [{ id: 1, name: "Old Retail", is_default: false, category_access: { type: "all" }, discount_rules: [], date_created: 1, date_modified: 1 }],
        },
        revcent: { groups: [], customers: [] },
      };
      writeFileSync(file, JSON.stringify(v1));
      const old = await startSandbox({ persistFile: file });
      expect((await old.commercetools.groups()).map((g) => g.name)).to.deep.equal(["Second Gold"]);
      expect((await old.bigcommerce.groups()).map((g) => g.name)).to.deep.equal(["Old Retail"]);
      await old.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
