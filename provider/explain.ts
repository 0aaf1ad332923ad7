// What a planned step does to one customer group, in a merchant's terms and as the exact requests `pulumi up` sends: the
// shapes every backend's review.ts fills in and `review` prints, and the wording the backends share. Every text is a
// `Text` (provider/text.ts): the values in it come from files, programs and stores, and are rendered inert.

import { quoted, say, type Text, value } from "./text";

/** One change of a group as a reviewer reads it. */
export interface FieldChange {
  /** What changes, in the store's terms: `name`, `discount on the whole store`, `custom field tier`. */
  field: Text;
  /** The value before and after, as JSON values; absent: none. */
  before?: unknown;
  after?: unknown;
  /** The change in words: `15% → 12.5%`, `no longer managed; the store keeps 15%`. */
  text: Text;
}

/** One field of a group in the store's terms: what `review` compares, before and after a step. */
export interface Described {
  field: Text;
  value: unknown;
  /** The value in words: `'Gold'`, `yes`, `15%`, `categories 7, 12`. */
  words: Text;
}

export interface RequestLine {
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: string;
  body?: unknown;
}

/** What one step changes, sends and must tell a reviewer. */
export interface Explanation {
  fields: FieldChange[];
  requests: RequestLine[];
  warnings: Text[];
}

/** A live group found for an adoption: what adopting it will send, or why it will fail. */
export interface AdoptionLookup extends Explanation {
  found: boolean;
  /** The group's id when found. */
  id?: string;
}

/** What a value that is absent reads as. */
export const none = say`(none)`;

/** A plain value as a reviewer reads it: text quoted, `yes`/`no`, numbers as written, anything else as JSON. */
export function worded(v: unknown): Text {
  if (v === undefined || v === null) return none;
  if (typeof v === "string") return quoted(v);
  if (typeof v === "boolean") return v ? say`yes` : say`no`;
  if (typeof v === "number") return say`${v}`;
  return value(v);
}

const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The changes from one description of a group to another, field by field in the order they are described (a create
 * compares nothing with the declared group, a delete the group with nothing): the same words for every kind of step.
 */
export function changesBetween(before: readonly Described[], after: readonly Described[]): FieldChange[] {
  const was = new Map(before.map((d) => [d.field, d]));
  const will = new Map(after.map((d) => [d.field, d]));
  const changes: FieldChange[] = [];
  for (const field of new Set([...was.keys(), ...will.keys()])) {
    const b = was.get(field);
    const a = will.get(field);
    if (b && a && (sameValue(b.value, a.value) || b.words === a.words)) continue;
    changes.push({
      field,
      ...(b ? { before: b.value } : {}),
      ...(a ? { after: a.value } : {}),
      text: say`${b?.words ?? none} → ${a?.words ?? none}`,
    });
  }
  return changes;
}

/** Fields the program stops declaring: not sent, not compared from now on, and kept by the store as they are. */
export function noLongerManaged(kept: readonly Described[]): FieldChange[] {
  return kept.map((d) => ({ field: d.field, before: d.value, text: say`no longer managed; the store keeps ${d.words}` }));
}

/** The warning of a delete of a group the store holds; `detail` says what else the store does. */
export function deleteWarning(name: unknown, detail = say``): Text {
  return say`Deletes the group ${quoted(name)}${detail}: its customers lose its prices and discounts.`;
}

/** The warning of a replacement of a group the store holds: the old one goes first, because names are unique. */
export function replaceWarning(why: Text, name: unknown, from: Text | undefined, to: Text | undefined): Text {
  const moved = from !== undefined && to !== undefined && from !== to;
  return moved
    ? say`Moved from ${from} to ${to}: the group ${quoted(name)} is deleted in ${from} (its customers there lose it), then created in ${to}, where it starts without customers.`
    : say`Replaced because ${why} changed: the group ${quoted(name)}${from ? say` in ${from}` : say``} is deleted first (names are unique), then created${to ? say` in ${to}` : say``}.`;
}
