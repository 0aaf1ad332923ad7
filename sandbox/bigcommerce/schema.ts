// JSON schemas of the v2 customer-group request bodies, written from the BigCommerce reference, and their compiled validators.
import type { ValidateFunction } from "ajv";
import { createAjv } from "../core/jsonSchema";

const id = { type: "integer", minimum: 1 };

const discountRule = {
  type: "object",
  additionalProperties: false,
  required: ["type", "method", "amount"],
  properties: {
    type: { enum: ["all", "product", "category"] },
    method: { enum: ["price", "percent", "fixed"] },
    // A decimal; clients may echo back the "5.0000" strings the server sends.
    amount: { type: ["number", "string"], pattern: "^-?\\d+(\\.\\d+)?$" },
    product_id: id,
    category_id: id,
  },
  allOf: [
    {
      if: { properties: { type: { const: "product" } }, required: ["type"] },
      then: { required: ["product_id"], properties: { category_id: false } },
    },
    {
      if: { properties: { type: { const: "category" } }, required: ["type"] },
      then: { required: ["category_id"], properties: { product_id: false } },
    },
    {
      if: { properties: { type: { const: "all" } }, required: ["type"] },
      then: { properties: { product_id: false, category_id: false } },
    },
  ],
};

const categoryAccess = {
  type: "object",
  additionalProperties: false,
  required: ["type"],
  properties: {
    type: { enum: ["all", "specific", "none"] },
    categories: { type: "array", items: id, uniqueItems: true },
  },
  // categories "should only be supplied if type is specific".
  if: { properties: { type: { const: "specific" } }, required: ["type"] },
  then: { required: ["categories"] },
  else: { properties: { categories: false } },
};

const groupFields = {
  name: { type: "string", minLength: 1, maxLength: 255 },
  is_default: { type: "boolean" },
  category_access: categoryAccess,
  discount_rules: { type: "array", items: discountRule },
};

export const createGroupSchema = {
  type: "object",
  additionalProperties: false,
  required: ["name"],
  properties: groupFields,
};

export const updateGroupSchema = {
  type: "object",
  additionalProperties: false,
  properties: groupFields,
};

export interface BcDiscountRuleInput {
  type: "all" | "product" | "category";
  method: "price" | "percent" | "fixed";
  amount: number | string;
  product_id?: number;
  category_id?: number;
}

export interface BcCategoryAccess {
  type: "all" | "specific" | "none";
  categories?: number[];
}

export interface BcGroupInput {
  name?: string;
  is_default?: boolean;
  category_access?: BcCategoryAccess;
  discount_rules?: BcDiscountRuleInput[];
}

const ajv = createAjv();
export const validateCreate: ValidateFunction<BcGroupInput> = ajv.compile<BcGroupInput>(createGroupSchema);
export const validateUpdate: ValidateFunction<BcGroupInput> = ajv.compile<BcGroupInput>(updateGroupSchema);
