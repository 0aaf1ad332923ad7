// RevCent v2 in the sandbox: x-api-key, the code 1 / code 0 envelopes checked against the seed schemas, paging, the 90-day window, filters.
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect } from "chai";
import { createAjv } from "../../sandbox/core/jsonSchema";
import { SandboxAdminError, startSandbox, type RcCustomerGroup, type RevcentSuccess, type Sandbox } from "../../sandbox/index";
import { loadOperation, revcentValidators, specsDir } from "../../sandbox/revcent/spec";
import { http, rcApi, type HttpResult } from "./helpers";

const DAY = 86400;
const T0 = 1_700_000_000;

function expectSuccess(res: HttpResult, op: "GetCustomerGroups" | "GetCustomers"): RevcentSuccess<Record<string, unknown>> {
  expect(res.status, res.text).to.equal(200);
  const v = revcentValidators(op).success;
  expect(v(res.json), JSON.stringify(v.errors)).to.equal(true);
  return res.json as RevcentSuccess<Record<string, unknown>>;
}

function expectFailure(res: HttpResult, status: number, op: "GetCustomerGroups" | "GetCustomers" = "GetCustomers"): string {
  expect(res.status, res.text).to.equal(status);
  const v = revcentValidators(op).error;
  expect(v(res.json), JSON.stringify(v.errors)).to.equal(true);
  expect(res.json).to.include({ code: 0 });
  return (res.json as { message: string }).message;
}

