// Unit tests: the RevCent group between RevCent's snake_case and the package's camelCase, declared paths, drift and its message.

import { expect } from "chai";
import { diffGroup } from "../../provider/revcent/customerGroup";
import { describeDifferences, differences } from "../../provider/revcent/drift";
import { camelKey, toCamel } from "../../provider/revcent/keys";
import { declaredPaths, GroupInputs, normalizeInputs, observedInputs } from "../../provider/revcent/model";
import { stateOfGroup, WireGroup } from "../../provider/revcent/wire";
import { itemSchema, JsonSchema } from "../../provider/revcent/spec";
import type { Qualifiers } from "../../provider/revcent/types";

const id = (c: string) => c.repeat(20);
/** RevCent's snake_case form of a camelCase value (the provider never needs this direction; the tests build wire data with it). */
const snakeKey = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const toSnake = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(toSnake)
    : value && typeof value === "object"
      ? Object.fromEntries(Object.entries(value).map(([k, v]) => [snakeKey(k), toSnake(v)]))
      : value;
const range = (min: number, max: number) => ({ enabled: true, min, max });

/** Every property of the seed's qualifiers, in camelCase; typed, so the compiler holds the types to the same names. */
const everyQualifier: Qualifiers = {
  specificValues: {
    filters: { campaign: [id("c")], productGroup: [id("p")], thirdPartyShop: [id("s")], metadata: [{ name: "tier", value: "gold" }] },
    values: {
      hasNoSales: false,
      daysSinceCreated: range(1, 30),
      lifetimeValue: range(500, 100000),
      lifetimeRefunded: range(0, 0),
      numSale: range(1, 10),
      avgSale: range(10.5, 99.99),
      daysLastSale: range(1, 90),
      numSuccessSale: range(1, 5),
      numUpsellSale: range(0, 3),
      numPendingDeclinedSale: range(0, 1),
      numPendingAbandonedSale: range(0, 2),
      numFraudDetection: range(0, 0),
      lifetimeChargeback: range(0, 0),
      numChargeback: range(0, 0),
      lifetimePaypalDispute: range(0, 0),
      numPaypalDispute: range(0, 0),
    },
    subscriptionOptions: {
      enabled: true,
      daysLastRenewal: range(1, 30),
      numRenewal: range(1, 12),
      numSuccessRenewal: range(1, 12),
      numOverdueRenewal: range(0, 0),
      status: ["active", "trial"],
    },
  },
  customerGroup: { inAnyCustomerGroup: [id("a")], inAllCustomerGroup: [id("b")], notInCustomerGroup: [id("n")] },
};

/** Every property path of a schema (`specific_values.values.num_sale.min`), items included. */
function schemaPaths(schema: JsonSchema, prefix = ""): string[] {
  const items = schema.items as JsonSchema | undefined;
  if (items) return schemaPaths(items, prefix);
  const properties = schema.properties as Record<string, JsonSchema> | undefined;
  if (!properties) return [prefix];
  return Object.entries(properties).flatMap(([k, v]) => schemaPaths(v, prefix ? `${prefix}.${k}` : k));
}

function valuePaths(value: unknown, prefix = ""): string[] {
  if (Array.isArray(value)) return value.length > 0 && typeof value[0] === "object" ? valuePaths(value[0], prefix) : [prefix];
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => valuePaths(v, prefix ? `${prefix}.${k}` : k));
  return [prefix];
}

const vipWire: WireGroup = {
  id: id("V"),
  name: "VIP",
  description: "Best customers",
  enabled: true,
  qualifier_method: "specific_values",
  qualifiers: {
    specific_values: {
      filters: { campaign: [id("z"), id("c")] },
      values: { has_no_sales: false, lifetime_value: { enabled: true, min: 500, max: 100000 } },
      subscription_options: { status: ["trial", "active"] },
    },
  },
  created_date_unix: 1_700_000_000,
  updated_date_unix: 1_700_000_500,
};

