// Reads and adoption look-ups of many resources at once, coalesced per connection, against real HTTP servers: the
// requests they cost, and what each resource gets when the store changes under a listing or a query fails.

import { expect } from "chai";
import { customerGroupAdapter as bigcommerceBackend } from "../../provider/bigcommerce/customerGroup";
import { customerGroupAdapter as commercetoolsBackend } from "../../provider/commercetools/customerGroup";
import { startSandbox, Sandbox } from "../../sandbox";
import { startCommercetoolsMock, stackConfigOf, CommercetoolsTestServer, projectKey } from "../helpers/commercetoolsMock";
import { checkedInputs } from "../helpers/lifecycle";
import { configuredProvider, Props, Provider, warningsOf } from "../helpers/provider";
import { startRecordingProxy, RecordingProxy } from "../helpers/recordingProxy";

const fast = { backoff: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20, maxElapsedMs: 2000 } };

/** What each read gave: the group's name, "gone", or the error's message. */
const outcomes = (results: PromiseSettledResult<{ id?: string; props?: Props }>[]) =>
  results.map((r) => (r.status === "rejected" ? `error: ${(r.reason as Error).message}` : r.value.id === "" ? "gone" : String(r.value.props?.name)));

describe("coalesced reads: BigCommerce (sandbox, pages of 5)", () => {
  const storeHash = "pagestore";
  const accessToken = "page-token";
  let sandbox: Sandbox;
  let proxy: RecordingProxy;
  let provider: Provider;
  let created: { id: string; outs: Props }[];
  const prefix = `/stores/${storeHash}/v2/customer_groups`;

  beforeEach(async () => {
    sandbox = await startSandbox({ bigcommerce: { storeHash, accessToken } });
    proxy = await startRecordingProxy(sandbox.url);
    const config = { "bigcommerce:storeHash": storeHash, "bigcommerce:accessToken": accessToken, "bigcommerce:apiUrl": proxy.url };
    const makeProvider = () => configuredProvider((stack) => bigcommerceBackend(stack, { ...fast, pageSize: 5 }, {}), config);
    const groups = await sandbox.bigcommerce.seedGroups(Array.from({ length: 12 }, (_, i) => ({ name: `Group ${i}` })));
    // The state an earlier command wrote (another provider process: its reads leave nothing behind in the one under test).
    const earlier = await makeProvider();
    created = await Promise.all(
      groups.map(async (g) => {
        const read = await earlier.read(String(g.id), { groupId: g.id, name: g.name, storeHash, managed: [] });
        return { id: String(g.id), outs: read.props as Props };
      }),
    );
    provider = await makeProvider();
    proxy.requests.length = 0;
  });
  afterEach(async () => {
    await proxy.close();
    await sandbox.close();
  });

  const lines = () => proxy.requests.map((r) => `${r.method} ${r.path.slice(prefix.length) || "/"}${r.query.page ? `?page=${r.query.page}` : ""} ${r.status}`);
  const readAll = () => Promise.allSettled(created.map((c) => provider.read(c.id, c.outs)));

  it("reads 12 groups with one listing of three pages instead of 12 GETs", async () => {
    expect(outcomes(await readAll())).to.deep.equal(created.map((_, i) => `Group ${i}`));
    expect(lines()).to.deep.equal(["GET /?page=1 200", "GET /?page=2 200", "GET /?page=3 200"]);
  });

  it("a group deleted while the listing runs is confirmed on its own: the shifted page loses no group", async () => {
    const ids = created.map((c) => Number(c.id));
    proxy.beforeForward = async (r) => {
      if (r.query.page !== "2") return;
      // Between pages 1 and 2: one group of page 1 and one of page 2 are deleted, so page 2 now starts one group later.
      await sandbox.bigcommerce.deleteGroup(ids[0]!);
      await sandbox.bigcommerce.deleteGroup(ids[7]!);
    };
    const read = outcomes(await readAll());
    // Ten groups are left: page 3 is empty. Group 0 was read on page 1 before it went (the next refresh sees it gone); group 5 slid onto page 1 after it was
    // read and is found by its own GET; group 7 is confirmed gone.
    expect(read).to.deep.equal(created.map((_, i) => (i === 7 ? "gone" : `Group ${i}`)));
    expect(lines()).to.deep.equal([
      "GET /?page=1 200",
      "GET /?page=2 200",
      "GET /?page=3 204",
      ...[ids[5]!, ids[7]!].sort((a, b) => a - b).map((id) => `GET /${id} ${id === ids[7] ? 404 : 200}`),
    ]);
  });

  it("a group changed between two pages is read as it was when its page was read", async () => {
    const ids = created.map((c) => Number(c.id));
    proxy.beforeForward = async (r) => {
      if (r.query.page !== "2") return;
      await sandbox.bigcommerce.editGroup(ids[1]!, { name: "Changed on page 1" });
      await sandbox.bigcommerce.editGroup(ids[6]!, { name: "Changed on page 2" });
    };
    const read = outcomes(await readAll());
    expect(read[1]).to.equal("Group 1");
    expect(read[6]).to.equal("Changed on page 2");
    expect(lines()).to.have.length(3);
  });

  it("a listing that fails fails the reads waiting on it, and the next reads list again", async () => {
    proxy.faults.push({ method: "GET", query: /page=2/, times: 1, action: { respond: { status: 500, body: [{ status: 500, message: "Boom" }] } } });
    const failed = outcomes(await readAll());
    expect(new Set(failed)).to.deep.equal(new Set([`error: bigcommerce: GET ${prefix} failed, HTTP 500: Boom`]));
    expect(outcomes(await readAll())).to.deep.equal(created.map((_, i) => `Group ${i}`));
  });

  it("updates 12 groups at once with one listing (for the overwrite warning) and one PUT each", async () => {
    const updated = await Promise.all(
      created.map(async (c, i) => provider.update(c.id, c.outs, await checkedInputs(provider, { name: `Group ${i} (renamed)` }))),
    );
    expect(updated.map((u) => (u.outs as Props).name)).to.deep.equal(created.map((_, i) => `Group ${i} (renamed)`));
    expect(lines().filter((l) => l.startsWith("GET"))).to.deep.equal(["GET /?page=1 200", "GET /?page=2 200", "GET /?page=3 200"]);
    expect(lines().filter((l) => l.startsWith("PUT"))).to.have.length(12);
  });

  it("updates 12 groups that reach it one at a time (as the engine sends them) with 4 GETs and one listing, and still warns of an edit", async () => {
    const ids = created.map((c) => Number(c.id));
    await sandbox.bigcommerce.editGroup(ids[9]!, { name: "Edited in the admin" });
    const { warnings } = await warningsOf(async () => {
      for (const [i, c] of created.entries()) await provider.update(c.id, c.outs, await checkedInputs(provider, { name: `Group ${i} (renamed)` }));
    });
    expect(lines().filter((l) => l.startsWith("GET"))).to.deep.equal([
      ...ids.slice(0, 4).map((id) => `GET /${id} 200`),
      "GET /?page=1 200",
      "GET /?page=2 200",
      "GET /?page=3 200",
    ]);
    expect(lines().filter((l) => l.startsWith("PUT"))).to.deep.equal(ids.map((id) => `PUT /${id} 200`));
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.equal(
      `bigcommerce customer group ${ids[9]} ('Edited in the admin') in store '${storeHash}' was changed outside Pulumi since it was last read (name); ` +
        "this update overwrites that change with the program's values. Run `pulumi refresh` (or `pulumi up --refresh`) to see such changes before applying.",
    );
    expect((await sandbox.bigcommerce.groups()).map((g) => g.name)).to.deep.equal(created.map((_, i) => `Group ${i} (renamed)`));
  });

  it("adopts 12 groups at once with one listing and no write", async () => {
    const adopted = await Promise.all(created.map(async (_, i) => provider.create(await checkedInputs(provider, { name: `Group ${i}`, adopt: true }))));
    expect(adopted.map((a) => a.id)).to.deep.equal(created.map((c) => c.id));
    expect(lines()).to.deep.equal(["GET /?page=1 200", "GET /?page=2 200", "GET /?page=3 200"]);
  });
});

