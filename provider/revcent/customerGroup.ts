// The RevCent CustomerGroup backend. RevCent's API reads groups but cannot write them: every group is adopted (and the
// adoption fails on drift, saying what to change), an update fails on drift, and delete only stops tracking.

import { StackConfig } from "../config";
import { DriftError, GroupGoneError, InputError } from "../errors";
import { LifecycleAdapter, Identity, PropertyDiff } from "../lifecycle";
import { warn } from "../log";
import { plain } from "../text";
import { ClientOptions, GroupListing, RevCentClient } from "./client";
import { describeDifferences, differences, sharedNameWarning, topLevel, upWillFail } from "./drift";
import { adoptedByOf, declaredPaths, GroupInputs, GroupState, migrateState, normalizeInputs, observedInputs } from "./model";
import { revcentSettingKeys, revcentSettings } from "./settings";
import { validateGroup } from "./validation";
import { stateOfGroup, WireGroup } from "./wire";

export type RevCentAdapter = LifecycleAdapter<GroupInputs, GroupState, GroupInputs, WireGroup, RevCentClient>;

export function customerGroupAdapter(stack: StackConfig, options: ClientOptions = {}, env: NodeJS.ProcessEnv = process.env): RevCentAdapter {
  return {
    noun: "RevCent customer group",
    settings: { backend: "revcent", keys: revcentSettingKeys, env },
    validate: validateGroup,
    normalize: (news) => normalizeInputs(news as GroupInputs),
    migrate: migrateState,
    diff(olds, news) {
      // A plain preview calls diff too: say there what `up` will refuse, judged against the last known live group.
      const diffs = differences(olds, news);
      const plan = diffGroup(olds, news);
      if (diffs.length > 0 && plan.replace.length === 0) warn(`${describe(olds)}: ${plain(upWillFail)} ${describeDifferences(diffs)}.`);
      const shared = news.groupId === undefined && plan.replace.length === 0 ? sharedNameWarning(olds) : undefined;
      if (shared) warn(`${describe(olds)}: ${plain(shared)}`);
      return plan;
    },
    connect: (connection) => new RevCentClient(revcentSettings(stack, env, connection), options),

    identity: (inputs) => (inputs.groupId !== undefined ? { field: "groupId", value: inputs.groupId } : { field: "name", value: inputs.name ?? "" }),
    find,
    idOf: (live) => live.id,
    // No `create`: the API cannot create groups, so the lifecycle adopts every group.
    async converge(_client, live, inputs) {
      const outs = stateOfGroup(live, adoptedByOf(inputs), declaredPaths(inputs));
      const diffs = differences(outs, inputs);
      if (diffs.length > 0) {
        throw new DriftError(
          `cannot adopt ${describe(outs)}: it differs from the declaration, and RevCent's API cannot change customer groups: ` +
            `${describeDifferences(diffs)}. ${whatToDo}`,
        );
      }
      return outs;
    },

    async read(client, id, olds) {
      // The API reads groups only as a list: one listing (shared by every read of the refresh) answers both questions.
      const groups = await client.reader.all(false);
      const live = groups.find((g) => g.id === id);
      if (!live) return undefined;
      const state = stateOfGroup(live, olds.adoptedBy, olds.declared);
      // Other groups with the name this one is adopted by: adopting by that name again would fail.
      const adoptedName = olds.adoptedBy && "name" in olds.adoptedBy ? olds.adoptedBy.name : undefined;
      const others = adoptedName === undefined ? [] : groups.filter((g) => g.name === adoptedName && g.id !== id);
      if (others.length > 0) state.sameName = others.map((g) => g.id).sort();
      return state;
    },
    observed: observedInputs,
    async update(client, id, _olds, news) {
      // The state may be stale (no refresh before an update): judge the group as RevCent holds it now.
      const live = (await client.listGroups(true)).groups.find((g) => g.id === id);
      if (!live) throw new GroupGoneError();
      const outs = stateOfGroup(live, adoptedByOf(news), declaredPaths(news));
      const diffs = differences(outs, news);
      if (diffs.length > 0) {
        throw new DriftError(
          `${describe(outs)} differs from the declaration, and RevCent's API cannot change customer groups, so \`pulumi up\` cannot apply it: ` +
            `${describeDifferences(diffs)}. ${whatToDo}`,
        );
      }
      // Only the declaration changed (a newly declared value that already holds, or one no longer declared).
      return outs;
    },
    async delete(_client, id, olds) {
      warn(
        `${describe({ ...olds, groupId: olds.groupId ?? id })} is no longer tracked by Pulumi. The group itself stays in RevCent, ` +
          "unchanged: RevCent's API cannot delete customer groups (delete it in RevCent if it is no longer wanted).",
      );
    },
    describe: (id, state) => describe({ groupId: id, name: state.name }),
  };
}

