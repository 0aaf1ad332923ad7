// End-to-end: BigCommerce customer groups through the real Pulumi engine, against the sandbox.

import fs from "node:fs";
import path from "node:path";
import { expect } from "chai";
import { Stack } from "@pulumi/pulumi/automation";
import { LoggedRequest, Sandbox, startSandbox } from "../../sandbox";
import { declare, Declared, e2eProject, newStack, runBin, TestStack } from "./harness";

const accessToken = "e2e-bc-token-51c2d8e0";

describe("e2e: BigCommerce through the Pulumi engine", function () {
  this.timeout(240_000);
  let sandbox: Sandbox;
  let test: TestStack;
  let stack: Stack;
  const ids: Record<string, string> = {};

  const rules = [
    { type: "all", method: "percent", amount: 2.5 },
    { type: "product", productId: 33, method: "percent", amount: 5 },
    { type: "category", categoryId: 7, method: "price", amount: 12 },
  ];
  const wholesale = {
    backend: "bigcommerce" as const,
    args: { name: "Wholesale", isDefault: false, categoryAccess: { type: "specific", categories: [7, 12] }, discountRules: rules },
  };
  const students = { backend: "bigcommerce" as const, args: { name: "Students", discountRules: [{ type: "all", method: "percent", amount: 10 }] } };
  let program: Declared = { wholesale, students };

  const bcRequests = async (): Promise<LoggedRequest[]> => (await sandbox.requests()).filter((r) => r.vendor === "bigcommerce");
  const writes = async () => (await bcRequests()).filter((r) => r.method !== "GET");
  const refreshIds = async () => Object.assign(ids, (await stack.outputs()).ids?.value ?? {});
  const update = async (groups: Declared) => {
    program = groups;
    await declare(stack, program);
    await sandbox.clearRequests();
  };

  before(async () => {
    sandbox = await startSandbox({ bigcommerce: { storeHash: "e2estore", accessToken } });
    const bc = sandbox.config.bigcommerce;
    test = await newStack("bc", {
      "bigcommerce:storeHash": { value: bc.storeHash },
      "bigcommerce:accessToken": { value: accessToken, secret: true },
      "bigcommerce:apiUrl": { value: sandbox.url },
    });
    stack = test.stack;
    await declare(stack, program);
  });
  after(async () => {
    await test?.remove();
    await sandbox?.close();
  });

  it("up creates the groups with their rules; a preview right after shows no change", async () => {
    const up = await stack.up();
    expect(up.summary.resourceChanges).to.deep.include({ create: 3 });
    await refreshIds();
    const live = await sandbox.bigcommerce.getGroup(Number(ids.wholesale));
    expect(live.category_access).to.deep.equal({ type: "specific", categories: [7, 12] });
    // Sent in the provider's canonical order (a set has none of its own).
    expect(live.discount_rules.map((r) => [r.type, r.method, Number(r.amount)])).to.deep.equal([
      ["all", "percent", 2.5],
      ["category", "price", 12],
      ["product", "percent", 5],
    ]);
    expect((await stack.preview({ refresh: true })).changeSummary).to.deep.equal({ same: 3 });
  });

  it("a reordered rule list is no change", async () => {
    await update({ ...program, wholesale: { ...wholesale, args: { ...wholesale.args, discountRules: [rules[2], rules[0], rules[1]] } } });
    expect((await stack.preview()).changeSummary).to.deep.equal({ same: 3 });
    await stack.up();
    expect(await writes()).to.deep.equal([]);
  });

  it("a changed amount is one PUT carrying the whole rule set", async () => {
    await update({ ...program, wholesale: { ...wholesale, args: { ...wholesale.args, discountRules: [rules[0], { ...rules[1], amount: 7.5 }, rules[2]] } } });
    const preview = await stack.preview({ diff: true });
    expect(preview.changeSummary).to.deep.equal({ same: 2, update: 1 });
    expect(preview.stdout).to.match(/amount\s*:\s*5 => 7\.5/);
    await stack.up();
    const sent = await writes();
    expect(sent.map((r) => `${r.method} ${r.path}`)).to.deep.equal([`PUT /stores/e2estore/v2/customer_groups/${ids.wholesale}`]);
    expect(sent[0].body).to.deep.equal({
      discount_rules: [
        { type: "all", method: "percent", amount: 2.5 },
        { type: "category", method: "price", amount: 12, category_id: 7 },
        { type: "product", method: "percent", amount: 7.5, product_id: 33 },
      ],
    });
  });

  it("removing all rules sends an empty set", async () => {
    await update({ ...program, students: { ...students, args: { ...students.args, discountRules: [] } } });
    await stack.up();
    const sent = await writes();
    expect(sent.map((r) => r.body)).to.deep.equal([{ discount_rules: [] }]);
    expect((await sandbox.bigcommerce.getGroup(Number(ids.students))).discount_rules).to.deep.equal([]);
  });

  it("an edit in the control panel shows in preview --refresh and up --refresh puts it back", async () => {
    await sandbox.bigcommerce.editGroup(Number(ids.wholesale), { category_access: { type: "all" } });
    const drift = await stack.preview({ refresh: true, diff: true });
    expect(drift.changeSummary).to.deep.equal({ same: 2, update: 1 });
    expect(drift.stdout).to.match(/categoryAccess/);
    await sandbox.clearRequests();
    await stack.up({ refresh: true });
    expect((await writes()).map((r) => r.body)).to.deep.equal([{ category_access: { type: "specific", categories: [7, 12] } }]);
  });

  it("a 429 burst with a lost create response still converges, without a duplicate", async () => {
    // A burst: four throttled answers whose window resets at once (a real store's resets within its 30 s window).
    await sandbox.injectFault({ vendor: "bigcommerce", status: 429, retryAfterSeconds: 0, count: 4 });
    await sandbox.injectFault({ vendor: "bigcommerce", method: "POST", dropResponseAfterCommit: true, count: 1 });
    await update({ ...program, vip: { backend: "bigcommerce", args: { name: "VIP", discountRules: [{ type: "all", method: "fixed", amount: 20 }] } } });
    await stack.up();
    await refreshIds();
    const faulted = (await bcRequests()).filter((r) => r.faults.length > 0).map((r) => r.faults[0]);
    expect(faulted.sort()).to.deep.equal(["dropResponseAfterCommit", "status:429", "status:429", "status:429", "status:429"]);
    expect((await sandbox.bigcommerce.groups()).filter((g) => g.name === "VIP")).to.have.length(1);
    expect((await stack.preview({ refresh: true })).changeSummary).to.deep.equal({ same: 4 });
  });

  it("adopts an existing group by name with adopt: true, without a duplicate, and then shows no change", async () => {
    const existing = await sandbox.bigcommerce.createGroup({ name: "Retail Customers", is_default: false });
    await update({ ...program, retail: { backend: "bigcommerce", args: { name: "Retail Customers", isDefault: true, adopt: true } } });
    await stack.up();
    await refreshIds();
    expect(ids.retail).to.equal(String(existing.id));
    expect((await writes()).map((r) => `${r.method} ${r.path} ${JSON.stringify(r.body)}`)).to.deep.equal([
      `PUT /stores/e2estore/v2/customer_groups/${existing.id} {"is_default":true}`,
    ]);
    expect((await sandbox.bigcommerce.groups()).filter((g) => g.name === "Retail Customers")).to.have.length(1);
    expect((await stack.preview({ refresh: true })).changeSummary).to.deep.equal({ same: 5 });
  });

  it("a price-list group: created, refreshed without drift, reviewed in the store's terms, moved to ordinary rules with one PUT", async () => {
    const b2b = { backend: "bigcommerce" as const, args: { name: "B2B", discountRules: [{ type: "price_list", priceListId: 3 }] } };
    await update({ ...program, b2b });
    await stack.up();
    await refreshIds();
    expect((await writes()).map((r) => r.body)).to.deep.equal([{ name: "B2B", discount_rules: [{ type: "price_list", price_list_id: 3 }] }]);
    expect((await sandbox.bigcommerce.getGroup(Number(ids.b2b))).discount_rules).to.deep.equal([{ type: "price_list", price_list_id: 3 }]);
    expect((await stack.preview({ refresh: true })).changeSummary).to.deep.equal({ same: 6 });

    await update({ ...program, b2b: { ...b2b, args: { ...b2b.args, discountRules: [{ type: "all", method: "percent", amount: 4 }] } } });
    const review = await runBin(e2eProject(), test.stateDir, ["review", "--stack", "bc"]);
    expect(review.code, review.stderr).to.equal(0);
    expect(review.stdout).to.include("- prices: from price list 3 → (none)");
    expect(review.stdout).to.include("- discount on the whole store: (none) → 4 % off");
    await sandbox.clearRequests();
    await stack.up();
    expect((await writes()).map((r) => `${r.method} ${JSON.stringify(r.body)}`)).to.deep.equal([
      'PUT {"discount_rules":[{"type":"all","method":"percent","amount":4}]}',
    ]);
  });

  it("a create the store answers 207 ends with every rule stored, one group, and a clean preview --refresh", async () => {
    await sandbox.injectFault({ vendor: "bigcommerce", method: "POST", partialCreate: true });
    const trade = { backend: "bigcommerce" as const, args: { name: "Trade", discountRules: [{ type: "all", method: "percent", amount: 8 }, rules[1]] } };
    await update({ ...program, trade });
    await stack.up();
    await refreshIds();
    expect((await bcRequests()).filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.status}`)).to.deep.equal(["POST 207", "PUT 200"]);
    const live = (await sandbox.bigcommerce.groups()).filter((g) => g.name === "Trade");
    expect(live).to.have.length(1);
    expect(live[0]!.discount_rules.map((r) => r.type).sort()).to.deep.equal(["all", "product"]);
    expect((await stack.preview({ refresh: true })).changeSummary).to.deep.equal({ same: 7 });
  });

  it("keeps the access token out of the state and the serialized provider small; destroy removes every group", async () => {
    const state = fs.readFileSync(path.join(test.stateDir, ".pulumi/stacks/e2e-customer-groups/bc.json"), "utf8");
    expect(state).to.not.include(accessToken);
    const resources = (JSON.parse(state).checkpoint.latest.resources as { type: string; outputs?: Record<string, unknown> }[]).filter(
      (r) => r.type === "pulumi-nodejs:dynamic/bigcommerce:CustomerGroup",
    );
    expect(resources).to.have.length(6);
    for (const r of resources) {
      expect(String(r.outputs?.__provider).length).to.be.at.most(2048);
      expect(String(r.outputs?.__provider)).to.include('require("pulumi-customer-groups/provider/bigcommerce")');
    }
    // Every group but the store's default one, which destroy refuses to delete (every new customer joins it).
    const destroyed = await stack.destroy({ continueOnError: true }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(destroyed?.message).to.match(/it is the store's default group/);
    expect((await sandbox.bigcommerce.groups()).map((g) => g.name)).to.deep.equal(["Retail Customers"]);
  });
});
