// The RevCent CustomerGroup lifecycle. RevCent's API reads groups but cannot write them: create adopts, update and
// create fail on drift with what to change, delete only stops tracking.

import { StackConfig } from "../config";
import { InputError } from "../http/errors";
import { redact } from "../http/redact";
import { Adapter, PropertyDiff } from "../lifecycle";
import { warn } from "../log";
import { ClientOptions, GroupListing, RevCentClient } from "./client";
import {
  adoptedByOf,
  declaredPaths,
  describeDifferences,
  differences,
  GroupInputs,
  GroupState,
  inputsOfState,
  normalizeInputs,
  stateOfGroup,
  topLevel,
  WireGroup,
} from "./model";
import { revcentSettings } from "./settings";
import { validateGroup } from "./validation";

/** The live group differs from the declaration, and RevCent's API cannot change it. */
export class DriftError extends Error {
  constructor(message: string) {
    super(redact(message));
    this.name = "DriftError";
  }
}

export function customerGroupAdapter(stack: StackConfig, options: ClientOptions = {}, env: NodeJS.ProcessEnv = process.env): Adapter<GroupInputs, GroupState> {
  let client: RevCentClient | undefined;
  // Settings are read on first use, so that `check` can validate a program that has no credentials yet.
  const api = () => (client ??= new RevCentClient(revcentSettings(stack, env), options));

  return {
    validate: validateGroup,
    normalize: (news) => normalizeInputs(news as GroupInputs),
    diff: diffGroup,
    async create(inputs) {
      const live = await find(api(), inputs);
      const outs = stateOfGroup(live, adoptedByOf(inputs), declaredPaths(inputs));
      const diffs = differences(outs, inputs);
      if (diffs.length > 0) {
        throw new DriftError(
          `cannot adopt ${describe(outs)}: it differs from the declaration, and RevCent's API cannot change customer groups: ` +
            `${describeDifferences(diffs)}. ${whatToDo}`,
        );
      }
      return { id: outs.groupId, outs };
    },
    async read(id, olds) {
      const live = (await api().listGroups()).groups.find((g) => g.id === id);
      if (!live) return undefined;
      const outs = stateOfGroup(live, olds.adoptedBy ?? { groupId: id }, olds.declared ?? []);
      return { outs, inputs: inputsOfState(outs) };
    },
    async update(id, olds, news) {
      // The state may be stale (no refresh before an update): judge the group as RevCent holds it now.
      const live = (await api().listGroups()).groups.find((g) => g.id === id);
      if (!live) {
        throw new InputError(
          `${describe(olds)} no longer exists in RevCent (deleted there). Run \`pulumi refresh\` to forget it; ` +
            "declare a group that exists to watch it again.",
        );
      }
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
    async delete(id, olds) {
      warn(
        `${describe({ ...olds, groupId: olds.groupId ?? id })} is no longer tracked by Pulumi. The group itself stays in RevCent, ` +
          "unchanged: RevCent's API cannot delete customer groups (delete it in RevCent if it is no longer wanted).",
      );
    },
  };
}

const whatToDo =
  "Change the group in RevCent to match the declaration, or change the declaration to what RevCent holds; " +
  "`pulumi preview --refresh` shows the differences.";

function describe(group: Pick<GroupState, "groupId" | "name">): string {
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
  // The declaration itself changed (what is compared, or how the group is chosen): the state must follow.
  const declared = declaredPaths(news);
  const before = new Set(olds.declared ?? []);
  for (const path of declared.filter((p) => !before.has(p)).concat((olds.declared ?? []).filter((p) => !declared.includes(p)))) {
    changed.add(topLevel(path));
  }
  const now = adoptedByOf(news);
  if ("name" in now !== "name" in adoptedBy) changed.add("name" in now ? "name" : "groupId");
  return { changed: [...changed].sort(), replace: [] };
}

/** The group the arguments name: by id, or the one group with exactly that name. */
async function find(client: RevCentClient, inputs: GroupInputs): Promise<WireGroup> {
  const listing = await client.listGroups();
  if (inputs.groupId !== undefined) {
    const group = listing.groups.find((g) => g.id === inputs.groupId);
    if (!group) {
      throw new InputError(`no RevCent customer group has the id '${inputs.groupId}' (${searched(listing)}). Check groupId, or adopt the group by its name.`);
    }
    return group;
  }
  const name = inputs.name ?? "";
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
