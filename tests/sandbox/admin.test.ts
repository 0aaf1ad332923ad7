// The sandbox admin API: merchant edits out of band, bulk seeding, fault injection, the request log, reset.
import { expect } from "chai";
import { connectSandbox, SandboxAdminError, startSandbox, type BcCustomerGroup, type CtCustomerGroup, type Sandbox } from "../../sandbox/index";
import { FakeClock } from "../helpers/fakeClock";
import { admin, bcApi, ctApi, ctErrorOf, ctToken, http, rcApi } from "./helpers";

describe("sandbox: admin API", () => {
  let sb: Sandbox;
  // Injected latencies wait on this clock: a test moves it instead of waiting.
  const clock = new FakeClock();
  before(async () => {
    sb = await startSandbox({ clock });
  });
  after(() => sb.close());
  beforeEach(() => sb.reset());

  describe("merchant edits", () => {
    it("edits a commercetools group out of band, bumping the version so a stale client gets 409", async () => {
      const api = ctApi(sb, await ctToken(sb));
      const g = (await api("POST", "/customer-groups", { groupName: "Gold", key: "gold" })).json as CtCustomerGroup;
      const edited = await sb.commercetools.editGroup(g.id, { name: "Gold (edited)", key: null });
      expect(edited).to.include({ version: 2, name: "Gold (edited)" });
      expect(edited).not.to.have.property("key");
      expect(edited.lastModifiedBy).to.deep.equal({ isPlatformClient: true });
      expect((await api("GET", `/customer-groups/${g.id}`)).json).to.deep.equal(edited);
      const stale = await api("POST", `/customer-groups/${g.id}`, { version: 1, actions: [{ action: "changeName", name: "Mine" }] });
      expect(stale.status).to.equal(409);
      expect(ctErrorOf(stale)).to.include({ currentVersion: 2 });
      const withCustom = await sb.commercetools.editGroup(g.id, { custom: { type: { key: "group-fields" }, fields: { tier: "t" } } });
      expect(withCustom.version).to.equal(3);
      expect(withCustom.custom?.type.typeId).to.equal("type");
    });

    it("refuses an edit that breaks a vendor rule, with the vendor's errors as details", async () => {
      const a = await sb.commercetools.createGroup({ groupName: "A" });
      await sb.commercetools.createGroup({ groupName: "B" });
      const err = await sb.commercetools.editGroup(a.id, { name: "B" }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).to.be.instanceOf(SandboxAdminError);
      expect((err as SandboxAdminError).status).to.equal(400);
      const details = (err as SandboxAdminError).body?.details as { code: string; field: string }[];
      expect(details[0]).to.include({ code: "DuplicateField", field: "name" });
      expect((await sb.commercetools.getGroup(a.id)).name).to.equal("A");
    });

    it("deletes a commercetools group out of band", async () => {
      const api = ctApi(sb, await ctToken(sb));
      const g = await sb.commercetools.createGroup({ groupName: "Gold" });
      await sb.commercetools.deleteGroup(g.id);
      expect((await api("GET", `/customer-groups/${g.id}`)).status).to.equal(404);
    });

    it("edits and deletes BigCommerce groups out of band", async () => {
      const api = bcApi(sb);
      const g = await sb.bigcommerce.createGroup({ name: "Retail", discount_rules: [{ type: "all", method: "percent", amount: 5 }] });
      await sb.bigcommerce.editGroup(g.id, { name: "Retail (edited)" });
      const seen = (await api("GET", `/${g.id}`)).json;
      expect(seen).to.deep.include({ name: "Retail (edited)", discount_rules: [{ type: "all", method: "percent", amount: "5.0000" }] });
      await sb.bigcommerce.deleteGroup(g.id);
      expect((await api("GET", `/${g.id}`)).status).to.equal(404);
    });

    it("edits and deletes RevCent groups, keeping customers' group names in step", async () => {
      const [g] = await sb.revcent.seedGroups([{ name: "Gold" }]);
      await sb.revcent.seedCustomers([{ email: "a@example.com", customer_group: [{ id: g!.id }] }]);
      await sb.revcent.editGroup(g!.id, { name: "Platinum" });
      expect((await sb.revcent.customers())[0]!.customer_group).to.deep.equal([{ id: g!.id, name: "Platinum" }]);
      await sb.revcent.deleteGroup(g!.id);
      expect(await sb.revcent.groups()).to.deep.equal([]);
      expect((await sb.revcent.customers())[0]!.customer_group).to.deep.equal([]);
    });

    it("answers 404 for another project key or store hash", async () => {
      expect((await http(`${sb.url}/__admin/commercetools/other/customer-groups`, admin(sb.config.adminToken))).status).to.equal(404);
      expect((await http(`${sb.url}/__admin/bigcommerce/other/customer-groups`, admin(sb.config.adminToken))).status).to.equal(404);
    });
  });

  describe("bulk seeding", () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    const iso = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
    const referenceDate = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/;
    const refusal = (p: Promise<unknown>) =>
      p.then(
        () => undefined,
        (e: unknown) => e as SandboxAdminError,
      );

    it("seeds commercetools groups in bulk, each like one created through the API", async () => {
      const api = ctApi(sb, await ctToken(sb));
      const viaApi = (await api("POST", "/customer-groups", { groupName: "By the API", key: "by-api" })).json as CtCustomerGroup;
      const typeId = (await sb.commercetools.types())[0]!.id;
      const listed = await sb.commercetools.seedGroups([
        { groupName: "Gold", key: "gold", custom: { type: { key: "group-fields" }, fields: { tier: "1" } } },
        { groupName: "Silver" },
      ]);
      const numbered = await sb.commercetools.seedGroups({ count: 3, namePrefix: "Tier ", keyPrefix: "tier-" });
      const seeded = [...listed, ...numbered];
      expect(seeded.map((g) => [g.name, g.key ?? null, g.version])).to.deep.equal([
        ["Gold", "gold", 1],
        ["Silver", null, 1],
        ["Tier 1", "tier-1", 1],
        ["Tier 2", "tier-2", 1],
        ["Tier 3", "tier-3", 1],
      ]);
      // The same fields, formats and author as a group the sandbox's client created through the API.
      expect(Object.keys(numbered[0]!).sort()).to.deep.equal(Object.keys(viaApi).sort());
      for (const g of seeded) {
        expect(g.id).to.match(uuid);
        expect(g.createdAt).to.match(iso).and.equal(g.lastModifiedAt);
        expect(g.createdBy).to.deep.equal(viaApi.createdBy).and.deep.equal({ clientId: "sandbox-client", isPlatformClient: false });
        expect(g.lastModifiedBy).to.deep.equal(viaApi.lastModifiedBy);
      }
      expect(listed[0]!.custom).to.deep.equal({ type: { typeId: "type", id: typeId }, fields: { tier: "1" } });
      // The vendor API serves and updates them like any other.
      expect((await api("GET", "/customer-groups/key=tier-2")).json).to.deep.equal(numbered[1]);
      expect((await api("GET", "/customer-groups?sort=name&limit=0")).json).to.include({ total: 6 });
      const renamed = await api("POST", `/customer-groups/${listed[1]!.id}`, { version: 1, actions: [{ action: "changeName", name: "Silver 2" }] });
      expect(renamed.json).to.include({ version: 2, name: "Silver 2" });
    });

    it("refuses a commercetools bulk seed as a whole when one group breaks a rule or the project's group limit", async () => {
      await sb.commercetools.createGroup({ groupName: "Taken" });
      const duplicate = await refusal(sb.commercetools.seedGroups([{ groupName: "Fresh" }, { groupName: "Taken" }]));
      expect(duplicate).to.be.instanceOf(SandboxAdminError);
      expect(duplicate!.status).to.equal(400);
      expect(duplicate!.body?.error).to.match(/^groups\[1\]: A duplicate value/);
      expect((duplicate!.body?.details as { code: string }[])[0]).to.include({ code: "DuplicateField", field: "name" });
      expect((await refusal(sb.commercetools.seedGroups([{ groupName: "Twin" }, { groupName: "Twin" }])))!.status).to.equal(400);
      // A project at a limit of 1,000 (the platform's default is 10,000; see commercetoolsQuery.test.ts).
      const small = await startSandbox({ commercetools: { maxGroups: 1000 } });
      try {
        await small.commercetools.createGroup({ groupName: "Taken" });
        const tooMany = await refusal(small.commercetools.seedGroups({ count: 1000 }));
        expect((tooMany!.body?.details as { code: string }[])[0]).to.include({ code: "MaxResourceLimitExceeded" });
        expect(tooMany!.body?.error).to.match(/^groups\[999\]: /);
        expect((await small.commercetools.groups()).map((g) => g.name)).to.deep.equal(["Taken"]);
      } finally {
        await small.close();
      }
      expect((await sb.commercetools.groups()).map((g) => g.name)).to.deep.equal(["Taken"]);
      for (const bad of [
        {},
        { groups: [], count: 1 },
        { count: 0 },
        { count: 2.5 },
        { count: 2, colour: "red" },
        { groups: "Gold" },
        { groups: [], namePrefix: "G" },
      ]) {
        const res = await http(
          `${sb.url}/__admin/commercetools/demo-project/customer-groups/bulk`,
          admin(sb.config.adminToken, { method: "POST", body: JSON.stringify(bad) }),
        );
        expect(res.status, JSON.stringify(bad)).to.equal(400);
      }
      expect(await sb.commercetools.groups()).to.have.length(1);
    });

    it("seeds 600 BigCommerce groups in bulk, numbered on from the store's ids, each like one created through POST", async () => {
      const api = bcApi(sb);
      const viaApi = (await api("POST", "", { name: "By the API" })).json as BcCustomerGroup;
      const seeded = await sb.bigcommerce.seedGroups({ count: 600, namePrefix: "Wholesale " });
      expect(seeded.map((g) => g.id)).to.deep.equal(Array.from({ length: 600 }, (_, i) => i + 2));
      expect(seeded[599]).to.include({ name: "Wholesale 600", is_default: false });
      expect(Object.keys(seeded[0]!).sort()).to.deep.equal(Object.keys(viaApi).sort());
      expect(seeded[0]!.date_created).to.match(referenceDate);
      expect((await api("GET", "/2")).json).to.deep.equal(seeded[0]);
      expect((await api("GET", "/count")).json).to.deep.equal({ count: 601 });
      expect((await api("GET", "?page=3&limit=250")).json).to.have.length(101);
      expect((await api("POST", "", { name: "After the seed" })).json).to.include({ id: 602 });

      // Given as a list: the store's rules apply within the batch too (one default group, 4-decimal amounts).
      const listed = await sb.bigcommerce.seedGroups([
        { name: "Retail", is_default: true, discount_rules: [{ type: "all", method: "percent", amount: 5 }] },
        { name: "Students", is_default: true },
      ]);
      expect(listed.map((g) => [g.id, g.name, g.is_default])).to.deep.equal([
        [603, "Retail", false],
        [604, "Students", true],
      ]);
      expect(listed[0]!.discount_rules).to.deep.equal([{ type: "all", method: "percent", amount: "5.0000" }]);
    });

    it("refuses a BigCommerce bulk seed as a whole when one group is invalid or its name is taken", async () => {
      await sb.bigcommerce.createGroup({ name: "Taken" });
      const invalid = await refusal(sb.bigcommerce.seedGroups([{ name: "Fine" }, { name: "" }]));
      expect(invalid!.status).to.equal(400);
      expect(invalid!.body?.error).to.match(/^groups\[1\]: /);
      expect((invalid!.body?.details as { status: number }[])[0]).to.include({ status: 400 });
      expect((await refusal(sb.bigcommerce.seedGroups([{ name: "Fresh" }, { name: "Taken" }])))!.status).to.equal(409);
      const withKeys = await http(
        `${sb.url}/__admin/bigcommerce/sandbox/customer-groups/bulk`,
        admin(sb.config.adminToken, { method: "POST", body: JSON.stringify({ count: 2, keyPrefix: "k-" }) }),
      );
      expect(withKeys.status).to.equal(400);
      expect((await sb.bigcommerce.groups()).map((g) => g.name)).to.deep.equal(["Taken"]);
      // Nothing was numbered either: the next group gets the next id.
      expect((await sb.bigcommerce.createGroup({ name: "Next" })).id).to.equal(2);
    });
  });

  describe("faults", () => {
    it("fails the next N matching requests with the status, then serves normally", async () => {
      const api = bcApi(sb);
      await sb.injectFault({ vendor: "bigcommerce", method: "POST", pathPattern: "/customer_groups$", status: 429, count: 2, retryAfterSeconds: 3 });
      const first = await api("POST", "", { name: "A" });
      expect(first.status).to.equal(429);
      expect(first.headers.get("retry-after")).to.equal("3");
      expect(first.headers.get("x-rate-limit-requests-left")).to.equal("0");
      expect(first.headers.get("x-rate-limit-time-reset-ms")).to.equal("3000");
      expect(first.json).to.deep.equal([{ status: 429, message: "Too many requests." }]);
      expect((await api("GET", "")).status).to.equal(204);
      expect((await api("POST", "", { name: "A" })).status).to.equal(429);
      expect((await api("POST", "", { name: "A" })).status).to.equal(201);
      expect(await sb.bigcommerce.groups()).to.have.length(1);
      expect(await sb.faults()).to.deep.equal([]);
      const log = await sb.requests();
      expect(log.map((r) => [r.method, r.status, r.faults])).to.deep.equal([
        ["POST", 429, ["status:429"]],
        ["GET", 204, []],
        ["POST", 429, ["status:429"]],
        ["POST", 201, []],
      ]);
    });

    it("shapes injected errors per vendor", async () => {
      await sb.injectFault({ vendor: "commercetools", status: 503 });
      await sb.injectFault({ vendor: "revcent", status: 500 });
      const ct = await http(`${sb.url}/demo-project/customer-groups`);
      expect(ct.status).to.equal(503);
      expect(ctErrorOf(ct).code).to.equal("ServiceUnavailable");
      const rc = await rcApi(sb)("customer_groups", [
        ["page", 1],
        ["limit", 25],
      ]);
      expect(rc.status).to.equal(500);
      expect(rc.json).to.include({ code: 0, error_code: "server_error" });
    });

    it("leaves a change applied when the response is dropped after commit", async () => {
      const api = ctApi(sb, await ctToken(sb));
      await sb.injectFault({ dropResponseAfterCommit: true, method: "POST", pathPattern: "/customer-groups$", count: 1 });
      let failed = false;
      try {
        await api("POST", "/customer-groups", { groupName: "Lost response" });
      } catch {
        failed = true;
      }
      expect(failed, "the client should see the connection drop").to.equal(true);
      const groups = await sb.commercetools.groups();
      expect(groups.map((g) => g.name)).to.deep.equal(["Lost response"]);
      const retry = await api("POST", "/customer-groups", { groupName: "Lost response" });
      expect(ctErrorOf(retry)).to.deep.include({ code: "DuplicateField", conflictingResource: { typeId: "customer-group", id: groups[0]!.id } });
      const entry = (await sb.requests()).find((r) => r.faults.includes("dropResponseAfterCommit"));
      expect(entry).to.include({ method: "POST", path: "/demo-project/customer-groups", status: 201 });
    });

    it("applies a request and then answers the status with afterCommit, as a gateway that gave up on a backend that committed", async () => {
      const api = ctApi(sb, await ctToken(sb));
      await sb.injectFault({ vendor: "commercetools", method: "POST", pathPattern: "/customer-groups$", status: 503, afterCommit: true });
      const res = await api("POST", "/customer-groups", { groupName: "Committed" });
      expect(res.status).to.equal(503);
      expect(ctErrorOf(res).code).to.equal("ServiceUnavailable");
      expect((await sb.commercetools.groups()).map((g) => g.name)).to.deep.equal(["Committed"]);
      const again = await api("POST", "/customer-groups", { groupName: "Committed" });
      expect(ctErrorOf(again).code).to.equal("DuplicateField");
      const posts = (await sb.requests()).filter((r) => r.method === "POST" && r.path === "/demo-project/customer-groups");
      expect(posts.map((r) => [r.status, r.faults])).to.deep.equal([
        [503, ["status:503", "afterCommit"]],
        [400, []],
      ]);
    });

    it("holds a delayed request in flight (status null in the log) until the latency has passed on the sandbox's clock, then answers it", async () => {
      await sb.injectFault({ vendor: "revcent", latencyMs: 20_000, count: 1 });
      const pending = rcApi(sb)("customer_groups", [
        ["page", 1],
        ["limit", 25],
      ]);
      const [entry] = await sb.requests({ atLeast: 1 });
      expect(entry).to.include({ status: null, path: "/v2/customer_groups" });
      expect(entry!.faults).to.deep.equal(["latency:20000"]);
      expect(clock.sleepers).to.equal(1);
      clock.advance(19_999);
      expect((await sb.requests())[0]).to.include({ status: null });
      clock.advance(1);
      expect((await pending).status).to.equal(200);
      expect((await sb.requests())[0]).to.include({ status: 200 });
    });

    it("drops a request still held by latency when the sandbox closes", async () => {
      const own = await startSandbox();
      try {
        await own.injectFault({ latencyMs: 600000 });
        const pending = http(`${own.url}/v2/customer_groups?page=1&limit=25`, { headers: { "x-api-key": "sandbox-api-key" } }).then(
          () => "answered",
          () => "dropped",
        );
        const [entry] = await own.requests({ atLeast: 1 });
        expect(entry).to.include({ status: null, path: "/v2/customer_groups" });
        await own.close();
        expect(await pending).to.equal("dropped");
      } finally {
        await own.close();
      }
    });

    it("matches on vendor, method and path, and refuses malformed rules", async () => {
      await sb.injectFault({ vendor: "bigcommerce", method: "DELETE", status: 500 });
      expect((await bcApi(sb)("GET", "")).status).to.equal(204);
      expect(
        (
          await rcApi(sb)("customer_groups", [
            ["page", 1],
            ["limit", 25],
          ])
        ).status,
      ).to.equal(200);
      expect((await bcApi(sb)("DELETE", "")).status).to.equal(500);
      for (const bad of [
        { status: 418 },
        { status: 500, latencyMs: 5 },
        { status: 500, pathPattern: "(" },
        { latencyMs: 5, count: 0 },
        { latencyMs: 5, afterCommit: true },
        { status: 503, afterCommit: false },
      ]) {
        const res = await http(`${sb.url}/__admin/faults`, admin(sb.config.adminToken, { method: "POST", body: JSON.stringify(bad) }));
        expect(res.status, JSON.stringify(bad)).to.equal(400);
      }
      expect(await sb.faults()).to.deep.equal([]);
    });
  });

  describe("request log and reset", () => {
    it("logs every vendor request in order with vendor, method, path, query, body and status, but not admin calls", async () => {
      await ctToken(sb);
      await bcApi(sb)("POST", "", { name: "Retail" });
      await rcApi(sb)("customer_groups", [
        ["page", 1],
        ["limit", 5],
      ]);
      await sb.commercetools.groups();
      const log = await sb.requests();
      expect(log.map((r) => [r.seq, r.vendor, r.method, r.path, r.status])).to.deep.equal([
        [1, "commercetools", "POST", "/oauth/token", 200],
        [2, "bigcommerce", "POST", "/stores/sandbox/v2/customer_groups", 201],
        [3, "revcent", "GET", "/v2/customer_groups", 200],
      ]);
      expect(log[0]!.body).to.deep.equal({ grant_type: "client_credentials" });
      expect(log[1]!.body).to.deep.equal({ name: "Retail" });
      expect(log[2]!.query).to.deep.equal({ page: "1", limit: "5" });
      await sb.clearRequests();
      expect(await sb.requests()).to.deep.equal([]);
    });

    it("answers GET /__admin/requests?atLeast=N once N requests have arrived", async () => {
      const waiting = sb.requests({ atLeast: 2 });
      expect((await bcApi(sb)("GET", "")).status).to.equal(204);
      expect(
        (
          await rcApi(sb)("customer_groups", [
            ["page", 1],
            ["limit", 5],
          ])
        ).status,
      ).to.equal(200);
      expect((await waiting).map((r) => [r.seq, r.vendor, r.status])).to.deep.equal([
        [1, "bigcommerce", 204],
        [2, "revcent", 200],
      ]);
      // Already there: at once.
      expect(await sb.requests({ atLeast: 1 })).to.have.length(2);
      for (const bad of ["0", "-1", "x", ""]) {
        expect((await http(`${sb.url}/__admin/requests?atLeast=${bad}`, admin(sb.config.adminToken))).status, bad).to.equal(400);
      }
    });

    it("reset empties every vendor, the log and the faults, and keeps the seed type", async () => {
      await sb.commercetools.createGroup({ groupName: "A" });
      await sb.bigcommerce.createGroup({ name: "B" });
      await sb.revcent.seedGroups([{ name: "C" }]);
      await sb.commercetools.addType({ key: "extra", fieldDefinitions: [] });
      await sb.injectFault({ status: 500 });
      await bcApi(sb)("GET", "");
      await sb.reset();
      expect(await sb.commercetools.groups()).to.deep.equal([]);
      expect(await sb.bigcommerce.groups()).to.deep.equal([]);
      expect(await sb.revcent.groups()).to.deep.equal([]);
      expect((await sb.commercetools.types()).map((t) => t.key)).to.deep.equal(["group-fields"]);
      expect(await sb.faults()).to.deep.equal([]);
      expect(await sb.requests()).to.deep.equal([]);
      expect((await sb.bigcommerce.createGroup({ name: "B" })).id).to.equal(1);
    });

    it("describes itself at /__admin/config, which connectSandbox uses", async () => {
      const client = await connectSandbox(sb.url, sb.config.adminToken);
      expect(client.config).to.deep.include({
        url: sb.url,
        commercetools: { projectKey: "demo-project", clientId: "sandbox-client", clientSecret: "sandbox-secret", apiUrl: sb.url, authUrl: sb.url },
        revcent: { apiKey: "sandbox-api-key", apiUrl: `${sb.url}/v2` },
      });
      await sb.commercetools.createGroup({ groupName: "Seen remotely" });
      expect((await client.commercetools.groups()).map((g) => g.name)).to.deep.equal(["Seen remotely"]);
    });
  });
});
