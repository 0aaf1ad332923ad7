// The demo stack: a merchant's customer groups on commercetools, BigCommerce and RevCent, as a config repo would declare them.

import * as pulumi from "@pulumi/pulumi";
import * as cg from "pulumi-customer-groups";

// What the demo's pull request changes (`pulumi config set demo:studentDiscount 12.5`).
const studentDiscount = new pulumi.Config("demo").getNumber("studentDiscount") ?? 10;

// commercetools: loyalty tiers with a custom type, and a B2B group.
const gold = new cg.commercetools.CustomerGroup("ct-gold", {
  name: "Gold",
  key: "gold",
  custom: { type: { key: "group-fields" }, fields: { tier: "gold", vip: true, discountPercent: 10 } },
});
const silver = new cg.commercetools.CustomerGroup("ct-silver", {
  name: "Silver",
  key: "silver",
  custom: { type: { key: "group-fields" }, fields: { tier: "silver", discountPercent: 5 } },
});
const b2b = new cg.commercetools.CustomerGroup("ct-b2b", { name: "B2B Partners", key: "b2b-partners" });

// BigCommerce: trade customers with their own catalogue and prices, and a student discount.
const wholesale = new cg.bigcommerce.CustomerGroup("bc-wholesale", {
  name: "Wholesale",
  isDefault: false,
  categoryAccess: { type: "specific", categories: [7, 12] },
  discountRules: [
    { type: "all", method: "percent", amount: 2.5 },
    { type: "product", productId: 33, method: "percent", amount: 5 },
    { type: "category", categoryId: 7, method: "price", amount: 12 },
  ],
});
const students = new cg.bigcommerce.CustomerGroup("bc-students", {
  name: "Students",
  isDefault: false,
  categoryAccess: { type: "all" },
  discountRules: [{ type: "all", method: "percent", amount: studentDiscount }],
});

// RevCent: its API cannot write groups, so the VIP group is adopted and watched: what is declared here is compared.
const vip = new cg.revcent.CustomerGroup("rc-vip", {
  name: "VIP",
  enabled: true,
  qualifierMethod: "specific_values",
  qualifiers: { specificValues: { values: { lifetimeValue: { enabled: true, min: 500, max: 100000 } } } },
});
// The VIP customers who joined in the first 200 days of 2026 (read in RevCent's 90-day windows).
const vipMembers = cg.revcent.getCustomerGroupMembersOutput({
  customerGroupId: vip.groupId,
  dateStart: new Date("2026-01-01T00:00:00Z"),
  dateEnd: new Date("2026-07-19T23:59:59Z"),
});

export const commercetools = { gold: gold.id, silver: silver.id, b2b: b2b.id, goldVersion: gold.version };
export const bigcommerce = { wholesale: wholesale.id, students: students.id };
export const revcent = { vip: vip.id, vipMembersJoined2026H1: vipMembers.apply((m) => m.count) };
