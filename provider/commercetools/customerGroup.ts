// The commercetools CustomerGroup backend: one version-checked POST per update, recomputed from the live group on a 409.

import { isDeepStrictEqual } from "node:util";
import type { CustomerGroup, Type } from "@commercetools/platform-sdk";
import { readSetting, StackConfig } from "../config";
import { GroupGoneError, InputError } from "../errors";
import { ApiError, hasCode, isConflict } from "../http/errors";
import { Duplicate, LifecycleAdapter, originOf } from "../lifecycle";
import { warn } from "../log";
import { followingDeclaration } from "../declaration";
import { changedProperties, toUpdateActions } from "./actions";
import { customFieldFailures } from "./customFields";
import { ClientOptions, CommercetoolsClient } from "./client";
import {
  declaredFields,
  desiredShape,
  GroupInputs,
  GroupShape,
  GroupState,
  migrateState,
  normalizeInputs,
  ObservedInputs,
  observedInputs,
  shapeOfState,
} from "./model";
import { commercetoolsSettingKeys, commercetoolsSettings } from "./settings";
import { validateGroup } from "./validation";
import { stateOfGroup, toDraft } from "./wire";
import { conflictWarning, editsToOverwrite, lastWriter, refreshWarning } from "./otherWriters";

/** How many times a version conflict is resolved by re-reading before giving up. */
const maxConflictRounds = 5;

export type CommercetoolsAdapter = LifecycleAdapter<GroupInputs, GroupState, ObservedInputs, CustomerGroup, CommercetoolsClient>;

export function customerGroupAdapter(stack: StackConfig, options: ClientOptions = {}, env: NodeJS.ProcessEnv = process.env): CommercetoolsAdapter {
  // The projects whose types could not be read in this run: said once, and not asked again (custom fields sent unchecked).
  const typesUnreadable = new Set<string>();
  return {
    noun: "commercetools customer group",
    settings: { backend: "commercetools", keys: commercetoolsSettingKeys, env },
    // The only identity a group has beyond its id is the project it lives in.
    scope: {
      noun: "project",
      property: "projectKey",
      configured: (connection) => readSetting(commercetoolsSettingKeys.projectKey, stack, env, connection),
      // A project key names a project in one region: the API host is part of the place.
      host: (connection) => originOf(readSetting(commercetoolsSettingKeys.apiUrl, stack, env, connection)),
    },
    validate: validateGroup,
    declared: declaredFields,
    normalize: (news) => normalizeInputs(news as unknown as GroupInputs),
    migrate: migrateState,
    diff: (olds, news) => ({ changed: changedProperties(shapeOfState(olds), desiredShape(shapeOfState(olds), news)), replace: [] }),
    async checkAgainstStore(client, inputs, previous) {
      const custom = inputs.custom;
      if (!custom || typesUnreadable.has(client.projectKey) || isDeepStrictEqual(custom, previous?.custom)) return [];
      let type: Type | undefined;
      try {
        type = await client.typeOf(custom.type);
      } catch (e) {
        if (!typesUnreadable.has(client.projectKey)) {
          typesUnreadable.add(client.projectKey);
          const why =
            e instanceof ApiError && (e.status === 400 || e.status === 401 || e.status === 403)
              ? `grant view_types:${client.projectKey}`
              : (e as Error).message;
          warn(`custom fields are sent unchecked in project '${client.projectKey}': the API client could not read their types (${why}).`);
        }
        return [];
      }
      if (!type) {
        const by = custom.type.key !== undefined ? "key" : "id";
        return [{ property: `custom.type.${by}`, reason: `names no type of project '${client.projectKey}' (no type has the ${by} '${custom.type[by]}')` }];
      }
      return customFieldFailures(type, custom.fields ?? {});
    },
    connect: (connection) => new CommercetoolsClient(commercetoolsSettings(stack, env, connection), options),

    // By key when the program gives one (keys are what integrations use), else by name; both are unique in a project.
    identity: (inputs) => (inputs.key != null ? { field: "key", value: inputs.key } : { field: "name", value: inputs.name }),
    find: async (client, { field, value }, fresh) => (await client.reader.lookup(field, value, fresh))[0],
    idOf: (live) => live.id,
    async create(client, inputs) {
      const group = await client.create(toDraft(inputs));
      return { id: group.id, outs: stateOfGroup(group, { ...contextOf(client, inputs), previous: desiredShape({ name: inputs.name }, inputs) }) };
    },
    duplicateOf,
    stateOfLostCreate,
    async converge(client, live, inputs) {
      const state = await adoptedState(client, live, inputs);
      return applyDesired(client, live.id, { version: live.version, shape: shapeOfState(state), state }, inputs);
    },

    async read(client, id, olds) {
      const live = await client.reader.byId(id);
      if (!live) return undefined;
      const state = stateOfGroup(live, { projectKey: client.projectKey, managed: olds.managed, adopt: olds.adopt, previous: olds });
      warnOfAnotherProgram(client, live, olds, state);
      return state;
    },
    observed: observedInputs,
    // The recorded version may be stale (Pulumi does not refresh before an update); the version check tells, and then we re-read.
    update: (client, id, olds, news) => applyDesired(client, id, { version: olds.version, shape: shapeOfState(olds), state: olds }, news),
    delete: remove,
    countCustomers: (client, id) => client.countCustomers(id),
    permissionToCount: (client) => `grant view_customers:${client.projectKey}`,
  };
}

