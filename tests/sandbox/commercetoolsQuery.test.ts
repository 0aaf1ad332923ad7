// commercetools "Query CustomerGroups" in the sandbox: where predicates, limit/offset/withTotal, sort, and the 1000-group limit.
import { expect } from "chai";
import { startSandbox, type CtPagedQueryResponse, type Sandbox } from "../../sandbox/index";
import { ctApi, ctErrorOf, ctToken, type HttpResult } from "./helpers";

describe("sandbox: commercetools query", () => {
  let sb: Sandbox;
  let api: (method: string, path: string, body?: unknown) => Promise<HttpResult>;
  before(async () => {
    sb = await startSandbox();
  });
  after(() => sb.close());
  beforeEach(async () => {
    await sb.reset();
    api = ctApi(sb, await ctToken(sb));
  });

  async function seed(n: number): Promise<void> {
    for (let i = 1; i <= n; i++) {
      const res = await api("POST", "/customer-groups", { groupName: `Group ${i}`, key: `group-${i}` });
      expect(res.status).to.equal(201);
    }
  }

  async function query(params: Record<string, string | string[]>): Promise<HttpResult> {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) for (const one of Array.isArray(v) ? v : [v]) qs.append(k, one);
    return api("GET", `/customer-groups?${qs.toString()}`);
  }

  const names = (res: HttpResult) => (res.json as CtPagedQueryResponse).results.map((g) => g.name);

  it("answers a PagedQueryResponse with limit 20 by default and the total", async () => {
    await seed(25);
    const res = await query({});
    expect(res.status).to.equal(200);
    const page = res.json as CtPagedQueryResponse;
    expect(page).to.include({ limit: 20, offset: 0, count: 20, total: 25 });
    expect(page.results[0]!.name).to.equal("Group 1");
  });

  it("pages with limit and offset, and leaves total out with withTotal=false", async () => {
    await seed(5);
    const res = await query({ limit: "2", offset: "3" });
    expect(res.json).to.include({ limit: 2, offset: 3, count: 2, total: 5 });
    expect(names(res)).to.deep.equal(["Group 4", "Group 5"]);
    const beyond = await query({ offset: "10" });
    expect(beyond.json).to.include({ count: 0, total: 5 });
    const noTotal = await query({ withTotal: "false" });
    expect(noTotal.json).not.to.have.property("total");
  });

  it("filters with where on name and key, combined with and / or / several where parameters", async () => {
    await seed(4);
    expect(names(await query({ where: 'name="Group 2"' }))).to.deep.equal(["Group 2"]);
    expect(names(await query({ where: 'key="group-3"' }))).to.deep.equal(["Group 3"]);
    expect(names(await query({ where: 'name="Group 3" and key="group-3"' }))).to.deep.equal(["Group 3"]);
    expect(names(await query({ where: 'name="Group 3" and key="group-4"' }))).to.deep.equal([]);
    expect(names(await query({ where: ['name="Group 1" or name="Group 4"', 'key != "group-1"'] }))).to.deep.equal(["Group 4"]);
    expect(names(await query({ where: 'key in ("group-1", "group-2")' }))).to.deep.equal(["Group 1", "Group 2"]);
    expect((await query({ where: 'name="Nobody"' })).json).to.include({ count: 0, total: 0 });
  });

  it("filters on custom fields and on key presence", async () => {
    await api("POST", "/customer-groups", { groupName: "VIP", custom: { type: { key: "group-fields" }, fields: { vip: true } } });
    await api("POST", "/customer-groups", { groupName: "Plain", key: "plain" });
    expect(names(await query({ where: "custom(fields(vip=true))" }))).to.deep.equal(["VIP"]);
    expect(names(await query({ where: "key is not defined" }))).to.deep.equal(["VIP"]);
  });

  it("sorts when asked", async () => {
    await seed(3);
    expect(names(await query({ sort: "name desc" }))).to.deep.equal(["Group 3", "Group 2", "Group 1"]);
  });

  it("rejects a malformed where, an unknown field and a limit above 500 with 400 InvalidInput", async () => {
    const cases: Record<string, string>[] = [
      { where: 'name="unterminated' },
      { where: 'colour="red"' },
      { where: "name =" },
      { limit: "501" },
      { offset: "-1" },
    ];
    for (const params of cases) {
      const res = await query(params);
      expect(res.status, JSON.stringify(params)).to.equal(400);
      expect(ctErrorOf(res).code).to.equal("InvalidInput");
    }
    expect((await query({ limit: "500" })).status).to.equal(200);
  });

  it("refuses the 10,001st group with MaxResourceLimitExceeded (the limit since May 2024)", async function () {
    this.timeout(60_000);
    expect(await sb.commercetools.seedGroups({ count: 10_000, namePrefix: "G" })).to.have.length(10_000);
    const res = await api("POST", "/customer-groups", { groupName: "One too many" });
    expect(res.status).to.equal(400);
    expect(ctErrorOf(res)).to.include({ code: "MaxResourceLimitExceeded", exceededResource: "customer-group" });
    expect((await query({ limit: "0" })).json).to.include({ total: 10_000 });
  });
});
