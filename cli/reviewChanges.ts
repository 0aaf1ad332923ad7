// What one step of a preview will do to one customer group, in a merchant's terms and as the exact requests `pulumi up`
// sends, computed with the provider's own normalize and diff code from the recorded state and the new inputs.

import { changedFields, toUpdateBody } from "../provider/bigcommerce/changes";
import {
  isRecognized,
  migrateState as migrateBigCommerce,
  type DiscountRule,
  type GroupInputs as BcInputs,
  type GroupState as BcState,
} from "../provider/bigcommerce/model";
import { toCreateBody, type WireBody } from "../provider/bigcommerce/wire";
import { toUpdateActions } from "../provider/commercetools/actions";
import {
  desiredShape,
  migrateState as migrateCommercetools,
  shapeOfState,
  type GroupInputs as CtInputs,
  type GroupShape,
} from "../provider/commercetools/model";
import { toDraft } from "../provider/commercetools/wire";
import { differences } from "../provider/revcent/drift";
import { migrateState as migrateRevCent, type GroupInputs as RcInputs } from "../provider/revcent/model";
import type { CustomerGroupUpdateAction } from "@commercetools/platform-sdk";
import type { BackendName } from "../sdk/config/format";

export type Action = "create" | "adopt" | "update" | "replace" | "delete";

export interface FieldChange {
  field: string;
  before: string;
  after: string;
}

export interface RequestLine {
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: string;
  body?: unknown;
}

export interface GroupReview {
  urn: string;
  /** The resource name. */
  name: string;
  backend: BackendName;
  connection?: string;
  /** `project 'shop-eu'`, `store 'abc123'`; absent for RevCent. */
  scope?: string;
  action: Action;
  fields: FieldChange[];
  requests: RequestLine[];
  warnings: string[];
}

/** A live group found for an adoption: what adopting it will send, or why it will fail. */
export interface AdoptionLookup {
  found: boolean;
  /** The group's id when found. */
  id?: string;
  requests: RequestLine[];
  fields: FieldChange[];
  warnings: string[];
}

type Props = Record<string, unknown>;

const show = (value: unknown): string => (value === undefined ? "(none)" : typeof value === "string" ? JSON.stringify(value) : JSON.stringify(value));

// ---- commercetools ----

export function commercetoolsUpdate(id: string, outputs: Props, inputs: Props): Pick<GroupReview, "fields" | "requests"> {
  const olds = migrateCommercetools(outputs);
  const base = shapeOfState(olds);
  const actions = toUpdateActions(base, desiredShape(base, inputs as unknown as CtInputs));
  return {
    fields: actions.map((a) => commercetoolsField(a, base)),
    requests: actions.length === 0 ? [] : [{ method: "POST", path: `/${olds.projectKey}/customer-groups/${id}`, body: { version: olds.version, actions } }],
  };
}

/** One update action in a merchant's terms. */
export function commercetoolsField(action: CustomerGroupUpdateAction, current: GroupShape): FieldChange {
  const { key, custom } = current;
  switch (action.action) {
    case "changeName":
      return { field: "name", before: show(current.name), after: show(action.name) };
    case "setKey":
      return { field: "key", before: show(key), after: show(action.key) };
    case "setCustomType": {
      const name = (t?: { key?: string; id?: string }) => (t ? (t.key !== undefined ? `type ${t.key}` : `type id ${t.id}`) : "(none)");
      const to = action.type ? (action.type.key !== undefined ? `type ${action.type.key}` : `type id ${action.type.id}`) : "(none)";
      const fields = action.fields ? ` with fields ${JSON.stringify(action.fields)}` : "";
      return { field: "custom type", before: name(custom?.type), after: `${to}${fields}` };
    }
    case "setCustomField":
      return { field: `custom field ${action.name}`, before: show(custom?.fields[action.name]), after: show(action.value) };
    default:
      return { field: (action as { action: string }).action, before: "", after: JSON.stringify(action) };
  }
}

export function commercetoolsCreate(projectKey: string | undefined, inputs: Props): Pick<GroupReview, "fields" | "requests"> {
  const draft = toDraft(inputs as unknown as CtInputs);
  return {
    fields: declaredFields(inputs, ["name", "key", "custom"]),
    requests: [{ method: "POST", path: `/${projectKey ?? "<projectKey>"}/customer-groups`, body: draft }],
  };
}

// ---- BigCommerce ----

const targetOf = (rule: DiscountRule): string =>
  rule.type === "product" ? `product ${rule.productId}` : rule.type === "category" ? `category ${rule.categoryId}` : "the whole store";
const modifier = (rule: DiscountRule): string =>
  rule.method === "percent" ? `${rule.amount}%` : rule.method === "price" ? `price modified by ${rule.amount}` : `fixed discount of ${rule.amount}`;
const access = (value: unknown): string => {
  const a = value as { type?: string; categories?: number[] } | undefined;
  if (!a || a.type === "all") return "all categories";
  if (a.type === "none") return "no categories";
  if (a.type === "specific") return `categories ${(a.categories ?? []).join(", ")}`;
  return JSON.stringify(value);
};

