// Provider tests: a group an interrupted run created (the answer never reached the state) is taken over only when it is
// demonstrably that create's; anyone else's group fails naming it and `adopt: true`. Against the sandbox over HTTP.

import { expect } from "chai";
import { CommercetoolsClient } from "../../provider/commercetools/client";
import { customerGroupAdapter as commercetoolsBackend } from "../../provider/commercetools/customerGroup";
import { customerGroupAdapter as bigcommerceBackend, lostCreateWindowMs } from "../../provider/bigcommerce/customerGroup";
import { startSandbox, type LoggedRequest, type Sandbox } from "../../sandbox";
import { createdGroup } from "../helpers/lifecycle";
import { sandboxConfig } from "../helpers/sandboxConfig";
import { configuredProvider, failure, Props, Provider, warningsOf } from "../helpers/provider";

const fast = { backoff: { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 20, maxElapsedMs: 5000 } };

describe("a group an interrupted run created", () => {
  let sandbox: Sandbox;
  afterEach(() => sandbox.close());

  const line = (r: LoggedRequest) => `${r.method} ${r.path} ${r.status}`;

  describe("commercetools (the platform records the API client that made a group, and its version)", () => {
    let provider: Provider;
    let project: string;
    beforeEach(async () => {
      sandbox = await startSandbox();
      project = sandbox.config.commercetools.projectKey;
      provider = await configuredProvider((stack) => commercetoolsBackend(stack, fast, {}), sandboxConfig(sandbox, "commercetools"));
    });

    const apiRequests = async () => (await sandbox.requests()).filter((r) => r.vendor === "commercetools" && r.path !== "/oauth/token");
    const groupIds = async () => (await sandbox.commercetools.groups()).map((g) => g.id);
    /** What the earlier run did: the same API client sent the draft, and the answer never reached the state. */
    const createdEarlier = async (draft: Parameters<CommercetoolsClient["create"]>[0]) => {
      const ct = sandbox.config.commercetools;
      const earlier = await new CommercetoolsClient({ ...ct, scopes: `manage_customer_groups:${ct.projectKey}` }).create(draft);
      await sandbox.clearRequests();
      return earlier;
    };
    const gold = { name: "Gold", key: "gold", custom: { type: { key: "group-fields" }, fields: { tier: "1" } } };
    const goldDraft = { groupName: "Gold", key: "gold", custom: { type: { typeId: "type" as const, key: "group-fields" }, fields: { tier: "1" } } };

    it("is taken over when this API client made it, nobody changed it and it is exactly the draft: one GET, no write", async () => {
      const earlier = await createdEarlier(goldDraft);
      const { result, warnings } = await warningsOf(() => createdGroup(provider, gold));
      expect(result.id).to.equal(earlier.id);
      // The store names the name as the duplicate field (it is checked first), so the look-up is by name. Before the
      // create, check read the custom type once (the fields are checked against it).
      const all = await apiRequests();
      expect(all.filter((r) => r.path.includes("/types/")).map(line)).to.deep.equal([`GET /${project}/types/key=group-fields 200`]);
      const sent = all.filter((r) => !r.path.includes("/types/"));
      expect(sent.map(line)).to.deep.equal([`POST /${project}/customer-groups 400`, `GET /${project}/customer-groups 200`]);
      expect(sent[1].query.where).to.equal('name="Gold"');
      expect(warnings).to.deep.equal([
        `commercetools customer group ${earlier.id} ('Gold') was created by an earlier run that did not record it; it is now managed by this resource.`,
      ]);
      expect(result.outs).to.include({ name: "Gold", key: "gold", version: 1 });
      expect((result.outs.custom as Props).fields).to.deep.equal({ tier: "1" });
      expect(await groupIds()).to.deep.equal([earlier.id]);
    });

    it("is taken over when found by name (no key declared)", async () => {
      const earlier = await createdEarlier({ groupName: 'Silver & Co "50%"' });
      const { id } = await createdGroup(provider, { name: 'Silver & Co "50%"' });
      expect(id).to.equal(earlier.id);
      const sent = await apiRequests();
      expect(sent.map((r) => `${r.method} ${r.status}`)).to.deep.equal(["POST 400", "GET 200"]);
      expect(sent[1].query.where).to.equal('name="Silver & Co \\"50%\\""');
    });

    const refused = async (news: Props, holderId: string, field = "name 'Gold'") => {
      const e = await failure(createdGroup(provider, news));
      expect(e?.message).to.include(`${field} is already used by customer group ${holderId} in project '${project}'`);
      expect(e?.message).to.include("set `adopt: true` on it");
      expect((await apiRequests()).filter((r) => r.method === "POST").map(line)).to.deep.equal([`POST /${project}/customer-groups 400`]);
      expect(await groupIds()).to.deep.equal([holderId]);
    };

    it("is not taken over when a person or another API client made it", async () => {
      const other = await sandbox.commercetools.createGroup(goldDraft);
      await sandbox.clearRequests();
      await refused(gold, other.id);
    });

    it("is not taken over when someone changed it since (its version moved)", async () => {
      const earlier = await createdEarlier(goldDraft);
      await sandbox.commercetools.editGroup(earlier.id, { name: "Gold" });
      await sandbox.clearRequests();
      await refused(gold, earlier.id);
    });

    it("is not taken over when it is not exactly the draft", async () => {
      const earlier = await createdEarlier({ ...goldDraft, custom: { ...goldDraft.custom, fields: { tier: "2" } } });
      await refused(gold, earlier.id);
    });

    it("is not taken over when it has a key the program does not declare", async () => {
      const earlier = await createdEarlier({ groupName: "Bronze", key: "bronze" });
      await refused({ name: "Bronze" }, earlier.id, "name 'Bronze'");
    });

    it("a create answered 503 whose look-up finds someone else's group fails naming it instead of taking it over", async () => {
      const other = await sandbox.commercetools.createGroup({ groupName: "Retry Me" });
      await sandbox.injectFault({ vendor: "commercetools", method: "POST", pathPattern: "customer-groups$", status: 503 });
      await sandbox.clearRequests();
      const e = await failure(createdGroup(provider, { name: "Retry Me" }));
      expect(e?.message).to.include(`name 'Retry Me' is already used by customer group ${other.id}`);
      expect((await apiRequests()).map((r) => `${r.method} ${r.status}`)).to.deep.equal(["POST 503", "GET 200"]);
    });

    it("a create answered 503 whose look-up fails too says so and what to run; nothing is created twice", async () => {
      await sandbox.injectFault({ vendor: "commercetools", method: "POST", pathPattern: "customer-groups$", status: 503 });
      await sandbox.injectFault({ vendor: "commercetools", method: "GET", pathPattern: "customer-groups$", status: 503, count: 4 });
      await sandbox.clearRequests();
      const e = await failure(createdGroup(provider, { name: "Nowhere" }));
      expect(e?.message).to.match(/HTTP 503.*the group may or may not have been created, and looking it up by name 'Nowhere' failed too \(/);
      expect(e?.message).to.include("Run `pulumi up` again when the store answers");
      expect((await apiRequests()).map((r) => `${r.method} ${r.status}`)).to.deep.equal(["POST 503", "GET 503", "GET 503", "GET 503", "GET 503"]);
      expect(await groupIds()).to.deep.equal([]);
    });

    it("a store that answers creates with 503 for a while gets the create again after a wait, until it lands once", async () => {
      await sandbox.injectFault({ vendor: "commercetools", method: "POST", pathPattern: "customer-groups$", status: 503, count: 3 });
      await sandbox.clearRequests();
      const { id } = await createdGroup(provider, { name: "Patient" });
      expect((await apiRequests()).map((r) => `${r.method} ${r.status}`)).to.deep.equal([
        "POST 503",
        "GET 200",
        "POST 503",
        "GET 200",
        "POST 503",
        "GET 200",
        "POST 201",
      ]);
      expect(await groupIds()).to.deep.equal([id]);
    });
  });

  describe("BigCommerce (the store records neither who made a group nor a version)", () => {
    let provider: Provider;
    beforeEach(async () => {
      sandbox = await startSandbox({ bigcommerce: { rateLimit: { quota: 1_000_000 } } });
      provider = await configuredProvider((stack) => bigcommerceBackend(stack, fast, {}), sandboxConfig(sandbox, "bigcommerce"));
    });

    const lines = async () => (await sandbox.requests()).filter((r) => r.vendor === "bigcommerce").map((r) => `${r.method} ${r.status}`);
    const wholesale = { name: "Wholesale", discountRules: [{ type: "all", method: "percent", amount: 5 }] };

    it("is taken over when it is exactly what the create makes (the declared fields, the store's defaults) and new", async () => {
      const earlier = await sandbox.bigcommerce.createGroup({ name: "Wholesale", discount_rules: [{ type: "all", method: "percent", amount: 5 }] } as never);
      await sandbox.clearRequests();
      const { result, warnings } = await warningsOf(() => createdGroup(provider, wholesale));
      expect(result.id).to.equal(String(earlier.id));
      expect(await lines()).to.deep.equal(["POST 409", "GET 200"]);
      expect(warnings).to.deep.equal([
        `bigcommerce customer group ${earlier.id} ('Wholesale') was created by an earlier run that did not record it; it is now managed by this resource.`,
      ]);
      expect((await sandbox.bigcommerce.groups()).map((g) => g.id)).to.deep.equal([earlier.id]);
    });

    it("is not taken over when it was made more than 24 hours ago", async () => {
      const earlier = await sandbox.bigcommerce.createGroup({ name: "Wholesale", discount_rules: [{ type: "all", method: "percent", amount: 5 }] } as never);
      const tomorrow = () => Date.now() + lostCreateWindowMs + 60_000;
      const later = await configuredProvider((stack) => bigcommerceBackend(stack, { ...fast, now: tomorrow }, {}), sandboxConfig(sandbox, "bigcommerce"));
      const e = await failure(createdGroup(later, wholesale));
      expect(e?.message).to.include(`name 'Wholesale' is already used by customer group ${earlier.id}`);
      expect((await sandbox.bigcommerce.groups()).map((g) => g.id)).to.deep.equal([earlier.id]);
    });

    it("is not taken over when anything differs, even a field the program does not declare", async () => {
      const other = await sandbox.bigcommerce.createGroup({
        name: "Wholesale",
        category_access: { type: "none" },
        discount_rules: [{ type: "all", method: "percent", amount: 5 }],
      } as never);
      await sandbox.clearRequests();
      const e = await failure(createdGroup(provider, wholesale));
      expect(e?.message).to.include(`name 'Wholesale' is already used by customer group ${other.id} in store '${sandbox.config.bigcommerce.storeHash}'`);
      expect(e?.message).to.include("set `adopt: true` on it");
      expect(await lines()).to.deep.equal(["POST 409", "GET 200"]);
      expect((await sandbox.bigcommerce.groups()).map((g) => g.id)).to.deep.equal([other.id]);
    });
  });
});
