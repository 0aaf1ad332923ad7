// `review` of a commercetools step: each update action in a merchant's terms, and the exact requests `pulumi up` sends
// (computed by the provider's own action builder from the recorded state and the new inputs).

import type { CustomerGroupUpdateAction } from "@commercetools/platform-sdk";
import type { BackendDescriptor, Props } from "../backend";
import { AdoptionLookup, declaredAsNew, deleteWarning, Explanation, FieldChange, replaceWarning, RequestLine, shown } from "../explain";
import { reached } from "../lifecycle";
import { toUpdateActions } from "./actions";
import { customerGroupAdapter } from "./customerGroup";
import { declaredFields, desiredShape, GroupInputs, GroupShape, migrateState, shapeOfState } from "./model";
import { stateOfGroup, toDraft } from "./wire";

/** One update action in a merchant's terms. */
export function fieldOfAction(action: CustomerGroupUpdateAction, current: GroupShape): FieldChange {
  const { key, custom } = current;
  switch (action.action) {
    case "changeName":
      return { field: "name", before: shown(current.name), after: shown(action.name) };
    case "setKey":
      return { field: "key", before: shown(key), after: shown(action.key) };
    case "setCustomType": {
      const name = (t?: { key?: string; id?: string }) => (t ? (t.key !== undefined ? `type ${t.key}` : `type id ${t.id}`) : "(none)");
      const to = action.type ? (action.type.key !== undefined ? `type ${action.type.key}` : `type id ${action.type.id}`) : "(none)";
      const fields = action.fields ? ` with fields ${JSON.stringify(action.fields)}` : "";
      return { field: "custom type", before: name(custom?.type), after: `${to}${fields}` };
    }
    case "setCustomField":
      return { field: `custom field ${action.name}`, before: shown(custom?.fields[action.name]), after: shown(action.value) };
    default:
      return { field: (action as { action: string }).action, before: "", after: JSON.stringify(action) };
  }
}

const deleteRequest = (id: string, outputs: Props): RequestLine => ({
  method: "DELETE",
  path: `/${String(outputs.projectKey)}/customer-groups/${id}?version=${String(outputs.version)}`,
});

export const review: BackendDescriptor["review"] = {
  created: (projectKey, inputs) => ({
    fields: declaredAsNew(inputs, ["name", "key", "custom"]),
    requests: [{ method: "POST", path: `/${projectKey ?? "<projectKey>"}/customer-groups`, body: toDraft(inputs as unknown as GroupInputs) }],
    warnings: [],
  }),

  updated(id, outputs, inputs) {
    const olds = migrateState(outputs);
    const base = shapeOfState(olds);
    const actions = toUpdateActions(base, desiredShape(base, inputs as unknown as GroupInputs));
    return {
      fields: actions.map((a) => fieldOfAction(a, base)),
      requests: actions.length === 0 ? [] : [{ method: "POST", path: `/${olds.projectKey}/customer-groups/${id}`, body: { version: olds.version, actions } }],
      warnings: [],
    };
  },

  deleted: (id, outputs) => ({ fields: [], requests: [deleteRequest(id, outputs)], warnings: [deleteWarning(outputs.name)] }),

  replaced: (id, outputs, why, from, to) => ({ fields: [], requests: [deleteRequest(id, outputs)], warnings: [replaceWarning(why, outputs.name, from, to)] }),

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
    const state = stateOfGroup(live, { projectKey: client.projectKey, managed: declaredFields(inputs) });
    const base = shapeOfState(state);
    const actions = toUpdateActions(base, desiredShape(base, inputs));
    const converge: Explanation["requests"] =
      actions.length === 0 ? [] : [{ method: "POST", path: `/${client.projectKey}/customer-groups/${live.id}`, body: { version: live.version, actions } }];
    return { found: true, id: live.id, fields: actions.map((a) => fieldOfAction(a, base)), requests: [find, ...converge], warnings: [] };
  },
};
