// JSON Schema of cg.bigcommerce.CustomerGroup's arguments, as the provider receives them (camelCase, after Pulumi resolves Inputs).
// The rules between fields (ids by rule type, categories by access type, one rule per target) are checked in provider/bigcommerce/validation.ts.

import { groupNamePattern, groupNameRule } from "../schemas/names";

const positiveInteger = (what: string) => ({ type: "integer", minimum: 1, reason: `must be a positive integer (${what})` });

export const bigcommerceCustomerGroupSchema = {
  type: "object",
  additionalProperties: false,
  required: ["name"],
  properties: {
    name: {
      type: "string",
      minLength: 1,
      maxLength: 255,
      pattern: groupNamePattern,
      reason: `must be ${groupNameRule(255)} (unique in the store)`,
    },
    isDefault: { type: "boolean" },
    categoryAccess: {
      type: "object",
      additionalProperties: false,
      required: ["type"],
      properties: {
        type: { enum: ["all", "specific", "none"] },
        categories: { type: "array", items: positiveInteger("a category id") },
      },
    },
    discountRules: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["type"],
        properties: {
          type: { enum: ["all", "product", "category", "price_list"] },
          method: { enum: ["price", "percent", "fixed"] },
          amount: { type: "number", minimum: 0, reason: "must be a finite number, not negative" },
          productId: positiveInteger("a product id"),
          categoryId: positiveInteger("a category id"),
          priceListId: positiveInteger("a price list id"),
        },
        // A price-list rule is its type and its price list; every other rule has a method and an amount.
        if: { properties: { type: { const: "price_list" } }, required: ["type"] },
        then: { properties: { priceListId: true }, required: ["priceListId"] },
        else: { properties: { method: true, amount: true }, required: ["method", "amount"] },
      },
    },
    isGroupForGuests: { type: "boolean" },
    adopt: { type: "boolean" },
    deleteWithCustomers: {
      type: "boolean",
      reason: "must be true or false: whether a delete (pulumi up, destroy, a replacement or a move) may delete the group while it holds customers",
    },
  },
} as const;