const declared: GroupInputs = normalizeInputs({
  name: "VIP",
  enabled: true,
  qualifierMethod: "specific_values",
  qualifiers: { specificValues: { values: { lifetimeValue: { enabled: true, min: 500, max: 100000 } } } },
});

describe("RevCent group model", () => {
  it("converts the whole qualifier structure to camelCase and back", () => {
    const wire = toSnake(everyQualifier);
    // The seed's qualifiers, leaf by leaf: both the converted value and the schema must have exactly these.
    const ranges = (at: string, names: string[]) => names.flatMap((n) => ["enabled", "max", "min"].map((f) => `${at}.${n}.${f}`));
    const seedLeaves = [
      "customer_group.in_all_customer_group",
      "customer_group.in_any_customer_group",
      "customer_group.not_in_customer_group",
      "specific_values.filters.campaign",
      "specific_values.filters.metadata.name",
      "specific_values.filters.metadata.value",
      "specific_values.filters.product_group",
      "specific_values.filters.third_party_shop",
      "specific_values.subscription_options.enabled",
      "specific_values.subscription_options.status",
      ...ranges("specific_values.subscription_options", ["days_last_renewal", "num_overdue_renewal", "num_renewal", "num_success_renewal"]),
      "specific_values.values.has_no_sales",
      ...ranges("specific_values.values", [
        "avg_sale",
        "days_last_sale",
        "days_since_created",
        "lifetime_chargeback",
        "lifetime_paypal_dispute",
        "lifetime_refunded",
        "lifetime_value",
        "num_chargeback",
        "num_fraud_detection",
        "num_paypal_dispute",
        "num_pending_abandoned_sale",
        "num_pending_declined_sale",
        "num_sale",
        "num_success_sale",
        "num_upsell_sale",
      ]),
    ].sort();
    expect(seedLeaves).to.have.length(68);
    expect(valuePaths(wire).sort()).to.deep.equal(seedLeaves);
    expect(schemaPaths((itemSchema("GetCustomerGroups").properties as Record<string, JsonSchema>).qualifiers!).sort()).to.deep.equal(seedLeaves);
    expect(toCamel(wire)).to.deep.equal(everyQualifier);
    expect((wire as { specific_values: { values: Record<string, unknown> } }).specific_values.values.num_pending_abandoned_sale).to.deep.equal(range(0, 2));
    // Keys only: metadata names and values are data and keep their spelling.
    expect(toCamel({ metadata: [{ name: "utm_source", value: "news_letter" }] })).to.deep.equal({ metadata: [{ name: "utm_source", value: "news_letter" }] });
  });

  it("round-trips every property name of the seed's group schema", () => {
    const names = new Set<string>();
    const collect = (s: JsonSchema) => {
      for (const [k, v] of Object.entries((s.properties as Record<string, JsonSchema>) ?? {})) {
        names.add(k);
        collect(v);
      }
      if (s.items) collect(s.items as JsonSchema);
    };
    collect(itemSchema("GetCustomerGroups"));
    expect(names.size).to.be.greaterThan(40);
    for (const name of names) expect(snakeKey(camelKey(name)), name).to.equal(name);
  });

  it("records the live group in camelCase with sets sorted, and which values the program declares", () => {
    const state = stateOfGroup(vipWire, { name: "VIP" }, declaredPaths(declared));
    expect(state).to.deep.equal({
      groupId: id("V"),
      name: "VIP",
      description: "Best customers",
      enabled: true,
      qualifierMethod: "specific_values",
      qualifiers: {
        specificValues: {
          filters: { campaign: [id("c"), id("z")] },
          values: { hasNoSales: false, lifetimeValue: { enabled: true, max: 100000, min: 500 } },
          subscriptionOptions: { status: ["active", "trial"] },
        },
      },
      createdDateUnix: 1_700_000_000,
      updatedDateUnix: 1_700_000_500,
      adoptedBy: { name: "VIP" },
      declared: [
        "enabled",
        "qualifierMethod",
        "qualifiers.specificValues.values.lifetimeValue.enabled",
        "qualifiers.specificValues.values.lifetimeValue.max",
        "qualifiers.specificValues.values.lifetimeValue.min",
      ],
    });
    // In input shape: only what is declared, with the live values.
    expect(observedInputs(state)).to.deep.equal({
      name: "VIP",
      enabled: true,
      qualifierMethod: "specific_values",
      qualifiers: { specificValues: { values: { lifetimeValue: { enabled: true, max: 100000, min: 500 } } } },
    });
    expect(observedInputs({ ...state, adoptedBy: { groupId: id("V") }, declared: [] })).to.deep.equal({ groupId: id("V") });
  });

  it("finds no difference when the declared values hold, whatever is not declared", () => {
    const state = stateOfGroup(vipWire, { name: "VIP" }, declaredPaths(declared));
    expect(differences(state, declared)).to.deep.equal([]);
    const sets = normalizeInputs({ name: "VIP", qualifiers: { specificValues: { filters: { campaign: [id("z"), id("c"), id("z")] } } } });
    expect(differences(state, sets)).to.deep.equal([]);
  });

  it("lists every differing declared value with its live and declared value", () => {
    const state = stateOfGroup(vipWire, { name: "VIP" }, declaredPaths(declared));
    const wanted = normalizeInputs({
      name: "VIP",
      description: "Top customers",
      enabled: true,
      qualifiers: {
        specificValues: { values: { lifetimeValue: { max: 50000 }, numSale: { enabled: true } }, filters: { campaign: [id("c")] } },
        customerGroup: { notInCustomerGroup: [] },
      },
    });
    const diffs = differences(state, wanted);
    expect(describeDifferences(diffs)).to.equal(
      'description: live "Best customers", declared "Top customers"; ' +
        "qualifiers.customerGroup.notInCustomerGroup: live (not set), declared []; " +
        `qualifiers.specificValues.filters.campaign: live ["${id("c")}","${id("z")}"], declared ["${id("c")}"]; ` +
        "qualifiers.specificValues.values.lifetimeValue.max: live 100000, declared 50000; " +
        "qualifiers.specificValues.values.numSale.enabled: live (not set), declared true",
    );
  });

  it("treats a group renamed in RevCent as drift of name, and another name in the program as another group", () => {
    const state = stateOfGroup({ ...vipWire, name: "VIP+" }, { name: "VIP" }, declaredPaths(declared));
    expect(differences(state, declared)).to.deep.equal([{ path: "name", live: "VIP+", declared: "VIP" }]);
    expect(diffGroup(state, declared)).to.deep.equal({ changed: ["name"], replace: [] });
    expect(diffGroup(state, { ...declared, name: "Gold" })).to.deep.equal({ changed: ["name"], replace: ["name"] });
    const byId = stateOfGroup(vipWire, { groupId: id("V") }, []);
    expect(diffGroup(byId, { groupId: id("V") })).to.deep.equal({ changed: [], replace: [] });
    expect(diffGroup(byId, { groupId: id("W") })).to.deep.equal({ changed: ["groupId"], replace: ["groupId"] });
    // The same group chosen by its name now: no replacement, the state follows.
    expect(diffGroup(byId, { name: "VIP" })).to.deep.equal({ changed: ["name"], replace: [] });
    expect(diffGroup(byId, { name: "Other" })).to.deep.equal({ changed: ["name"], replace: ["name"] });
  });

  it("reports a value no longer declared, but not a newly declared one the live group already holds (no change is no change)", () => {
    const state = stateOfGroup(vipWire, { name: "VIP" }, declaredPaths(declared));
    expect(diffGroup(state, declared)).to.deep.equal({ changed: [], replace: [] });
    expect(diffGroup(state, { ...declared, description: "Best customers" })).to.deep.equal({ changed: [], replace: [] });
    expect(diffGroup(state, { ...declared, description: "Other" })).to.deep.equal({ changed: ["description"], replace: [] });
    const { enabled: _, ...fewer } = declared;
    expect(diffGroup(state, fewer)).to.deep.equal({ changed: ["enabled"], replace: [] });
    expect(diffGroup(state, { ...declared, enabled: false })).to.deep.equal({ changed: ["enabled"], replace: [] });
  });
});
