// What a planned step does to one customer group, in a merchant's terms and as the exact requests `pulumi up` sends: the
// shapes every backend's review.ts fills in and `review` prints, and the wording the backends share.

/** One change of a group as a reviewer reads it. */
export interface FieldChange {
  /** What changes, in the store's terms: `name`, `discount on the whole store`, `custom field tier`. */
  field: string;
  /** The value before and after, as JSON values; absent: none. */
  before?: unknown;
  after?: unknown;
  /** The change in words: `15% → 12.5%`, `no longer managed; the store keeps 15%`. */
  text: string;
}

/** One field of a group in the store's terms: what `review` compares, before and after a step. */
export interface Described {
  field: string;
  value: unknown;
  /** The value in words: `'Gold'`, `yes`, `15%`, `categories 7, 12`. */
  words: string;
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
  warnings: string[];
}

/** A live group found for an adoption: what adopting it will send, or why it will fail. */
export interface AdoptionLookup extends Explanation {
  found: boolean;
  /** The group's id when found. */
  id?: string;
}

/** What a value that is absent reads as. */
export const none = "(none)";

/** A plain value as a reviewer reads it: text quoted, `yes`/`no`, numbers as written, anything else as JSON. */
export function worded(value: unknown): string {
  if (value === undefined || value === null) return none;
  if (typeof value === "string") return `'${value}'`;
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number") return String(value);
  return JSON.stringify(value);
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
      text: `${b?.words ?? none} → ${a?.words ?? none}`,
    });
  }
  return changes;
}

/** Fields the program stops declaring: not sent, not compared from now on, and kept by the store as they are. */
export function noLongerManaged(kept: readonly Described[]): FieldChange[] {
  return kept.map((d) => ({ field: d.field, before: d.value, text: `no longer managed; the store keeps ${d.words}` }));
}

/** The warning of a delete of a group the store holds; `detail` says what else the store does. */
export function deleteWarning(name: unknown, detail = ""): string {
  return `Deletes the group '${String(name)}'${detail}: its customers lose its prices and discounts.`;
}

/** The warning of a replacement of a group the store holds: the old one goes first, because names are unique. */
export function replaceWarning(why: string, name: unknown, from: string | undefined, to: string | undefined): string {
  return `Replaced because ${why} changed: the group '${String(name)}'${from ? ` in ${from}` : ""} is deleted first (names are unique), then created${to ? ` in ${to}` : ""}.`;
}
