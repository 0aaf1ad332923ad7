// Provider tests: the RevCent CustomerGroup lifecycle and the members query against the sandbox's RevCent v2 API over real HTTP on 127.0.0.1.

import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { ApiError } from "../../provider/http/errors";
import { RevCentClient } from "../../provider/revcent/client";
import { customerGroupAdapter } from "../../provider/revcent/customerGroup";
import { customerGroupMembers } from "../../provider/revcent/functions";
import { revcentSettings } from "../../provider/revcent/settings";
import { Sandbox, startSandbox, type RcCustomerSeed } from "../../sandbox";
import * as cg from "../../sdk";

import { checkedInputs } from "../helpers/lifecycle";
import { configuredProvider, failure, Props, Provider, warningsOf } from "../helpers/provider";

const apiKey = "test-revcent-key-4242";
const DAY = 86400;
const T0 = 1_700_000_000;
const fast = { backoff: { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 20, maxElapsedMs: 5000 } };

/** The value of an Output, outside a Pulumi program. */
const valueOf = <T>(output: pulumi.Output<T>) => new Promise<T>((resolve) => output.apply((v) => resolve(v)));

describe("RevCent CustomerGroup provider (sandbox)", function () {
  let sandbox: Sandbox;
  let provider: Provider;
  let config: Record<string, string>;

  before(async () => {
    sandbox = await startSandbox({ revcent: { apiKey } });
    // The sandbox reports its RevCent URL with /v2, as RevCent documents its endpoints; the provider accepts both.
    config = { "revcent:apiKey": apiKey, "revcent:apiUrl": sandbox.config.revcent.apiUrl };
  });
  after(() => sandbox.close());
  beforeEach(async () => {
    await sandbox.reset();
    provider = await makeProvider(config);
  });

  const makeProvider = (stackConfig: Record<string, string>): Promise<Provider> =>
    configuredProvider((stack) => customerGroupAdapter(stack, fast, {}), stackConfig);

  /** The RevCent requests so far, as "GET /v2/path?query status" (query as sent, brackets decoded). */
  async function lines(): Promise<string[]> {
    return (await sandbox.requests())
      .filter((r) => r.vendor === "revcent")
      .map((r) => {
        const query = Object.entries(r.query)
          .flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => `${k}=${x}`))
          .join("&");
        return `${r.method} ${r.path}${query ? `?${query}` : ""} ${r.status}`;
      });
  }
  const groupPages = (n: number) => Array.from({ length: n }, (_, i) => `GET /v2/customer_groups?limit=25&page=${i + 1} 200`);

  const checked = (news: Props) => checkedInputs(provider, news);

  const vipQualifiers = {
    specific_values: {
      filters: { campaign: [], product_group: [], third_party_shop: [], metadata: [] },
      values: { has_no_sales: false, lifetime_value: { enabled: true, min: 500, max: 100000 }, num_sale: { enabled: false, min: 0, max: 0 } },
      subscription_options: { enabled: false, status: [] },
    },
  };
  const vipDeclared = {
    name: "VIP",
    enabled: true,
    qualifierMethod: "specific_values",
    qualifiers: { specificValues: { values: { lifetimeValue: { enabled: true, min: 500, max: 100000 } } } },
  };

  /** 60 groups (three pages of 25); VIP is the 55th, on the third page. */
  async function seedSixty(extra: Props[] = []): Promise<Record<string, string>> {
    const seeds = Array.from({ length: 60 }, (_, i) =>
      i === 54
        ? {
            name: "VIP",
            description: "Best customers",
            qualifier_method: "specific_values",
            qualifiers: vipQualifiers,
            created_date_unix: T0,
            updated_date_unix: T0 + 5,
          }
        : { name: `Group ${String(i + 1).padStart(2, "0")}` },
    );
    const made = await sandbox.revcent.seedGroups([...seeds, ...extra] as never);
    await sandbox.clearRequests();
    return Object.fromEntries(made.map((g) => [g.name, g.id]));
  }

  it("adopts a group by name among 60 groups on three pages and records the whole live group", async () => {
    const ids = await seedSixty();
    const { id, outs } = await provider.create(await checked(vipDeclared));
    expect(await lines()).to.deep.equal(groupPages(3));
    expect(id).to.equal(ids.VIP);
    expect(outs).to.deep.equal({
      groupId: ids.VIP,
      name: "VIP",
      description: "Best customers",
      enabled: true,
      qualifierMethod: "specific_values",
      qualifiers: {
        specificValues: {
          filters: { campaign: [], metadata: [], productGroup: [], thirdPartyShop: [] },
          values: { hasNoSales: false, lifetimeValue: { enabled: true, max: 100000, min: 500 }, numSale: { enabled: false, max: 0, min: 0 } },
          subscriptionOptions: { enabled: false, status: [] },
        },
      },
      createdDateUnix: T0,
      updatedDateUnix: T0 + 5,
      adoptedBy: { name: "VIP" },
      declared: [
        "enabled",
        "qualifierMethod",
        "qualifiers.specificValues.values.lifetimeValue.enabled",
        "qualifiers.specificValues.values.lifetimeValue.max",
        "qualifiers.specificValues.values.lifetimeValue.min",
      ],
    });
  });

  it("adopts a group by its id", async () => {
    const ids = await seedSixty();
    const { id, outs } = await provider.create(await checked({ groupId: ids["Group 30"] }));
    expect(id).to.equal(ids["Group 30"]);
    expect(outs).to.include({ groupId: ids["Group 30"], name: "Group 30", qualifierMethod: "none", enabled: true });
    expect(outs.adoptedBy).to.deep.equal({ groupId: ids["Group 30"] });
    expect(await lines()).to.deep.equal(groupPages(3));
    const read = await provider.read(id, outs);
    expect(read.inputs).to.deep.equal({ groupId: ids["Group 30"] });
  });

  it("fails clearly when no group has the name, or the id", async () => {
    const ids = await seedSixty([{ name: "Gold " }]);
    const missing = await failure(provider.create(await checked({ name: "gold" })));
    expect(missing?.message).to.equal(
      `no RevCent customer group is named 'gold' (searched all 61 groups on 3 pages). Similar: 'Gold ' (id ${ids["Gold "]}); names are compared exactly. ` +
        "RevCent's API cannot create groups: create it in RevCent first, or correct the name.",
    );
    expect(missing).to.not.have.property("id");
    const noId = await failure(provider.create(await checked({ groupId: "N".repeat(20) })));
    expect(noId?.message).to.equal(
      `no RevCent customer group has the id '${"N".repeat(20)}' (searched all 61 groups on 3 pages). Check groupId, or adopt the group by its name.`,
    );
    expect(await lines()).to.deep.equal([...groupPages(3), ...groupPages(3)]);
  });

  it("fails clearly when two groups have the name", async () => {
    const [first, second] = await sandbox.revcent.seedGroups([{ name: "Twins" }, { name: "Other" }, { name: "Twins" }]).then((g) => [g[0]!, g[2]!]);
    const error = await failure(provider.create(await checked({ name: "Twins" })));
    expect(error?.message).to.equal(
      `2 RevCent customer groups are named 'Twins' (ids ${first.id}, ${second.id}), so the name does not say which one to adopt. ` +
        `Adopt one by its id instead: replace \`name: "Twins"\` with \`groupId: "${first.id}"\` (or another of these ids), or rename the others in RevCent.`,
    );
  });

  it("records on refresh, from the same listing, another group that took the name since, and the preview warns naming both ids", async () => {
    const ids = await seedSixty();
    const inputs = await checked(vipDeclared);
    const { id, outs } = await provider.create(inputs);
    const [twin] = await sandbox.revcent.seedGroups([{ name: "VIP" }]);
    await sandbox.clearRequests();
    const read = await provider.read(id, outs);
    // One listing answers the read and the look-up of the name.
    expect(await lines()).to.deep.equal(groupPages(3));
    expect((read.props as Props).sameName).to.deep.equal([twin!.id]);
    expect(read.inputs).to.deep.equal(inputs);
    const { result, warnings } = await warningsOf(() => provider.diff(id, read.props as Props, inputs));
    expect(result.changes).to.equal(false);
    expect(warnings).to.deep.equal([
      `RevCent customer group 'VIP' (id ${ids.VIP}): The last refresh found 2 RevCent groups named 'VIP' (this one, id ${ids.VIP}, and ${twin!.id}). ` +
        "This resource keeps following its id, but adopting by that name again (a new stack, a replacement, or after `pulumi state delete`) fails: " +
        `declare \`groupId: "${ids.VIP}"\` instead of the name, or rename the other groups in RevCent.`,
    ]);
    // Declared by id, or once the other group is gone, nothing is said.
    expect((await warningsOf(() => provider.diff(id, read.props as Props, { ...inputs, groupId: ids.VIP! }))).warnings).to.have.length(0);
    await sandbox.revcent.deleteGroup(twin!.id);
    const again = await provider.read(id, read.props as Props);
    expect(again.props).to.not.have.property("sameName");
    expect((await warningsOf(() => provider.diff(id, again.props as Props, inputs))).warnings).to.deep.equal([]);
  });

  it("refuses to adopt a group that differs from the declaration", async () => {
    await seedSixty();
    const error = await failure(provider.create(await checked({ ...vipDeclared, enabled: false, description: "VIPs" })));
    expect(error?.message).to.match(/^cannot adopt RevCent customer group 'VIP' \(id \w{20}\): it differs from the declaration/);
    expect(error?.message).to.include('description: live "Best customers", declared "VIPs"; enabled: live true, declared false.');
    expect(error).to.not.have.property("id");
  });

  it("reads the group back in input shape, shows no change for the same program, and reads a deleted group as gone", async () => {
    const ids = await seedSixty();
    const inputs = await checked(vipDeclared);
    const { id, outs } = await provider.create(inputs);
    const read = await provider.read(id, outs);
    expect(read.id).to.equal(id);
    expect(read.props).to.deep.equal(outs);
    expect(read.inputs).to.deep.equal(inputs);
    expect((await provider.diff(id, read.props as Props, inputs)).changes).to.equal(false);
    // A change to something not declared never shows.
    await sandbox.revcent.editGroup(ids.VIP!, { description: "Changed by a merchant" });
    const again = await provider.read(id, outs);
    expect((again.props as Props).description).to.equal("Changed by a merchant");
    expect(again.inputs).to.deep.equal(inputs);
    expect((await provider.diff(id, again.props as Props, inputs)).changes).to.equal(false);

    await sandbox.revcent.deleteGroup(ids.VIP!);
    expect(await provider.read(id, outs)).to.deep.equal({ id: "", props: {} });
  });

  it("shows a drifted qualifier as a change, and update fails with each live and declared value", async () => {
    const ids = await seedSixty();
    const inputs = await checked(vipDeclared);
    const { id, outs } = await provider.create(inputs);
    const edited = structuredClone(vipQualifiers);
    edited.specific_values.values.lifetime_value.max = 50000;
    await sandbox.revcent.editGroup(ids.VIP!, { qualifiers: edited, enabled: false });
    await sandbox.clearRequests();

    const refreshed = await provider.read(id, outs);
    expect(refreshed.inputs).to.deep.equal({
      name: "VIP",
      enabled: false,
      qualifierMethod: "specific_values",
      qualifiers: { specificValues: { values: { lifetimeValue: { enabled: true, max: 50000, min: 500 } } } },
    });
    const diff = await provider.diff(id, refreshed.props as Props, inputs);
    expect(diff).to.deep.include({ changes: true, replaces: [] });

    const error = await failure(provider.update(id, refreshed.props as Props, inputs));
    expect(error?.message).to.equal(
      `RevCent customer group 'VIP' (id ${ids.VIP}) differs from the declaration, and RevCent's API cannot change customer groups, so \`pulumi up\` cannot apply it: ` +
        "enabled: live false, declared true; qualifiers.specificValues.values.lifetimeValue.max: live 50000, declared 100000. " +
        "Change the group in RevCent to match the declaration, or change the declaration to what RevCent holds; `pulumi preview --refresh` shows the differences.",
    );
    expect(error).to.not.have.property("id");
    // Reads only: RevCent is never written.
    expect(await lines()).to.deep.equal([...groupPages(3), ...groupPages(3)]);

    // Once RevCent matches again, the same update succeeds.
    await sandbox.revcent.editGroup(ids.VIP!, { qualifiers: vipQualifiers, enabled: true });
    const updated = await provider.update(id, refreshed.props as Props, inputs);
    expect((updated.outs as Props).enabled).to.equal(true);
  });

  it("a newly declared value RevCent already holds is no change; one no longer declared is an update that records it, with reads only", async () => {
    await seedSixty();
    const { id, outs } = await provider.create(await checked(vipDeclared));
    const more = await checked({ ...vipDeclared, description: "Best customers" });
    expect(await provider.diff(id, outs, more)).to.deep.include({ changes: false, replaces: [] });
    // Recorded at the next update (here, to see it); once recorded, no longer declaring it is an update.
    const { outs: after } = await provider.update(id, outs, more);
    expect((after as Props).declared).to.include("description");
    expect((await provider.diff(id, after as Props, more)).changes).to.equal(false);
    expect((await provider.read(id, after as Props)).inputs).to.deep.equal(more);
    expect(await provider.diff(id, after as Props, await checked(vipDeclared))).to.deep.include({ changes: true, replaces: [] });
  });

  it("treats another name in the program as another group (replacement), a rename in RevCent as drift", async () => {
    const ids = await seedSixty();
    const inputs = await checked(vipDeclared);
    const { id, outs } = await provider.create(inputs);
    expect(await provider.diff(id, outs, await checked({ name: "Group 01" }))).to.deep.include({
      changes: true,
      replaces: ["name"],
      deleteBeforeReplace: true,
    });
    await sandbox.revcent.editGroup(ids.VIP!, { name: "VIP+" });
    const read = await provider.read(id, outs);
    expect((read.inputs as Props).name).to.equal("VIP+");
    expect(await provider.diff(id, read.props as Props, inputs)).to.deep.include({ changes: true, replaces: [] });
    const error = await failure(provider.update(id, read.props as Props, inputs));
    expect(error?.message).to.include(`RevCent customer group 'VIP+' (id ${ids.VIP}) differs from the declaration`);
    expect(error?.message).to.include('name: live "VIP+", declared "VIP".');
  });

  it("deletes nothing: it stops tracking and says the group stays in RevCent", async () => {
    const ids = await seedSixty();
    const { id, outs } = await provider.create(await checked(vipDeclared));
    await sandbox.clearRequests();
    const { warnings } = await warningsOf(() => provider.delete(id, outs));
    expect(await lines()).to.deep.equal([]);
    expect(warnings).to.deep.equal([
      `RevCent customer group 'VIP' (id ${ids.VIP}) is no longer tracked by Pulumi. The group itself stays in RevCent, unchanged: ` +
        "RevCent's API cannot delete customer groups (delete it in RevCent if it is no longer wanted).",
    ]);
    expect((await sandbox.revcent.groups()).map((g) => g.id)).to.include(ids.VIP);
  });

  it("fails an update of a group deleted in RevCent with what to do", async () => {
    const ids = await seedSixty();
    const { id, outs } = await provider.create(await checked(vipDeclared));
    await sandbox.revcent.deleteGroup(ids.VIP!);
    const error = await failure(provider.update(id, outs, await checked({ ...vipDeclared, enabled: false })));
    expect(error?.message).to.equal(
      `RevCent customer group 'VIP' (id ${ids.VIP}) no longer exists (deleted outside Pulumi). Run \`pulumi refresh\` to forget it, then declare a group that exists to watch it again.`,
    );
  });

  it("rejects invalid input in check without sending a single request", async () => {
    await seedSixty();
    const result = await provider.check(
      {},
      {
        name: "VIP",
        groupId: "short",
        qualifierMethod: "none",
        qualifiers: { specificValues: { values: { daysLastSale: { min: 0 }, lifetimeValue: { min: 9, max: 1 } } } },
        __provider: "stub",
      },
    );
    expect(result.failures).to.deep.equal([
      { property: "groupId", reason: "cannot be given together with name: the group is chosen by one of the two" },
      { property: "groupId", reason: "must be a 20 character customer group ID" },
      { property: "qualifiers.specificValues.values.daysLastSale.min", reason: "must be a whole number, at least 1" },
      { property: "qualifiers.specificValues.values.lifetimeValue.min", reason: "must not be above max (min 9, max 1): no customer could qualify" },
      {
        property: "qualifiers.specificValues",
        reason: 'must be left out when qualifierMethod is "none" (a group without qualifiers, whose customers are added by hand)',
      },
    ]);
    expect(await lines()).to.deep.equal([]);
  });

  it("retries a 503 and turns a refused API key into an ApiError without the key", async () => {
    await seedSixty();
    await sandbox.injectFault({ vendor: "revcent", status: 503, count: 1 });
    await provider.create(await checked({ name: "Group 01" }));
    expect((await lines()).slice(0, 2)).to.deep.equal(["GET /v2/customer_groups?limit=25&page=1 503", "GET /v2/customer_groups?limit=25&page=1 200"]);

    const wrong = await makeProvider({ ...config, "revcent:apiKey": "wrong-key-value-9876" });
    const error = await failure(wrong.create(await checked({ name: "VIP" })));
    expect(error).to.be.instanceOf(ApiError);
    expect(error?.message).to.match(
      /^revcent: GET \/v2\/customer_groups failed, HTTP 401, unauthorized: Missing or invalid API key in the x-api-key header\. Check revcent:apiKey \(REVCENT_API_KEY\).* \(correlation id \w{20}\)$/,
    );
    expect(error?.message).to.not.include("wrong-key-value-9876");
  });

  describe("members and groups queries", () => {
    const group = (): Promise<string> => sandbox.revcent.seedGroups([{ name: "Members" }, { name: "Others" }]).then((g) => g[0]!.id);

    it("reads members over 200 days: three windows, every page of each, each customer once", async () => {
      const groupId = await group();
      const other = (await sandbox.revcent.groups()).find((g) => g.name === "Others")!.id;
      const w1End = T0 + 90 * DAY;
      const w2End = T0 + 180 * DAY + 1;
      const end = T0 + 200 * DAY;
      // 60 customers in the first window (3 pages), 30 in the second (2 pages), 26 in the third (2 pages), on the window edges too.
      const at = [
        ...Array.from({ length: 60 }, (_, i) => (i === 0 ? T0 : i === 59 ? w1End : T0 + i * DAY)),
        ...Array.from({ length: 30 }, (_, i) => (i === 0 ? w1End + 1 : i === 29 ? w2End : w1End + 1 + i * DAY)),
        ...Array.from({ length: 26 }, (_, i) => (i === 0 ? w2End + 1 : i === 25 ? end : w2End + 1 + i * 600)),
      ];
      const members: RcCustomerSeed[] = at.map((t, i) => ({
        created_date_unix: t,
        email: `m${i}@example.com`,
        first_name: `First${i}`,
        last_name: `Last${i}`,
        customer_group: [{ id: groupId }],
      }));
      // Outside the range, or in another group: never members.
      const outsiders: RcCustomerSeed[] = [
        { created_date_unix: T0 - 1, customer_group: [{ id: groupId }] },
        { created_date_unix: end + 1, customer_group: [{ id: groupId }] },
        { created_date_unix: T0 + DAY, customer_group: [{ id: other }] },
      ];
      const seeded = await sandbox.revcent.seedCustomers([...members, ...outsiders]);
      await sandbox.clearRequests();

      const result = await customerGroupMembers(
        { customerGroupId: groupId, dateStart: new Date(T0 * 1000), dateEnd: end },
        { stack: (k) => config[k], env: {}, options: fast },
      );
      const q = (s: number, e: number, page: number) =>
        `GET /v2/customers?date_start=${s}&date_end=${e}&customer_group_filter=${groupId}&limit=25&page=${page} 200`;
      expect(await lines()).to.deep.equal([
        q(T0, w1End, 1),
        q(T0, w1End, 2),
        q(T0, w1End, 3),
        q(w1End + 1, w2End, 1),
        q(w1End + 1, w2End, 2),
        q(w2End + 1, end, 1),
        q(w2End + 1, end, 2),
      ]);
      expect(result.count).to.equal(116);
      expect(new Set(result.customers.map((c) => c.id)).size).to.equal(116);
      expect(result.customers.map((c) => c.id)).to.deep.equal(seeded.slice(0, 116).map((c) => c.id));
      expect(result.customers[7]).to.deep.equal({ id: seeded[7]!.id, email: "m7@example.com", firstName: "First7", lastName: "Last7", status: "Enabled" });
    });

    it("sends the other filters as the seed specifies and the sandbox applies them", async () => {
      const groupId = await group();
      await sandbox.revcent.seedCustomers([
        { created_date_unix: T0 + 10, status: "Blocked", blocked: true, metadata: [{ name: "tier", value: "gold" }], customer_group: [{ id: groupId }] },
        { created_date_unix: T0 + 20, status: "Enabled", metadata: [{ name: "tier", value: "gold" }], customer_group: [{ id: groupId }] },
        { created_date_unix: T0 + 30, status: "Blocked", blocked: true, metadata: [{ name: "tier", value: "silver" }], customer_group: [{ id: groupId }] },
      ]);
      await sandbox.clearRequests();
      const result = await customerGroupMembers(
        { customerGroupId: groupId, dateStart: T0, dateEnd: T0 + DAY, statusFilter: ["blocked", "fraud"], metadataFilter: [{ name: "tier", value: "gold" }] },
        { stack: (k) => config[k], env: {} },
      );
      expect(result.count).to.equal(1);
      expect(await lines()).to.deep.equal([
        `GET /v2/customers?date_start=${T0}&date_end=${T0 + DAY}&customer_group_filter=${groupId}&status_filter=blocked&status_filter=fraud` +
          "&metadata_filter[0][name]=tier&metadata_filter[0][value]=gold&limit=25&page=1 200",
      ]);
    });

    it("checks the arguments before sending anything", async () => {
      const error = await failure(
        customerGroupMembers(
          { customerGroupId: "nope", dateStart: T0 + 5, dateEnd: T0, statusFilter: ["gone" as never] },
          { stack: (k) => config[k], env: {} },
        ),
      );
      expect(error?.message).to.equal(
        'invalid getCustomerGroupMembers arguments: customerGroupId: must be a 20 character customer group ID; statusFilter[0]: must be one of "enabled", "disabled", "blocked", "fraud", "chargeback"; ' +
          `dateEnd: must not be before dateStart (dateStart ${T0 + 5}, dateEnd ${T0}, in unix seconds)`,
      );
      expect(await lines()).to.deep.equal([]);
    });

    it("turns RevCent's error envelope into an ApiError with its error_code, message and call id", async () => {
      const client = new RevCentClient(
        revcentSettings((k) => config[k], {}),
        fast,
      );
      const query = new URLSearchParams({ date_start: String(T0), date_end: String(T0 + 91 * DAY) });
      const error = await failure(client.customers(query, 1));
      expect(error).to.be.instanceOf(ApiError);
      const e = error as ApiError;
      expect([e.backend, e.status, e.code]).to.deep.equal(["revcent", 400, "invalid_parameter"]);
      expect(e.correlationId).to.have.length(20);
      expect(e.message).to.equal(
        `revcent: GET /v2/customers failed, HTTP 400, invalid_parameter: The difference between date_start and date_end cannot exceed a 90 day period. (correlation id ${e.correlationId})`,
      );
      expect(e).to.not.have.property("id");
    });

    it("turns an error envelope sent with HTTP 200 into an ApiError too", async () => {
      const server = http.createServer((_req, res) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(
          JSON.stringify({ code: 0, api_call_id: "A".repeat(20), api_call_unix: T0, error_code: "rate_limited", message: "Too many calls.", result: "failed" }),
        );
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      try {
        const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
        const error = await failure(cg.revcent.getCustomerGroups({ apiKey: "any-key-123456", apiUrl: url }));
        expect(error?.message).to.equal(`revcent: GET /v2/customer_groups failed, HTTP 200, rate_limited: Too many calls. (correlation id ${"A".repeat(20)})`);
      } finally {
        server.close();
      }
    });

    it("serves the SDK functions from explicit arguments, the environment or the stack config, as Promises and as Outputs", async () => {
      await seedSixty();
      const url = sandbox.url;
      const groups = await cg.revcent.getCustomerGroups({ apiKey, apiUrl: url });
      expect(groups).to.have.length(60);
      expect(groups[54]).to.deep.include({ name: "VIP", qualifierMethod: "specific_values", description: "Best customers", createdDateUnix: T0 });
      expect(groups[54]!.qualifiers?.specificValues?.values?.lifetimeValue).to.deep.equal({ enabled: true, max: 100000, min: 500 });

      const saved = { key: process.env.REVCENT_API_KEY, url: process.env.REVCENT_API_URL };
      process.env.REVCENT_API_KEY = apiKey;
      process.env.REVCENT_API_URL = `${url}/v2`;
      try {
        expect(await cg.revcent.getCustomerGroups()).to.have.length(60);
      } finally {
        for (const [name, value] of [
          ["REVCENT_API_KEY", saved.key],
          ["REVCENT_API_URL", saved.url],
        ] as const) {
          if (value === undefined) delete process.env[name];
          else process.env[name] = value;
        }
      }

      pulumi.runtime.setConfig("revcent:apiKey", apiKey);
      pulumi.runtime.setConfig("revcent:apiUrl", url);
      try {
        expect(await cg.revcent.getCustomerGroups()).to.have.length(60);
      } finally {
        pulumi.runtime.setConfig("revcent:apiKey", "");
        pulumi.runtime.setConfig("revcent:apiUrl", "");
      }

      const output = cg.revcent.getCustomerGroupsOutput({ apiKey: pulumi.secret(apiKey), apiUrl: pulumi.output(url) });
      expect(await valueOf(output)).to.have.length(60);
      expect(await pulumi.isSecret(output)).to.equal(false);

      const groupId = groups[54]!.id;
      await sandbox.revcent.seedCustomers([{ created_date_unix: T0 + 100, email: "vip@example.com", customer_group: [{ id: groupId }] }]);
      const members = cg.revcent.getCustomerGroupMembersOutput({
        apiKey: pulumi.secret(apiKey),
        apiUrl: url,
        customerGroupId: pulumi.output(groupId),
        dateStart: new Date(T0 * 1000),
        dateEnd: pulumi.output(1).apply(() => new Date((T0 + 200 * DAY) * 1000)),
      });
      expect((await valueOf(members)).customers.map((c) => c.email)).to.deep.equal(["vip@example.com"]);
      expect(await pulumi.isSecret(members)).to.equal(false);
    });
  });
});
