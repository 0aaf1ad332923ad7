// Pure computation of the update actions that turn one customer group into another (commercetools batches them in one POST).

import type {
  CustomerGroupChangeNameAction,
  CustomerGroupSetCustomFieldAction,
  CustomerGroupSetCustomTypeAction,
  CustomerGroupSetKeyAction,
  CustomerGroupUpdateAction,
} from "@commercetools/platform-sdk";
import { sameFieldValue } from "./fieldValues";
import { GroupShape, sameTypeRef } from "./model";
import { toCustomDraft } from "./wire";

/**
 * The actions this provider sends, by name. Keyed by the vendor's union, so the compiler notices when
 * the platform SDK adds or renames an action and this list has to be looked at again.
 */
type ActionsWeSend = Extract<CustomerGroupUpdateAction["action"], "changeName" | "setKey" | "setCustomType" | "setCustomField">;
type ActionBuilders = { [A in ActionsWeSend]: (...args: never[]) => Extract<CustomerGroupUpdateAction, { action: A }> };

const build = {
  changeName: (name: string): CustomerGroupChangeNameAction => ({ action: "changeName", name }),
  setKey: (key: string | undefined): CustomerGroupSetKeyAction => (key === undefined ? { action: "setKey" } : { action: "setKey", key }),
  setCustomType: (custom: GroupShape["custom"]): CustomerGroupSetCustomTypeAction =>
    custom ? { action: "setCustomType", ...toCustomDraft(custom) } : { action: "setCustomType" },
  setCustomField: (name: string, value?: unknown): CustomerGroupSetCustomFieldAction =>
    value === undefined ? { action: "setCustomField", name } : { action: "setCustomField", name, value },
} satisfies ActionBuilders;

/**
 * The update actions that make `current` into `desired`; empty when they already agree.
 * `current` must be what the platform holds at the version the actions will be sent with, because removing a
 * custom field the group does not have is an error there.
 */
export function toUpdateActions(current: GroupShape, desired: GroupShape): CustomerGroupUpdateAction[] {
  const actions: CustomerGroupUpdateAction[] = [];
  if (current.name !== desired.name) actions.push(build.changeName(desired.name));
  if (current.key !== desired.key) actions.push(build.setKey(desired.key));

  const from = current.custom;
  const to = desired.custom;
  if (!to) {
    if (from) actions.push(build.setCustomType(undefined));
  } else if (!from || !sameTypeRef(from.type, to.type)) {
    // A new type replaces the type and every field at once.
    actions.push(build.setCustomType(to));
  } else {
    const names = new Set([...Object.keys(from.fields), ...Object.keys(to.fields)]);
    for (const name of [...names].sort()) {
      const had = from.fields[name];
      const wants = to.fields[name];
      if (wants === undefined) {
        if (had !== undefined) actions.push(build.setCustomField(name));
      } else if (had === undefined || !sameFieldValue(had, wants)) {
        actions.push(build.setCustomField(name, wants));
      }
    }
  }
  return actions;
}

/** Top-level arguments that differ between two groups (for Pulumi's diff). */
export function changedProperties(current: GroupShape, desired: GroupShape): string[] {
  const changed = new Set<string>();
  for (const action of toUpdateActions(current, desired)) {
    changed.add(action.action === "changeName" ? "name" : action.action === "setKey" ? "key" : "custom");
  }
  return [...changed];
}