/** Each rule that changes, by its target: `discount on product 33: 5% → 7.5%`. */
function ruleChanges(before: readonly unknown[], after: readonly DiscountRule[]): FieldChange[] {
  const byTarget = (rules: readonly unknown[]) =>
    new Map(rules.filter((r): r is DiscountRule => isRecognized(r as DiscountRule)).map((r) => [targetOf(r), modifier(r)]));
  const was = byTarget(before);
  const will = byTarget(after);
  const changes: FieldChange[] = [];
  for (const target of [...new Set([...was.keys(), ...will.keys()])]) {
    if (was.get(target) !== will.get(target))
      changes.push({ field: `discount on ${target}`, before: was.get(target) ?? "(none)", after: will.get(target) ?? "(none)" });
  }
  const unreadable = before.filter((r) => !isRecognized(r as DiscountRule)).length;
  if (unreadable > 0) changes.push({ field: "discount rules the provider cannot read", before: `${unreadable}`, after: "(replaced)" });
  return changes;
}

function bigcommerceFields(state: BcState, inputs: BcInputs): FieldChange[] {
  const fields: FieldChange[] = [];
  for (const field of changedFields(state, inputs)) {
    if (field === "name") fields.push({ field: "name", before: show(state.name), after: show(inputs.name) });
    if (field === "isDefault") fields.push({ field: "default group", before: state.isDefault ? "yes" : "no", after: inputs.isDefault ? "yes" : "no" });
    if (field === "categoryAccess") fields.push({ field: "catalogue access", before: access(state.categoryAccess), after: access(inputs.categoryAccess) });
    if (field === "discountRules") fields.push(...ruleChanges(state.discountRules, inputs.discountRules ?? []));
  }
  return fields;
}

function bigcommercePut(storeHash: string, id: string, state: BcState, body: WireBody): Pick<GroupReview, "requests" | "warnings"> {
  const warnings: string[] = [];
  if (body.discount_rules !== undefined) {
    warnings.push(
      `The PUT replaces all ${state.discountRules.length} discount rule${state.discountRules.length === 1 ? "" : "s"} of the group with the ` +
        `${body.discount_rules.length} declared (BigCommerce overwrites the set as a whole).`,
    );
  }
  return {
    requests: [
      { method: "GET", path: `/stores/${storeHash}/v2/customer_groups/${id}` },
      { method: "PUT", path: `/stores/${storeHash}/v2/customer_groups/${id}`, body },
    ],
    warnings,
  };
}

export function bigcommerceUpdate(id: string, outputs: Props, inputs: Props): Pick<GroupReview, "fields" | "requests" | "warnings"> {
  const state = migrateBigCommerce(outputs);
  const news = inputs as unknown as BcInputs;
  const body = toUpdateBody(state, news);
  const fields = bigcommerceFields(state, news);
  if (Object.keys(body).length === 0) return { fields, requests: [], warnings: [] };
  return { fields, ...bigcommercePut(state.storeHash, id, state, body) };
}

/** What adopting a live BigCommerce group sends: nothing when it matches, else one PUT (no read first: it was just read). */
export function bigcommerceConverge(storeHash: string, state: BcState, inputs: Props): Pick<GroupReview, "fields" | "requests" | "warnings"> {
  const news = inputs as unknown as BcInputs;
  const body = toUpdateBody(state, news);
  const fields = bigcommerceFields(state, news);
  if (Object.keys(body).length === 0) return { fields, requests: [], warnings: [] };
  const { requests, warnings } = bigcommercePut(storeHash, String(state.groupId), state, body);
  return { fields, requests: requests.filter((r) => r.method !== "GET"), warnings };
}

export function bigcommerceCreate(storeHash: string | undefined, inputs: Props): Pick<GroupReview, "fields" | "requests"> {
  return {
    fields: declaredFields(inputs, ["name", "isDefault", "categoryAccess", "discountRules"]),
    requests: [{ method: "POST", path: `/stores/${storeHash ?? "<storeHash>"}/v2/customer_groups`, body: toCreateBody(inputs as unknown as BcInputs) }],
  };
}

// ---- RevCent ----

/** RevCent is never written: the declared values that differ from the group as recorded, and that `up` will fail on them. */
export function revcentUpdate(outputs: Props, inputs: Props): Pick<GroupReview, "fields" | "warnings"> {
  const state = migrateRevCent(outputs);
  const diffs = differences(state, inputs as RcInputs);
  return {
    fields: diffs.map((d) => ({ field: d.path, before: show(d.live), after: show(d.declared) })),
    warnings:
      diffs.length === 0
        ? []
        : [
            "RevCent's API cannot change customer groups: `pulumi up` fails for this group until the group in RevCent holds the declared values " +
              "(or the declaration is changed back).",
          ],
  };
}

/** Every declared argument, as new values. */
function declaredFields(inputs: Props, names: readonly string[]): FieldChange[] {
  return names.filter((n) => inputs[n] !== undefined).map((n) => ({ field: n, before: "(none)", after: JSON.stringify(inputs[n]) }));
}
