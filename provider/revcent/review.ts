// `review` of a RevCent step. RevCent is never written: a step sends nothing, and the review says which declared values
// differ from the group as RevCent holds it (`pulumi up` fails on them) and what adopting or dropping a group means.

import type { BackendDescriptor } from "../backend";
import { AdoptionLookup, FieldChange, worded } from "../explain";
import { reached } from "../lifecycle";
import { quoted, say, value } from "../text";
import { customerGroupAdapter } from "./customerGroup";
import { differences, sharedNameWarning, upWillFail } from "./drift";
import { adoptedByOf, declaredPaths, GroupInputs, migrateState } from "./model";
import { stateOfGroup } from "./wire";

/** A declared value that differs from the group in RevCent, by its path: `enabled: no in RevCent → yes declared`. */
const asChange = (d: { path: string; live?: unknown; declared?: unknown }): FieldChange => ({
  field: value(d.path),
  ...(d.live !== undefined ? { before: d.live } : {}),
  ...(d.declared !== undefined ? { after: d.declared } : {}),
  text: say`${worded(d.live)} → ${worded(d.declared)}`,
});

export const review: BackendDescriptor["review"] = {
  updated(_id, outputs, inputs) {
    const state = migrateState(outputs);
    const diffs = differences(state, inputs as GroupInputs);
    const shared = (inputs as GroupInputs).groupId === undefined ? sharedNameWarning(state) : undefined;
    return {
      fields: diffs.map(asChange),
      requests: [],
      warnings: [...(diffs.length === 0 ? [] : [upWillFail]), ...(shared ? [shared] : [])],
    };
  },

  deleted: () => ({
    fields: [],
    requests: [],
    warnings: [say`Pulumi stops watching this group; it stays in RevCent, unchanged (RevCent's API cannot delete groups).`],
  }),

  replaced: (_id, outputs, why) => ({
    fields: [],
    requests: [],
    warnings: [
      say`Replaced because ${why} changed: Pulumi stops watching the group ${quoted(outputs.name)} and adopts the one the program now names (RevCent is not written to).`,
    ],
  }),

  async adoption(reach, props): Promise<AdoptionLookup> {
    const { adapter, client } = reached(customerGroupAdapter, reach);
    const inputs = props as GroupInputs;
    try {
      const live = await adapter.find(client, adapter.identity(inputs), false);
      if (!live) return { found: false, requests: [], fields: [], warnings: [] };
      const state = stateOfGroup(live, adoptedByOf(inputs), declaredPaths(inputs));
      const diffs = differences(state, inputs);
      return {
        found: true,
        id: live.id,
        requests: [],
        fields: diffs.map(asChange),
        warnings: diffs.length > 0 ? [say`RevCent's API cannot change customer groups: adopting this one fails until it holds the declared values.`] : [],
      };
    } catch (e) {
      // RevCent's look-up says why (no such name, several groups with it): adopting it will fail the same way.
      return { found: false, requests: [], fields: [], warnings: [say`\`pulumi up\` will fail: ${value((e as Error).message)}`] };
    }
  },
};
