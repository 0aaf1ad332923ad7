// `review` of a BigCommerce step: each changed field in a merchant's terms (discount rules one by one, by their target),
// and the exact requests `pulumi up` sends (the provider's own PUT body, read first for the overwrite check).

import type { BackendDescriptor, Props } from "../backend";
import { AdoptionLookup, declaredAsNew, deleteWarning, Explanation, FieldChange, replaceWarning, RequestLine, shown } from "../explain";
import { reached } from "../lifecycle";
import { changedFields, toUpdateBody } from "./changes";
import { customerGroupAdapter } from "./customerGroup";
import { declaredFields, DiscountRule, GroupInputs, GroupState, isRecognized, migrateState } from "./model";
import { stateOfGroup, toCreateBody, WireBody } from "./wire";

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

function changedFieldsInWords(state: GroupState, inputs: GroupInputs): FieldChange[] {
  const fields: FieldChange[] = [];
  for (const field of changedFields(state, inputs)) {
    if (field === "name") fields.push({ field: "name", before: shown(state.name), after: shown(inputs.name) });
    if (field === "isDefault") fields.push({ field: "default group", before: state.isDefault ? "yes" : "no", after: inputs.isDefault ? "yes" : "no" });
    if (field === "categoryAccess") fields.push({ field: "catalogue access", before: access(state.categoryAccess), after: access(inputs.categoryAccess) });
    if (field === "discountRules") fields.push(...ruleChanges(state.discountRules, inputs.discountRules ?? []));
  }
  return fields;
}

const groupPath = (storeHash: string, id: string) => `/stores/${storeHash}/v2/customer_groups/${id}`;

/** The update's requests (a GET for the overwrite check, then the PUT) and the warning when the rule set is replaced. */
function put(storeHash: string, id: string, state: GroupState, body: WireBody): Pick<Explanation, "requests" | "warnings"> {
  const warnings: string[] = [];
  if (body.discount_rules !== undefined) {
    warnings.push(
      `The PUT replaces all ${state.discountRules.length} discount rule${state.discountRules.length === 1 ? "" : "s"} of the group with the ` +
        `${body.discount_rules.length} declared (BigCommerce overwrites the set as a whole).`,
    );
  }
  return {
    requests: [
      { method: "GET", path: groupPath(storeHash, id) },
      { method: "PUT", path: groupPath(storeHash, id), body },
    ],
    warnings,
  };
}

/** What making `state` into the inputs sends: nothing when they agree, else the PUT. */
function converge(id: string, state: GroupState, inputs: GroupInputs): Explanation {
  const body = toUpdateBody(state, inputs);
  const fields = changedFieldsInWords(state, inputs);
  if (Object.keys(body).length === 0) return { fields, requests: [], warnings: [] };
  return { fields, ...put(state.storeHash, id, state, body) };
}

const deleteRequest = (id: string, outputs: Props): RequestLine => ({ method: "DELETE", path: groupPath(String(outputs.storeHash), id) });

export const review: BackendDescriptor["review"] = {
  created: (storeHash, inputs) => ({
    fields: declaredAsNew(inputs, ["name", "isDefault", "categoryAccess", "discountRules"]),
    requests: [{ method: "POST", path: `/stores/${storeHash ?? "<storeHash>"}/v2/customer_groups`, body: toCreateBody(inputs as unknown as GroupInputs) }],
    warnings: [],
  }),

  updated: (id, outputs, inputs) => converge(id, migrateState(outputs), inputs as unknown as GroupInputs),

  deleted: (id, outputs) => ({
    fields: [],
    requests: [deleteRequest(id, outputs)],
    warnings: [deleteWarning(outputs.name, " (BigCommerce unassigns its customers from it)")],
  }),

  replaced: (id, outputs, why, from, to) => ({ fields: [], requests: [deleteRequest(id, outputs)], warnings: [replaceWarning(why, outputs.name, from, to)] }),

  async adoption(reach, props): Promise<AdoptionLookup> {
    const { adapter, client } = reached(customerGroupAdapter, reach);
    const inputs = props as unknown as GroupInputs;
    const identity = adapter.identity(inputs);
    const find: RequestLine = {
      method: "GET",
      path: `/stores/${client.storeHash}/v2/customer_groups?name=${encodeURIComponent(identity.value)}&page=1&limit=250`,
    };
    const live = await adapter.find(client, identity, false);
    if (!live) return { found: false, requests: [find], fields: [], warnings: [] };
    const { state } = stateOfGroup(live, client.storeHash, declaredFields(inputs), true);
    // No read before the PUT: adoption has just read the group.
    const { fields, requests, warnings } = converge(String(state.groupId), state, inputs);
    return { found: true, id: String(live.id), fields, requests: [find, ...requests.filter((r) => r.method !== "GET")], warnings };
  },
};
