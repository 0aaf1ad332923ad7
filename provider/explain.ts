// What a planned step does to one customer group, in a merchant's terms and as the exact requests `pulumi up` sends: the
// shapes every backend's review.ts fills in and `review` prints, and the wording the backends share.

export interface FieldChange {
  field: string;
  before: string;
  after: string;
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

/** A value as a reviewer reads it: JSON, or `(none)`. */
export const shown = (value: unknown): string => (value === undefined ? "(none)" : JSON.stringify(value));

/** Every declared argument among `names`, as new values (what a create sets). */
export function declaredAsNew(inputs: Record<string, unknown>, names: readonly string[]): FieldChange[] {
  return names.filter((n) => inputs[n] !== undefined).map((n) => ({ field: n, before: "(none)", after: JSON.stringify(inputs[n]) }));
}

/** The warning of a delete of a group the store holds; `detail` says what else the store does. */
export function deleteWarning(name: unknown, detail = ""): string {
  return `Deletes the group '${String(name)}'${detail}: its customers lose its prices and discounts.`;
}

/** The warning of a replacement of a group the store holds: the old one goes first, because names are unique. */
export function replaceWarning(why: string, name: unknown, from: string | undefined, to: string | undefined): string {
  return `Replaced because ${why} changed: the group '${String(name)}'${from ? ` in ${from}` : ""} is deleted first (names are unique), then created${to ? ` in ${to}` : ""}.`;
}
