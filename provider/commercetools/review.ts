// `review` of a commercetools step: each update action in a merchant's terms, and the exact requests `pulumi up` sends
// (computed by the provider's own action builder from the recorded state and the new inputs).

import type { CustomerGroupUpdateAction } from "@commercetools/platform-sdk";
import type { BackendDescriptor, Props } from "../backend";
import { AdoptionLookup, changesBetween, deleteWarning, Described, Explanation, FieldChange, replaceWarning, RequestLine, worded } from "../explain";
import { reached } from "../lifecycle";
import { say, type Text, value } from "../text";
import { toUpdateActions } from "./actions";
import { adoptedState, customerGroupAdapter, typeKeyToResolve } from "./customerGroup";
import { declaredFields, desiredShape, GroupInputs, migrateState, shapeOfState } from "./model";
import { stateOfGroup, toDraft } from "./wire";

const typeWords = (type: { key?: string; id?: string }): Text => (type.key !== undefined ? worded(type.key) : say`id ${value(type.id ?? "?")}`);

/**
 * The group in the project's terms: name, key, custom type and each custom field; only `fields` where given (the
 * arguments a step changes). Works on recorded state and on arguments alike (a type named by key or by id).
 */
export function inWords(group: Props, fields: readonly string[] = ["name", "key", "custom"]): Described[] {
  const described: Described[] = [];
  if (fields.includes("name") && group.name !== undefined) described.push({ field: say`name`, value: group.name, words: worded(group.name) });
  // null (removed on purpose) describes no key and no custom type.
  if (fields.includes("key") && group.key != null) described.push({ field: say`key`, value: group.key, words: worded(group.key) });
  const custom = (group.custom ?? undefined) as { type: { key?: string; id?: string }; fields?: Record<string, unknown> } | undefined;
  if (fields.includes("custom") && custom) {
    described.push({ field: say`custom type`, value: custom.type, words: typeWords(custom.type) });
    for (const [name, v] of Object.entries(custom.fields ?? {}).sort(([a], [b]) => (a < b ? -1 : 1)))
      described.push({ field: say`custom field ${value(name)}`, value: v, words: worded(v) });
  }
  return described;
}

/** The arguments an update action changes. */
const argumentOf = (action: CustomerGroupUpdateAction): string => (action.action === "changeName" ? "name" : action.action === "setKey" ? "key" : "custom");

/** What the actions change, in words: the arguments they touch, before and after; a removal says so. */
export function fieldsOfActions(actions: readonly CustomerGroupUpdateAction[], before: Props, after: Props): FieldChange[] {
  const changed = [...new Set(actions.map(argumentOf))];
  return changesBetween(inWords(before, changed), inWords(after, changed)).map((change) => {
    if (change.after !== undefined || change.before === undefined) return change;
    if (change.field === say`key`) return { ...change, text: say`removes the key ${worded(change.before)}` };
    if (change.field === say`custom type`)
      return { ...change, text: say`removes the custom type ${typeWords(change.before as { key?: string; id?: string })} and its fields` };
    return change;
  });
}

/** The delete's requests: the customer count (unless the group may go with its customers), then the version-checked DELETE. */
function deleteRequests(id: string, outputs: Props, withCustomers: boolean): RequestLine[] {
  const projectKey = String(outputs.projectKey);
  const group = JSON.stringify(id);
  const where = `customerGroup(id=${group}) or customerGroupAssignments(customerGroup(id=${group}))`;
  return [
    ...(withCustomers ? [] : [{ method: "GET" as const, path: `/${projectKey}/customers?where=${encodeURIComponent(where)}&limit=0&withTotal=true` }]),
    { method: "DELETE", path: `/${projectKey}/customer-groups/${id}?version=${String(outputs.version)}` },
  ];
}

export const review: BackendDescriptor["review"] = {
  created: (projectKey, inputs) => ({
    fields: changesBetween([], inWords(inputs)),
    requests: [{ method: "POST", path: `/${projectKey ?? "<projectKey>"}/customer-groups`, body: toDraft(inputs as unknown as GroupInputs) }],
    warnings: [],
  }),

  updated(id, outputs, inputs) {
    const olds = migrateState(outputs);
    const base = shapeOfState(olds);
    const actions = toUpdateActions(base, desiredShape(base, inputs as unknown as GroupInputs));
    return {
      fields: fieldsOfActions(actions, base as unknown as Props, inputs),
      requests: actions.length === 0 ? [] : [{ method: "POST", path: `/${olds.projectKey}/customer-groups/${id}`, body: { version: olds.version, actions } }],
      warnings: [],
    };
  },

  inWords: (group, fields) => inWords(group, fields),

  deleted: (id, outputs, withCustomers) => ({
    fields: changesBetween(inWords(outputs), []),
    requests: deleteRequests(id, outputs, withCustomers),
    warnings: [deleteWarning(outputs.name)],
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
    const find: RequestLine =
      identity.field === "key"
        ? { method: "GET", path: `/${client.projectKey}/customer-groups/key=${encodeURIComponent(identity.value)}` }
        : {
            method: "GET",
            path: `/${client.projectKey}/customer-groups?where=${encodeURIComponent(`name=${JSON.stringify(identity.value)}`)}&limit=1&withTotal=false`,
          };
    const live = await adapter.find(client, identity, false);
    if (!live) return { found: false, requests: [find], fields: [], warnings: [] };
    // What `up` reads to compare a type named by key with the group's (see adoptedState).
    const typeKey = typeKeyToResolve(stateOfGroup(live, { projectKey: client.projectKey, managed: declaredFields(inputs) }), inputs);
    const typeLookup: RequestLine[] = typeKey === undefined ? [] : [{ method: "GET", path: `/${client.projectKey}/types/key=${encodeURIComponent(typeKey)}` }];
    const state = await adoptedState(client, live, inputs);
    const base = shapeOfState(state);
    const actions = toUpdateActions(base, desiredShape(base, inputs));
    const converge: Explanation["requests"] =
      actions.length === 0 ? [] : [{ method: "POST", path: `/${client.projectKey}/customer-groups/${live.id}`, body: { version: live.version, actions } }];
    return {
      found: true,
      id: live.id,
      fields: fieldsOfActions(actions, base as unknown as Props, inputs as unknown as Props),
      requests: [find, ...typeLookup, ...converge],
      warnings: [],
    };
  },
};
