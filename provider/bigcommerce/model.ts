// The BigCommerce customer group in the provider's terms: arguments, recorded state, and comparisons at the store's precision.

import { canonicalJson } from "../canonical";
import { declaredArguments } from "../declaration";
import type { Role } from "../roles";
import type { AccessType, CategoryAccess, CustomerGroupArgs, DiscountRule, OptionalArgument, PriceListRule, RuleMethod, RuleType } from "./types";

export type { AccessType, CategoryAccess, DiscountRule, PriceListRule, RuleMethod, RuleType };

/** A rule the provider reads and writes: a discount (store-wide, a category, a product) or a price list. */
export type Rule = DiscountRule | PriceListRule;

export function isPriceList(rule: Rule | UnrecognizedRule): rule is PriceListRule {
  return (rule as { type?: unknown }).type === "price_list";
}

export const accessTypes: readonly AccessType[] = ["all", "specific", "none"];
export const ruleTypes: readonly RuleType[] = ["all", "product", "category"];
export const ruleMethods: readonly RuleMethod[] = ["price", "percent", "fixed"];

/**
 * A rule the store sent that this provider cannot read (unknown type or method, an amount that is not a decimal):
 * kept as sent (only `product_id`/`category_id` renamed) so that it shows in outputs and diffs instead of vanishing.
 */
export type UnrecognizedRule = Record<string, unknown>;

/** The roles a store gives one group at a time (the reference: "There can only be one customer group for guests at a time"). */
export const roles: readonly Role[] = [
  { field: "isDefault", name: "default group" },
  { field: "isGroupForGuests", name: "guest group" },
];

/** The optional arguments: absent means "not managed" (never sent, never compared). */
export const optionalFields = ["isDefault", "categoryAccess", "discountRules", "isGroupForGuests"] as const satisfies readonly OptionalArgument[];
export type OptionalField = OptionalArgument;
export type Field = "name" | OptionalField;

/** The resource's arguments after `check` (amounts at 4 decimals, rules and categories in canonical order). */
export type GroupInputs = CustomerGroupArgs;

/** What the state records: every field as the store holds it, plus which optional ones the program declares. */
export interface GroupState {
  /** The store's numeric id (the resource id is its string form). */
  groupId: number;
  storeHash: string;
  name: string;
  isDefault: boolean;
  categoryAccess: CategoryAccess | Record<string, unknown>;
  /** In canonical order; rules the provider could not read are kept, last. */
  discountRules: (Rule | UnrecognizedRule)[];
  /** Whether the group is the store's guest group (recorded after 0.1.0: absent in older state until a refresh or an update). */
  isGroupForGuests?: boolean;
  /** The optional arguments the program declared when this state was written. */
  managed: OptionalField[];
  adopt?: boolean;
}

/** The state in the shape of the program's arguments (what a refresh reports): what the store holds, readable or not. */
export interface ObservedInputs {
  name: string;
  isDefault?: boolean;
  categoryAccess?: CategoryAccess | Record<string, unknown>;
  discountRules?: (Rule | UnrecognizedRule)[];
  isGroupForGuests?: boolean;
  adopt?: boolean;
}

/** Amounts compare at the store's precision: 4 decimals. */
export function roundAmount(amount: number): number {
  const rounded = Math.round(amount * 10_000) / 10_000;
  return Object.is(rounded, -0) ? 0 : rounded;
}

const typeOrder: Record<Rule["type"], number> = { price_list: 0, all: 1, category: 2, product: 3 };

function targetId(rule: Rule): number {
  if (isPriceList(rule)) return rule.priceListId;
  return rule.type === "product" ? (rule.productId ?? 0) : rule.type === "category" ? (rule.categoryId ?? 0) : 0;
}

export function isRecognized(rule: Rule | UnrecognizedRule): rule is Rule {
  if (isPriceList(rule)) return isId(rule.priceListId) && Object.keys(rule).every((k) => k === "type" || k === "priceListId");
  const r = rule as Partial<DiscountRule>;
  return (
    ruleTypes.includes(r.type as RuleType) &&
    ruleMethods.includes(r.method as RuleMethod) &&
    typeof r.amount === "number" &&
    Number.isFinite(r.amount) &&
    (r.type !== "product" || isId(r.productId)) &&
    (r.type !== "category" || isId(r.categoryId)) &&
    Object.keys(rule).every((k) => ["type", "method", "amount", "productId", "categoryId"].includes(k)) &&
    (r.type === "product" || r.productId === undefined) &&
    (r.type === "category" || r.categoryId === undefined)
  );
}

export function isId(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value > 0;
}

