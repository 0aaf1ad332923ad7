// Provider tests: the commercetools CustomerGroup lifecycle against @labdigital/commercetools-mock over real HTTP.

import { expect } from "chai";
import { customerGroupAdapter } from "../../provider/commercetools/customerGroup";
import { CommercetoolsTestServer, projectKey, stackConfigOf, startCommercetoolsMock } from "../helpers/commercetoolsMock";

import { checkedInputs, createdGroup } from "../helpers/lifecycle";
import { configuredProvider, failure, Props, Provider, warningsOf } from "../helpers/provider";

const fast = { backoff: { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 20, maxElapsedMs: 5000 } };

describe("commercetools CustomerGroup provider", function () {
  let server: CommercetoolsTestServer;
  let provider: Provider;

  beforeEach(async () => {
    server = await startCommercetoolsMock();
    provider = await makeProvider(stackConfigOf(server.settings));
  });
  afterEach(() => server.close());

  const makeProvider = (config: Record<string, string>): Promise<Provider> => configuredProvider((stack) => customerGroupAdapter(stack, fast, {}), config);

  /** Requests to the API (the token requests are counted apart). */
  const apiRequests = () => server.proxy.requests.filter((r) => r.path !== "/oauth/token");
  const tokenRequests = () => server.proxy.requests.filter((r) => r.path === "/oauth/token");

  const checked = (news: Props) => checkedInputs(provider, news);
  const created = (news: Props) => createdGroup(provider, news);

  const gold = { name: "Gold", key: "gold", custom: { type: { key: "group-fields" }, fields: { tier: "1", vip: true } } };

  it("creates a group with one POST and records it in input shape (check reads its custom type once)", async () => {
    const { id, outs } = await created(gold);
    expect(apiRequests().map((r) => `${r.method} ${r.path}`)).to.deep.equal([
      `GET /${projectKey}/types/key=group-fields`,
      `POST /${projectKey}/customer-groups`,
    ]);
    expect(apiRequests()[1].body).to.deep.equal({
      groupName: "Gold",
      key: "gold",
      custom: { type: { typeId: "type", key: "group-fields" }, fields: { tier: "1", vip: true } },
    });
    // Its own token, and one for view_types alone (the client's scopes do not grant reading types).
    expect(tokenRequests()).to.have.length(2);
    expect(outs).to.include({ name: "Gold", key: "gold", version: 1, projectKey });
    expect(outs.custom).to.deep.equal({ type: { key: "group-fields", id: server.typeId }, fields: { tier: "1", vip: true } });
    const live = await server.merchant.getById(id);
    expect(live?.name).to.equal("Gold");
    expect(live?.custom?.type.id).to.equal(server.typeId);
  });

  it("shows no change for the same program, before and after a refresh", async () => {
    const { id, outs } = await created(gold);
    const again = await checked(gold);
    expect((await provider.diff(id, outs, again)).changes).to.equal(false);
    const read = await provider.read(id, outs);
    expect(read.id).to.equal(id);
    expect(read.inputs).to.deep.equal(again);
    expect((await provider.diff(id, read.props as Props, again)).changes).to.equal(false);
    expect(apiRequests().filter((r) => r.method === "POST")).to.have.length(1);
  });

  it("sends each kind of change as exactly one POST with every action batched", async () => {
    const steps: { news: Props; actions: unknown[] }[] = [
      { news: { ...gold, name: "Gold+" }, actions: [{ action: "changeName", name: "Gold+" }] },
      { news: { ...gold, name: "Gold+", key: "gold2" }, actions: [{ action: "setKey", key: "gold2" }] },
      {
        news: { name: "Gold+", key: "gold2", custom: { type: { key: "group-fields" }, fields: { tier: "2", rate: 1.5 } } },
        actions: [
          { action: "setCustomField", name: "rate", value: 1.5 },
          { action: "setCustomField", name: "tier", value: "2" },
          { action: "setCustomField", name: "vip" },
        ],
      },
      {
        news: { name: "Gold+", key: "gold2", custom: { type: { key: "other-fields" } } },
        actions: [{ action: "setCustomType", type: { typeId: "type", key: "other-fields" } }],
      },
      // Leaving `custom` (or `key`) out stops managing it: an update that sends nothing, so that the state stops managing it
      // too; the group keeps it.
      { news: { name: "Gold+", key: "gold2" }, actions: [] },
      {
        news: { name: "Gold", custom: { type: { key: "group-fields" }, fields: { tier: "3" } } },
        actions: [
          { action: "changeName", name: "Gold" },
          { action: "setCustomType", type: { typeId: "type", key: "group-fields" }, fields: { tier: "3" } },
        ],
      },
    ];
    const { id, outs: first } = await created(gold);
    let outs = first;
    for (const [i, step] of steps.entries()) {
      const versionBefore = outs.version as number;
      const news = await checked(step.news);
      const diff = await provider.diff(id, outs, news);
      expect(diff.changes, `step ${i}`).to.equal(true);
      expect(diff.replaces ?? []).to.deep.equal([]);
      server.proxy.requests.length = 0;
      if (step.actions.length === 0) {
        outs = (await provider.update(id, outs, news)).outs as Props;
        expect(apiRequests(), `step ${i}`).to.deep.equal([]);
        expect(outs.managed, `step ${i}`).to.deep.equal(["key"]);
        const live = await server.merchant.getById(id);
        expect(live?.key, `step ${i}`).to.equal("gold2");
        expect(live?.custom?.type.id, `step ${i}`).to.equal((outs.custom as { type: { id: string } }).type.id);
        expect((await provider.diff(id, outs, news)).changes, `converged after step ${i}`).to.equal(false);
        continue;
      }
      outs = (await provider.update(id, outs, news)).outs as Props;
      expect(apiRequests(), `step ${i}`).to.have.length(1);
      expect(apiRequests()[0].path).to.equal(`/${projectKey}/customer-groups/${id}`);
      expect(apiRequests()[0].body).to.deep.equal({ version: versionBefore, actions: step.actions });
      expect(outs.version).to.be.greaterThan(versionBefore);
      expect(outs.version).to.equal((await server.merchant.getById(id))?.version);
      expect((await provider.diff(id, outs, news)).changes, `converged after step ${i}`).to.equal(false);
    }
    const live = await server.merchant.getById(id);
    expect(live).to.include({ name: "Gold", version: outs.version });
    expect(live?.key, "a key the program stopped declaring stays").to.equal("gold2");
    expect(live?.custom?.fields).to.deep.equal({ tier: "3" });
  });

  it("on a 409 re-reads the group and sends actions computed from the live state", async () => {
    const { id, outs } = await created(gold);
    // Someone adds a field and renames the group between our last read and our update.
    const live = (await server.merchant.getById(id))!;
    const edited = await server.merchant.update(id, live.version, [
      { action: "setCustomField", name: "rate", value: 9 },
      { action: "setCustomField", name: "vip" },
      { action: "changeName", name: "Renamed in UI" },
    ]);
    server.proxy.requests.length = 0;
    const news = await checked({ ...gold, custom: { type: { key: "group-fields" }, fields: { tier: "1" } } });
    const result = (await provider.update(id, outs, news)).outs as Props;
    expect(apiRequests().map((r) => `${r.method} ${r.status}`)).to.deep.equal(["POST 409", "GET 200", "POST 200"]);
    expect(apiRequests()[0].body).to.deep.equal({ version: 1, actions: [{ action: "setCustomField", name: "vip" }] });
    // Recomputed from what is live: rename back, drop the added field; vip is already gone, so it is not removed again.
    expect(apiRequests()[2].body).to.deep.equal({
      version: edited.version,
      actions: [
        { action: "changeName", name: "Gold" },
        { action: "setCustomField", name: "rate" },
      ],
    });
    expect(result).to.include({ name: "Gold", version: (await server.merchant.getById(id))?.version });
    const after = await server.merchant.getById(id);
    expect(after?.custom?.fields).to.deep.equal({ tier: "1" });
  });

  it("gives up on endless conflicts with a clear error", async () => {
    const { id, outs } = await created(gold);
    server.proxy.faults.push({
      method: "POST",
      path: /customer-groups\//,
      times: 100,
      action: {
        respond: {
          status: 409,
          body: {
            statusCode: 409,
            message: "conflict",
            errors: [{ code: "ConcurrentModification", message: "Object has a different version", currentVersion: 1 }],
          },
        },
      },
    });
    const news = await checked({ ...gold, name: "X" });
    const error = await failure(provider.update(id, outs, news));
    expect(error?.message).to.match(/kept changing while it was being updated \(5 attempts\)/);
    expect(apiRequests().filter((r) => r.method === "POST" && r.path.endsWith(id))).to.have.length(5);
  });

  it("deletes with the recorded version and stops on a 409 (changed since this stack last read it) instead of deleting blind; a 404 counts as deleted", async () => {
    const { id, outs } = await created(gold);
    const live = (await server.merchant.getById(id))!;
    const edited = await server.merchant.update(id, live.version, [{ action: "changeName", name: "Changed" }]);
    server.proxy.requests.length = 0;
    // The mock does not check the version on delete; the platform answers a stale one like this.
    server.proxy.faults.push({
      method: "DELETE",
      times: 1,
      action: {
        respond: {
          status: 409,
          body: {
            statusCode: 409,
            message: "conflict",
            errors: [{ code: "ConcurrentModification", message: "different version", currentVersion: edited.version }],
          },
        },
      },
    });
    const refused = await failure(provider.delete(id, outs));
    expect(refused?.message).to.include(`refusing to delete commercetools customer group ${id} ('Changed')`);
    expect(refused?.message).to.include(`it changed in the store since this stack last read it (version 1, now ${edited.version}, last changed by`);
    const path = (r: { path: string }) => (r.path.endsWith("/customers") ? "customers" : "group");
    expect(apiRequests().map((r) => `${r.method} ${path(r)} ${r.query.version ?? ""} ${r.status}`)).to.deep.equal([
      "GET customers  200",
      "DELETE group 1 409",
      "GET group  200",
    ]);
    expect(await server.merchant.getById(id)).to.not.equal(undefined);
    // Read again (a refresh), the delete goes ahead with the version the store holds.
    const read = await provider.read(id, outs);
    await provider.delete(id, read.props as Props);
    expect(await server.merchant.getById(id)).to.equal(undefined);
    server.proxy.requests.length = 0;
    await provider.delete(id, outs);
    expect(apiRequests().map((r) => `${r.method} ${path(r)} ${r.status}`)).to.deep.equal(["GET customers 200", "DELETE group 404"]);
  });

  it("reads a group deleted out of band as gone, and shows out-of-band edits as drift", async () => {
    const { id, outs, inputs } = await created(gold);
    const live = (await server.merchant.getById(id))!;
    await server.merchant.update(id, live.version, [{ action: "setCustomField", name: "tier", value: "9" }]);
    const read = await provider.read(id, outs);
    expect((read.inputs as Props).custom).to.deep.equal({ type: { key: "group-fields" }, fields: { tier: "9", vip: true } });
    const diff = await provider.diff(id, read.props as Props, inputs);
    expect(diff.changes).to.equal(true);
    await server.merchant.delete(id, (await server.merchant.getById(id))!.version);
    expect(await provider.read(id, outs)).to.deep.equal({ id: "", props: {} });
  });

  it("rejects invalid input in check without sending a single request", async () => {
    const result = await provider.check({}, { name: "", key: "x y", custom: { type: { key: "k1", id: "i" } }, __provider: "stub" });
    expect(result.failures).to.deep.equal([
      {
        property: "name",
        reason:
          "must be 1 to 256 characters (an emoji counts as one), without control, bidirectional or zero-width characters, nor white space at either end (unique in the project)",
      },
      { property: "key", reason: "must be 2 to 256 characters of A-Z, a-z, 0-9, '_' and '-', or null to remove the key" },
      { property: "custom.type", reason: "must name the custom type by exactly one of `key` or `id`" },
    ]);
    expect(server.proxy.requests).to.have.length(0);
  });

  it("validates what is known during preview and passes unknown values through", async () => {
    const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    const result = await provider.check({}, { name: unknown, custom: { type: unknown }, __provider: "stub" });
    expect(result.failures ?? []).to.deep.equal([]);
    expect((await provider.diff("id", { name: "Gold", version: 1 }, { name: unknown })).changes).to.equal(true);
    expect(server.proxy.requests).to.have.length(0);
  });

  it("does not duplicate a group when the create response is lost", async () => {
    server.proxy.faults.push({ method: "POST", path: /\/customer-groups$/, times: 1, action: { dropResponse: true } });
    const { id, outs } = await created({ name: "Lost", key: "lost" });
    expect(apiRequests().map((r) => `${r.method} ${r.path}`)).to.deep.equal([
      `POST /${projectKey}/customer-groups`,
      `GET /${projectKey}/customer-groups/key=lost`,
    ]);
    expect(outs).to.include({ name: "Lost", key: "lost", version: 1 });
    const all = await server.mock.project(projectKey).getRepository("customer-group").query({ projectKey }, {});
    expect(all.results.map((g) => g.id)).to.deep.equal([id]);
  });

  it("sends the draft again when a lost create did not reach the store (looked up by name)", async () => {
    server.proxy.faults.push({
      method: "POST",
      path: /\/customer-groups$/,
      times: 1,
      action: { respond: { status: 503, body: { statusCode: 503, message: "unavailable" } } },
    });
    const { outs } = await created({ name: "Retry Me" });
    expect(apiRequests().map((r) => `${r.method} ${r.status}`)).to.deep.equal(["POST 503", "GET 200", "POST 201"]);
    expect(apiRequests()[1].query.where).to.equal('name="Retry Me"');
    expect(outs).to.include({ name: "Retry Me" });
  });

  it("adopts an existing group by key with one update, instead of creating another", async () => {
    const existing = await server.merchant.create({ groupName: "Wholesale (old)", key: "wholesale" });
    server.proxy.requests.length = 0;
    const { id, outs } = await created({ name: "Wholesale", key: "wholesale", adopt: true });
    expect(id).to.equal(existing.id);
    expect(apiRequests().map((r) => `${r.method} ${r.path}`)).to.deep.equal([
      `GET /${projectKey}/customer-groups/key=wholesale`,
      `POST /${projectKey}/customer-groups/${existing.id}`,
    ]);
    expect(apiRequests()[1].body).to.deep.equal({ version: 1, actions: [{ action: "changeName", name: "Wholesale" }] });
    expect(outs).to.include({ adopt: true, version: 2 });
  });

  it("adopts by name when there is no key, and sends nothing when the group already matches", async () => {
    const existing = await server.merchant.create({ groupName: "Students" });
    server.proxy.requests.length = 0;
    const { id, outs } = await created({ name: "Students", adopt: true });
    expect(id).to.equal(existing.id);
    expect(apiRequests().map((r) => r.method)).to.deep.equal(["GET"]);
    expect(outs).to.include({ name: "Students", version: 1, adopt: true });
  });

  it("adopting leaves what the program does not mention in place: a group's key and custom fields survive a program naming neither", async () => {
    const existing = await server.merchant.create({
      groupName: "Partners",
      key: "partners",
      custom: { type: { typeId: "type", key: "group-fields" }, fields: { tier: "2", vip: true } },
    });
    server.proxy.requests.length = 0;
    const { id, outs, inputs } = await created({ name: "Partners", adopt: true });
    expect(id).to.equal(existing.id);
    expect(
      apiRequests().map((r) => r.method),
      "a lookup by name, and no write",
    ).to.deep.equal(["GET"]);
    const live = await server.merchant.getById(id);
    expect(live?.key).to.equal("partners");
    expect(live?.custom?.fields).to.deep.equal({ tier: "2", vip: true });
    expect(outs).to.deep.include({ key: "partners", managed: [] });

    // A refresh reports only what the program declares, and the same program shows no change.
    const read = await provider.read(id, outs);
    expect(read.inputs).to.deep.equal({ name: "Partners", adopt: true });
    expect((await provider.diff(id, read.props as Props, inputs)).changes).to.equal(false);

    // A rename is one changeName: the key and the custom fields are not touched.
    server.proxy.requests.length = 0;
    const renamed = await checked({ name: "Partners (B2B)", adopt: true });
    await provider.update(id, read.props as Props, renamed);
    expect(apiRequests().map((r) => r.body)).to.deep.equal([{ version: live?.version, actions: [{ action: "changeName", name: "Partners (B2B)" }] }]);
    expect((await server.merchant.getById(id))?.key).to.equal("partners");
  });

  it("declaring a value the group already holds is no change (no update, no request); another value, or dropping a managed one, is", async () => {
    await server.merchant.create({ groupName: "Partners", key: "partners-key" });
    const { id, outs } = await created({ name: "Partners", adopt: true });
    expect(outs).to.deep.include({ key: "partners-key", managed: [] });
    server.proxy.requests.length = 0;
    // The key the store holds, now declared: the same group, nothing to send.
    expect((await provider.diff(id, outs, await checked({ name: "Partners", adopt: true, key: "partners-key" }))).changes).to.equal(false);
    // Another key is a change; so is dropping an argument the state manages (the state must stop comparing it).
    expect(await provider.diff(id, outs, await checked({ name: "Partners", adopt: true, key: "partners-b2b" }))).to.deep.include({ changes: true });
    const managed = { ...(outs as Props), managed: ["key"] };
    expect((await provider.diff(id, managed, await checked({ name: "Partners", adopt: true }))).changes).to.equal(true);
    expect((await provider.diff(id, managed, await checked({ name: "Partners", adopt: true, key: "partners-key" }))).changes).to.equal(false);
    expect(apiRequests()).to.deep.equal([]);
  });

  it("explains a duplicate name and how to adopt the group", async () => {
    const existing = await server.merchant.create({ groupName: "VIP" });
    server.proxy.faults.push({
      method: "POST",
      path: /\/customer-groups$/,
      times: 1,
      action: {
        respond: {
          status: 400,
          headers: { "X-Correlation-ID": "corr-1" },
          body: {
            statusCode: 400,
            message: "dup",
            errors: [{ code: "DuplicateField", message: "A duplicate value '\"VIP\"' exists for field 'name'.", field: "name", duplicateValue: "VIP" }],
          },
        },
      },
    });
    const error = await failure(created({ name: "VIP" }));
    expect(error?.message).to.equal(
      `commercetools: POST /${projectKey}/customer-groups failed, HTTP 400, DuplicateField: name 'VIP' is already used by customer group ${existing.id} in project '${projectKey}'. ` +
        "To manage that group with this resource, set `adopt: true` on it; otherwise choose another name. (correlation id corr-1)",
    );
  });

  it("renews the token once on a 401 and retries 429s as the server asks", async () => {
    server.proxy.faults.push({
      method: "GET",
      times: 1,
      action: { respond: { status: 401, body: { statusCode: 401, message: "invalid_token", errors: [{ code: "invalid_token", message: "expired" }] } } },
    });
    server.proxy.faults.push({
      method: "POST",
      path: /customer-groups$/,
      times: 2,
      action: { respond: { status: 429, headers: { "Retry-After": "0" }, body: { statusCode: 429, message: "slow down" } } },
    });
    await provider.read("00000000-0000-0000-0000-000000000000", { name: "x", version: 1 });
    expect(tokenRequests()).to.have.length(2);
    await created({ name: "Throttled" });
    expect(
      apiRequests()
        .filter((r) => r.method === "POST")
        .map((r) => r.status),
    ).to.deep.equal([429, 429, 201]);
  });

  it("reports missing settings at once, with where to set them, and keeps secrets out of errors", async () => {
    const p = await makeProvider({ "commercetools:clientSecret": "do-not-show-me-123" });
    let error = await failure(p.create({ name: "x" }));
    expect(error?.message).to.equal(
      "commercetools is not configured. Missing settings:\n  - commercetools:projectKey (`pulumi config set commercetools:projectKey <value>`, or the environment variable CTP_PROJECT_KEY)" +
        "\n  - commercetools:clientId (`pulumi config set commercetools:clientId <value>`, or the environment variable CTP_CLIENT_ID)" +
        "\n  - commercetools:apiUrl (`pulumi config set commercetools:apiUrl <value>`, or the environment variable CTP_API_URL)" +
        "\n  - commercetools:authUrl (`pulumi config set commercetools:authUrl <value>`, or the environment variable CTP_AUTH_URL)",
    );
    const wrong = await makeProvider({ ...stackConfigOf(server.settings), "commercetools:clientSecret": "wrong-secret-456" });
    server.proxy.faults.push({
      path: /oauth\/token/,
      times: 1,
      action: { respond: { status: 401, body: { error: "invalid_client", error_description: "Bad client wrong-secret-456" } } },
    });
    error = await failure(wrong.create({ name: "x" }));
    expect(error?.message).to.include("could not get an access token for client 'test-client'");
    expect(error?.message).to.not.include("wrong-secret-456");
  });

  it("asks for replacement only when the target project changes", async () => {
    const { id, outs } = await created(gold);
    const moved = await makeProvider({ ...stackConfigOf(server.settings), "commercetools:projectKey": "elsewhere" });
    const diff = await moved.diff(id, outs, await checked(gold));
    expect(diff).to.deep.include({ changes: true, replaces: ["projectKey"], deleteBeforeReplace: true });
    // The replacement's delete must not send the old id to the new project: it leaves the old group, and says so.
    server.proxy.requests.length = 0;
    const { warnings } = await warningsOf(() => moved.delete(id, outs));
    expect(server.proxy.requests).to.have.length(0);
    expect(warnings.join("")).to.include(`was left in project '${projectKey}'`);
    expect(await server.merchant.getById(id)).to.not.equal(undefined);
  });
});
