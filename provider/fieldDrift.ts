// Drift of one group field by field: where the live arguments (as a refresh reads them) differ from the declared ones.
// The comparison every backend uses unless it words its fields its own way.

import { resourceNameInput } from "./resourceName";
import { canonicalJson, isPlainObject } from "./canonical";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface FieldDrift {
  /** Dotted path of the argument (`custom.fields.tier`); an array is one value. */
  path: string;
  /** Undefined when the live group lacks the field. */
  live?: Json;
  /** Undefined when the program leaves it out. */
  declared?: Json;
}

/** Equal as JSON: objects whatever their key order, arrays in order. */
const same = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);

/**
 * Every leaf where the live arguments differ from the declared ones (objects are walked, arrays and scalars compared as
 * one value); the serialized provider (`__provider`) and the resource's name (`__resourceName`) are not arguments and are left out.
 */
export function fieldChanges(live: Record<string, unknown>, declared: Record<string, unknown>, prefix = ""): FieldDrift[] {
  const changes: FieldDrift[] = [];
  const keys = [...new Set([...Object.keys(declared), ...Object.keys(live)])].sort();
  for (const key of keys) {
    if (prefix === "" && (key === "__provider" || key === resourceNameInput)) continue;
    const path = prefix === "" ? key : `${prefix}.${key}`;
    const l = live[key];
    const d = declared[key];
    if (isPlainObject(l) && isPlainObject(d)) {
      changes.push(...fieldChanges(l, d, path));
    } else if (!same(l, d)) {
      changes.push({ path, ...(l === undefined ? {} : { live: l as Json }), ...(d === undefined ? {} : { declared: d as Json }) });
    }
  }
  return changes;
}
