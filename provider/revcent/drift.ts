// Drift of a RevCent group: every declared value that differs from what RevCent holds, worded for the person who must fix it.

import { canonicalJson } from "../canonical";
import { code, joined, quoted, say, type Text, value } from "../text";
import { canonical, declaredPaths, GroupInputs, GroupState, valueAt } from "./model";

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
/** What `review` and a preview say of a declaration RevCent does not hold: `pulumi up` will refuse it. */
export const upWillFail = say`RevCent's API cannot change customer groups: \`pulumi up\` fails for this group until the group in RevCent holds the declared values (or the declaration is changed back).`;

/** What `review` and a preview say of a group adopted by a name that the last refresh found on other groups too. */
export function sharedNameWarning(state: { groupId: string; name: string; sameName?: string[] }): Text | undefined {
  const others = state.sameName ?? [];
  if (others.length === 0) return undefined;
  return say`The last refresh found ${others.length + 1} RevCent groups named ${quoted(state.name)} (this one, id ${value(state.groupId)}, and ${joined(others.map(value), ", ")}). This resource keeps following its id, but adopting by that name again (a new stack, a replacement, or after \`pulumi state delete\`) fails: declare ${code(`groupId: "${state.groupId}"`)} instead of the name, or rename the other groups in RevCent.`;
}

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