/** The key of the custom type the program names, when adopting `state` needs to know whether it is the type the group has. */
export function typeKeyToResolve(state: GroupState, inputs: GroupInputs): string | undefined {
  const key = inputs.custom?.type.key;
  return key !== undefined && state.custom !== undefined && state.custom.type.key === undefined ? key : undefined;
}

/**
 * A group being adopted, in state form. The platform answers its custom type by id; a program (and `export`) names it by
 * key, and the two cannot be compared, so the key is looked up (one GET per key and run) rather than sending a
 * `setCustomType` that changes nothing. When the API client may not read types, the type is set again: the same end, one write.
 */
export async function adoptedState(client: CommercetoolsClient, live: CustomerGroup, inputs: GroupInputs): Promise<GroupState> {
  const state = stateOfGroup(live, { projectKey: client.projectKey, managed: declaredFields(inputs) });
  const key = typeKeyToResolve(state, inputs);
  if (key === undefined) return state;
  try {
    if ((await client.typeIdOfKey(key)) === state.custom!.type.id) state.custom!.type.key = key;
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    warn(
      `${describeGroup(client, live)}: could not read custom type '${key}' to compare it with the group's type ${state.custom!.type.id} ` +
        `(${e.message}); the type and its fields are set again. Grant view_types:${client.projectKey} to avoid that write.`,
    );
  }
  return state;
}

function contextOf(client: CommercetoolsClient, inputs: GroupInputs) {
  return { projectKey: client.projectKey, managed: declaredFields(inputs), adopt: inputs.adopt };
}

/** A DuplicateField answer: which field (name or key) and the group holding it, when the platform says. */
function duplicateOf(e: unknown, inputs: GroupInputs): Duplicate | undefined {
  if (!hasCode(e, "DuplicateField")) return undefined;
  const detail = ((e.body as { errors?: { field?: string; conflictingResource?: { id?: string } }[] })?.errors ?? [])[0] ?? {};
  const holderId = detail.conflictingResource?.id;
  if (detail.field === "key" && inputs.key != null) return { field: "key", value: inputs.key, holderId };
  return { field: "name", value: inputs.name, holderId };
}

/**
 * The state of a group holding this resource's key or name when it is the one its own create made and whose answer was lost:
 * the platform records the API client that created it, version 1 shows nobody changed it since, and it is exactly the draft.
 */
function stateOfLostCreate(client: CommercetoolsClient, live: CustomerGroup, inputs: GroupInputs): GroupState | undefined {
  if (live.createdBy?.clientId !== client.settings.clientId || live.version !== 1) return undefined;
  const draft = desiredShape({ name: inputs.name }, inputs);
  // Read as what the draft wrote, as after a create, so that a type named by key matches the id the platform answers.
  const state = stateOfGroup(live, { ...contextOf(client, inputs), previous: draft });
  const made = shapeOfState(state);
  if ((made.key === undefined) !== (draft.key === undefined) || (made.custom === undefined) !== (draft.custom === undefined)) return undefined;
  return toUpdateActions(made, draft).length === 0 ? state : undefined;
}

