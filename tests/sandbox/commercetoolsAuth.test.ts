// commercetools OAuth in the sandbox: client-credentials tokens, bad credentials, bearer checks, scopes.
import { expect } from "chai";
import { startSandbox, type Sandbox } from "../../sandbox/index";
import { basic, ctApi, ctErrorOf, ctToken, http } from "./helpers";

describe("sandbox: commercetools auth", () => {
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox();
  });
  after(() => sb.close());
  beforeEach(() => sb.reset());

  function tokenRequest(authorization: string | undefined, form: string) {
    const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
    if (authorization !== undefined) headers.authorization = authorization;
    return http(`${sb.url}/oauth/token`, { method: "POST", headers, body: form });
  }

  it("issues a bearer token for the right client credentials", async () => {
    const res = await tokenRequest(basic("sandbox-client", "sandbox-secret"), "grant_type=client_credentials");
    expect(res.status).to.equal(200);
    const body = res.json as Record<string, unknown>;
    expect(body).to.have.all.keys("access_token", "token_type", "expires_in", "scope");
    expect(body.token_type).to.equal("Bearer");
    expect(body.expires_in).to.be.a("number").above(0);
    expect(body.scope).to.equal("manage_project:demo-project");
    expect(body.access_token).to.be.a("string").with.length.above(10);
  });

  it("answers a wrong secret with 401 invalid_client in the auth error format", async () => {
    const res = await tokenRequest(basic("sandbox-client", "wrong"), "grant_type=client_credentials");
    expect(res.status).to.equal(401);
    const body = res.json as Record<string, unknown>;
    expect(body.error).to.equal("invalid_client");
    expect(body.error_description).to.be.a("string");
    expect(ctErrorOf(res).code).to.equal("invalid_client");
  });

  it("answers missing credentials with 401 and an unknown grant type with 400", async () => {
    expect((await tokenRequest(undefined, "grant_type=client_credentials")).status).to.equal(401);
    const bad = await tokenRequest(basic("sandbox-client", "sandbox-secret"), "grant_type=password");
    expect(bad.status).to.equal(400);
    expect(ctErrorOf(bad).code).to.equal("unsupported_grant_type");
  });

  it("refuses API calls without a token or with an unknown one (401 invalid_token)", async () => {
    const none = await http(`${sb.url}/demo-project/customer-groups`);
    expect(none.status).to.equal(401);
    expect(ctErrorOf(none).code).to.equal("invalid_token");
    const unknown = await ctApi(sb, "not-a-token")("GET", "/customer-groups");
    expect(unknown.status).to.equal(401);
    expect((unknown.json as { error: string }).error).to.equal("invalid_token");
  });

  it("accepts an issued token, and refuses it once tokens are revoked", async () => {
    const api = ctApi(sb, await ctToken(sb));
    expect((await api("GET", "/customer-groups")).status).to.equal(200);
    await sb.commercetools.revokeTokens();
    expect((await api("GET", "/customer-groups")).status).to.equal(401);
  });

  it("enforces scopes: a view-only token reads but cannot create", async () => {
    const api = ctApi(sb, await ctToken(sb, "view_customer_groups:demo-project"));
    expect((await api("GET", "/customer-groups")).status).to.equal(200);
    const res = await api("POST", "/customer-groups", { groupName: "Gold" });
    expect(res.status).to.equal(403);
    expect(ctErrorOf(res).code).to.equal("insufficient_scope");
    expect(await sb.commercetools.groups()).to.have.length(0);
  });

  it("refuses a token on another project's path (403)", async () => {
    const token = await ctToken(sb);
    const res = await http(`${sb.url}/other-project/customer-groups`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).to.equal(403);
  });

  it("uses the credentials given in the options", async () => {
    const custom = await startSandbox({ commercetools: { projectKey: "p1", clientId: "id1", clientSecret: "s1" } });
    try {
      const ok = await http(`${custom.url}/oauth/token`, {
        method: "POST",
        headers: { authorization: basic("id1", "s1"), "content-type": "application/x-www-form-urlencoded" },
        body: "grant_type=client_credentials",
      });
      expect(ok.status).to.equal(200);
      expect((ok.json as { scope: string }).scope).to.equal("manage_project:p1");
      const defaults = await http(`${custom.url}/oauth/token`, {
        method: "POST",
        headers: { authorization: basic("sandbox-client", "sandbox-secret"), "content-type": "application/x-www-form-urlencoded" },
        body: "grant_type=client_credentials",
      });
      expect(defaults.status).to.equal(401);
    } finally {
      await custom.close();
    }
  });

  it("reads types with view_types or manage_project only, by query, id and key (403 insufficient_scope naming view_types otherwise)", async () => {
    const [seed] = await sb.commercetools.types();
    const groupsOnly = ctApi(sb, await ctToken(sb, "manage_customer_groups:demo-project"));
    const refused = await groupsOnly("GET", "/types");
    expect(refused.status).to.equal(403);
    expect(ctErrorOf(refused).message).to.contain("view_types:demo-project");

    const viewer = ctApi(sb, await ctToken(sb, "view_types:demo-project"));
    const where = encodeURIComponent(`id in (${JSON.stringify(seed!.id)}, "no-such-id")`);
    const page = await viewer("GET", `/types?where=${where}&withTotal=false`);
    expect(page.status).to.equal(200);
    expect((page.json as { results: { id: string; key: string }[]; total?: number }).results.map((t) => [t.id, t.key])).to.deep.equal([
      [seed!.id, "group-fields"],
    ]);
    expect((page.json as { total?: number }).total).to.equal(undefined);
    expect(((await viewer("GET", `/types/${seed!.id}`)).json as { key: string }).key).to.equal("group-fields");
    expect(((await viewer("GET", "/types/key=group-fields")).json as { id: string }).id).to.equal(seed!.id);
    expect((await viewer("GET", "/types/key=nope")).status).to.equal(404);
    // Reading types grants nothing on groups, and types are made through the admin API here.
    expect((await viewer("GET", "/customer-groups")).status).to.equal(403);
    expect((await ctApi(sb, await ctToken(sb))("POST", "/types", { key: "x" })).status).to.equal(405);
    const badField = await viewer("GET", `/types?where=${encodeURIComponent('groupName="x"')}`);
    expect(badField.status).to.equal(400);
  });

  it("grants an API client only its permissions: a scope outside them is refused with 400 invalid_scope; none asked gives them all", async () => {
    const custom = await startSandbox({ commercetools: { permissions: ["manage_customer_groups"] } });
    try {
      const ask = (form: string) =>
        http(`${custom.url}/oauth/token`, {
          method: "POST",
          headers: { authorization: basic("sandbox-client", "sandbox-secret"), "content-type": "application/x-www-form-urlencoded" },
          body: form,
        });
      const refused = await ask("grant_type=client_credentials&scope=view_types:demo-project");
      expect(refused.status).to.equal(400);
      expect(ctErrorOf(refused).code).to.equal("invalid_scope");
      const all = await ask("grant_type=client_credentials");
      expect((all.json as { scope: string }).scope).to.equal("manage_customer_groups:demo-project");
    } finally {
      await custom.close();
    }
    const bad = await startSandbox({ commercetools: { permissions: ["view_everything"] } }).then(
      (sandbox) => sandbox.close().then(() => "started"),
      (e: Error) => e.message,
    );
    expect(bad).to.match(/commercetools.permissions: 'view_everything' is not one of/);
  });
});
