// The contract of the v2 customer-group API (specs/bigcommerce/customer-groups.contract.json, written from BigCommerce's
// current reference): the request bodies the sandbox accepts and the groups it may answer, compiled once.
import fs from "node:fs";
import path from "node:path";
import type { ValidateFunction } from "ajv";
import { createAjv, describeErrors } from "../core/jsonSchema";

/** The contract file; the package ships specs/ beside dist/. */
export const contractFile = path.resolve(__dirname, "../../../specs/bigcommerce/customer-groups.contract.json");

export interface BcPriceListRuleInput {
  type: "price_list";
  price_list_id: number;
}

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
  discount_rules?: (BcDiscountRuleInput | BcPriceListRuleInput)[];
  is_group_for_guests?: boolean;
}

const contract = JSON.parse(fs.readFileSync(contractFile, "utf8")) as { $id: string };
const ajv = createAjv();
ajv.addSchema(contract);
const part = <T>(name: string): ValidateFunction<T> => ajv.getSchema<T>(`${contract.$id}#/definitions/${name}`)!;

export const validateCreate = part<BcGroupInput>("createBody");
export const validateUpdate = part<BcGroupInput>("updateBody");

/** The contract's variant of each rule type. */
const ruleVariants: Record<string, ValidateFunction> = {
  price_list: part("priceListRule"),
  all: part("allRule"),
  category: part("categoryRule"),
  product: part("productRule"),
};

/**
 * What a refused body breaks, in the store's words: the body's own fields, then each rule judged by its own type's
 * variant (the contract lists the variants as alternatives, whose raw errors would name every variant's fields).
 */
export function contractErrors(validate: ValidateFunction, body: unknown): string[] {
  const outside = (validate.errors ?? []).filter((e) => !e.instancePath.startsWith("/discount_rules/") && e.instancePath !== "/discount_rules");
  const rules = (body as { discount_rules?: unknown }).discount_rules;
  const messages = describeErrors(outside);
  if (!Array.isArray(rules)) {
    if (rules !== undefined) messages.push("The field 'discount_rules' must be of type array.");
    return messages;
  }
  rules.forEach((rule, i) => {
    const variant = ruleVariants[String((rule as { type?: unknown } | null)?.type)];
    if (!variant) {
      messages.push(`The field 'discount_rules[${i}].type' must be one of: ${Object.keys(ruleVariants).join(", ")}.`);
      return;
    }
    if (!variant(rule)) messages.push(...describeErrors((variant.errors ?? []).map((e) => ({ ...e, instancePath: `/discount_rules/${i}${e.instancePath}` }))));
  });
  return [...new Set(messages)];
}

/** Every group the sandbox answers must hold to the contract too. */
export const validateAnswer = part<unknown>("group");
