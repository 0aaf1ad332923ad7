// The BigCommerce customer group in the provider's terms: inputs, recorded state, the v2 wire format, and comparisons at the store's precision.

export type AccessType = "all" | "specific" | "none";
export type RuleType = "all" | "product" | "category";
export type RuleMethod = "price" | "percent" | "fixed";

export const accessTypes: readonly AccessType[] = ["all", "specific", "none"];
export const ruleTypes: readonly RuleType[] = ["all", "product", "category"];
export const ruleMethods: readonly RuleMethod[] = ["price", "percent", "fixed"];

export interface CategoryAccess {
  type: AccessType;
  /** Category ids, only with `specific`; ascending, without repeats. */
  categories?: number[];
}

export interface DiscountRule {
  type: RuleType;
  method: RuleMethod;
  /** Rounded to the store's 4 decimals. */
  amount: number;
  productId?: number;
  categoryId?: number;
}

/**
 * A rule the store sent that this provider cannot read (unknown type or method, an amount that is not a decimal):
 * kept as sent (only `product_id`/`category_id` renamed) so that it shows in outputs and diffs instead of vanishing.
 */
export type UnrecognizedRule = Record<string, unknown>;

/** The optional arguments: absent means "not managed" (never sent, never compared). */
export const optionalFields = ["isDefault", "categoryAccess", "discountRules"] as const;
export type OptionalField = (typeof optionalFields)[number];
export type Field = "name" | OptionalField;

/** The resource's arguments after `check`. */
export interface GroupInputs {
  name: string;
  isDefault?: boolean;
  categoryAccess?: CategoryAccess;
  discountRules?: DiscountRule[];
  adopt?: boolean;
}

/** What the state records: every field as the store holds it, plus which optional ones the program declares. */
export interface GroupState {
  /** The store's numeric id (the resource id is its string form). */
  groupId: number;
  storeHash: string;
  name: string;
  isDefault: boolean;
  categoryAccess: CategoryAccess | Record<string, unknown>;
  /** In canonical order; rules the provider could not read are kept, last. */
  discountRules: (DiscountRule | UnrecognizedRule)[];
  /** The optional arguments the program declared when this state was written. */
  managed: OptionalField[];
  adopt?: boolean;
}

// ---- the v2 wire format ----

export interface WireRule {
  type: RuleType;
  method: RuleMethod;
  amount: number;
  product_id?: number;
  category_id?: number;
}

