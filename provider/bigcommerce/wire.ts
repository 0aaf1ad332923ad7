// The BigCommerce v2 wire format of a customer group (snake_case, amounts as strings) to and from the provider's terms.

import {
  accessTypes,
  CategoryAccess,
  compareRules,
  GroupInputs,
  GroupState,
  isId,
  isPriceList,
  isRecognized,
  normalizeAccess,
  normalizeRule,
  optionalFields,
  OptionalField,
  roundAmount,
  Rule,
  RuleMethod,
  RuleType,
  AccessType,
  UnrecognizedRule,
} from "./model";

/** A rule as a request carries it: only its type's fields (the reference's customerGroup_Post_Put). */
export type WireRule =
  { type: RuleType; method: RuleMethod; amount: number; product_id?: number; category_id?: number } | { type: "price_list"; price_list_id: number };

/** A POST or PUT body: only the fields the reference lists. */
export interface WireBody {
  name?: string;
  is_default?: boolean;
  category_access?: { type: AccessType; categories?: number[] };
  discount_rules?: WireRule[];
  is_group_for_guests?: boolean;
}

/** A group as the store answers it; nothing in it is trusted until `stateOfGroup` has read it. */
export interface WireGroup {
  id: number;
  name: string;
  is_default?: unknown;
  category_access?: unknown;
  discount_rules?: unknown;
  [other: string]: unknown;
}

export function toWireRule(rule: Rule): WireRule {
  if (isPriceList(rule)) return { type: "price_list", price_list_id: rule.priceListId };
  const wire: WireRule = { type: rule.type, method: rule.method, amount: rule.amount };
  if (rule.productId !== undefined) wire.product_id = rule.productId;
  if (rule.categoryId !== undefined) wire.category_id = rule.categoryId;
  return wire;
}

export function toWireAccess(access: CategoryAccess): NonNullable<WireBody["category_access"]> {
  return access.type === "specific" ? { type: "specific", categories: [...(access.categories ?? [])] } : { type: access.type };
}

/** The POST body: the name and the declared fields only. */
export function toCreateBody(inputs: GroupInputs): WireBody {
  const body: WireBody = { name: inputs.name };
  if (inputs.isDefault !== undefined) body.is_default = inputs.isDefault;
  if (inputs.categoryAccess !== undefined) body.category_access = toWireAccess(inputs.categoryAccess);
  if (inputs.discountRules !== undefined) body.discount_rules = inputs.discountRules.map(toWireRule);
  if (inputs.isGroupForGuests !== undefined) body.is_group_for_guests = inputs.isGroupForGuests;
  return body;
}

export interface ReadGroup {
  state: GroupState;
  /** One message per part of the group the provider could not understand (kept in the state as sent). */
  problems: string[];
}

/**
 * The live group in state form. Amounts arrive as "5.0000" strings and are read as numbers at 4 decimals; rules are
 * put in canonical order. A rule that cannot be read is kept as sent and named in `problems`, never dropped.
 */
export function stateOfGroup(group: WireGroup, storeHash: string, managed: readonly OptionalField[], adopt?: boolean): ReadGroup {
  const problems: string[] = [];
  const what = `bigcommerce customer group ${group.id} ('${group.name}')`;

  const rawRules = Array.isArray(group.discount_rules) ? group.discount_rules : group.discount_rules == null ? [] : undefined;
  const rules: (Rule | UnrecognizedRule)[] = [];
  if (rawRules === undefined) {
    problems.push(`${what}: discount_rules is not a list: ${JSON.stringify(group.discount_rules)}`);
  } else {
    rawRules.forEach((raw, index) => {
      const rule = readRule(raw);
      if (!isRecognized(rule)) {
        problems.push(
          `${what}: discount rule ${index} is not understood and is kept as the store sent it: ${JSON.stringify(raw)}. ` +
            'Expected type "all", "product" (with product_id) or "category" (with category_id), method "price", "percent" or "fixed", and a decimal amount; ' +
            'or type "price_list" with price_list_id.',
        );
      }
      rules.push(rule);
    });
  }
  rules.sort(compareRules);

  const access = readAccess(group.category_access);
  if (!access.ok) {
    problems.push(
      `${what}: category_access is not understood and is kept as the store sent it: ${JSON.stringify(group.category_access)}. ` +
        'Expected type "all", "specific" (with categories) or "none".',
    );
  }

  const state: GroupState = {
    groupId: group.id,
    storeHash,
    name: group.name,
    isDefault: group.is_default === true,
    categoryAccess: access.value,
    discountRules: rules,
    isGroupForGuests: group.is_group_for_guests === true,
    managed: optionalFields.filter((f) => managed.includes(f)),
  };
  if (adopt !== undefined) state.adopt = adopt;
  return { state, problems };
}

const renamed: Record<string, string> = { product_id: "productId", category_id: "categoryId", price_list_id: "priceListId" };

/** A wire rule in input shape; anything unreadable stays as it came (with only the id fields renamed). */
function readRule(raw: unknown): Rule | UnrecognizedRule {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return { value: raw as unknown };
  const r = raw as Record<string, unknown>;
  // The store answers a price-list rule with its type and id only (the reference: "method and amount are not shown").
  const priceListId = readId(r.price_list_id);
  if (r.type === "price_list" && priceListId !== undefined && r.method == null && r.amount == null) return { type: "price_list", priceListId };
  // Fields the store may add besides these carry no meaning for the rule and are ignored.
  const candidate: Record<string, unknown> = { type: r.type, method: r.method, amount: readAmount(r.amount) };
  const productId = readId(r.product_id);
  const categoryId = readId(r.category_id);
  // The store may send the other kind's id as 0 or null: only the rule's own target counts.
  if (r.type === "product" || productId !== undefined) candidate.productId = productId ?? r.product_id;
  if (r.type === "category" || categoryId !== undefined) candidate.categoryId = categoryId ?? r.category_id;
  for (const k of Object.keys(candidate)) if (candidate[k] === undefined) delete candidate[k];
  if (isRecognized(candidate)) return normalizeRule(candidate);
  const kept: UnrecognizedRule = {};
  for (const [k, v] of Object.entries(r)) kept[renamed[k] ?? k] = v;
  return kept;
}

function readId(value: unknown): number | undefined {
  const id = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  return isId(id) ? id : undefined;
}

function readAmount(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return roundAmount(value);
  if (typeof value === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return roundAmount(Number(value));
  return undefined;
}

function readAccess(raw: unknown): { ok: boolean; value: CategoryAccess | Record<string, unknown> } {
  if (raw === undefined || raw === null) return { ok: true, value: { type: "all" } };
  const r = raw as { type?: unknown; categories?: unknown };
  if (typeof raw !== "object" || Array.isArray(raw) || !accessTypes.includes(r.type as AccessType)) {
    return { ok: false, value: typeof raw === "object" && !Array.isArray(raw) ? (raw as Record<string, unknown>) : { value: raw } };
  }
  const type = r.type as AccessType;
  if (type !== "specific") return { ok: true, value: { type } };
  const list = Array.isArray(r.categories) ? r.categories.map((c) => (typeof c === "string" && /^\d+$/.test(c) ? Number(c) : c)) : undefined;
  if (!list || !list.every(isId)) return { ok: false, value: raw as Record<string, unknown> };
  return { ok: true, value: normalizeAccess({ type, categories: list }) };
}
