// Changes someone else made to a commercetools group: which fields this stack sets they edited, who they were (the platform
// records the API client or Merchant Center user of the last change), and the warnings that say so before an overwrite.

import type { LastModifiedBy } from "@commercetools/platform-sdk";
import { sameFieldValue } from "./fieldValues";
import { GroupShape, sameTypeRef } from "./model";

/** A field someone changed that this stack is about to set (or, on a refresh, set last): their value and ours. */
export interface Edit {
  field: string;
  theirs: unknown;
  ours: unknown;
}

const sameValue = (a: unknown, b: unknown) => (a === undefined || b === undefined ? a === b : sameFieldValue(a, b));

/**
 * The fields `ours` sets that someone changed between `before` (what this stack last wrote or read) and `live`, with
 * their value and ours; a change that agrees with ours, or to a field `ours` leaves as it is, is not listed.
 */
export function editsToOverwrite(before: GroupShape, live: GroupShape, ours: GroupShape): Edit[] {
  const edits: Edit[] = [];
  if (live.name !== before.name && ours.name !== live.name) edits.push({ field: "name", theirs: live.name, ours: ours.name });
  if (live.key !== before.key && ours.key !== live.key) edits.push({ field: "key", theirs: live.key, ours: ours.key });
  const [b, l, o] = [before.custom, live.custom, ours.custom];
  const typeOf = (c: GroupShape["custom"]) => c && (c.type.key !== undefined ? { key: c.type.key } : { id: c.type.id });
  const sameType = (x: GroupShape["custom"], y: GroupShape["custom"]) => (x && y ? x.type.id === y.type.id || sameTypeRef(x.type, y.type) : x === y);
  if (!sameType(b, l) && !sameType(o, l)) {
    edits.push({ field: "custom.type", theirs: typeOf(l), ours: typeOf(o) });
  } else if (b && l && o && sameType(o, l)) {
    const names = new Set([...Object.keys(b.fields), ...Object.keys(l.fields), ...Object.keys(o.fields)]);
    for (const name of [...names].sort()) {
      const [was, is, wants] = [b.fields[name], l.fields[name], o.fields[name]];
      if (!sameValue(was, is) && !sameValue(wants, is)) edits.push({ field: `custom.fields.${name}`, theirs: is, ours: wants });
    }
  }
  return edits;
}

/** `lastModifiedBy` as the platform answers it: Merchant Center changes also carry `isPlatformClient` and the `user`. */
type Writer = LastModifiedBy & { isPlatformClient?: boolean; user?: unknown };

/** Who made the last change, in words, and whether it was a program (an API client) rather than a person. */
export function lastWriter(by: Writer | undefined, ourClientId: string): { who: string; program: boolean } {
  if (by?.clientId !== undefined && !by.isPlatformClient) {
    return by.clientId === ourClientId
      ? {
          who: `this stack's own API client '${by.clientId}' (another stack or tool with the same credentials, or a run of this stack killed before it recorded its change)`,
          program: true,
        }
      : { who: `API client '${by.clientId}'`, program: true };
  }
  if (by?.isPlatformClient || by?.user !== undefined) return { who: "a Merchant Center user", program: false };
  return { who: "someone outside Pulumi", program: false };
}

const listed = (edits: Edit[]) =>
  edits.map((e) => `${e.field}: theirs ${JSON.stringify(e.theirs) ?? "(none)"}, ours ${JSON.stringify(e.ours) ?? "(none)"}`).join("; ");

/** What to do when another program writes the group: two stacks (or a stack and a tool) that both manage it. */
function fightHint(identity: string): string {
  return (
    ` Another program changed it: if another stack also declares this group (${identity}), the two set it back and forth on every run. ` +
    "Find the other writer by that API client in the project's API client settings, or by searching your config repos for the group, and keep the group in one stack."
  );
}

/** The warning before an update overwrites what someone changed since the version it was sent with (a 409 and a re-read). */
export function conflictWarning(
  group: string,
  fromVersion: number,
  toVersion: number,
  edits: Edit[],
  writer: { who: string; program: boolean },
  identity: string,
) {
  return (
    `${group} was changed by ${writer.who} while this update was on its way (version ${fromVersion} → ${toVersion}): ${listed(edits)}. ` +
    `This update overwrites ${edits.length === 1 ? "that change" : "those changes"} with the program's values.` +
    (writer.program ? fightHint(identity) : " Run `pulumi refresh` (or `pulumi up --refresh`) to see such changes before applying.")
  );
}

/** The warning of a refresh that finds what this stack set changed by another program since it wrote it: a likely fight. */
export function refreshWarning(group: string, fromVersion: number, toVersion: number, edits: Edit[], writer: { who: string }, identity: string) {
  return (
    `${group} was changed by ${writer.who} since this stack last wrote it (version ${fromVersion} → ${toVersion}): ${listed(edits)}. ` +
    "The next `pulumi up` sets the program's values again." +
    fightHint(identity)
  );
}