const whatToDo =
  "Change the group in RevCent to match the declaration, or change the declaration to what RevCent holds; " +
  "`pulumi preview --refresh` shows the differences.";

function describe(group: { groupId: string; name?: string }): string {
  return `RevCent customer group ${group.name !== undefined ? `'${group.name}' ` : ""}(id ${group.groupId})`;
}

/**
 * Changes: every declared value that differs from the recorded (refreshed) group, and a changed declaration.
 * Replacement only when the program points at another group: another `groupId`, or another `name` than the one the
 * group was adopted by. A group renamed in RevCent is drift of `name`, not another group.
 */
export function diffGroup(olds: GroupState, news: GroupInputs): PropertyDiff {
  const replace: string[] = [];
  const adoptedBy = olds.adoptedBy ?? { groupId: olds.groupId };
  if (news.groupId !== undefined && news.groupId !== olds.groupId) replace.push("groupId");
  if (news.name !== undefined) {
    const adoptedName = "name" in adoptedBy ? adoptedBy.name : olds.name;
    if (news.name !== adoptedName) replace.push("name");
  }
  if (replace.length > 0) return { changed: replace, replace };

  const changed = new Set(differences(olds, news).map((d) => topLevel(d.path)));
  // A value no longer declared: the state must stop comparing it. A newly declared value RevCent already holds changes
  // nothing (the state starts comparing it at the next update); one it does not hold is a difference above.
  const declared = declaredPaths(news);
  for (const path of (olds.declared ?? []).filter((p) => !declared.includes(p))) changed.add(topLevel(path));
  const now = adoptedByOf(news);
  if ("name" in now !== "name" in adoptedBy) changed.add("name" in now ? "name" : "groupId");
  return { changed: [...changed].sort(), replace: [] };
}

/** The group the arguments name: by id, or the one group with exactly that name; anything else fails, saying what was found. */
async function find(client: RevCentClient, { field, value }: Identity, fresh: boolean): Promise<WireGroup> {
  const listing = await client.listGroups(fresh);
  if (field === "groupId") {
    const group = listing.groups.find((g) => g.id === value);
    if (!group) {
      throw new InputError(`no RevCent customer group has the id '${value}' (${searched(listing)}). Check groupId, or adopt the group by its name.`);
    }
    return group;
  }
  const name = value;
  const named = listing.groups.filter((g) => g.name === name);
  if (named.length === 1) return named[0]!;
  if (named.length === 0) {
    const similar = listing.groups.filter((g) => typeof g.name === "string" && g.name.trim().toLowerCase() === name.trim().toLowerCase());
    const hint = similar.length > 0 ? ` Similar: ${similar.map((g) => `'${g.name}' (id ${g.id})`).join(", ")}; names are compared exactly.` : "";
    throw new InputError(
      `no RevCent customer group is named '${name}' (${searched(listing)}).${hint} RevCent's API cannot create groups: ` +
        "create it in RevCent first, or correct the name.",
    );
  }
  throw new InputError(
    `${named.length} RevCent customer groups are named '${name}' (ids ${named.map((g) => g.id).join(", ")}), so the name does not say which one to adopt. ` +
      `Adopt one by its id instead: replace \`name: "${name}"\` with \`groupId: "${named[0]!.id}"\` (or another of these ids), or rename the others in RevCent.`,
  );
}

function searched(listing: GroupListing): string {
  return `searched all ${listing.groups.length} groups on ${listing.pages} page${listing.pages === 1 ? "" : "s"}`;
}
