// Unit tests: cg.revcent.CustomerGroup arguments are checked against the seed's own schema and the rules its descriptions state.

import { expect } from "chai";
import { revcentCustomerGroupSchema } from "../../provider/revcent/schema";
import { validateGroup } from "../../provider/revcent/validation";
import { itemSchema, JsonSchema } from "../../provider/revcent/spec";

const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const id = (c: string) => c.repeat(20);
const values = (v: Record<string, unknown>) => validateGroup({ name: "VIP", qualifiers: { specificValues: { values: v } } });

describe("RevCent CustomerGroup validation", () => {
  it("uses the seed's schema, loaded from specs/revcent, with camelCase names", () => {
    const schema = revcentCustomerGroupSchema() as { properties: Record<string, JsonSchema> };
    const seed = itemSchema("GetCustomerGroups").properties as Record<string, JsonSchema>;
    expect(schema.properties.qualifierMethod!.enum).to.deep.equal(seed.qualifier_method!.enum);
    const lifetime = (
      schema.properties.qualifiers as { properties: { specificValues: { properties: { values: { properties: Record<string, JsonSchema> } } } } }
    ).properties.specificValues.properties.values.properties.lifetimeValue!;
    expect(lifetime.description).to.equal("The lifetime value specific value used to qualify customers based on their lifetime value.");
    expect(Object.keys(lifetime.properties as object)).to.deep.equal(["enabled", "min", "max"]);
  });

  it("accepts a group chosen by name or by id, with any declared qualifiers", () => {
    expect(validateGroup({ name: "VIP" })).to.deep.equal([]);
    expect(validateGroup({ groupId: id("A") })).to.deep.equal([]);
    expect(
      validateGroup({
        name: "VIP",
        description: "Best customers",
        enabled: true,
        qualifierMethod: "specific_values",
        qualifiers: {
          specificValues: {
            filters: { campaign: [id("c")], metadata: [{ name: "tier", value: "METADATA_NAME_EXISTS" }] },
            values: { hasNoSales: false, daysSinceCreated: { enabled: true, min: 1, max: 30 }, lifetimeValue: { enabled: true, min: 500, max: 100000 } },
            subscriptionOptions: { enabled: true, status: ["active"] },
          },
        },
      }),
    ).to.deep.equal([]);
    expect(
      validateGroup({ name: "G", qualifierMethod: "customer_group", qualifiers: { customerGroup: { inAnyCustomerGroup: [id("a")], notInCustomerGroup: [] } } }),
    ).to.deep.equal([]);
    expect(validateGroup({ name: "Manual", qualifierMethod: "none", qualifiers: {} })).to.deep.equal([]);
    // Both ends 0: "the customers' corresponding value must be 0".
    expect(values({ numChargeback: { enabled: true, min: 0, max: 0 } })).to.deep.equal([]);
  });

  it("wants exactly one of name and groupId", () => {
    expect(validateGroup({})).to.deep.equal([
      { property: "name", reason: "is required: give the name of the RevCent customer group to adopt, or its 20-character id as groupId" },
    ]);
    expect(validateGroup({ name: "VIP", groupId: id("A") })).to.deep.equal([
      { property: "groupId", reason: "cannot be given together with name: the group is chosen by one of the two" },
    ]);
    expect(validateGroup({ name: " " })).to.deep.equal([
      { property: "name", reason: "starts with white space (U+0020 SPACE): remove it, or it reads as another name" },
    ]);
    expect(validateGroup({ name: "" })).to.deep.equal([
      {
        property: "name",
        reason:
          "must be the name of the RevCent customer group: not empty, without control, bidirectional or zero-width characters, nor white space at either end",
      },
    ]);
    expect(validateGroup({ name: "V\u202EIP" })[0]!.reason).to.match(/^contains U\+202E RIGHT-TO-LEFT OVERRIDE .* at character 2/);
  });

  it("wants 20-character ids, as the seed describes them", () => {
    expect(validateGroup({ groupId: "abc" })).to.deep.equal([{ property: "groupId", reason: "must be a 20 character customer group ID" }]);
    expect(
      validateGroup({
        name: "G",
        qualifiers: {
          specificValues: { filters: { campaign: [id("c"), "short"], productGroup: [id("p") + "x"], thirdPartyShop: [7] } },
          customerGroup: { inAllCustomerGroup: ["g"] },
        },
      }),
    ).to.deep.equal([
      { property: "qualifiers.specificValues.filters.campaign[1]", reason: "must be a 20 character campaign ID" },
      { property: "qualifiers.specificValues.filters.productGroup[0]", reason: "must be a 20 character product group ID" },
      { property: "qualifiers.specificValues.filters.thirdPartyShop[0]", reason: "must be a 20 character user shop ID" },
      { property: "qualifiers.customerGroup.inAllCustomerGroup[0]", reason: "must be a 20 character customer group ID" },
    ]);
  });

  it("checks types, enums and unknown names, pointing at camelCase for RevCent's own names", () => {
    expect(validateGroup({ name: "VIP", enabled: "yes", qualifierMethod: "manual", description: 3 })).to.deep.equal([
      { property: "description", reason: "must be string" },
      { property: "enabled", reason: "must be boolean" },
      { property: "qualifierMethod", reason: 'must be one of "specific_values", "customer_group", "none"' },
    ]);
    expect(validateGroup({ name: "VIP", qualifier_method: "none", qualifiers: { specificValues: { values: { lifetime_value: {} } } } })).to.deep.equal([
      { property: "qualifier_method", reason: "is not a known argument (arguments are in camelCase: qualifierMethod)" },
      { property: "qualifiers.specificValues.values.lifetime_value", reason: "is not a known argument (arguments are in camelCase: lifetimeValue)" },
    ]);
    expect(
      validateGroup({ name: "VIP", qualifiers: { specificValues: { subscriptionOptions: { status: ["paused"] }, filters: { metadata: [{ key: "k" }] } } } }),
    ).to.deep.equal([
      { property: "qualifiers.specificValues.filters.metadata[0].key", reason: "is not a known argument" },
      {
        property: "qualifiers.specificValues.subscriptionOptions.status[0]",
        reason: 'must be one of "active", "trial", "overdue", "occurrence_limit", "suspended", "cancelled"',
      },
    ]);
  });

  it("wants daysSinceCreated and daysLastSale bounds of at least 1, and whole numbers where the seed says integer", () => {
    expect(values({ daysSinceCreated: { min: 0, max: 1 }, daysLastSale: { min: -3, max: 5 } })).to.deep.equal([
      { property: "qualifiers.specificValues.values.daysSinceCreated.min", reason: "must be a whole number, at least 1" },
      { property: "qualifiers.specificValues.values.daysLastSale.min", reason: "must be a whole number, at least 1" },
    ]);
    expect(values({ numSale: { min: 1.5 }, lifetimeValue: { min: "500" } })).to.deep.equal([
      { property: "qualifiers.specificValues.values.lifetimeValue.min", reason: "must be a number" },
      { property: "qualifiers.specificValues.values.numSale.min", reason: "must be a whole number" },
    ]);
    expect(values({ avgSale: { min: 10.25, max: 99.99 } })).to.deep.equal([]);
  });

  it("wants min not above max", () => {
    expect(values({ lifetimeValue: { enabled: true, min: 500, max: 100 }, numSale: { min: 3, max: 3 } })).to.deep.equal([
      { property: "qualifiers.specificValues.values.lifetimeValue.min", reason: "must not be above max (min 500, max 100): no customer could qualify" },
    ]);
    expect(validateGroup({ name: "VIP", qualifiers: { specificValues: { subscriptionOptions: { numRenewal: { min: 12, max: 1 } } } } })).to.deep.equal([
      { property: "qualifiers.specificValues.subscriptionOptions.numRenewal.min", reason: "must not be above max (min 12, max 1): no customer could qualify" },
    ]);
    // Only one bound declared: the other is RevCent's, not judged here.
    expect(values({ lifetimeValue: { min: 500 } })).to.deep.equal([]);
  });

  it("wants qualifiers that match the qualifier method", () => {
    expect(validateGroup({ name: "G", qualifierMethod: "specific_values", qualifiers: { customerGroup: { inAnyCustomerGroup: [id("a")] } } })).to.deep.equal([
      { property: "qualifiers.customerGroup", reason: 'is only used when qualifierMethod is "customer_group" (it is "specific_values")' },
    ]);
    expect(validateGroup({ name: "G", qualifierMethod: "customer_group", qualifiers: { specificValues: {} } })).to.deep.equal([
      { property: "qualifiers.specificValues", reason: 'is only used when qualifierMethod is "specific_values" (it is "customer_group")' },
    ]);
    expect(validateGroup({ name: "G", qualifierMethod: "none", qualifiers: { specificValues: {}, customerGroup: {} } })).to.deep.equal([
      {
        property: "qualifiers.specificValues",
        reason: 'must be left out when qualifierMethod is "none" (a group without qualifiers, whose customers are added by hand)',
      },
      {
        property: "qualifiers.customerGroup",
        reason: 'must be left out when qualifierMethod is "none" (a group without qualifiers, whose customers are added by hand)',
      },
    ]);
  });

  it("does not judge the rules on values not known yet", () => {
    expect(validateGroup({ name: unknown, qualifierMethod: unknown, qualifiers: { customerGroup: { inAnyCustomerGroup: [unknown] } } })).to.deep.equal([
      // The lifecycle drops failures at unknown paths; the method rule itself stays silent.
      { property: "qualifierMethod", reason: 'must be one of "specific_values", "customer_group", "none"' },
      { property: "qualifiers.customerGroup.inAnyCustomerGroup[0]", reason: "must be a 20 character customer group ID" },
    ]);
    expect(values({ lifetimeValue: { min: 500, max: unknown } }).filter((f) => !f.property.endsWith(".max"))).to.deep.equal([]);
  });
});
