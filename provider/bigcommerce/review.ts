// `review` of a BigCommerce step: each changed field in a merchant's terms (discount rules one by one, by their target),
// and the exact requests `pulumi up` sends (the provider's own PUT body, read first for the overwrite check).

import type { BackendDescriptor, Props } from "../backend";
import { AdoptionLookup, changesBetween, deleteWarning, Described, Explanation, FieldChange, replaceWarning, RequestLine, worded } from "../explain";
import { reached } from "../lifecycle";
import { joined, ours, quoted, say, type Text, value } from "../text";
import { changedFields, toUpdateBody } from "./changes";
import { customerGroupAdapter } from "./customerGroup";
import { declaredFields, GroupInputs, GroupState, isPriceList, isRecognized, migrateState, Rule } from "./model";
import { stateOfGroup, toCreateBody, WireBody } from "./wire";
import { effectOf, num, targetOf } from "./words";

const access = (v: unknown): Text => {
  const a = v as { type?: string; categories?: unknown[] } | undefined;
  if (!a || a.type === "all") return say`all categories`;
  if (a.type === "none") return say`no categories`;
  if (a.type === "specific" && Array.isArray(a.categories)) return say`categories ${joined(a.categories.map(num), ", ")}`;
  return value(v);
};

/**
 * The group in the store's terms, each rule by its target (`discount on product 33: 5%`); only `fields` where given (the
 * arguments a step changes). Works on recorded state and on arguments alike.
 */
export function inWords(group: Props, fields: readonly string[] = ["name", "isDefault", "isGroupForGuests", "categoryAccess", "discountRules"]): Described[] {
  const described: Described[] = [];
  if (fields.includes("name") && group.name !== undefined) described.push({ field: say`name`, value: group.name, words: worded(group.name) });
  if (fields.includes("isDefault") && group.isDefault !== undefined)
    described.push({ field: say`default group`, value: group.isDefault, words: worded(group.isDefault) });
  if (fields.includes("isGroupForGuests") && group.isGroupForGuests !== undefined)
    described.push({ field: say`guest group`, value: group.isGroupForGuests, words: worded(group.isGroupForGuests) });
  if (fields.includes("categoryAccess") && group.categoryAccess !== undefined)
    described.push({ field: say`catalogue access`, value: group.categoryAccess, words: access(group.categoryAccess) });
  if (fields.includes("discountRules") && Array.isArray(group.discountRules)) {
    const rules = group.discountRules as Rule[];
    for (const rule of rules.filter((r) => isRecognized(r))) {
      if (isPriceList(rule)) described.push({ field: say`prices`, value: rule, words: say`from price list ${num(rule.priceListId)}` });
      else described.push({ field: say`discount on ${targetOf(rule)}`, value: rule, words: effectOf(rule) });
    }
    const unreadable = rules.filter((r) => !isRecognized(r));
    if (unreadable.length > 0) described.push({ field: say`discount rules the provider cannot read`, value: unreadable, words: value(unreadable) });
  }
  return described;
}

/** The fields an update changes, in words: only the arguments the provider's own diff finds changed. */
function changedFieldsInWords(state: GroupState, inputs: GroupInputs): FieldChange[] {
  const changed = changedFields(state, inputs);
  return changesBetween(inWords(state as unknown as Props, changed), inWords(inputs as unknown as Props, changed));
}

/** `no discount rule`, `1 discount rule`, `3 discount rules`. */
const counted = (n: number, noun: "discount rule" | "rule"): Text => (n === 0 ? say`no ${ours(noun)}` : say`${n} ${ours(noun)}${ours(n === 1 ? "" : "s")}`);

const groupPath = (storeHash: string, id: string) => `/stores/${storeHash}/v2/customer_groups/${id}`;

/** The update's requests (a GET for the overwrite check, then the PUT) and the warning when the rule set is replaced. */
function put(storeHash: string, id: string, state: GroupState, body: WireBody): Pick<Explanation, "requests" | "warnings"> {
  const warnings: Text[] = [];
  if (body.discount_rules !== undefined) {
    warnings.push(
      say`The PUT replaces the group's ${counted(state.discountRules.length, "discount rule")} with the ${counted(body.discount_rules.length, "rule")} declared (BigCommerce overwrites the set as a whole).`,
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

/** The warning of a step that makes a group the store's default: another group stops being it. */
const becomesDefault = (name: unknown): Text =>
  say`Makes ${quoted(name)} the store's default group: customers who sign up join it from now on, and the group that is the default now stops being it.`;

/** The warning of a step that makes a group the store's guest group: shoppers who are not signed in get its prices. */
const becomesGuestGroup = (name: unknown): Text =>
  say`Makes ${quoted(name)} the store's guest group: shoppers who are not signed in get its prices and catalogue access, and the group that is the guest group now stops being it.`;

/** The warnings of the roles a body gives a group. */
const roleWarnings = (body: { is_default?: boolean; is_group_for_guests?: boolean }, name: unknown): Text[] => [
  ...(body.is_default === true ? [becomesDefault(name)] : []),
  ...(body.is_group_for_guests === true ? [becomesGuestGroup(name)] : []),
];

/** What making `state` into the inputs sends: nothing when they agree, else the PUT. */
function converge(id: string, state: GroupState, inputs: GroupInputs): Explanation {
  const body = toUpdateBody(state, inputs);
  const fields = changedFieldsInWords(state, inputs);
  if (Object.keys(body).length === 0) return { fields, requests: [], warnings: [] };
  const { requests, warnings } = put(state.storeHash, id, state, body);
  return { fields, requests, warnings: [...roleWarnings(body, inputs.name), ...warnings] };
}

/** The delete's requests: the read that stops a blind delete, the customer count (unless the group may go with them), the DELETE. */
function deleteRequests(id: string, outputs: Props, withCustomers: boolean): RequestLine[] {
  const storeHash = String(outputs.storeHash);
  return [
    { method: "GET", path: groupPath(storeHash, id) },
    ...(withCustomers ? [] : [{ method: "GET" as const, path: `/stores/${storeHash}/v3/customers?customer_group_id:in=${id}&limit=1` }]),
    { method: "DELETE", path: groupPath(storeHash, id) },
  ];
}

export const review: BackendDescriptor["review"] = {
  created: (storeHash, inputs) => ({
    fields: changesBetween([], inWords(inputs)),
    requests: [{ method: "POST", path: `/stores/${storeHash ?? "<storeHash>"}/v2/customer_groups`, body: toCreateBody(inputs as unknown as GroupInputs) }],
    warnings: roleWarnings(toCreateBody(inputs as unknown as GroupInputs), inputs.name),
  }),

  updated: (id, outputs, inputs) => converge(id, migrateState(outputs), inputs as unknown as GroupInputs),

  inWords: (props, fields) => inWords(props, fields),

  deleted: (id, outputs, withCustomers) => ({
    fields: changesBetween(inWords(outputs), []),
    requests: deleteRequests(id, outputs, withCustomers),
    warnings: [deleteWarning(outputs.name, say` (BigCommerce unassigns its customers from it)`)],
  }),

  replaced: (id, outputs, why, from, to, withCustomers) => ({
    fields: [],
    requests: deleteRequests(id, outputs, withCustomers),
    warnings: [replaceWarning(why, outputs.name, from, to)],
  }),

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
