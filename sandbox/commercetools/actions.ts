// The customer-group update actions: changeName, setKey, setCustomType, setCustomField.
import { buildCustomFields, checkFieldValue } from "./customFields";
import { checkKey } from "./draft";
import { ctErrors } from "./errors";
import type { CtCustomerGroup } from "./model";
import type { TypeRegistry } from "./types";

export interface ActionContext {
  types: TypeRegistry;
  /** Throws DuplicateField when another group already has this name / key. */
  assertUnique(field: "name" | "key", value: string, selfId: string): void;
}

/** Applies one action to a working copy of the group (the caller commits only if every action succeeds). */
export function applyAction(group: CtCustomerGroup, action: Record<string, unknown>, index: number, ctx: ActionContext): void {
  const at = `actions -> [${index}]`;
  switch (action.action) {
    case "changeName": {
      const name = action.name;
      if (name === undefined || name === null) throw ctErrors.invalidJson(`${at} -> name: Missing required value`);
      if (typeof name !== "string") throw ctErrors.invalidJson(`${at} -> name: JSON String expected.`);
      ctx.assertUnique("name", name, group.id);
      group.name = name;
      return;
    }
    case "setKey": {
      if (action.key === undefined || action.key === null) {
        delete group.key;
        return;
      }
      const key = checkKey(action.key, `${at} -> key`);
      ctx.assertUnique("key", key, group.id);
      group.key = key;
      return;
    }
    case "setCustomType": {
      if (action.type === undefined || action.type === null) {
        delete group.custom;
        return;
      }
      const type = ctx.types.resolve(action.type, `${at} -> type`);
      group.custom = buildCustomFields(type, action.fields, at);
      return;
    }
    case "setCustomField": {
      const name = action.name;
      if (typeof name !== "string") throw ctErrors.invalidJson(`${at} -> name: Missing required value`);
      if (!group.custom) {
        throw ctErrors.invalidOperation("This resource has no custom type set - please use setCustomType first to set the type of the custom fields");
      }
      const type = ctx.types.get(group.custom.type.id);
      if (!type) throw ctErrors.invalidOperation(`The type '${group.custom.type.id}' of this resource no longer exists.`);
      const value = action.value;
      if (value === undefined || value === null) {
        if (!(name in group.custom.fields)) throw ctErrors.invalidOperation(`Cannot remove custom field '${name}' because it does not exist.`);
        delete group.custom.fields[name];
        return;
      }
      checkFieldValue(type, name, value);
      group.custom.fields[name] = value;
      return;
    }
    default:
      throw ctErrors.invalidJson(
        `${at} -> action: Unknown action type '${String(action.action)}'. Expected one of: changeName, setKey, setCustomType, setCustomField.`,
      );
  }
}
