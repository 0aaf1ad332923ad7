// Provider tests: the BigCommerce CustomerGroup lifecycle against the sandbox's BigCommerce v2 API over real HTTP on 127.0.0.1.

import { expect } from "chai";
import { BigCommerceClient } from "../../provider/bigcommerce/client";
import { customerGroupAdapter } from "../../provider/bigcommerce/customerGroup";
import { Sandbox, startSandbox } from "../../sandbox";

import { checkedInputs, createdGroup } from "../helpers/lifecycle";
import { configuredProvider, failure, Props, Provider, warningsOf } from "../helpers/provider";
import { FakeClock, settleOnClock } from "../helpers/fakeClock";
import { startRecordingProxy } from "../helpers/recordingProxy";

const storeHash = "teststore";
const accessToken = "test-token-value-42";
const fast = { backoff: { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 20, maxElapsedMs: 5000 } };

describe("BigCommerce CustomerGroup provider (sandbox)", function () {
  let sandbox: Sandbox;
  let provider: Provider;
  let config: Record<string, string>;

  beforeEach(async () => {
    // A sandbox per test: a new port is a new store for the provider's per-store rate limiter too.
    sandbox = await startSandbox({ bigcommerce: { storeHash, accessToken } });
    config = { "bigcommerce:storeHash": storeHash, "bigcommerce:accessToken": accessToken, "bigcommerce:apiUrl": sandbox.url };
    provider = await makeProvider(config);
  });
  afterEach(() => sandbox.close());

  const makeProvider = (stackConfig: Record<string, string>, options: Parameters<typeof customerGroupAdapter>[1] = fast): Promise<Provider> =>
    configuredProvider((stack) => customerGroupAdapter(stack, options, {}), stackConfig);

  const prefix = `/stores/${storeHash}/v2/customer_groups`;
  /** The BigCommerce requests so far, as "METHOD /path?query status". */
  async function requests(): Promise<{ line: string; body: unknown; query: Record<string, unknown>; status: number | null }[]> {
    return (await sandbox.requests())
      .filter((r) => r.vendor === "bigcommerce")
      .map((r) => {
        const query = new URLSearchParams(r.query as Record<string, string>).toString();
        return {
          line: `${r.method} ${r.path.replace(prefix, "") || "/"}${query ? `?${query}` : ""} ${r.status}`,
          body: r.body,
          query: r.query,
          status: r.status,
        };
      });
  }
  const lines = async () => (await requests()).map((r) => r.line);

  const checked = (news: Props) => checkedInputs(provider, news);
  const created = (news: Props) => createdGroup(provider, news);

  const wholesale = {
    name: "Wholesale",
    isDefault: false,
    categoryAccess: { type: "specific", categories: [12, 7] },
    discountRules: [
      { type: "all", method: "percent", amount: 2.5 },
      { type: "product", productId: 33, method: "percent", amount: 5 },
      { type: "category", categoryId: 7, method: "price", amount: 12 },
    ],
  };
  const wholesaleRulesOnWire = (allAmount: number) => [
    { type: "all", method: "percent", amount: allAmount },
    { type: "category", category_id: 7, method: "price", amount: 12 },
    { type: "product", product_id: 33, method: "percent", amount: 5 },
  ];

  it("creates a group with one POST in the store's snake_case and records what the store holds", async () => {
    const { id, outs } = await created(wholesale);
    expect(await lines()).to.deep.equal(["POST / 201"]);
    expect((await requests())[0].body).to.deep.equal({
      name: "Wholesale",
      is_default: false,
      category_access: { type: "specific", categories: [7, 12] },
      discount_rules: wholesaleRulesOnWire(2.5),
    });
    const log = await sandbox.requests();
    expect(log[0].query).to.deep.equal({});
    expect(id).to.match(/^[1-9]\d*$/);
    expect(outs).to.deep.equal({
      groupId: Number(id),
      storeHash,
      // The API the store hash names a store on: another host is another store.
      apiHost: sandbox.url,
      name: "Wholesale",
      isDefault: false,
      categoryAccess: { type: "specific", categories: [7, 12] },
      discountRules: [
        { type: "all", method: "percent", amount: 2.5 },
        { type: "category", categoryId: 7, method: "price", amount: 12 },
        { type: "product", productId: 33, method: "percent", amount: 5 },
      ],
      isGroupForGuests: false,
      managed: ["isDefault", "categoryAccess", "discountRules"],
    });
    const live = await sandbox.bigcommerce.getGroup(Number(id));
    // The store answers amounts as decimal strings ("2.5000"); the outputs above hold numbers.
    expect(live.discount_rules.map((r) => Number(r.amount))).to.deep.equal([2.5, 12, 5]);
    expect(live.discount_rules.every((r) => typeof r.amount === "string")).to.equal(true);
  });

  describe("what real stores hold (the current reference)", () => {
    const b2b = { name: "B2B", discountRules: [{ type: "price_list", priceListId: 3 }] };

    it("creates a price-list group, refreshes it without drift, moves it to ordinary rules and back with one PUT each", async () => {
      const inputs = await checked(b2b);
      const { id, outs } = await provider.create(inputs);
      expect((await requests()).map((r) => [r.line, r.body])).to.deep.equal([
        ["POST / 201", { name: "B2B", discount_rules: [{ type: "price_list", price_list_id: 3 }] }],
      ]);
      expect(outs.discountRules).to.deep.equal([{ type: "price_list", priceListId: 3 }]);
      const [stored] = await sandbox.bigcommerce.groups();
      expect(stored!.discount_rules).to.deep.equal([{ type: "price_list", price_list_id: 3 }]);
      const read = await provider.read(id, outs);
      expect(read.inputs).to.deep.equal(inputs);
      expect((await provider.diff(id, read.props as Props, inputs)).changes).to.equal(false);

      await sandbox.clearRequests();
      const ordinary = await checked({ ...b2b, discountRules: [{ type: "all", method: "percent", amount: 5 }] });
      const moved = await provider.update(id, read.props as Props, ordinary);
      const back = await provider.update(id, moved.outs as Props, inputs);
      expect((await requests()).filter((r) => r.line.startsWith("PUT")).map((r) => r.body)).to.deep.equal([
        { discount_rules: [{ type: "all", method: "percent", amount: 5 }] },
        { discount_rules: [{ type: "price_list", price_list_id: 3 }] },
      ]);
      expect(back.outs.discountRules).to.deep.equal([{ type: "price_list", priceListId: 3 }]);
    });

    it("refuses a price list beside other rules in check, naming the rule, with no request", async () => {
      const result = await provider.check(
        {},
        {
          name: "Mixed",
          discountRules: [
            { type: "all", method: "percent", amount: 5 },
            { type: "price_list", priceListId: 3 },
          ],
        },
      );
      expect(result.failures).to.deep.equal([
        {
          property: "discountRules[1]",
          reason: "is a price-list rule, which must be the group's only rule (BigCommerce refuses it beside other rules); this group declares 2 rules",
        },
      ]);
      expect(await lines()).to.deep.equal([]);
    });

    it("adopts a price-list group made in the control panel with no write", async () => {
      await sandbox.bigcommerce.createGroup({ name: "B2B", discount_rules: [{ type: "price_list", price_list_id: 3 }] } as never);
      await sandbox.clearRequests();
      const { outs } = await provider.create(await checked({ ...b2b, adopt: true }));
      expect((await lines()).filter((l) => !l.startsWith("GET"))).to.deep.equal([]);
      expect(outs.discountRules).to.deep.equal([{ type: "price_list", priceListId: 3 }]);
    });

    it("round-trips the guest flag: one guest group per store, the previous one unset by the store", async () => {
      const first = await provider.create(await checked({ name: "Guests", isGroupForGuests: true }));
      expect((await requests())[0]!.body).to.deep.equal({ name: "Guests", is_group_for_guests: true });
      expect(first.outs.isGroupForGuests).to.equal(true);
      const second = await provider.create(await checked({ name: "Visitors", isGroupForGuests: true }));
      expect(second.outs.isGroupForGuests).to.equal(true);
      const live = await sandbox.bigcommerce.groups();
      expect(live.map((g) => [g.name, g.is_group_for_guests])).to.deep.equal([
        ["Guests", false],
        ["Visitors", true],
      ]);
      // The first resource's refresh shows what the store did.
      const inputs = await checked({ name: "Guests", isGroupForGuests: true });
      const read = await provider.read(first.id, first.outs);
      expect((read.inputs as Props).isGroupForGuests).to.equal(false);
      expect((await provider.diff(first.id, read.props as Props, inputs)).changes).to.equal(true);
    });

    it("keeps a store's requests in flight under the endpoint's 40: 60 creates held by latency, none refused", async () => {
      await sandbox.injectFault({ vendor: "bigcommerce", method: "POST", latencyMs: 150, count: 60 });
      const made = await Promise.all(Array.from({ length: 60 }, async (_, i) => provider.create(await checked({ name: `Held ${i}` }))));
      expect(made).to.have.length(60);
      const log = (await sandbox.requests()).filter((r) => r.method === "POST");
      expect(log.filter((r) => r.faults.some((f) => f.startsWith("concurrency")))).to.deep.equal([]);
      expect(log.map((r) => r.status)).to.deep.equal(Array(60).fill(201));
      expect(await sandbox.bigcommerce.groups()).to.have.length(60);
    });

    it("completes a create the store answers 207: the group read back by name and its rules set with one PUT, never a second POST", async () => {
      await sandbox.injectFault({ vendor: "bigcommerce", method: "POST", partialCreate: true });
      const inputs = await checked(wholesale);
      const { id, outs } = await provider.create(inputs);
      expect(await lines()).to.deep.equal(["POST / 207", "GET /?name=Wholesale&page=1&limit=250 200", `PUT /${id} 200`]);
      expect((await requests())[2]!.body).to.deep.equal({ discount_rules: wholesaleRulesOnWire(2.5) });
      const live = await sandbox.bigcommerce.groups();
      expect(live).to.have.length(1);
      expect(live[0]!.discount_rules).to.have.length(3);
      const read = await provider.read(id, outs);
      expect((await provider.diff(id, read.props as Props, inputs)).changes).to.equal(false);
    });

    it("fails a 207 create whose PUT fails naming the group, and the next run completes that group without a second one", async () => {
      await sandbox.injectFault({ vendor: "bigcommerce", method: "POST", partialCreate: true });
      await sandbox.injectFault({ vendor: "bigcommerce", method: "PUT", status: 500, count: 10 });
      const inputs = await checked(wholesale);
      const error = await failure(provider.create(inputs));
      expect(error?.message).to.match(
        /^the store created the customer group 'Wholesale' in store 'teststore' but answered 207 \(The customer group was created, but the sitewide discount update failed\. You may retry the request\.\): group 1 exists without all of its declared discount rules, and setting them failed: .*The next `pulumi up` takes group 1 over as this resource's own unfinished create and sets them \(it never creates a second group\)\.$/s,
      );
      await sandbox.clearFaults();
      await sandbox.clearRequests();
      const { id, outs } = await provider.create(inputs);
      expect(id).to.equal("1");
      expect((await lines()).filter((l) => !l.startsWith("GET"))).to.deep.equal(["POST / 409", "PUT /1 200"]);
      const live = await sandbox.bigcommerce.groups();
      expect(live).to.have.length(1);
      expect(live[0]!.discount_rules).to.have.length(3);
      expect(outs.discountRules).to.have.length(3);
    });
  });

  it("sends X-Auth-Token and asks for JSON", async () => {
    // The headers as they arrive on the wire, seen by a recording proxy in front of the sandbox (whose log leaves headers out).
    const proxy = await startRecordingProxy(sandbox.url);
    try {
      const viaProxy = await makeProvider({ ...config, "bigcommerce:apiUrl": proxy.url });
      await viaProxy.create(await checked({ name: "Auth" }));
      expect(proxy.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).to.deep.equal([`POST ${prefix} 201`]);
      expect(proxy.requests[0]!.headers).to.include({ "x-auth-token": accessToken, accept: "application/json", "content-type": "application/json" });
    } finally {
      await proxy.close();
    }
    // The sandbox refuses a request without the right token; a wrong one gives a clear error without the token in it.
    const wrong = await makeProvider({ ...config, "bigcommerce:accessToken": "wrong-token-value-77" });
    const error = await failure(wrong.create(await checked({ name: "Other" })));
    expect(error?.message).to.match(/^bigcommerce: POST \/stores\/teststore\/v2\/customer_groups failed, HTTP 401: .*Check bigcommerce:accessToken/);
    expect(error?.message).to.not.include("wrong-token-value-77");
  });

  it("shows no change for the same program, before and after a refresh, and for reordered rules", async () => {
    const { id, outs } = await created(wholesale);
    const again = await checked(wholesale);
    expect((await provider.diff(id, outs, again)).changes).to.equal(false);
    const read = await provider.read(id, outs);
    expect(read.id).to.equal(id);
    expect(read.inputs).to.deep.equal(again);
    expect(read.props).to.deep.equal(outs);
    expect((await provider.diff(id, read.props as Props, again)).changes).to.equal(false);
    const reordered = await checked({
      ...wholesale,
      categoryAccess: { type: "specific", categories: [7, 12] },
      discountRules: [...wholesale.discountRules].reverse(),
    });
    expect((await provider.diff(id, read.props as Props, reordered)).changes).to.equal(false);
    expect(await lines()).to.deep.equal(["POST / 201", `GET /${id} 200`]);
  });

  it("sends a changed amount as one PUT carrying the whole rule set", async () => {
    const { id, outs } = await created(wholesale);
    await sandbox.clearRequests();
    const news = await checked({
      ...wholesale,
      discountRules: [wholesale.discountRules[2], wholesale.discountRules[1], { ...wholesale.discountRules[0], amount: 3.25 }],
    });
    const diff = await provider.diff(id, outs, news);
    expect(diff).to.deep.include({ changes: true, replaces: [] });
    const result = (await provider.update(id, outs, news)).outs as Props;
    expect(await lines()).to.deep.equal([`GET /${id} 200`, `PUT /${id} 200`]);
    expect((await requests())[1].body).to.deep.equal({ discount_rules: wholesaleRulesOnWire(3.25) });
    expect((result.discountRules as Props[])[0]).to.deep.equal({ type: "all", method: "percent", amount: 3.25 });
    expect((await provider.diff(id, result, news)).changes).to.equal(false);
    const live = await sandbox.bigcommerce.getGroup(Number(id));
    expect(live.discount_rules).to.have.length(3);
    expect(Number(live.discount_rules.find((r) => r.type === "all")?.amount)).to.equal(3.25);
  });

  it("removes all rules with one PUT of an empty list; leaving the list out stops managing it and sends nothing", async () => {
    const { id, outs } = await created(wholesale);
    const notManaged = await checked({ ...wholesale, discountRules: undefined });
    // An update that sends nothing: the state stops managing the rules (a refresh no longer compares them); the store keeps them.
    await sandbox.clearRequests();
    expect((await provider.diff(id, outs, notManaged)).changes).to.equal(true);
    const unmanaged = (await provider.update(id, outs, notManaged)).outs as Props;
    expect(await lines()).to.deep.equal([]);
    expect(unmanaged.managed).to.not.include("discountRules");
    expect((await provider.diff(id, unmanaged, notManaged)).changes).to.equal(false);
    expect((await sandbox.bigcommerce.getGroup(Number(id))).discount_rules).to.have.length(wholesale.discountRules.length);
    const none = await checked({ ...wholesale, discountRules: [] });
    expect((await provider.diff(id, outs, none)).changes).to.equal(true);
    const result = (await provider.update(id, outs, none)).outs as Props;
    expect(await lines()).to.deep.equal([`GET /${id} 200`, `PUT /${id} 200`]);
    expect((await requests())[1].body).to.deep.equal({ discount_rules: [] });
    expect(result.discountRules).to.deep.equal([]);
    expect((await sandbox.bigcommerce.getGroup(Number(id))).discount_rules).to.deep.equal([]);
  });

  it("never sends, nor diffs, the arguments the program does not declare", async () => {
    const existing = await sandbox.bigcommerce.createGroup({ name: "Decoy", is_default: true });
    const { id, outs } = await created({ name: "Retail" });
    expect((await requests())[0].body).to.deep.equal({ name: "Retail" });
    // The store's own values are recorded, but not managed.
    expect(outs).to.include({ isDefault: false });
    expect(outs.managed).to.deep.equal([]);
    // A merchant changes what the program leaves alone: no drift.
    await sandbox.bigcommerce.editGroup(Number(id), { category_access: { type: "none" }, discount_rules: [{ type: "all", method: "fixed", amount: 3 }] });
    const read = await provider.read(id, outs);
    expect(read.inputs).to.deep.equal({ name: "Retail" });
    expect((await provider.diff(id, read.props as Props, await checked({ name: "Retail" }))).changes).to.equal(false);
    // A rename sends the name only.
    await sandbox.clearRequests();
    const renamed = await checked({ name: "Retail customers" });
    await provider.update(id, read.props as Props, renamed);
    expect(await lines()).to.deep.equal([`GET /${id} 200`, `PUT /${id} 200`]);
    expect((await requests())[1].body).to.deep.equal({ name: "Retail customers" });
    const live = await sandbox.bigcommerce.getGroup(Number(id));
    expect(live.category_access).to.deep.equal({ type: "none" });
    expect(live.discount_rules).to.have.length(1);
    expect((await sandbox.bigcommerce.getGroup(existing.id)).is_default).to.equal(true);
  });

  it("shows an out-of-band edit as drift after a read, and warns before overwriting it", async () => {
    const { id, outs, inputs } = await created(wholesale);
    await sandbox.bigcommerce.editGroup(Number(id), {
      discount_rules: [
        { type: "all", method: "percent", amount: 7 },
        { type: "product", product_id: 33, method: "percent", amount: 5 },
      ],
    });
    const read = await provider.read(id, outs);
    expect((read.inputs as Props).discountRules).to.deep.equal([
      { type: "all", method: "percent", amount: 7 },
      { type: "product", productId: 33, method: "percent", amount: 5 },
    ]);
    const diff = await provider.diff(id, read.props as Props, inputs);
    expect(diff.changes).to.equal(true);

    // Without a refresh, the recorded state is stale: the update still converges, and says what it overwrites.
    await sandbox.clearRequests();
    const news = await checked({ ...wholesale, name: "Trade" });
    const { result, warnings } = await warningsOf(() => provider.update(id, outs, news));
    expect(await lines()).to.deep.equal([`GET /${id} 200`, `PUT /${id} 200`]);
    expect((await requests())[1].body).to.deep.equal({ name: "Trade" });
    expect(warnings).to.deep.equal([]); // the rules were edited, but this PUT does not touch them
    expect((result.outs as Props).discountRules).to.deep.equal((read.props as Props).discountRules);
    // The same stale state, now with new rules: this PUT overwrites the edited rules, and says so.
    await sandbox.clearRequests();
    const { warnings: second } = await warningsOf(async () =>
      provider.update(id, outs, await checked({ ...wholesale, discountRules: [{ type: "all", method: "percent", amount: 1 }] })),
    );
    expect((await requests())[1].body).to.deep.equal({ discount_rules: [{ type: "all", method: "percent", amount: 1 }] });
    expect(second).to.deep.equal([
      `bigcommerce customer group ${id} ('Trade') in store '${storeHash}' was changed outside Pulumi since it was last read (discountRules); ` +
        "this update overwrites that change with the program's values. Run `pulumi refresh` (or `pulumi up --refresh`) to see such changes before applying.",
    ]);
    expect((await sandbox.bigcommerce.getGroup(Number(id))).discount_rules.map((r) => [r.type, Number(r.amount)])).to.deep.equal([["all", 1]]);
  });

  it("reads a group deleted out of band as gone, and an update of it says how to recover", async () => {
    const { id, outs } = await created({ name: "Gone" });
    await sandbox.bigcommerce.deleteGroup(Number(id));
    expect(await provider.read(id, outs)).to.deep.equal({ id: "", props: {} });
    const error = await failure(provider.update(id, outs, await checked({ name: "Gone again" })));
    expect(error?.message).to.equal(
      `bigcommerce customer group ${id} ('Gone') no longer exists in store '${storeHash}' (deleted outside Pulumi). Run \`pulumi refresh\` to forget it, then \`pulumi up\` to create it again.`,
    );
  });

  const customersOf = (id: string) => `GET /stores/${storeHash}/v3/customers?customer_group_id%3Ain=${id}&limit=1 200`;

  it("deletes an empty group after reading it and counting its customers (GET, GET, DELETE); a group already gone is one GET", async () => {
    const { id, outs } = await created({ name: "Temporary" });
    await sandbox.clearRequests();
    await provider.delete(id, outs);
    expect(await lines()).to.deep.equal([`GET /${id} 200`, customersOf(id), `DELETE /${id} 204`]);
    expect(await sandbox.bigcommerce.groups()).to.deep.equal([]);
    await sandbox.clearRequests();
    await provider.delete(id, outs);
    expect(await lines()).to.deep.equal([`GET /${id} 404`]);
  });

  it("refuses to delete a group with customers unless it declares deleteWithCustomers, and the default group, and a group changed in the store", async () => {
    const { id, outs } = await created({ name: "Members" });
    await sandbox.bigcommerce.seedCustomers([1, 2, 3].map((i) => ({ email: `m${i}@example.com`, customer_group_id: Number(id) })));
    await sandbox.clearRequests();
    const refused = await failure(provider.delete(id, outs));
    expect(refused?.message).to.equal(
      `refusing to delete bigcommerce customer group ${id} ('Members'): it holds 3 customers, who would lose its prices and discounts. To delete it ` +
        "with them, declare `deleteWithCustomers: true` on the group and run `pulumi up`, then remove it (or move its customers to another group first); " +
        "to keep it, declare it again, or remove it from the state only: `pulumi state delete <its URN>`.",
    );
    expect((await lines()).filter((l) => !l.startsWith("GET"))).to.deep.equal([]);
    // Declared (recorded by an update that sends nothing), the delete goes ahead and the store unassigns its customers.
    const allowed = await checked({ name: "Members", deleteWithCustomers: true });
    expect(await provider.diff(id, outs, allowed)).to.deep.include({ changes: true, replaces: [] });
    await sandbox.clearRequests();
    const { outs: recorded } = await provider.update(id, outs, allowed);
    expect(recorded).to.deep.include({ deleteWithCustomers: true });
    expect(await lines()).to.deep.equal([]);
    await provider.delete(id, recorded as Props);
    expect(await sandbox.bigcommerce.groups()).to.deep.equal([]);
    expect((await sandbox.bigcommerce.customers()).map((c) => c.customer_group_id)).to.deep.equal([0, 0, 0]);

    // The store's default group: refused even when allowed, while it holds the role.
    const retail = await created({ name: "Retail", isDefault: true, deleteWithCustomers: true });
    expect((await failure(provider.delete(retail.id, retail.outs)))?.message).to.match(/it is the store's default group, which every new customer joins/);
    // Changed in the store since this stack last read it: refused, naming what changed.
    const edited = await created({ name: "Edited" });
    await sandbox.bigcommerce.editGroup(Number(edited.id), { discount_rules: [{ type: "all", method: "percent", amount: 9 }] } as never);
    expect((await failure(provider.delete(edited.id, edited.outs)))?.message).to.match(
      /it changed in the store since this stack last read it \(discountRules\), so another stack or an admin may rely on it/,
    );
    expect((await sandbox.bigcommerce.groups()).map((g) => g.name).sort()).to.deep.equal(["Edited", "Retail"]);
  });

  it("retries a burst of 429s as the store asks, without a failed resource", async () => {
    await sandbox.injectFault({ vendor: "bigcommerce", method: "POST", status: 429, retryAfterSeconds: 0, count: 3 });
    const { outs } = await created({ name: "Throttled" });
    expect(await lines()).to.deep.equal(["POST / 429", "POST / 429", "POST / 429", "POST / 201"]);
    expect(outs).to.include({ name: "Throttled" });
    expect(await sandbox.bigcommerce.groups()).to.have.length(1);
  });

  /**
   * The store again, with a quota on a fake clock that the provider's limiter waits on too: the window turns when the
   * clock is moved (settleOnClock moves it whenever every unfinished create waits on it), not in real time. Returns
   * `createAll(names)`, which creates the groups at once and answers how far the clock moved.
   */
  async function onFakeClock(quota: { quota: number; windowMs: number }, rateLimit: object = {}) {
    const clock = new FakeClock();
    await sandbox.close();
    sandbox = await startSandbox({ bigcommerce: { storeHash, accessToken, rateLimit: quota }, clock });
    const p = await makeProvider(
      { ...config, "bigcommerce:apiUrl": sandbox.url },
      { ...fast, rateLimit: { ...rateLimit, now: clock.now, sleep: clock.sleep } },
    );
    const createAll = async (names: string[]): Promise<number> => {
      const start = clock.now();
      await settleOnClock(
        clock,
        names.map(async (name) => p.create((await p.check({}, { name })).inputs)),
      );
      return clock.now() - start;
    };
    return { createAll };
  }

  it("slows down when the quota runs low, so a parallel burst gets no 429", async () => {
    const { createAll } = await onFakeClock({ quota: 6, windowMs: 1000 }, { threshold: 1 });
    const names = Array.from({ length: 14 }, (_, i) => `Burst ${i + 1}`);
    const waited = await createAll(names);
    expect((await lines()).filter((l) => l.endsWith(" 429"))).to.deep.equal([]);
    expect((await lines()).filter((l) => l.startsWith("POST / 201"))).to.have.length(14);
    expect((await sandbox.bigcommerce.groups()).map((g) => g.name).sort()).to.deep.equal([...names].sort());
    // 14 requests at 5 per window (one kept in reserve): the burst waited for two window turns on the clock.
    expect(waited).to.be.at.least(2000);
  });

  it("uses a short window whole, window after window, with no 429: 100 creates at 20 requests per second", async () => {
    // Every request in flight at once (the default 20 would hold some back on the requests in flight, which the fake
    // clock cannot see): what is tested is the window.
    const { createAll } = await onFakeClock({ quota: 20, windowMs: 1000 }, { maxInFlight: 100 });
    const names = Array.from({ length: 100 }, (_, i) => `Short ${i + 1}`);
    const waited = await createAll(names);
    expect((await lines()).filter((l) => l.endsWith(" 429"))).to.deep.equal([]);
    expect((await lines()).filter((l) => l.startsWith("POST / 201"))).to.have.length(100);
    // Five windows of 20: four turns of the clock, each waited once (the reset the store gives plus the 50 ms margin).
    expect(waited).to.be.within(4000, 4000 + 4 * 100);
  });

  it("waits out a 429 whose reset is far away once, for every request of the store, and retries through the limiter", async () => {
    const { createAll } = await onFakeClock({ quota: 150, windowMs: 30_000 });
    // Another app of the store spent the window: the first request learns it from a 429 with the reset 20 s away.
    await sandbox.injectFault({ vendor: "bigcommerce", method: "POST", status: 429, retryAfterSeconds: 20 });
    const names = Array.from({ length: 12 }, (_, i) => `Held ${i + 1}`);
    const waited = await createAll(names);
    // One 429, then all twelve creates (the throttled one again among them) once the window turned: nothing retried blindly.
    expect((await lines()).filter((l) => l.startsWith("POST"))).to.deep.equal(["POST / 429", ...names.map(() => "POST / 201")]);
    expect((await sandbox.bigcommerce.groups()).map((g) => g.name).sort()).to.deep.equal([...names].sort());
    expect(waited).to.be.at.least(20_000);
    expect(waited).to.be.below(21_000);
  });

  it("does not duplicate a group when the create response is lost", async () => {
    await sandbox.injectFault({ vendor: "bigcommerce", method: "POST", dropResponseAfterCommit: true });
    const { id, outs } = await created(wholesale);
    expect(await lines()).to.deep.equal(["POST / 201", "GET /?name=Wholesale&page=1&limit=250 200"]);
    expect(outs).to.include({ groupId: Number(id), name: "Wholesale" });
    expect((await sandbox.bigcommerce.groups()).map((g) => g.id)).to.deep.equal([Number(id)]);
  });

  it("sends the group again when a failed create did not reach the store (looked up by name first)", async () => {
    await sandbox.injectFault({ vendor: "bigcommerce", method: "POST", status: 503 });
    const { outs } = await created({ name: "Retry Me" });
    expect(await lines()).to.deep.equal(["POST / 503", "GET /?name=Retry+Me&page=1&limit=250 204", "POST / 201"]);
    expect(outs).to.include({ name: "Retry Me" });
  });

  it("adopts an existing group by name with one PUT of what differs", async () => {
    const existing = await sandbox.bigcommerce.createGroup({
      name: "Students",
      category_access: { type: "none" },
      discount_rules: [{ type: "all", method: "percent", amount: 10 }],
    });
    await sandbox.clearRequests();
    const { id, outs } = await created({ name: "Students", discountRules: [{ type: "all", method: "percent", amount: 5 }], adopt: true });
    expect(id).to.equal(String(existing.id));
    expect(await lines()).to.deep.equal(["GET /?name=Students&page=1&limit=250 200", `PUT /${id} 200`]);
    expect((await requests())[1].body).to.deep.equal({ discount_rules: [{ type: "all", method: "percent", amount: 5 }] });
    expect(outs).to.include({ adopt: true, isDefault: false });
    expect(outs.categoryAccess).to.deep.equal({ type: "none" });
  });

  it("adopts with no request beyond the lookup when the group already matches", async () => {
    await sandbox.bigcommerce.createGroup({ name: "Students", discount_rules: [{ type: "all", method: "percent", amount: "5.00" as unknown as number }] });
    await sandbox.clearRequests();
    await created({ name: "Students", discountRules: [{ type: "all", method: "percent", amount: 5 }], adopt: true });
    expect(await lines()).to.deep.equal(["GET /?name=Students&page=1&limit=250 200"]);
  });

  it("explains a duplicate name: the group holding it and how to adopt it", async () => {
    // Someone's group, not exactly what this create makes (so not taken for one an interrupted run made).
    const existing = await sandbox.bigcommerce.createGroup({ name: "VIP", category_access: { type: "none" } });
    const error = await failure(created({ name: "VIP" }));
    expect(error?.message).to.equal(
      `bigcommerce: POST /stores/${storeHash}/v2/customer_groups failed, HTTP 409: name 'VIP' is already used by customer group ${existing.id} in store '${storeHash}'. ` +
        "To manage that group with this resource, set `adopt: true` on it; otherwise choose another name.",
    );
    expect(await sandbox.bigcommerce.groups()).to.have.length(1);
  });

  it("pages with page and limit until a short page, and reads 204 No Content as an empty list", async () => {
    const client = new BigCommerceClient({ storeHash, accessToken, apiUrl: sandbox.url }, { pageSize: 2 });
    expect(await client.list()).to.deep.equal([]);
    for (const name of ["A", "B", "C", "D"]) await sandbox.bigcommerce.createGroup({ name });
    expect((await client.list()).map((g) => g.name)).to.deep.equal(["A", "B", "C", "D"]);
    await sandbox.bigcommerce.createGroup({ name: "E" });
    expect((await client.list()).map((g) => g.name)).to.deep.equal(["A", "B", "C", "D", "E"]);
    expect(await lines()).to.deep.equal([
      "GET /?page=1&limit=2 204",
      "GET /?page=1&limit=2 200",
      "GET /?page=2&limit=2 200",
      "GET /?page=3&limit=2 204",
      "GET /?page=1&limit=2 200",
      "GET /?page=2&limit=2 200",
      "GET /?page=3&limit=2 200",
    ]);
  });

  it("rejects invalid input in check without sending a single request", async () => {
    const result = await provider.check(
      {},
      {
        name: "",
        categoryAccess: { type: "all", categories: [1] },
        discountRules: [
          { type: "product", method: "percent", amount: 120 },
          { type: "all", method: "price", amount: -1, categoryId: 4 },
        ],
        __provider: "stub",
      },
    );
    expect(result.failures).to.deep.equal([
      {
        property: "name",
        reason:
          "must be 1 to 255 characters (an emoji counts as one), without control, bidirectional or zero-width characters, nor white space at either end (unique in the store)",
      },
      { property: "discountRules[1].amount", reason: "must be a finite number, not negative" },
      { property: "categoryAccess.categories", reason: 'is only allowed when type is "specific" (type is "all")' },
      { property: "discountRules[0].amount", reason: 'must be at most 100 when method is "percent"' },
      { property: "discountRules[0].productId", reason: 'is required when type is "product"' },
      { property: "discountRules[1].categoryId", reason: 'is only allowed when type is "category" (type is "all")' },
    ]);
    expect(await sandbox.requests()).to.deep.equal([]);
  });

  it("validates what is known during preview and passes unknown values through", async () => {
    const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    const result = await provider.check(
      {},
      { name: "G", discountRules: [{ type: "product", productId: unknown, method: "percent", amount: 5 }], __provider: "stub" },
    );
    expect(result.failures ?? []).to.deep.equal([]);
    expect((await provider.diff("1", { name: "G", groupId: 1 }, { name: unknown })).changes).to.equal(true);
    expect(await sandbox.requests()).to.deep.equal([]);
  });

  it("asks for replacement only when the target store changes, and never touches another store's group", async () => {
    const { id, outs } = await created(wholesale);
    const moved = await makeProvider({ ...config, "bigcommerce:storeHash": "otherstore" });
    expect(await moved.diff(id, outs, await checked(wholesale))).to.deep.include({ changes: true, replaces: ["storeHash"], deleteBeforeReplace: true });
    await sandbox.clearRequests();
    const { warnings } = await warningsOf(() => moved.delete(id, outs));
    expect(warnings[0]).to.match(new RegExp(`customer group ${id} \\('Wholesale'\\) was left in store '${storeHash}'`));
    expect(await sandbox.requests()).to.deep.equal([]);
    expect(await sandbox.bigcommerce.groups()).to.have.length(1);
  });

  it("accepts the API path of the store's credentials as apiUrl, and reports missing settings at once", async () => {
    const withPath = await makeProvider({ ...config, "bigcommerce:apiUrl": sandbox.config.bigcommerce.apiUrl });
    const { id } = await withPath.create(await checked({ name: "Path" }));
    expect(await lines()).to.deep.equal(["POST / 201"]);
    expect(id).to.equal("1");
    const none = await makeProvider({ "bigcommerce:accessToken": "do-not-show-me-123" });
    const error = await failure(none.create({ name: "x" }));
    expect(error?.message).to.equal(
      "bigcommerce is not configured. Missing settings:\n  - bigcommerce:storeHash (`pulumi config set bigcommerce:storeHash <value>`, or the environment variable BIGCOMMERCE_STORE_HASH)",
    );
    const insecure = await makeProvider({ ...config, "bigcommerce:apiUrl": "http://shop.example.com" });
    expect((await failure(insecure.create({ name: "x" })))?.message).to.match(/plain http to shop.example.com/);
  });
});
