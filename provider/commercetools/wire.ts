// The commercetools wire format of a customer group (the platform SDK's types) to and from the provider's terms.

import type { CustomerGroup, CustomerGroupDraft, CustomFieldsDraft, FieldContainer } from "@commercetools/platform-sdk";
import { sameFieldValue } from "./fieldValues";
import { GroupInputs, GroupShape, GroupState, OptionalField } from "./model";

export function toDraft(inputs: GroupInputs): CustomerGroupDraft {
  return {
    groupName: inputs.name,
    ...(inputs.key != null ? { key: inputs.key } : {}),
    ...(inputs.custom ? { custom: toCustomDraft(inputs.custom) } : {}),
  };
}

export function toCustomDraft(custom: { type: { key?: string; id?: string }; fields?: Record<string, unknown> }): CustomFieldsDraft {
  const type = custom.type.key !== undefined ? { typeId: "type" as const, key: custom.type.key } : { typeId: "type" as const, id: custom.type.id };
  const hasFields = custom.fields !== undefined && Object.keys(custom.fields).length > 0;
  return hasFields ? { type, fields: custom.fields as FieldContainer } : { type };
}

/** What the state keeps besides the live group: where it lives, what the program declares, and how it was written. */
export interface StateContext {
  projectKey: string;
  managed: readonly OptionalField[];
  adopt?: boolean;
  /** The group as last known (state or inputs just written), whose forms are kept where the platform says the same. */
  previous?: Partial<GroupShape>;
}

/**
 * The live group in state form. What the previous state knew is kept where the platform says the same thing in its own way:
 * the type's key (the platform answers only its id) and each field value's form (money, dates, sets).
 */
export function stateOfGroup(group: CustomerGroup, context: StateContext): GroupState {
  const state: GroupState = {
    name: group.name,
    managed: [...context.managed],
    version: group.version,
    projectKey: context.projectKey,
    createdAt: group.createdAt,
    lastModifiedAt: group.lastModifiedAt,
  };
  if (group.key !== undefined) state.key = group.key;
  if (group.custom) {
    const typeId = group.custom.type.id;
    const known = context.previous?.custom?.type;
    const type: { key?: string; id: string } = { id: typeId };
    // A key from inputs just written (no id yet) or from a state of the same type id still names this type.
    if (known?.key !== undefined && (known.id === undefined || known.id === typeId)) type.key = known.key;
    const fields: Record<string, unknown> = {};
    const previousFields = context.previous?.custom?.fields ?? {};
    for (const [name, value] of Object.entries(group.custom.fields ?? {})) {
      fields[name] = name in previousFields && sameFieldValue(previousFields[name], value) ? previousFields[name] : value;
    }
    state.custom = { type, fields };
  }
  if (context.adopt !== undefined) state.adopt = context.adopt;
  return state;
}
