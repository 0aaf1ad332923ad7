// `export` of RevCent groups: each live group with the values it holds, adopted by name, or by groupId where another group
// has the same name (RevCent allows that). Nothing is ever written to RevCent.

import type { ExportEntry } from "../backend";
import type { CustomerGroupArgs, Qualifiers } from "./types";
import { groupInfo, WireGroup } from "./wire";

export function exportEntries(live: readonly WireGroup[], connection: string | undefined): ExportEntry<CustomerGroupArgs>[] {
  const count = new Map<string, number>();
  for (const g of live) count.set(g.name, (count.get(g.name) ?? 0) + 1);
  return live.map((group) => {
    const info = groupInfo(group);
    const shared = count.get(info.name)! > 1;
    const args: CustomerGroupArgs = shared ? { groupId: info.id } : { name: info.name };
    if (connection !== undefined) args.connection = connection;
    if (info.description !== undefined) args.description = info.description;
    if (info.enabled !== undefined) args.enabled = info.enabled;
    if (info.qualifierMethod !== undefined) args.qualifierMethod = info.qualifierMethod;
    // Empty qualifiers compare nothing: leaving them out says the same, with less to read.
    if (info.qualifiers !== undefined && Object.keys(info.qualifiers).length > 0) args.qualifiers = info.qualifiers as Qualifiers;
    const comment = shared ? [`'${info.name}': ${count.get(info.name)} RevCent groups have this name, so this one is adopted by its id.`] : undefined;
    return { nameFrom: group.name, id: group.id, args, ...(comment && { comment }) };
  });
}
