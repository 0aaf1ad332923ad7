// The RevCent customer group in the provider's terms: the arguments (which group, and what is expected of it), the recorded
// state, the canonical form of qualifiers, and the paths of declared values.

import { canonicalJson, isPlainObject } from "../canonical";
import type { QualifierMethod } from "./types";

/** The resource's arguments after `check`: which group (`name` or `groupId`), and the declared expectations. */
export interface GroupInputs {
  name?: string;
  groupId?: string;
  description?: string;
  enabled?: boolean;
  qualifierMethod?: QualifierMethod;
  qualifiers?: Record<string, unknown>;
}

/** How the group was found when it was adopted. */
export type AdoptedBy = { name: string } | { groupId: string };

/** What the state records: the live group (camelCase), how it was adopted, and which fields the program declares. */
export interface GroupState {
  /** The 20-character RevCent id (also the resource id). */
  groupId: string;
  name: string;
  description?: string;
  enabled?: boolean;
  qualifierMethod?: string;
  qualifiers: Record<string, unknown>;
  createdDateUnix?: number;
  updatedDateUnix?: number;
  adoptedBy: AdoptedBy;
  /** Paths of the declared expectations (`enabled`, `qualifiers.specificValues.values.lifetimeValue.max`), sorted. */
  declared: string[];
  /**
   * The ids of the other groups the last refresh found with the name this group is adopted by (added after 0.1.0;
   * absent: none found, or not refreshed since). Adopting by that name again would fail.
   */
  sameName?: string[];
}

/** The expectation fields; `name` and `groupId` select the group. */
const expectationFields = ["description", "enabled", "qualifierMethod", "qualifiers"] as const;

/**
 * Every list in a group's qualifiers is a set (ids, statuses, metadata pairs: "a customer only needs to qualify for
 * one", or "all of"): kept sorted and without repeats, so that order never shows as a change.
 */
export function canonical(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(canonical);
    const byKey = new Map<string, unknown>();
    for (const item of items) byKey.set(canonicalJson(item), item);
    return [...byKey.keys()].sort().map((k) => byKey.get(k));
  }
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) if (value[k] !== undefined) out[k] = canonical(value[k]);
    return out;
  }
  return value;
}

/** The canonical form of valid arguments: sets sorted, absent stays absent. */
export function normalizeInputs(raw: GroupInputs): GroupInputs {
  const inputs: GroupInputs = {};
  if (raw.name !== undefined) inputs.name = raw.name;
  if (raw.groupId !== undefined) inputs.groupId = raw.groupId;
  if (raw.description !== undefined) inputs.description = raw.description;
  if (raw.enabled !== undefined) inputs.enabled = raw.enabled;
  if (raw.qualifierMethod !== undefined) inputs.qualifierMethod = raw.qualifierMethod;
  if (raw.qualifiers !== undefined) inputs.qualifiers = canonical(raw.qualifiers) as Record<string, unknown>;
  return inputs;
}

/** How arguments select their group. */
export function adoptedByOf(inputs: GroupInputs): AdoptedBy {
  return inputs.groupId !== undefined ? { groupId: inputs.groupId } : { name: inputs.name ?? "" };
}

/** State written by any released version in today's form (0.1.0 already recorded every field this version reads). */
export function migrateState(olds: Record<string, unknown>): GroupState {
  const state = olds as unknown as GroupState;
  return { ...state, adoptedBy: state.adoptedBy ?? { groupId: state.groupId }, declared: state.declared ?? [] };
}

/** The dotted paths of every declared value: plain objects are walked, anything else (a value, a list) is one value. */
export function declaredPaths(inputs: GroupInputs): string[] {
  const paths: string[] = [];
  const walk = (value: unknown, path: string) => {
    if (isPlainObject(value)) {
      for (const [k, v] of Object.entries(value)) if (v !== undefined) walk(v, `${path}.${k}`);
    } else paths.push(path);
  };
  for (const field of expectationFields) {
    const value = inputs[field];
    if (value === undefined) continue;
    if (isPlainObject(value)) {
      for (const [k, v] of Object.entries(value)) if (v !== undefined) walk(v, `${field}.${k}`);
    } else paths.push(field);
  }
  return paths.sort();
}

export function valueAt(root: unknown, path: string): unknown {
  let value = root;
  for (const part of path.split(".")) {
    if (!isPlainObject(value)) return undefined;
    value = value[part];
  }
  return value;
}

function setAt(root: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split(".");
  let node = root;
  for (const part of parts.slice(0, -1)) {
    if (!isPlainObject(node[part])) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1]!] = value;
}

/**
 * The live group in the shape of the program's arguments, holding only what the program declares (for `read`, so that
 * `preview --refresh` shows each drifted value against the declared one and nothing else).
 */
export function observedInputs(state: GroupState): GroupInputs {
  const inputs: Record<string, unknown> = {};
  const adoptedBy = state.adoptedBy ?? { groupId: state.groupId };
  if ("groupId" in adoptedBy) inputs.groupId = state.groupId;
  else inputs.name = state.name;
  for (const path of state.declared ?? []) {
    const value = valueAt(state, path);
    if (value !== undefined) setAt(inputs, path, value);
  }
  return inputs as GroupInputs;
}