describe("coalesced reads: commercetools (commercetools-mock)", () => {
  let server: CommercetoolsTestServer;
  let provider: Provider;

  beforeEach(async () => {
    server = await startCommercetoolsMock();
    provider = await configuredProvider((stack) => commercetoolsBackend(stack, fast, {}), stackConfigOf(server.settings));
  });
  afterEach(() => server.close());

  const apiRequests = () => server.proxy.requests.filter((r) => r.path !== "/oauth/token");
  /** n groups made by a merchant, with the state the provider would hold for each. */
  async function seeded(n: number): Promise<{ id: string; outs: Props }[]> {
    const groups = await Promise.all(Array.from({ length: n }, (_, i) => server.merchant.create({ groupName: `Group ${i}`, key: `group-${i}` })));
    return groups.map((g) => ({ id: g.id, outs: { name: g.name, key: g.key, version: g.version, projectKey, managed: ["key"] } }));
  }

  it("reads a burst with one `id in` query, then one listing of the project for the rest of the burst", async () => {
    const groups = await seeded(40);
    const first = await Promise.all(groups.slice(0, 8).map((g) => provider.read(g.id, g.outs)));
    const rest = await Promise.all(groups.slice(8).map((g) => provider.read(g.id, g.outs)));
    expect([...first, ...rest].map((r) => (r.props as Props).name)).to.deep.equal(groups.map((_, i) => `Group ${i}`));
    const sent = apiRequests();
    expect(sent.map((r) => `${r.method} ${r.path}`)).to.deep.equal([`GET /${projectKey}/customer-groups`, `GET /${projectKey}/customer-groups`]);
    expect(sent[0]!.query.where).to.equal(
      `id in (${groups
        .slice(0, 8)
        .map((g) => JSON.stringify(g.id))
        .join(", ")})`,
    );
    expect(sent[1]!.query).to.deep.include({ sort: "id asc", limit: "500", withTotal: "true" });
  });

  it("a chunk that fails fails only its own reads; the other chunk's resources get their groups", async () => {
    const groups = await seeded(300);
    const secondChunk = groups.slice(249);
    server.proxy.faults.push({
      method: "GET",
      query: new RegExp(secondChunk[0]!.id),
      times: 1,
      action: { respond: { status: 500, body: { statusCode: 500, message: "Boom", errors: [{ code: "General", message: "Boom" }] } } },
    });
    const results = outcomes(await Promise.allSettled(groups.map((g) => provider.read(g.id, g.outs))));
    expect(results.slice(0, 249)).to.deep.equal(groups.slice(0, 249).map((_, i) => `Group ${i}`));
    expect([...new Set(results.slice(249))]).to.deep.equal([`error: commercetools: GET /${projectKey}/customer-groups failed, HTTP 500, General: Boom`]);
    expect(apiRequests().map((r) => `${r.method} ${r.path} ${r.status}`)).to.deep.equal([
      `GET /${projectKey}/customer-groups 200`,
      `GET /${projectKey}/customer-groups 500`,
    ]);
  });

  it("a group deleted before its query reads as gone, the others as they are", async () => {
    const groups = await seeded(5);
    await server.merchant.delete(groups[2]!.id, groups[2]!.outs.version as number);
    const results = outcomes(await Promise.allSettled(groups.map((g) => provider.read(g.id, g.outs))));
    expect(results).to.deep.equal(["Group 0", "Group 1", "gone", "Group 3", "Group 4"]);
    expect(apiRequests()).to.have.length(1);
  });

  it("adopts 30 groups at once by key with one `key in` query and no write", async () => {
    const groups = await seeded(30);
    const adopted = await Promise.all(
      groups.map(async (_, i) => provider.create(await checkedInputs(provider, { name: `Group ${i}`, key: `group-${i}`, adopt: true }))),
    );
    expect(adopted.map((a) => a.id)).to.deep.equal(groups.map((g) => g.id));
    const sent = apiRequests();
    expect(sent.map((r) => r.method)).to.deep.equal(["GET"]);
    expect(sent[0]!.query.where).to.equal(`key in (${groups.map((_, i) => JSON.stringify(`group-${i}`)).join(", ")})`);
  });

  it("a lone read once the burst is over asks the platform again, and sees a merchant's change", async () => {
    let now = 1_000_000;
    const clocked = await configuredProvider(
      (stack) => commercetoolsBackend(stack, { ...fast, reader: { now: () => now } }, {}),
      stackConfigOf(server.settings),
    );
    const groups = await seeded(3);
    await Promise.all(groups.map((g) => clocked.read(g.id, g.outs)));
    await server.merchant.update(groups[0]!.id, 1, [{ action: "changeName", name: "Renamed by a merchant" }]);
    // Reads stopped coming for the reader's idle time (2 s): the listing of the burst no longer answers.
    now += 2_000;
    expect(((await clocked.read(groups[0]!.id, groups[0]!.outs)).props as Props).name).to.equal("Renamed by a merchant");
    expect(apiRequests().map((r) => r.path)).to.deep.equal([`/${projectKey}/customer-groups`, `/${projectKey}/customer-groups/${groups[0]!.id}`]);
  });
});
