// commercetools custom fields in the sandbox: types by key or id stored as references, field checks, the custom-field actions.
import { expect } from "chai";
import { startSandbox, type CtCustomerGroup, type CtType, type Sandbox } from "../../sandbox/index";
import { ctApi, ctErrorOf, ctToken, type HttpResult } from "./helpers";

describe("sandbox: commercetools custom fields", () => {
  let sb: Sandbox;
  let api: (method: string, path: string, body?: unknown) => Promise<HttpResult>;
  let seedType: CtType;
  before(async () => {
    sb = await startSandbox();
  });
  after(() => sb.close());
  beforeEach(async () => {
    await sb.reset();
    api = ctApi(sb, await ctToken(sb));
    const types = await sb.commercetools.types();
    seedType = types.find((t) => t.key === "group-fields")!;
  });

  async function create(draft: unknown): Promise<CtCustomerGroup> {
    const res = await api("POST", "/customer-groups", draft);
    expect(res.status, res.text).to.equal(201);
    return res.json as CtCustomerGroup;
  }

  async function update(g: CtCustomerGroup, ...actions: unknown[]): Promise<HttpResult> {
    return api("POST", `/customer-groups/${g.id}`, { version: g.version, actions });
  }

  it("seeds the group-fields type with tier, vip, discountPercent and tags", () => {
    expect(seedType.resourceTypeIds).to.include("customer-group");
    expect(seedType.fieldDefinitions.map((d) => [d.name, d.type.name])).to.deep.equal([
      ["tier", "String"],
      ["vip", "Boolean"],
      ["discountPercent", "Number"],
      ["tags", "Set"],
    ]);
  });

  it("stores a type given by key as a reference by id", async () => {
    const g = await create({
      groupName: "Gold",
      custom: { type: { key: "group-fields", typeId: "type" }, fields: { tier: "gold", vip: true, discountPercent: 7.5, tags: ["a", "b"] } },
    });
    expect(g.custom).to.deep.equal({
      type: { typeId: "type", id: seedType.id },
      fields: { tier: "gold", vip: true, discountPercent: 7.5, tags: ["a", "b"] },
    });
    expect((await api("GET", `/customer-groups/${g.id}`)).json).to.have.deep.property("custom", g.custom);
  });

  it("accepts the type by id too", async () => {
    const g = await create({ groupName: "Gold", custom: { type: { id: seedType.id }, fields: { vip: false } } });
    expect(g.custom?.type).to.deep.equal({ typeId: "type", id: seedType.id });
  });

  it("answers an unknown type with 400 ReferencedResourceNotFound", async () => {
    const res = await api("POST", "/customer-groups", { groupName: "Gold", custom: { type: { key: "nope" } } });
    expect(res.status).to.equal(400);
    expect(ctErrorOf(res)).to.include({ code: "ReferencedResourceNotFound", typeId: "type", key: "nope" });
  });

  it("checks field values against the type's definitions", async () => {
    const wrongType = await api("POST", "/customer-groups", { groupName: "A", custom: { type: { key: "group-fields" }, fields: { vip: "yes" } } });
    expect(wrongType.status).to.equal(400);
    expect(ctErrorOf(wrongType)).to.include({ code: "InvalidField", field: "vip" });
    const unknown = await api("POST", "/customer-groups", { groupName: "A", custom: { type: { key: "group-fields" }, fields: { color: "red" } } });
    expect(unknown.status).to.equal(400);
    const badSet = await api("POST", "/customer-groups", { groupName: "A", custom: { type: { key: "group-fields" }, fields: { tags: [1] } } });
    expect(badSet.status).to.equal(400);
  });

  it("setCustomType replaces type and fields, and without a type removes custom", async () => {
    const g = await create({ groupName: "Gold", custom: { type: { key: "group-fields" }, fields: { tier: "gold", vip: true } } });
    const replaced = await update(g, { action: "setCustomType", type: { key: "group-fields" }, fields: { discountPercent: 3 } });
    expect(replaced.json).to.deep.include({ version: 2, custom: { type: { typeId: "type", id: seedType.id }, fields: { discountPercent: 3 } } });
    const removed = await update(replaced.json as CtCustomerGroup, { action: "setCustomType" });
    expect(removed.json).to.include({ version: 3 });
    expect(removed.json).not.to.have.property("custom");
  });

  it("setCustomField sets and removes a field; removing a missing one or having no type fails with InvalidOperation", async () => {
    const plain = await create({ groupName: "Plain" });
    const noType = await update(plain, { action: "setCustomField", name: "tier", value: "x" });
    expect(noType.status).to.equal(400);
    expect(ctErrorOf(noType).code).to.equal("InvalidOperation");

    const g = await create({ groupName: "Gold", custom: { type: { key: "group-fields" } } });
    const set = await update(g, { action: "setCustomField", name: "tier", value: "gold" });
    expect((set.json as CtCustomerGroup).custom?.fields).to.deep.equal({ tier: "gold" });
    const unset = await update(set.json as CtCustomerGroup, { action: "setCustomField", name: "tier" });
    expect((unset.json as CtCustomerGroup).custom?.fields).to.deep.equal({});
    expect(unset.json).to.include({ version: 3 });
    const again = await update(unset.json as CtCustomerGroup, { action: "setCustomField", name: "tier" });
    expect(ctErrorOf(again).code).to.equal("InvalidOperation");
  });

  it("uses types added through the admin API, with required fields enforced", async () => {
    const added = await sb.commercetools.addType({
      key: "loyalty",
      fieldDefinitions: [
        {
          name: "level",
          type: {
            name: "Enum",
            values: [
              { key: "bronze", label: "Bronze" },
              { key: "gold", label: "Gold" },
            ],
          },
          required: true,
        },
      ],
    });
    const missing = await api("POST", "/customer-groups", { groupName: "A", custom: { type: { key: "loyalty" } } });
    expect(missing.status).to.equal(400);
    expect(ctErrorOf(missing)).to.include({ code: "RequiredField", field: "level" });
    const badEnum = await api("POST", "/customer-groups", { groupName: "A", custom: { type: { key: "loyalty" }, fields: { level: "silver" } } });
    expect(badEnum.status).to.equal(400);
    const g = await create({ groupName: "A", custom: { type: { key: "loyalty" }, fields: { level: "gold" } } });
    expect(g.custom).to.deep.equal({ type: { typeId: "type", id: added.id }, fields: { level: "gold" } });
  });

  it("refuses dates, times, date-times, money and references the platform refuses, with InvalidField", async () => {
    await sb.commercetools.addType({
      key: "formats",
      fieldDefinitions: [
        { name: "since", type: { name: "Date" } },
        { name: "opens", type: { name: "Time" } },
        { name: "until", type: { name: "DateTime" } },
        { name: "credit", type: { name: "Money" } },
        { name: "owner", type: { name: "Reference", referenceTypeId: "customer" } },
      ],
    });
    const fields = (f: Record<string, unknown>) =>
      api("POST", "/customer-groups", { groupName: `G ${JSON.stringify(f)}`, custom: { type: { key: "formats" }, fields: f } });
    for (const bad of [
      { since: "2026-02-30" },
      { since: "07.12.2026" },
      { opens: "25:00" },
      { until: "2026-12-07 14:00" },
      { until: "2026-12-07T14:00:00" },
      { credit: { currencyCode: "euro", centAmount: 100 } },
      { owner: { typeId: "product", id: "p1" } },
    ]) {
      const res = await fields(bad);
      expect(res.status, JSON.stringify(bad)).to.equal(400);
      expect(ctErrorOf(res), JSON.stringify(bad)).to.include({ code: "InvalidField" });
    }
    const good = await fields({
      since: "2026-02-28",
      opens: "09:30:00.000",
      until: "2026-12-07T14:00:00.000Z",
      credit: { currencyCode: "EUR", centAmount: 100 },
      owner: { typeId: "customer", id: "c1" },
    });
    expect(good.status, good.text).to.equal(201);
  });
});
