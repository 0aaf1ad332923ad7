// Drift of one group field by field: where the live arguments (as a refresh reads them) differ from the declared ones.
// The comparison every backend uses unless it words its fields its own way.

import { canonicalJson, isPlainObject } from "./canonical";
import { previousIdentityInput } from "./resourceName";
import { none, type Described } from "./explain";
import { plain, say } from "./text";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface FieldDrift {
  /** Dotted path of the argument (`custom.fields.tier`); an array is one value. */
  path: string;
  /** Undefined when the live group lacks the field. */
  live?: Json;
  /** Undefined when the program leaves it out. */
  declared?: Json;
  /** The difference in the store's words (`live 9%, declared 2.5%`), where the backend words its fields; on one line, values' invisible characters escaped. */
  text?: string;
}

/**
 * Drift in the store's terms, from a backend's description of a group (review.inWords): each field that differs, a rule
 * set rule by rule (`discount on the whole store: live 9%, declared 2.5%`). Only what the program declares is compared.
 */
export function driftInWords(inWords: (group: Record<string, unknown>) => Described[]) {
  return (live: Record<string, unknown>, declared: Record<string, unknown>): FieldDrift[] => {
    const was = new Map(inWords(live).map((d) => [d.field, d]));
    const will = new Map(inWords(declared).map((d) => [d.field, d]));
    const drift: FieldDrift[] = [];
    for (const field of new Set([...was.keys(), ...will.keys()])) {
      const l = was.get(field);
      const d = will.get(field);
      if (l && d && same(l.value, d.value)) continue;
      drift.push({
        path: plain(field),
        ...(l ? { live: l.value as Json } : {}),
        ...(d ? { declared: d.value as Json } : {}),
        text: plain(say`live ${l?.words ?? none}, declared ${d?.words ?? none}`),
      });
    }
    return drift;
  };
}

/** Equal as JSON: objects whatever their key order, arrays in order. */
const same = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);

/**
 * Every leaf where the live arguments differ from the declared ones (objects are walked, arrays and scalars compared as
 * one value); what the engine, the SDK and `check` add (`__provider`, `__resourceName`, `renamedFrom`) is not an argument and is left out.
 */
export function fieldChanges(live: Record<string, unknown>, declared: Record<string, unknown>, prefix = ""): FieldDrift[] {
  const changes: FieldDrift[] = [];
  const keys = [...new Set([...Object.keys(declared), ...Object.keys(live)])].sort();
  for (const key of keys) {
    if (prefix === "" && (key.startsWith("__") || key === previousIdentityInput)) continue;
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