describe("sandbox: revcent", () => {
  let sb: Sandbox;
  const api = (p: string, q: [string, string | number][] = []) => rcApi(sb)(p, q);
  const window: [string, number][] = [
    ["date_start", T0],
    ["date_end", T0 + 90 * DAY],
  ];
  before(async () => {
    sb = await startSandbox();
  });
  after(() => sb.close());
  beforeEach(() => sb.reset());

  it("keeps the seed operations verbatim under specs/revcent", () => {
    expect(loadOperation("GetCustomerGroups").operationId).to.equal("GetCustomerGroups");
    expect(loadOperation("GetCustomers").operationId).to.equal("GetCustomers");
    const text = readFileSync(path.join(specsDir(), "GetCustomers.json"), "utf8");
    expect(text.startsWith('{"method":"GET","path":"https://api.revcent.com/v2/customers"')).to.equal(true);
  });

  it("refuses a missing or wrong x-api-key with 401 and the code 0 envelope", async () => {
    expectFailure(await http(`${sb.url}/v2/customer_groups?page=1&limit=25`), 401, "GetCustomerGroups");
    expectFailure(
      await rcApi(sb, "wrong")("customer_groups", [
        ["page", 1],
        ["limit", 25],
      ]),
      401,
      "GetCustomerGroups",
    );
  });

  it("lists customer groups in the success envelope with paging counters", async () => {
    await sb.revcent.seedGroups([{ name: "A" }, { name: "B" }, { name: "C", description: "third", enabled: false }]);
    const body = expectSuccess(
      await api("customer_groups", [
        ["page", 2],
        ["limit", 2],
      ]),
      "GetCustomerGroups",
    );
    expect(body).to.include({ code: 1, current_count: 1, current_page: 2, total_count: 3, total_pages: 2 });
    expect(body.api_call_id).to.have.length(20);
    expect(body.results.map((g) => g.name)).to.deep.equal(["C"]);
    expect(body.results[0]).to.include({ description: "third", enabled: false, qualifier_method: "none" });
    const all = expectSuccess(
      await api("customer_groups", [
        ["page", 1],
        ["limit", 25],
      ]),
      "GetCustomerGroups",
    );
    expect(all.results).to.have.length(3);
  });

  it("requires page and limit and keeps limit within 1..25", async () => {
    expect(expectFailure(await api("customer_groups", [["page", 1]]), 400, "GetCustomerGroups")).to.contain("limit");
    expect(expectFailure(await api("customer_groups", [["limit", 5]]), 400, "GetCustomerGroups")).to.contain("page");
    for (const limit of [0, 26, "x"])
      expectFailure(
        await api("customer_groups", [
          ["page", 1],
          ["limit", limit],
        ]),
        400,
        "GetCustomerGroups",
      );
    expectSuccess(
      await api("customer_groups", [
        ["page", 1],
        ["limit", 1],
      ]),
      "GetCustomerGroups",
    );
    expectSuccess(
      await api("customer_groups", [
        ["page", 1],
        ["limit", 25],
      ]),
      "GetCustomerGroups",
    );
  });

  it("requires date_start and date_end and refuses a span over 90 days", async () => {
    const paging: [string, number][] = [
      ["page", 1],
      ["limit", 25],
    ];
    expectFailure(await api("customers", paging), 400);
    expectSuccess(await api("customers", [...paging, ["date_start", T0], ["date_end", T0 + 90 * DAY]]), "GetCustomers");
    const over = await api("customers", [...paging, ["date_start", T0], ["date_end", T0 + 90 * DAY + 1]]);
    expect(expectFailure(over, 400)).to.contain("90 day");
    expectFailure(await api("customers", [...paging, ["date_start", T0], ["date_end", T0 - 1]]), 400);
  });

  it("returns customers created within the window, valid against the seed's customer schema", async () => {
    await sb.revcent.seedCustomers([
      { email: "in@example.com", first_name: "In", created_date_unix: T0 + DAY },
      { email: "out@example.com", first_name: "Out", created_date_unix: T0 - DAY },
    ]);
    const body = expectSuccess(await api("customers", [["page", 1], ["limit", 25], ...window]), "GetCustomers");
    expect(body.results.map((c) => c.email)).to.deep.equal(["in@example.com"]);
    expect(body).to.include({ total_count: 1, total_pages: 1 });
  });

  it("documents the seed's customer schema bug: as written (allOf of two closed objects) it rejects any customer", async () => {
    await sb.revcent.seedCustomers([{ email: "a@example.com", created_date_unix: T0 }]);
    const res = await api("customers", [["page", 1], ["limit", 25], ...window]);
    const raw = createAjv().compile(loadOperation("GetCustomers").responses["200"]!.content["application/json"].schema);
    expect(raw(res.json)).to.equal(false);
    expectSuccess(res, "GetCustomers");
  });

  it("filters customers by customer group, one or several (repeated parameter)", async () => {
    const [gold, silver] = (await sb.revcent.seedGroups([{ name: "Gold" }, { name: "Silver" }])) as [RcCustomerGroup, RcCustomerGroup];
    const customers = await sb.revcent.seedCustomers([
      { email: "g@example.com", customer_group: [{ id: gold.id }], created_date_unix: T0 },
      { email: "s@example.com", customer_group: [{ id: silver.id }], created_date_unix: T0 },
      { email: "n@example.com", created_date_unix: T0 },
    ]);
    expect(customers[0]!.customer_group).to.deep.equal([{ id: gold.id, name: "Gold" }]);
    const base: [string, string | number][] = [["page", 1], ["limit", 25], ...window];
    const one = expectSuccess(await api("customers", [...base, ["customer_group_filter", gold.id]]), "GetCustomers");
    expect(one.results.map((c) => c.email)).to.deep.equal(["g@example.com"]);
    const two = expectSuccess(await api("customers", [...base, ["customer_group_filter", gold.id], ["customer_group_filter", silver.id]]), "GetCustomers");
    expect(two.results.map((c) => c.email)).to.deep.equal(["g@example.com", "s@example.com"]);
    expectFailure(await api("customers", [...base, ["customer_group_filter", "short"]]), 400);
  });

  it("applies the status, campaign, product and metadata filters as the seed encodes them", async () => {
    const campaign = "C".repeat(20);
    const product = "P".repeat(20);
    await sb.revcent.seedCustomers([
      {
        email: "a@example.com",
        created_date_unix: T0,
        campaign_id: campaign,
        metadata: [{ name: "source", value: "ads" }],
        products_purchased: [{ id: product, name: "Widget" }],
      },
      { email: "b@example.com", created_date_unix: T0, status: "Blocked", blocked: true, metadata: [{ name: "source", value: "seo" }] },
      { email: "c@example.com", created_date_unix: T0, lifetime_value: { chargeback: { num: 1, amount: 10, avg: 10 } } },
    ]);
    const base: [string, string | number][] = [["page", 1], ["limit", 25], ...window];
    const emails = async (extra: [string, string][]) => expectSuccess(await api("customers", [...base, ...extra]), "GetCustomers").results.map((c) => c.email);
    expect(await emails([["status_filter", "blocked"]])).to.deep.equal(["b@example.com"]);
    expect(await emails([["status_filter", "chargeback"]])).to.deep.equal(["c@example.com"]);
    expect(await emails([["campaign_filter", campaign]])).to.deep.equal(["a@example.com"]);
    expect(await emails([["product_filter", product]])).to.deep.equal(["a@example.com"]);
    expect(
      await emails([
        ["metadata_filter[0][name]", "source"],
        ["metadata_filter[0][value]", "seo"],
      ]),
    ).to.deep.equal(["b@example.com"]);
    expect(
      await emails([
        ["metadata_filter[0][name]", "source"],
        ["metadata_filter[0][value]", "METADATA_NAME_EXISTS"],
      ]),
    ).to.deep.equal(["a@example.com", "b@example.com"]);
    expectFailure(await api("customers", [...base, ["status_filter", "sleeping"]]), 400);
  });

  it("refuses seeds the seed schema does not allow", async () => {
    const err = await sb.revcent.seedGroups([{ name: "Good" }, { name: "Bad", qualifier_method: "bogus" as "none" }]).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).to.be.instanceOf(SandboxAdminError);
    expect((err as SandboxAdminError).status).to.equal(400);
    expect((err as SandboxAdminError).body?.error).to.contain("qualifier_method");
    expect(await sb.revcent.groups()).to.have.length(0);
  });

  it("answers unknown paths with 404 in the code 0 envelope", async () => {
    expectFailure(
      await api("products", [
        ["page", 1],
        ["limit", 25],
      ]),
      404,
    );
  });
});
