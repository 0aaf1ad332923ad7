// The commercetools customer group in the provider's terms: the arguments, the recorded state, and the comparable shape of a group.

import { declaredArguments } from "../declaration";
import type { CustomerGroupArgs, CustomFields as CustomFieldsArgs, CustomFieldsOutput } from "./types";

/** A custom type named by key or by id (what the user wrote), in a form the compiler can tell apart. */
export type TypeRef = { key: string; id?: undefined } | { id: string; key?: undefined };

export interface CustomFields extends CustomFieldsArgs {
  type: TypeRef;
}

/** The optional arguments: left out of the program, they are not managed (never sent, never compared, never removed). */
export const optionalFields = ["key", "custom"] as const;
export type OptionalField = (typeof optionalFields)[number];

/** The resource's arguments after `check`. */
export interface GroupInputs extends CustomerGroupArgs {
  custom?: CustomFields | null;
}

/** What the state records: the group as the platform holds it, the platform's own fields, and what the program declares. */
export interface GroupState {
  name: string;
  key?: string;
  /** The type carries both its id (what the platform answers) and, when known, the key it was given by. */
  custom?: CustomFieldsOutput;
  /** The optional arguments the program declared when this state was written (added after 0.1.0; see `migrateState`). */
  managed: OptionalField[];
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

/** The state in the shape of the program's arguments (what a refresh reports): only the arguments the program declares. */
export interface ObservedInputs {
  name: string;
  key?: string | null;
  custom?: { type: TypeRef; fields?: Record<string, unknown> } | null;
  adopt?: boolean;
}

/**
 * The canonical form of valid arguments: the type named by one of key or id, empty fields left out, absent stays absent,
 * null (removed on purpose) stays null.
 */
export function normalizeInputs(raw: GroupInputs): GroupInputs {
  const inputs: GroupInputs = { name: raw.name };
  if (raw.key !== undefined) inputs.key = raw.key;
  if (raw.custom === null) inputs.custom = null;
  if (raw.custom) {
    const type: TypeRef = raw.custom.type.key !== undefined ? { key: raw.custom.type.key } : { id: raw.custom.type.id as string };
    const fields = raw.custom.fields ?? {};
    inputs.custom = Object.keys(fields).length > 0 ? { type, fields } : { type };
  }
  if (raw.adopt !== undefined) inputs.adopt = raw.adopt;
  if (raw.deleteWithCustomers !== undefined) inputs.deleteWithCustomers = raw.deleteWithCustomers;
  return inputs;
}

/** The optional arguments a program declares. */
export function declaredFields(inputs: GroupInputs): OptionalField[] {
  return declaredArguments(optionalFields, inputs);
}

/**
 * State written by any released version in today's form. 0.1.0 recorded no `managed`: it removed an absent key or custom
 * type, so what its state holds is exactly what its program declared.
 */
export function migrateState(olds: Record<string, unknown>): GroupState {
  const state = olds as unknown as GroupState;
  if (Array.isArray(state.managed)) return state;
  return { ...state, managed: optionalFields.filter((f) => state[f] !== undefined) };
}

export function shapeOfState(state: GroupState): GroupShape {
  return { name: state.name, key: state.key, custom: state.custom };
}

/** What the group should become: the declared arguments (null: none), and what it has now wherever the program is silent. */
export function desiredShape(current: GroupShape, inputs: GroupInputs): GroupShape {
  const custom =
    inputs.custom === undefined ? current.custom : inputs.custom === null ? undefined : { type: { ...inputs.custom.type }, fields: inputs.custom.fields ?? {} };
  return { name: inputs.name, key: inputs.key === undefined ? current.key : (inputs.key ?? undefined), custom };
}

export function observedInputs(state: GroupState): ObservedInputs {
  const inputs: ObservedInputs = { name: state.name };
  // A managed argument the group does not have reads as null, as a program that removes it declares it.
  if (state.managed.includes("key")) inputs.key = state.key ?? null;
  if (state.managed.includes("custom") && !state.custom) inputs.custom = null;
  if (state.managed.includes("custom") && state.custom) {
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