const describeGroup = (client: CommercetoolsClient, live: CustomerGroup) =>
  `commercetools customer group ${live.id} ('${live.name}') in project '${client.projectKey}'`;
const identityOf = (declared: { key?: string | null; name: string }) => (declared.key != null ? `key '${declared.key}'` : `name '${declared.name}'`);

/**
 * On a refresh: when another program (an API client, not a person in the Merchant Center) has written the group since this
 * stack did, and changed what this stack sets, warn that it is likely another stack declaring the same group. A person's
 * edit is ordinary drift, which the refresh shows as a diff.
 */
function warnOfAnotherProgram(client: CommercetoolsClient, live: CustomerGroup, olds: GroupState, state: GroupState): void {
  if (live.version <= olds.version) return;
  const writer = lastWriter(live.lastModifiedBy, client.settings.clientId);
  if (!writer.program) return;
  const declared = observedInputs(olds) as GroupInputs;
  const shape = shapeOfState(state);
  const edits = editsToOverwrite(shapeOfState(olds), shape, desiredShape(shape, declared));
  if (edits.length > 0) warn(refreshWarning(describeGroup(client, live), olds.version, live.version, edits, writer, identityOf(declared)));
}

interface Base {
  version: number;
  shape: GroupShape;
  /** The state this base came from, returned as is when nothing needs to change. */
  state: GroupState;
}

/**
 * Sends one version-checked POST with every action needed to go from `base` to what the inputs declare.
 * On a ConcurrentModification it re-reads the group and computes the actions again from what is live: never
 * the old actions with a new version, which could undo someone else's change or remove a field that is gone.
 */
async function applyDesired(client: CommercetoolsClient, id: string, base: Base, inputs: GroupInputs): Promise<GroupState> {
  const context = contextOf(client, inputs);
  for (let round = 1; ; round++) {
    const desired = desiredShape(base.shape, inputs);
    const actions = toUpdateActions(base.shape, desired);
    if (actions.length === 0) {
      return followingDeclaration(base.state, context.managed, inputs.adopt);
    }
    try {
      const group = await client.update(id, base.version, actions);
      return stateOfGroup(group, { ...context, previous: desired });
    } catch (e) {
      if (!(isConflict(e) && e.code === "ConcurrentModification")) throw e;
      if (round >= maxConflictRounds) {
        throw e.withMessage(
          `customer group ${id} kept changing while it was being updated (${round} attempts); someone or something else is editing it. Try again when it is quiet.`,
        );
      }
      const live = await client.getById(id);
      if (!live) throw new GroupGoneError();
      const state = stateOfGroup(live, { ...context, previous: base.state });
      const shape = shapeOfState(state);
      // Say so before overwriting what someone changed meanwhile, in a field this update sets.
      const edits = editsToOverwrite(base.shape, shape, desiredShape(shape, inputs));
      if (edits.length > 0) {
        const writer = lastWriter(live.lastModifiedBy, client.settings.clientId);
        warn(conflictWarning(describeGroup(client, live), base.version, live.version, edits, writer, identityOf(inputs)));
      }
      base = { version: live.version, shape, state };
    }
  }
}

/**
 * One DELETE, checked against the version the state recorded. A conflict means someone changed the group since this
 * stack last read it (another stack, the Merchant Center): the delete stops, rather than re-read and delete blind.
 */
async function remove(client: CommercetoolsClient, id: string, olds: GroupState): Promise<void> {
  try {
    await client.delete(id, olds.version);
  } catch (e) {
    if (!isConflict(e)) throw e;
    const live = await client.getById(id);
    if (!live) return;
    const by = lastWriter(live.lastModifiedBy, client.settings.clientId);
    throw new InputError(
      `refusing to delete ${describeGroup(client, live)}: it changed in the store since this stack last read it (version ${olds.version}, now ` +
        `${live.version}, last changed by ${by.who}), so another stack or an admin may rely on it. Run \`pulumi refresh\` (or ` +
        "`pulumi up --refresh`) to see the change, then run again to delete it.",
    );
  }
}