export interface WireBody {
  name?: string;
  is_default?: boolean;
  category_access?: { type: AccessType; categories?: number[] };
  discount_rules?: WireRule[];
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

/** Amounts compare at the store's precision: 4 decimals. */
export function roundAmount(amount: number): number {
  const rounded = Math.round(amount * 10_000) / 10_000;
  return Object.is(rounded, -0) ? 0 : rounded;
}

const typeOrder: Record<RuleType, number> = { all: 0, category: 1, product: 2 };

function targetId(rule: DiscountRule): number {
  return rule.type === "product" ? (rule.productId ?? 0) : rule.type === "category" ? (rule.categoryId ?? 0) : 0;
}

export function isRecognized(rule: DiscountRule | UnrecognizedRule): rule is DiscountRule {
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

function isId(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value > 0;
}

/** A rule's identity for set comparison: target, method and amount at 4 decimals; unreadable rules by their JSON. */
export function ruleKey(rule: DiscountRule | UnrecognizedRule): string {
  if (!isRecognized(rule)) return `?${canonicalJson(rule)}`;
  return `${rule.type}:${targetId(rule)}:${rule.method}:${roundAmount(rule.amount).toFixed(4)}`;
}

/** Canonical rule order: store-wide first, then categories, then products, by id; unreadable rules last, by their JSON. */
export function compareRules(a: DiscountRule | UnrecognizedRule, b: DiscountRule | UnrecognizedRule): number {
  const ra = isRecognized(a);
  const rb = isRecognized(b);
  if (ra !== rb) return ra ? -1 : 1;
  if (ra && rb) {
    return (
      typeOrder[a.type] - typeOrder[b.type] ||
      targetId(a) - targetId(b) ||
      ruleMethods.indexOf(a.method) - ruleMethods.indexOf(b.method) ||
      a.amount - b.amount
    );
  }
  const ka = canonicalJson(a);
  const kb = canonicalJson(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** Discount rules are a set: equal when they hold the same rules, in any order. */
export function sameRules(a: readonly (DiscountRule | UnrecognizedRule)[], b: readonly (DiscountRule | UnrecognizedRule)[]): boolean {
  if (a.length !== b.length) return false;
  const ka = a.map(ruleKey).sort();
  const kb = b.map(ruleKey).sort();
  return ka.every((k, i) => k === kb[i]);
}

export function sameAccess(a: CategoryAccess | Record<string, unknown>, b: CategoryAccess | Record<string, unknown>): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = sortKeys(v);
    }
    return out;
  }
  return value;
}

// ---- inputs ----

/** The canonical form of valid inputs: amounts at 4 decimals, rules and categories in order, absent stays absent. */
export function normalizeInputs(raw: GroupInputs): GroupInputs {
  const inputs: GroupInputs = { name: raw.name };
  if (raw.isDefault !== undefined) inputs.isDefault = raw.isDefault;
  if (raw.categoryAccess !== undefined) inputs.categoryAccess = normalizeAccess(raw.categoryAccess);
  if (raw.discountRules !== undefined) inputs.discountRules = raw.discountRules.map(normalizeRule).sort(compareRules);
  if (raw.adopt !== undefined) inputs.adopt = raw.adopt;
  return inputs;
}

function normalizeAccess(access: CategoryAccess): CategoryAccess {
  if (access.type !== "specific") return { type: access.type };
  return { type: "specific", categories: [...new Set(access.categories ?? [])].sort((a, b) => a - b) };
}

function normalizeRule(rule: DiscountRule): DiscountRule {
  const out: DiscountRule = { type: rule.type, method: rule.method, amount: roundAmount(rule.amount) };
  if (rule.type === "product" && rule.productId !== undefined) out.productId = rule.productId;
  if (rule.type === "category" && rule.categoryId !== undefined) out.categoryId = rule.categoryId;
  return out;
}

/** The optional arguments a program declares. */
export function declaredFields(inputs: GroupInputs): OptionalField[] {
  return optionalFields.filter((f) => inputs[f] !== undefined);
}

// ---- to the wire ----

export function toWireRule(rule: DiscountRule): WireRule {
  const wire: WireRule = { type: rule.type, method: rule.method, amount: rule.amount };
  if (rule.productId !== undefined) wire.product_id = rule.productId;
  if (rule.categoryId !== undefined) wire.category_id = rule.categoryId;
  return wire;
}

function toWireAccess(access: CategoryAccess): NonNullable<WireBody["category_access"]> {
  return access.type === "specific" ? { type: "specific", categories: [...(access.categories ?? [])] } : { type: access.type };
}

/** The POST body: the name and the declared fields only. */
export function toCreateBody(inputs: GroupInputs): WireBody {
  const body: WireBody = { name: inputs.name };
  if (inputs.isDefault !== undefined) body.is_default = inputs.isDefault;
  if (inputs.categoryAccess !== undefined) body.category_access = toWireAccess(inputs.categoryAccess);
  if (inputs.discountRules !== undefined) body.discount_rules = inputs.discountRules.map(toWireRule);
  return body;
}

/** The arguments whose desired value differs from the recorded one; undeclared arguments never differ. */
export function changedFields(current: GroupState, desired: GroupInputs): Field[] {
  const changed: Field[] = [];
  if (current.name !== desired.name) changed.push("name");
  if (desired.isDefault !== undefined && current.isDefault !== desired.isDefault) changed.push("isDefault");
  if (desired.categoryAccess !== undefined && !sameAccess(current.categoryAccess, desired.categoryAccess)) changed.push("categoryAccess");
  if (desired.discountRules !== undefined && !sameRules(current.discountRules, desired.discountRules)) changed.push("discountRules");
  return changed;
}

/**
 * The PUT body that makes `current` into `desired`: only the changed fields. The store overwrites the rule set as a
 * whole, so changed rules go as the complete desired set (`[]` removes them all); unchanged rules are left out.
 */
export function toUpdateBody(current: GroupState, desired: GroupInputs): WireBody {
  const body: WireBody = {};
  for (const field of changedFields(current, desired)) {
    if (field === "name") body.name = desired.name;
    if (field === "isDefault") body.is_default = desired.isDefault;
    if (field === "categoryAccess") body.category_access = toWireAccess(desired.categoryAccess!);
    if (field === "discountRules") body.discount_rules = desired.discountRules!.map(toWireRule);
  }
  return body;
}

const bodyFields: Record<keyof WireBody, Field> = {
  name: "name",
  is_default: "isDefault",
  category_access: "categoryAccess",
  discount_rules: "discountRules",
};

/** The arguments a PUT body overwrites. */
export function fieldsOfBody(body: WireBody): Field[] {
  return (Object.keys(body) as (keyof WireBody)[]).filter((k) => body[k] !== undefined).map((k) => bodyFields[k]);
}

/**
 * The warning to give before a PUT when the group was changed outside Pulumi since the state was written, in a field
 * the PUT is about to overwrite; undefined when there is nothing to warn about.
 */
export function overwriteWarning(lastKnown: GroupState, live: GroupState, body: WireBody): string | undefined {
  const edited = fieldsOfBody(body).filter((field) => {
    switch (field) {
      case "name":
        return lastKnown.name !== live.name;
      case "isDefault":
        return lastKnown.isDefault !== live.isDefault;
      case "categoryAccess":
        return !sameAccess(lastKnown.categoryAccess, live.categoryAccess);
      case "discountRules":
        return !sameRules(lastKnown.discountRules, live.discountRules);
    }
  });
  if (edited.length === 0) return undefined;
  const list = edited.join(", ");
  return (
    `bigcommerce customer group ${live.groupId} ('${live.name}') in store '${live.storeHash}' was changed outside Pulumi since it was last ` +
    `read (${list}); this update overwrites ${edited.length === 1 ? "that change" : "those changes"} with the program's values. ` +
    "Run `pulumi refresh` (or `pulumi up --refresh`) to see such changes before applying."
  );
}

// ---- from the wire ----

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
  const rules: (DiscountRule | UnrecognizedRule)[] = [];
  if (rawRules === undefined) {
    problems.push(`${what}: discount_rules is not a list: ${JSON.stringify(group.discount_rules)}`);
  } else {
    rawRules.forEach((raw, index) => {
      const rule = readRule(raw);
      if (!isRecognized(rule)) {
        problems.push(
          `${what}: discount rule ${index} is not understood and is kept as the store sent it: ${JSON.stringify(raw)}. ` +
            'Expected type "all", "product" (with product_id) or "category" (with category_id), method "price", "percent" or "fixed", and a decimal amount.',
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
    managed: optionalFields.filter((f) => managed.includes(f)),
  };
  if (adopt !== undefined) state.adopt = adopt;
  return { state, problems };
}

/** A wire rule in input shape; anything unreadable stays as it came (with only the id fields renamed). */
function readRule(raw: unknown): DiscountRule | UnrecognizedRule {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return { value: raw as unknown };
  const r = raw as Record<string, unknown>;
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
  for (const [k, v] of Object.entries(r)) kept[k === "product_id" ? "productId" : k === "category_id" ? "categoryId" : k] = v;
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

/** The state in the shape of the program's arguments (only those it declared), for `ReadResult.inputs`. */
export function inputsOfState(state: GroupState): Record<string, unknown> {
  const inputs: Record<string, unknown> = { name: state.name };
  if (state.managed.includes("isDefault")) inputs.isDefault = state.isDefault;
  if (state.managed.includes("categoryAccess")) inputs.categoryAccess = state.categoryAccess;
  if (state.managed.includes("discountRules")) inputs.discountRules = state.discountRules;
  if (state.adopt !== undefined) inputs.adopt = state.adopt;
  return inputs;
}
