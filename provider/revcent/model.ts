// The RevCent customer group in the provider's terms: the wire format, the declared expectations, the recorded state, and drift.

import { toCamel } from "./keys";
import { isPlainObject } from "./spec";
import type { CustomerGroupInfo, QualifierMethod } from "./types";

// ---- the wire format (GetCustomerGroups, GetCustomers) ----

/** A group as RevCent answers it; nothing in it is trusted beyond `id` and `name`. */
export interface WireGroup {
  id: string;
  name: string;
  description?: unknown;
  enabled?: unknown;
  qualifier_method?: unknown;
  qualifiers?: unknown;
  created_date_unix?: unknown;
  updated_date_unix?: unknown;
  [other: string]: unknown;
}

/** A customer as RevCent answers it; only the fields the package reports are named. */
export interface WireCustomer {
  id?: unknown;
  email?: unknown;
  first_name?: unknown;
  last_name?: unknown;
  status?: unknown;
  [other: string]: unknown;
}

// ---- arguments and state ----

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
}

/** The expectation fields; `name` and `groupId` select the group. */
const expectationFields = ["description", "enabled", "qualifierMethod", "qualifiers"] as const;

// ---- canonical forms ----

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

/** JSON with sorted keys, for comparisons. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)) ?? "undefined";
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) if (value[k] !== undefined) out[k] = sortKeys(value[k]);
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

// ---- from the wire ----

/** A live group in the package's form: camelCase, sets sorted; fields RevCent did not send stay absent. */
export function groupInfo(wire: WireGroup): CustomerGroupInfo {
  const info: CustomerGroupInfo = { id: wire.id, name: wire.name };
  if (wire.description !== undefined) info.description = wire.description as string;
  if (wire.enabled !== undefined) info.enabled = wire.enabled as boolean;
  if (wire.qualifier_method !== undefined) info.qualifierMethod = wire.qualifier_method as QualifierMethod;
  info.qualifiers = canonical(toCamel(wire.qualifiers ?? {})) as CustomerGroupInfo["qualifiers"];
  if (wire.created_date_unix !== undefined) info.createdDateUnix = wire.created_date_unix as number;
  if (wire.updated_date_unix !== undefined) info.updatedDateUnix = wire.updated_date_unix as number;
  return info;
}

/** The live group as state, adopted as `adoptedBy`, with the expectations `declared` recorded. */
export function stateOfGroup(wire: WireGroup, adoptedBy: AdoptedBy, declared: string[]): GroupState {
  const { id, qualifiers, ...rest } = groupInfo(wire);
  return { groupId: id, ...rest, qualifiers: (qualifiers ?? {}) as Record<string, unknown>, adoptedBy, declared: [...declared].sort() };
}

/** How arguments select their group. */
export function adoptedByOf(inputs: GroupInputs): AdoptedBy {
  return inputs.groupId !== undefined ? { groupId: inputs.groupId } : { name: inputs.name ?? "" };
}

// ---- declared paths ----

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
export function inputsOfState(state: GroupState): GroupInputs {
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

// ---- drift ----

export interface Difference {
  path: string;
  live: unknown;
  declared: unknown;
}

/**
 * Every declared value that differs from the live group, in path order. `name` counts when the group was chosen by
 * name (a group renamed in RevCent no longer has the declared name); undeclared fields never count.
 */
export function differences(live: GroupState, desired: GroupInputs): Difference[] {
  const out: Difference[] = [];
  if (desired.name !== undefined && desired.name !== live.name) out.push({ path: "name", live: live.name, declared: desired.name });
  for (const path of declaredPaths(desired)) {
    const declared = valueAt(desired, path);
    const actual = valueAt(live, path);
    if (canonicalJson(canonical(declared)) !== canonicalJson(canonical(actual))) out.push({ path, live: actual, declared });
  }
  return out;
}

/** `qualifiers.specificValues.values.lifetimeValue.max: live 100000, declared 50000`, one per difference. */
export function describeDifferences(diffs: Difference[]): string {
  return diffs.map((d) => `${d.path}: live ${show(d.live)}, declared ${show(d.declared)}`).join("; ");
}

function show(value: unknown): string {
  if (value === undefined) return "(not set)";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

/** The top-level argument a path belongs to (`qualifiers` for `qualifiers.customerGroup.inAnyCustomerGroup`). */
export function topLevel(path: string): string {
  return path.split(".")[0]!;
}
