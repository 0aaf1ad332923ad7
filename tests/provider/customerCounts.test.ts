// Provider tests: how many customers a group holds, as `review` reads it through each backend's descriptor against the
// sandbox: one request per group, reads only, and a missing permission answered as "not counted", never a failure.

import { expect } from "chai";
import { registry } from "../../provider/registry";
import { plain } from "../../provider/text";
import { startSandbox, type Sandbox } from "../../sandbox";
import { sandboxConfig } from "../helpers/sandboxConfig";

describe("customer counts (sandbox)", () => {
  let sandbox: Sandbox;
  afterEach(() => sandbox?.close());

  const reach = (stack: Record<string, string>) => ({ stack: (key: string) => stack[key], env: {} });

  it("commercetools: counts a group's customers by customerGroup and by customerGroupAssignments, one query each", async () => {
    sandbox = await startSandbox();
    const [gold, silver] = await sandbox.commercetools.seedGroups([{ groupName: "Gold" }, { groupName: "Silver" }]);
    await sandbox.commercetools.seedCustomers([
      { email: "a@example.com", customerGroup: { id: gold!.id } },
      { email: "b@example.com", customerGroup: { id: gold!.id } },
      { email: "c@example.com", customerGroupAssignments: [{ customerGroup: { id: silver!.id } }, { customerGroup: { id: gold!.id } }] },
      { email: "d@example.com", customerGroup: { id: silver!.id } },
      { email: "e@example.com" },
    ]);
    await sandbox.clearRequests();
    const answer = await registry.commercetools.countCustomers!(reach(sandboxConfig(sandbox, "commercetools")), [gold!.id, silver!.id]);
    expect(answer).to.deep.equal({
      counts: new Map([
        [gold!.id, 3],
        [silver!.id, 2],
      ]),
    });
    const sent = (await sandbox.requests()).filter((r) => r.path !== "/oauth/token");
    expect(sent.map((r) => `${r.method} ${r.path} ${String(r.query.where)} limit=${String(r.query.limit)}`)).to.deep.equal([
      `GET /demo-project/customers customerGroup(id="${gold!.id}") or customerGroupAssignments(customerGroup(id="${gold!.id}")) limit=0`,
      `GET /demo-project/customers customerGroup(id="${silver!.id}") or customerGroupAssignments(customerGroup(id="${silver!.id}")) limit=0`,
    ]);
    // The default scopes grant groups only: the count asks for a token with view_customers alone.
    const scopes = (await sandbox.requests()).filter((r) => r.path === "/oauth/token").map((r) => (r.body as Record<string, string>).scope);
    expect(scopes).to.include("view_customers:demo-project");
  });

  it("commercetools: an API client without view_customers gets 'not counted', saying which scope to grant", async () => {
    sandbox = await startSandbox({ commercetools: { permissions: ["manage_customer_groups"] } });
    const [gold] = await sandbox.commercetools.seedGroups([{ groupName: "Gold" }]);
    const answer = await registry.commercetools.countCustomers!(reach(sandboxConfig(sandbox, "commercetools")), [gold!.id]);
    expect("notCounted" in answer && plain(answer.notCounted)).to.equal(
      "the API client may not read customers: grant view_customers:demo-project (HTTP 400 invalid_scope)",
    );
  });

  it("BigCommerce: counts from the v3 Customers API's pagination total, one request per group", async () => {
    sandbox = await startSandbox();
    const [wholesale, retail] = await sandbox.bigcommerce.seedGroups([{ name: "Wholesale" }, { name: "Retail" }]);
    await sandbox.bigcommerce.seedCustomers([
      ...Array.from({ length: 7 }, (_, i) => ({ email: `w${i}@example.com`, customer_group_id: wholesale!.id })),
      { email: "r@example.com", customer_group_id: retail!.id },
      { email: "n@example.com", customer_group_id: 0 },
    ]);
    await sandbox.clearRequests();
    const answer = await registry.bigcommerce.countCustomers!(reach(sandboxConfig(sandbox, "bigcommerce")), [String(wholesale!.id), String(retail!.id)]);
    expect(answer).to.deep.equal({
      counts: new Map([
        [String(wholesale!.id), 7],
        [String(retail!.id), 1],
      ]),
    });
    expect((await sandbox.requests()).map((r) => `${r.method} ${r.path} ${JSON.stringify(r.query)}`)).to.deep.equal([
      `GET /stores/sandbox/v3/customers {"customer_group_id:in":"${wholesale!.id}","limit":"1"}`,
      `GET /stores/sandbox/v3/customers {"customer_group_id:in":"${retail!.id}","limit":"1"}`,
    ]);
  });

  it("BigCommerce: a refused read is 'not counted', never a failure", async () => {
    sandbox = await startSandbox();
    const [wholesale] = await sandbox.bigcommerce.seedGroups([{ name: "Wholesale" }]);
    // A token the store refuses, as one without the Customers scope is.
    const config = { ...sandboxConfig(sandbox, "bigcommerce"), "bigcommerce:accessToken": "no-customers-scope" };
    const answer = await registry.bigcommerce.countCustomers!(reach(config), [String(wholesale!.id)]);
    expect("notCounted" in answer && plain(answer.notCounted)).to.equal(
      "the API account may not read customers: give it the Customers scope (read-only) (HTTP 401)",
    );
  });
});