/** A rule's identity for set comparison: target, method and amount at 4 decimals; unreadable rules by their JSON. */
export function ruleKey(rule: Rule | UnrecognizedRule): string {
  if (!isRecognized(rule)) return `?${canonicalJson(rule)}`;
  if (isPriceList(rule)) return `price_list:${rule.priceListId}`;
  return `${rule.type}:${targetId(rule)}:${rule.method}:${roundAmount(rule.amount).toFixed(4)}`;
}

/** Canonical rule order: a price list, store-wide, then categories, then products, by id; unreadable rules last, by their JSON. */
export function compareRules(a: Rule | UnrecognizedRule, b: Rule | UnrecognizedRule): number {
  const ra = isRecognized(a);
  const rb = isRecognized(b);
  if (ra !== rb) return ra ? -1 : 1;
  if (ra && rb) {
    const byTarget = typeOrder[a.type] - typeOrder[b.type] || targetId(a) - targetId(b);
    if (byTarget !== 0 || isPriceList(a) || isPriceList(b)) return byTarget;
    return ruleMethods.indexOf(a.method) - ruleMethods.indexOf(b.method) || a.amount - b.amount;
  }
  const ka = canonicalJson(a);
  const kb = canonicalJson(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** Discount rules are a set: equal when they hold the same rules, in any order. */
export function sameRules(a: readonly (Rule | UnrecognizedRule)[], b: readonly (Rule | UnrecognizedRule)[]): boolean {
  if (a.length !== b.length) return false;
  const ka = a.map(ruleKey).sort();
  const kb = b.map(ruleKey).sort();
  return ka.every((k, i) => k === kb[i]);
}

export function sameAccess(a: CategoryAccess | Record<string, unknown>, b: CategoryAccess | Record<string, unknown>): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/** The canonical form of valid inputs: amounts at 4 decimals, rules and categories in order, absent stays absent. */
export function normalizeInputs(raw: GroupInputs): GroupInputs {
  const inputs: GroupInputs = { name: raw.name };
  if (raw.isDefault !== undefined) inputs.isDefault = raw.isDefault;
  if (raw.categoryAccess !== undefined) inputs.categoryAccess = normalizeAccess(raw.categoryAccess);
  if (raw.discountRules !== undefined) inputs.discountRules = raw.discountRules.map(normalizeRule).sort(compareRules);
  if (raw.isGroupForGuests !== undefined) inputs.isGroupForGuests = raw.isGroupForGuests;
  if (raw.adopt !== undefined) inputs.adopt = raw.adopt;
  if (raw.deleteWithCustomers !== undefined) inputs.deleteWithCustomers = raw.deleteWithCustomers;
  return inputs;
}

export function normalizeAccess(access: CategoryAccess): CategoryAccess {
  if (access.type !== "specific") return { type: access.type };
  return { type: "specific", categories: [...new Set(access.categories ?? [])].sort((a, b) => a - b) };
}

export function normalizeRule<R extends Rule>(rule: R): R;
export function normalizeRule(rule: Rule): Rule {
  if (isPriceList(rule)) return { type: "price_list", priceListId: rule.priceListId };
  const out: DiscountRule = { type: rule.type, method: rule.method, amount: roundAmount(rule.amount) };
  if (rule.type === "product" && rule.productId !== undefined) out.productId = rule.productId;
  if (rule.type === "category" && rule.categoryId !== undefined) out.categoryId = rule.categoryId;
  return out;
}

/** The optional arguments a program declares. */
export function declaredFields(inputs: GroupInputs): OptionalField[] {
  return declaredArguments(optionalFields, inputs);
}

/** State written by any released version in today's form (0.1.0 already recorded every field this version reads). */
export function migrateState(olds: Record<string, unknown>): GroupState {
  const state = olds as unknown as GroupState;
  return Array.isArray(state.managed) ? state : { ...state, managed: [] };
}

/** The state in the shape of the program's arguments (only those it declared), for `ReadResult.inputs`. */
export function observedInputs(state: GroupState): ObservedInputs {
  const inputs: ObservedInputs = { name: state.name };
  if (state.managed.includes("isDefault")) inputs.isDefault = state.isDefault;
  if (state.managed.includes("categoryAccess")) inputs.categoryAccess = state.categoryAccess;
  if (state.managed.includes("discountRules")) inputs.discountRules = state.discountRules;
  if (state.managed.includes("isGroupForGuests") && state.isGroupForGuests !== undefined) inputs.isGroupForGuests = state.isGroupForGuests;
  if (state.adopt !== undefined) inputs.adopt = state.adopt;
  return inputs;
}
