// BigCommerce v2 customer groups in the sandbox: auth, 204 on empty, paging, filters, PUT semantics, amounts, errors.
import { expect } from "chai";
import { startSandbox, type BcCustomerGroup, type Sandbox } from "../../sandbox/index";
import { bcApi, http, type HttpResult } from "./helpers";

/** The v2 error body: an array of {status, message}. */
function bcErrors(res: HttpResult): { status: number; message: string }[] {
  const body = res.json as { status: number; message: string }[];
  expect(body, res.text).to.be.an("array").with.lengthOf.above(0);
  for (const e of body) {
    expect(e).to.have.all.keys("status", "message");
    expect(e.status).to.equal(res.status);
  }
  return body;
}

describe("sandbox: bigcommerce customer groups", () => {
  let sb: Sandbox;
  const api = (method: string, path: string, body?: unknown) => bcApi(sb)(method, path, body);
  before(async () => {
    sb = await startSandbox();
  });
  after(() => sb.close());
  beforeEach(() => sb.reset());

  async function create(body: unknown): Promise<BcCustomerGroup> {
    const res = await api("POST", "", body);
    expect(res.status, res.text).to.equal(201);
    return res.json as BcCustomerGroup;
  }

  it("answers 401 without or with a wrong X-Auth-Token, and 404 for an unknown store hash", async () => {
    const none = await http(`${sb.url}/stores/sandbox/v2/customer_groups`);
    expect(none.status).to.equal(401);
    bcErrors(none);
    expect((await bcApi(sb, "wrong")("GET", "")).status).to.equal(401);
    const store = await bcApi(sb, "sandbox-token", "nostore")("GET", "");
    expect(store.status).to.equal(404);
    bcErrors(store);
  });

  it("answers an empty collection with 204 and an empty body", async () => {
    const res = await api("GET", "");
    expect(res.status).to.equal(204);
    expect(res.text).to.equal("");
  });

  it("creates a group with defaults, an integer id and dates in the reference's form (2023-07-17 06:30:41)", async () => {
    const g = await create({ name: "Wholesale Customers" });
    expect(g).to.deep.include({
      id: 1,
      name: "Wholesale Customers",
      is_default: false,
      category_access: { type: "all" },
      discount_rules: [],
      is_group_for_guests: false,
    });
    expect(g.date_created).to.match(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(Math.abs(Date.parse(`${g.date_created.replace(" ", "T")}Z`) - Date.now())).to.be.below(60_000);
    expect((await create({ name: "Second" })).id).to.equal(2);
  });

  it("returns amounts as 4-decimal strings and keeps rule types and methods apart", async () => {
    const g = await create({
      name: "Student Discounts",
      category_access: { type: "specific", categories: [7, 12, 20] },
      discount_rules: [
        { type: "all", method: "percent", amount: 5 },
        { type: "product", product_id: 33, method: "percent", amount: "2.5" },
        { type: "category", category_id: 7, method: "price", amount: 12.0 },
      ],
    });
    expect(g.category_access).to.deep.equal({ type: "specific", categories: [7, 12, 20] });
    expect(g.discount_rules).to.deep.equal([
      { type: "all", method: "percent", amount: "5.0000" },
      { type: "product", method: "percent", amount: "2.5000", product_id: 33 },
      { type: "category", method: "price", amount: "12.0000", category_id: 7 },
    ]);
    expect((await api("GET", `/${g.id}`)).json).to.deep.equal(g);
  });

  it("answers an unknown id with 404 in the vendor's error format", async () => {
    const res = await api("GET", "/99");
    expect(res.status).to.equal(404);
    bcErrors(res);
  });

  it("unassigns a deleted group's customers, as the reference says (one by id, and every one of a filtered delete)", async () => {
    const [a, b, c] = await Promise.all([create({ name: "Deleted A" }), create({ name: "Deleted B" }), create({ name: "Kept" })]);
    const ids = [a!, b!, c!].map((g) => g.id);
    await sb.bigcommerce.seedCustomers(
      ids.flatMap((id, i) => [
        { email: `x${i}@example.com`, customer_group_id: id },
        { email: `y${i}@example.com`, customer_group_id: id },
      ]),
    );
    expect((await api("DELETE", `/${ids[0]}`)).status).to.equal(204);
    expect((await api("DELETE", `?name=${encodeURIComponent("Deleted B")}`)).status).to.equal(204);
    const groupOf = Object.fromEntries((await sb.bigcommerce.customers()).map((c) => [c.email, c.customer_group_id]));
    expect(groupOf).to.deep.include({
      "x0@example.com": 0,
      "y0@example.com": 0,
      "x1@example.com": 0,
      "y1@example.com": 0,
      "x2@example.com": ids[2],
      "y2@example.com": ids[2],
    });
  });

  it("pages with page (1-based) and limit, default 50, max 250", async () => {
    for (let i = 1; i <= 55; i++) await create({ name: `G${i}` });
    const first = await api("GET", "");
    expect((first.json as BcCustomerGroup[]).length).to.equal(50);
    const page = await api("GET", "?page=3&limit=2");
    expect((page.json as BcCustomerGroup[]).map((g) => g.name)).to.deep.equal(["G5", "G6"]);
    const last = await api("GET", "?page=2");
    expect((last.json as BcCustomerGroup[]).map((g) => g.name)).to.deep.equal(["G51", "G52", "G53", "G54", "G55"]);
    expect((await api("GET", "?page=4&limit=20")).status).to.equal(204);
    expect((await api("GET", "?limit=250")).status).to.equal(200);
    for (const bad of ["?limit=251", "?limit=0", "?page=0", "?page=x"]) {
      const res = await api("GET", bad);
      expect(res.status, bad).to.equal(400);
      bcErrors(res);
    }
  });

  it("filters by exact name and by is_default, and counts", async () => {
    await create({ name: "Retail Customers", is_default: true });
    await create({ name: "Retail" });
    await create({ name: "Wholesale" });
    const byName = await api("GET", `?name=${encodeURIComponent("Retail")}`);
    expect((byName.json as BcCustomerGroup[]).map((g) => g.name)).to.deep.equal(["Retail"]);
    const defaults = await api("GET", "?is_default=true");
    expect((defaults.json as BcCustomerGroup[]).map((g) => g.name)).to.deep.equal(["Retail Customers"]);
    expect((await api("GET", "?is_default=false")).json).to.have.length(2);
    expect((await api("GET", "?name=Nobody")).status).to.equal(204);
    expect((await api("GET", "/count")).json).to.deep.equal({ count: 3 });
  });

  it("PUT overwrites discount_rules as a whole when present and leaves them alone when absent", async () => {
    const g = await create({
      name: "Students",
      discount_rules: [
        { type: "all", method: "percent", amount: 5 },
        { type: "category", category_id: 3, method: "fixed", amount: 1 },
      ],
    });
    const renamed = await api("PUT", `/${g.id}`, { name: "Pupils" });
    expect(renamed.status).to.equal(200);
    expect(renamed.json).to.deep.include({ name: "Pupils", discount_rules: g.discount_rules });
    const replaced = await api("PUT", `/${g.id}`, { discount_rules: [{ type: "product", product_id: 9, method: "price", amount: 2 }] });
    expect((replaced.json as BcCustomerGroup).discount_rules).to.deep.equal([{ type: "product", method: "price", amount: "2.0000", product_id: 9 }]);
    expect(replaced.json).to.include({ name: "Pupils" });
    const cleared = await api("PUT", `/${g.id}`, { discount_rules: [] });
    expect((cleared.json as BcCustomerGroup).discount_rules).to.deep.equal([]);
    expect((await api("PUT", "/99", { name: "x" })).status).to.equal(404);
  });

  it("answers a duplicate name with 409 [{status, message}] on create and on rename", async () => {
    await create({ name: "Retail" });
    const other = await create({ name: "Wholesale" });
    const dup = await api("POST", "", { name: "Retail" });
    expect(dup.status).to.equal(409);
    bcErrors(dup);
    const rename = await api("PUT", `/${other.id}`, { name: "Retail" });
    expect(rename.status).to.equal(409);
    expect((await api("PUT", `/${other.id}`, { name: "Wholesale" })).status).to.equal(200);
  });

  it("validates bodies against the documented schema with 400 in the vendor's format", async () => {
    const cases: unknown[] = [
      {},
      { name: "" },
      { name: "A", discount_rules: [{ type: "product", method: "percent", amount: 5 }] },
      { name: "A", discount_rules: [{ type: "all", method: "discount", amount: 5 }] },
      { name: "A", discount_rules: [{ type: "percent", method: true, amount: "5.0000" }] },
      { name: "A", discount_rules: [{ type: "all", method: "percent" }] },
      { name: "A", category_access: { type: "specific" } },
      { name: "A", category_access: { type: "all", categories: [1] } },
      { name: "A", colour: "red" },
    ];
    for (const body of cases) {
      const res = await api("POST", "", body);
      expect(res.status, JSON.stringify(body)).to.equal(400);
      bcErrors(res);
    }
    const missing = await api("POST", "", { name: "A", discount_rules: [{ type: "product", method: "percent", amount: 5 }] });
    expect(bcErrors(missing)[0]!.message).to.contain("discount_rules[0].product_id");
    expect((await api("POST", "", "{not json")).status).to.equal(400);
    expect((await api("GET", "")).status).to.equal(204);
  });

  it("deletes one group (204, then 404) and the whole collection", async () => {
    const a = await create({ name: "A" });
    await create({ name: "B" });
    await create({ name: "C" });
    const del = await api("DELETE", `/${a.id}`);
    expect(del.status).to.equal(204);
    expect(del.text).to.equal("");
    expect((await api("GET", `/${a.id}`)).status).to.equal(404);
    expect((await api("DELETE", `/${a.id}`)).status).to.equal(404);
    expect((await api("DELETE", "")).status).to.equal(204);
    expect((await api("GET", "")).status).to.equal(204);
    expect((await api("GET", "/count")).json).to.deep.equal({ count: 0 });
  });

  it("keeps one default group: making another the default unsets the first", async () => {
    const a = await create({ name: "A", is_default: true });
    const b = await create({ name: "B" });
    await api("PUT", `/${b.id}`, { is_default: true });
    expect((await api("GET", `/${a.id}`)).json).to.include({ is_default: false });
    expect((await api("GET", `/${b.id}`)).json).to.include({ is_default: true });
  });

  it("stores a price-list rule and answers it with type and price_list_id only; refuses it beside other rules", async () => {
    const g = await create({ name: "B2B", discount_rules: [{ type: "price_list", price_list_id: 3 }] });
    expect(g.discount_rules).to.deep.equal([{ type: "price_list", price_list_id: 3 }]);
    const mixed = await api("POST", "", {
      name: "Mixed",
      discount_rules: [
        { type: "price_list", price_list_id: 3 },
        { type: "all", method: "percent", amount: 5 },
      ],
    });
    expect(mixed.status).to.equal(400);
    expect(bcErrors(mixed)[0]!.message).to.equal("A price_list discount rule must be the only discount rule of the customer group.");
    const onPut = await api("PUT", `/${g.id}`, {
      discount_rules: [
        { type: "price_list", price_list_id: 3 },
        { type: "product", product_id: 1, method: "fixed", amount: 1 },
      ],
    });
    expect(onPut.status).to.equal(400);
    for (const bad of [
      [{ type: "price_list" }],
      [{ type: "price_list", price_list_id: 3, method: "percent", amount: 5 }],
      [
        { type: "all", method: "percent", amount: 5 },
        { type: "all", method: "fixed", amount: 1 },
      ],
    ]) {
      expect((await api("PUT", `/${g.id}`, { discount_rules: bad })).status, JSON.stringify(bad)).to.equal(400);
    }
    expect((await api("GET", `/${g.id}`)).json).to.deep.include({ discount_rules: [{ type: "price_list", price_list_id: 3 }] });
  });

  it("keeps one guest group: making another the guest group unsets the first; filters by is_group_for_guests", async () => {
    const a = await create({ name: "A", is_group_for_guests: true });
    const b = await create({ name: "B" });
    await api("PUT", `/${b.id}`, { is_group_for_guests: true });
    expect((await api("GET", `/${a.id}`)).json).to.include({ is_group_for_guests: false });
    expect((await api("GET", `/${b.id}`)).json).to.include({ is_group_for_guests: true });
    expect(((await api("GET", "?is_group_for_guests=true")).json as BcCustomerGroup[]).map((g) => g.name)).to.deep.equal(["B"]);
  });

  it("answers an injected 207 to a create as the reference does: the group made without its store-wide rule, the body no group", async () => {
    await sb.injectFault({ vendor: "bigcommerce", method: "POST", partialCreate: true });
    const res = await api("POST", "", {
      name: "Half",
      discount_rules: [
        { type: "all", method: "percent", amount: 5 },
        { type: "product", product_id: 2, method: "fixed", amount: 1 },
      ],
    });
    expect(res.status).to.equal(207);
    expect(res.json).to.deep.equal({
      status: 207,
      message: "The customer group was created, but the sitewide discount update failed. You may retry the request.",
    });
    const [half] = (await api("GET", "")).json as BcCustomerGroup[];
    expect(half!.discount_rules).to.deep.equal([{ type: "product", method: "fixed", amount: "1.0000", product_id: 2 }]);
    expect((await sb.requests()).map((r) => r.faults)).to.deep.equal([["partialCreate"], []]);
    const refused = await sb.injectFault({ vendor: "revcent", partialCreate: true } as never).then(
      () => "accepted",
      (e: Error) => e.message,
    );
    expect(refused).to.include("partialCreate is BigCommerce's 207: vendor must be bigcommerce");
  });

  it("refuses a store's 41st concurrent request with 429, as the reference's 40 concurrent requests allow", async () => {
    // A sandbox of its own: the held requests end only when it closes.
    const own = await startSandbox({ bigcommerce: { rateLimit: { quota: 1000 } } });
    try {
      await own.injectFault({ vendor: "bigcommerce", latencyMs: 600_000, count: 40 });
      const held = Array.from({ length: 40 }, () => bcApi(own)("GET", "/count").catch(() => undefined));
      await own.requests({ atLeast: 40 });
      const over = await bcApi(own)("GET", "/count");
      expect(over.status).to.equal(429);
      expect((await own.requests()).filter((r) => r.faults.includes("concurrency:429"))).to.have.length(1);
      await own.close();
      await Promise.all(held);
    } finally {
      await own.close();
    }
  });
});
