// The BigCommerce CustomerGroup backend: one PUT per update with only what changed (the whole rule set when the rules did).

import { readSetting, StackConfig } from "../config";
import { GroupGoneError, InputError } from "../errors";
import { isConflict } from "../http/errors";
import { LifecycleAdapter, originOf } from "../lifecycle";
import { followingDeclaration } from "../declaration";
import { warn } from "../log";
import { changedFields, overwriteWarning, toUpdateBody } from "./changes";
import { BigCommerceClient, ClientOptions } from "./client";
import {
  declaredFields,
  GroupInputs,
  GroupState,
  migrateState,
  normalizeInputs,
  ObservedInputs,
  observedInputs,
  OptionalField,
  optionalFields,
  roles,
} from "./model";
import { bigcommerceSettingKeys, bigcommerceSettings } from "./settings";
import { validateGroup } from "./validation";
import { stateOfGroup, toCreateBody, WireBody, WireGroup } from "./wire";

export type BigCommerceAdapter = LifecycleAdapter<GroupInputs, GroupState, ObservedInputs, WireGroup, BigCommerceClient>;

export function customerGroupAdapter(stack: StackConfig, options: ClientOptions = {}, env: NodeJS.ProcessEnv = process.env): BigCommerceAdapter {
  return {
    noun: "bigcommerce customer group",
    settings: { backend: "bigcommerce", keys: bigcommerceSettingKeys, env },
    // The only identity a group has beyond its id is the store it lives in.
    scope: {
      noun: "store",
      property: "storeHash",
      configured: (connection) => readSetting(bigcommerceSettingKeys.storeHash, stack, env, connection),
      host: (connection) => originOf(readSetting(bigcommerceSettingKeys.apiUrl, stack, env, connection)),
    },
    validate: validateGroup,
    declared: declaredFields,
    roles,
    normalize: (news) => normalizeInputs(news as unknown as GroupInputs),
    migrate: migrateState,
    diff: (olds, news) => ({ changed: changedFields(olds, news), replace: [] }),
    connect: (connection) => new BigCommerceClient(bigcommerceSettings(stack, env, connection), options),

    // Names are unique in a store, and a group has nothing else to be found by.
    identity: (inputs) => ({ field: "name", value: inputs.name }),
    find: async (client, { value }, fresh) => (await client.reader.lookup("name", value, fresh))[0],
    idOf: (live) => String(live.id),
    async create(client, inputs) {
      const group = await client.create(toCreateBody(inputs));
      return { id: String(group.id), outs: readState(client, group, declaredFields(inputs), inputs.adopt) };
    },
    // The store answers 409 to a name another group has (the only unique field it has).
    duplicateOf: (e, inputs) => (isConflict(e) ? { field: "name", value: inputs.name } : undefined),
    stateOfLostCreate: (client, live, inputs) => stateOfLostCreate(client, live, inputs, (options.now ?? Date.now)()),
    async converge(client, live, inputs) {
      const state = readState(client, live, declaredFields(inputs), inputs.adopt);
      const body = toUpdateBody(state, inputs);
      return Object.keys(body).length === 0 ? state : put(client, live.id, body, inputs);
    },

    async read(client, id, olds) {
      const live = await client.reader.byId(String(groupIdOf(id)));
      return live && readState(client, live, olds.managed, olds.adopt);
    },
    observed: observedInputs,
    update,
    delete: (client, id) => client.delete(groupIdOf(id)),
  };
}

function groupIdOf(id: string): number {
  if (!/^[1-9]\d*$/.test(id)) throw new InputError(`'${id}' is not a BigCommerce customer group id (a positive integer)`);
  return Number(id);
}

/** The live group in state form; whatever in it cannot be understood is kept as sent and reported. */
function readState(client: BigCommerceClient, group: WireGroup, managed: readonly OptionalField[], adopt: boolean | undefined): GroupState {
  const { state, problems } = stateOfGroup(group, client.storeHash, managed, adopt);
  for (const problem of problems) {
    warn(`${problem} A declared discountRules or categoryAccess replaces it at the next update.`);
  }
  return state;
}

async function update(client: BigCommerceClient, id: string, olds: GroupState, news: GroupInputs): Promise<GroupState> {
  const body = toUpdateBody(olds, news);
  if (Object.keys(body).length === 0) {
    // Nothing to send (only what is managed, or `adopt`, changed).
    return followingDeclaration(olds, declaredFields(news), news.adopt);
  }
  // The state may be stale (Pulumi does not refresh before an update): say so when this PUT overwrites someone's edit.
  // Updates of many groups at once read the store in one listing, as a refresh does.
  const live = await client.reader.byId(String(groupIdOf(id)));
  if (!live) throw new GroupGoneError();
  const warning = overwriteWarning(olds, stateOfGroup(live, client.storeHash, olds.managed).state, body);
  if (warning) warn(warning);
  return put(client, live.id, body, news);
}

async function put(client: BigCommerceClient, id: number, body: WireBody, desired: GroupInputs): Promise<GroupState> {
  const group = await client.update(id, body);
  return readState(client, group, declaredFields(desired), desired.adopt);
}

/** How recent a group must be to count as made by an interrupted run: recovery is expected the same day. */
export const lostCreateWindowMs = 24 * 60 * 60 * 1000;

/**
 * The state of a group holding this resource's name when it is the one its own create made and whose answer was lost. The
 * store records neither who made a group nor a version, so only a group that is exactly what the create makes counts (the
 * name, the declared fields, and the store's defaults for the rest: not the default group, every category, no discount
 * rule), made in the last 24 hours and not modified since.
 */
function stateOfLostCreate(client: BigCommerceClient, live: WireGroup, inputs: GroupInputs, now: number): GroupState | undefined {
  const created = Date.parse(String(live.date_created));
  const modified = live.date_modified === undefined ? created : Date.parse(String(live.date_modified));
  // Minutes of slack for a store's clock ahead of this machine's.
  const age = now - created;
  if (!(age >= -5 * 60_000 && age <= lostCreateWindowMs && modified === created)) return undefined;
  const { state: whole, problems } = stateOfGroup(live, client.storeHash, optionalFields);
  if (problems.length > 0) return undefined;
  const made: GroupInputs = {
    ...inputs,
    isDefault: inputs.isDefault ?? false,
    categoryAccess: inputs.categoryAccess ?? { type: "all" },
    discountRules: inputs.discountRules ?? [],
  };
  return changedFields(whole, made).length === 0 ? readState(client, live, declaredFields(inputs), inputs.adopt) : undefined;
}
