// Validation of cg.bigcommerce.CustomerGroup's arguments: the JSON Schema, then the rules between fields that a schema states badly.

import type { CheckFailure } from "../checkFailure";
import { schemaFailures } from "../schemas/validate";
import { isUnknown } from "../unknowns";

/** Every reason the arguments cannot be sent, each with its property path. Values not known yet are not judged. */
export function validateGroup(news: Record<string, unknown>): CheckFailure[] {
  return [...schemaFailures("bigcommerce", news), ...accessFailures(news.categoryAccess), ...ruleFailures(news.discountRules)];
}

const known = (value: unknown) => value !== undefined && !isUnknown(value);
const isObject = (value: unknown): value is Record<string, unknown> => !!value && typeof value === "object" && !Array.isArray(value);

function accessFailures(access: unknown): CheckFailure[] {
  if (!isObject(access) || !known(access.type) || isUnknown(access.categories)) return [];
  const failures: CheckFailure[] = [];
  const { type, categories } = access;
  if (type === "specific") {
    if (!Array.isArray(categories) || categories.length === 0) {
      if (categories === undefined || Array.isArray(categories)) {
        failures.push({ property: "categoryAccess.categories", reason: 'must list at least one category id when type is "specific"' });
      }
      return failures;
    }
    const seen = new Map<unknown, number>();
    categories.forEach((id, i) => {
      // Only ids the schema accepts are compared: anything else is already reported, and may not even print.
      if (!Number.isInteger(id)) return;
      const first = seen.get(id);
      if (first !== undefined) {
        failures.push({ property: `categoryAccess.categories[${i}]`, reason: `repeats category ${String(id)} (already categoryAccess.categories[${first}])` });
      } else seen.set(id, i);
    });
  } else if (categories !== undefined && (type === "all" || type === "none")) {
    failures.push({ property: "categoryAccess.categories", reason: `is only allowed when type is "specific" (type is "${type}")` });
  }
  return failures;
}

const idField = { product: "productId", category: "categoryId" } as const;

function ruleFailures(rules: unknown): CheckFailure[] {
  if (!Array.isArray(rules)) return [];
  const failures: CheckFailure[] = [];
  const targets = new Map<string, number>();
  rules.forEach((rule, i) => {
    if (!isObject(rule)) return;
    const at = `discountRules[${i}]`;
    const { type, method, amount } = rule;

    if (type === "price_list") {
      // The reference: "If you select price_list, it must be the only rule."
      if (rules.length > 1) {
        failures.push({
          property: at,
          reason: `is a price-list rule, which must be the group's only rule (BigCommerce refuses it beside other rules); this group declares ${rules.length} rules`,
        });
      }
      for (const field of ["method", "amount", "productId", "categoryId"] as const) {
        if (rule[field] !== undefined) {
          failures.push({ property: `${at}.${field}`, reason: 'is not allowed with type "price_list" (the price list sets the prices)' });
        }
      }
      return;
    }
    if (rule.priceListId !== undefined && known(type)) {
      failures.push({ property: `${at}.priceListId`, reason: `is only allowed when type is "price_list" (type is "${String(type)}")` });
    }

    if (method === "percent" && typeof amount === "number" && amount > 100) {
      failures.push({ property: `${at}.amount`, reason: 'must be at most 100 when method is "percent"' });
    }

    if (type !== "all" && type !== "product" && type !== "category") return; // unknown, or already reported by the schema
    let targetKnown = true;
    for (const kind of ["product", "category"] as const) {
      const field = idField[kind];
      const value = rule[field];
      if (isUnknown(value)) targetKnown = false;
      if (type === kind && value === undefined) failures.push({ property: `${at}.${field}`, reason: `is required when type is "${kind}"` });
      if (type !== kind && value !== undefined)
        failures.push({ property: `${at}.${field}`, reason: `is only allowed when type is "${kind}" (type is "${type}")` });
    }

    const id = type === "all" ? undefined : rule[idField[type]];
    if (!targetKnown || (type !== "all" && !Number.isInteger(id))) return;
    const target = type === "all" ? "all" : `${type}:${String(id)}`;
    const first = targets.get(target);
    if (first === undefined) {
      targets.set(target, i);
      return;
    }
    const what = type === "all" ? 'the whole store (type "all")' : `${type} ${String(id)}`;
    failures.push({
      property: at,
      reason: `is a second rule for ${what}, like discountRules[${first}]; which one applies would be ambiguous, so give each target one rule`,
    });
  });
  return failures;
}
