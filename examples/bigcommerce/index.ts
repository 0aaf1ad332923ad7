// A BigCommerce store's customer groups: trade customers with their own catalogue and prices, a student discount,
// and the store's default group for everyone else.

import * as pulumi from "@pulumi/pulumi";
import * as cg from "pulumi-customer-groups";

const config = new pulumi.Config();
// Ids of the store's own categories and products (Products > Product Categories, and a product's page in the control panel).
const tradeCategories = config.getObject<number[]>("tradeCategories") ?? [7, 12];
const bulkProduct = config.getNumber("bulkProduct") ?? 33;

// Trade customers see only the trade categories, get 2.5% off everything, 5% off the bulk product,
// and 12 off (in the store's currency) every product of the first trade category.
const wholesale = new cg.bigcommerce.CustomerGroup("wholesale", {
  name: "Wholesale",
  isDefault: false,
  categoryAccess: { type: "specific", categories: tradeCategories },
  discountRules: [
    { type: "all", method: "percent", amount: 2.5 },
    { type: "product", productId: bulkProduct, method: "percent", amount: 5 },
    { type: "category", categoryId: tradeCategories[0], method: "price", amount: 12 },
  ],
});

// Students: 10% off the whole store, every category visible.
const students = new cg.bigcommerce.CustomerGroup("students", {
  name: "Students",
  isDefault: false,
  categoryAccess: { type: "all" },
  discountRules: [{ type: "all", method: "percent", amount: 10 }],
});

// The group new customers join. Stores often have one already: `adopt` takes it over instead of failing on its name.
// Its discount rules are not declared, so whatever the merchant sets in the control panel stays.
const retail = new cg.bigcommerce.CustomerGroup("retail", {
  name: "Retail Customers",
  isDefault: true,
  adopt: true,
});

export const groupIds = {
  wholesale: wholesale.groupId,
  students: students.groupId,
  retail: retail.groupId,
};
export const wholesaleRules = wholesale.discountRules;
