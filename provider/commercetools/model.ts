// The commercetools customer group in the provider's terms: inputs, recorded state, and conversions to and from the wire.

import type { CustomerGroup, CustomerGroupDraft, CustomFieldsDraft, FieldContainer } from "@commercetools/platform-sdk";
import { sameFieldValue } from "./fieldValues";

/** A custom type named by key or by id (what the user wrote). */
export type TypeRef = { key: string; id?: undefined } | { id: string; key?: undefined };

export interface CustomFields {
  type: TypeRef;
  fields?: Record<string, unknown>;
}

/** The resource's arguments after `check`. */
export interface GroupInputs {
  name: string;
  key?: string;
  custom?: CustomFields;
  adopt?: boolean;
}

/** What the state records: the arguments as the platform holds them, plus the platform's own fields. */
export interface GroupState {
  name: string;
  key?: string;
  /** The type carries both its id (what the platform answers) and, when known, the key it was given by. */
  custom?: { type: { key?: string; id: string }; fields: Record<string, unknown> };
  adopt?: boolean;
  version: number;
  projectKey: string;
  createdAt: string;
  lastModifiedAt: string;
}

/** The comparable part of a group, live or desired, for computing update actions. */
export interface GroupShape {
  name: string;
  key?: string;
  custom?: { type: { key?: string; id?: string }; fields: Record<string, unknown> };
}

export function toDraft(inputs: GroupInputs): CustomerGroupDraft {
  return {
    groupName: inputs.name,
    ...(inputs.key !== undefined ? { key: inputs.key } : {}),
    ...(inputs.custom ? { custom: toCustomDraft(inputs.custom) } : {}),
  };
}

export function toCustomDraft(custom: { type: { key?: string; id?: string }; fields?: Record<string, unknown> }): CustomFieldsDraft {
  const type = custom.type.key !== undefined ? { typeId: "type" as const, key: custom.type.key } : { typeId: "type" as const, id: custom.type.id };
  const hasFields = custom.fields !== undefined && Object.keys(custom.fields).length > 0;
  return hasFields ? { type, fields: custom.fields as FieldContainer } : { type };
}

export function shapeOfInputs(inputs: GroupInputs): GroupShape {
  return {
    name: inputs.name,
    key: inputs.key,
    custom: inputs.custom ? { type: { ...inputs.custom.type }, fields: inputs.custom.fields ?? {} } : undefined,
  };
}

export function shapeOfState(state: GroupState): GroupShape {
  return { name: state.name, key: state.key, custom: state.custom };
}

/**
 * The live group in state form. What the previous state knew is kept where the platform says the same thing in its own way:
 * the type's key (the platform answers only its id) and each field value's form (money, dates, sets).
 */
export function stateOfGroup(group: CustomerGroup, projectKey: string, previous: Partial<GroupShape> & { adopt?: boolean } | undefined): GroupState {
  const state: GroupState = {
    name: group.name,
    version: group.version,
    projectKey,
    createdAt: group.createdAt,
    lastModifiedAt: group.lastModifiedAt,
  };
  if (group.key !== undefined) state.key = group.key;
  if (group.custom) {
    const typeId = group.custom.type.id;
    const known = previous?.custom?.type;
    const type: { key?: string; id: string } = { id: typeId };
    // A key from inputs just written (no id yet) or from a state of the same type id still names this type.
    if (known?.key !== undefined && (known.id === undefined || known.id === typeId)) type.key = known.key;
    const fields: Record<string, unknown> = {};
    const previousFields = previous?.custom?.fields ?? {};
    for (const [name, value] of Object.entries(group.custom.fields ?? {})) {
      fields[name] = name in previousFields && sameFieldValue(previousFields[name], value) ? previousFields[name] : value;
    }
    state.custom = { type, fields };
  }
  if (previous?.adopt !== undefined) state.adopt = previous.adopt;
  return state;
}

/** The state in the shape of the resource's arguments, for `ReadResult.inputs`: a refresh then shows drift against the program. */
export function inputsOfState(state: GroupState): GroupInputs {
  const inputs: GroupInputs = { name: state.name };
  if (state.key !== undefined) inputs.key = state.key;
  if (state.custom) {
    const { key, id } = state.custom.type;
    // The state knows the key only when the program named the type by key.
    const type: TypeRef = key !== undefined ? { key } : { id };
    inputs.custom = Object.keys(state.custom.fields).length > 0 ? { type, fields: state.custom.fields } : { type };
  }
  if (state.adopt !== undefined) inputs.adopt = state.adopt;
  return inputs;
}

/** Whether two type references name the same type; a key cannot be compared with a bare id, so that counts as different. */
export function sameTypeRef(a: { key?: string; id?: string }, b: { key?: string; id?: string }): boolean {
  if (a.key !== undefined && b.key !== undefined) return a.key === b.key;
  if (a.id !== undefined && b.id !== undefined) return a.id === b.id;
  return false;
}
