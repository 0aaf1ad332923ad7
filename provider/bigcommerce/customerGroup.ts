// The BigCommerce CustomerGroup backend: one PUT per update with only what changed (the whole rule set when the rules did).

import { readSetting, StackConfig } from "../config";
import { GroupGoneError, InputError } from "../errors";
import { isConflict } from "../http/errors";
import { LifecycleAdapter, originOf } from "../lifecycle";
import { followingDeclaration } from "../declaration";
import { warn } from "../log";
import { changedFields, changedSince, overwriteWarning, toUpdateBody } from "./changes";
import { BigCommerceClient, ClientOptions, PartialCreate } from "./client";
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
  ruleKey,
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
      try {
        const group = await client.create(toCreateBody(inputs));
        return { id: String(group.id), outs: readState(client, group, declaredFields(inputs), inputs.adopt) };
      } catch (e) {
        if (!(e instanceof PartialCreate)) throw e;
        return completePartialCreate(client, inputs, e);
      }
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
    countCustomers: (client, id) => client.countCustomers(groupIdOf(id)),
    permissionToCount: () => "give the API account the Customers scope (read-only)",
    beforeDelete,
  };
}

/**
 * Reads the group before its delete (one GET): gone, or refused when it is the store's default or guest group (now, or
 * when the state was written, unless it declares `deleteWithCustomers` and another group has taken the role), or when
 * someone changed it in the store since the state was written (another stack, an admin).
 */
async function beforeDelete(client: BigCommerceClient, id: string, olds: GroupState, deleteWithCustomers: boolean): Promise<"gone" | undefined> {
  const found = await client.get(groupIdOf(id));
  if (!found) return "gone";
  const live = stateOfGroup(found, client.storeHash, olds.managed).state;
  const group = `bigcommerce customer group ${id} ('${live.name}') in store '${client.storeHash}'`;
  const role = live.isDefault
    ? "default group, which every new customer joins"
    : live.isGroupForGuests
      ? "guest group, whose prices every shopper not signed in gets"
      : undefined;
  if (role) {
    throw new InputError(
      `refusing to delete ${group}: it is the store's ${role}. Make another group the ${live.isDefault ? "default (`isDefault: true`)" : "guest group (`isGroupForGuests: true`)"} first, ` +
        "declare `deleteWithCustomers: true` on this one, and run `pulumi up`; then remove it.",
    );
  }
  const was = olds.isDefault ? "default group" : olds.isGroupForGuests ? "guest group" : undefined;
  if (was && !deleteWithCustomers) {
    throw new InputError(
      `refusing to delete ${group}: it was the store's ${was} when this stack last read it, and such a group is deleted only when it declares ` +
        "`deleteWithCustomers: true`. Declare it, run `pulumi up`, then remove the group.",
    );
  }
  const changed = changedSince(olds, live);
  if (changed.length > 0) {
    throw new InputError(
      `refusing to delete ${group}: it changed in the store since this stack last read it (${changed.join(", ")}), so another stack or an ` +
        "admin may rely on it. Run `pulumi refresh` (or `pulumi up --refresh`) to see the change, then run again to delete it.",
    );
  }
  return undefined;
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

/**
 * After a 207 (the group made, its store-wide discount not stored): the group read back by name and converged with one PUT
 * of what the store lacks (the rule set as declared). Never a second POST. When that fails, the error names the group: the
 * next run finds it as its own unfinished create and completes it.
 */
async function completePartialCreate(client: BigCommerceClient, inputs: GroupInputs, partial: PartialCreate): Promise<{ id: string; outs: GroupState }> {
  const what = `the store created the customer group '${inputs.name}' in store '${client.storeHash}' but answered 207 (${partial.storeMessage})`;
  let live: WireGroup | undefined;
  try {
    live = await client.findByName(inputs.name);
  } catch (e) {
    throw new Error(`${what}, and reading it back failed: ${(e as Error).message}. The next \`pulumi up\` finds the group and completes it.`, {
      cause: e,
    });
  }
  if (!live)
    throw new Error(`${what}, yet no group has that name now. Run \`pulumi up\` again; if it fails the same way, check the group in the control panel.`);
  const state = readState(client, live, declaredFields(inputs), inputs.adopt);
  const body = toUpdateBody(state, inputs);
  if (Object.keys(body).length === 0) return { id: String(live.id), outs: state };
  try {
    return { id: String(live.id), outs: await put(client, live.id, body, inputs) };
  } catch (e) {
    throw new Error(
      `${what}: group ${live.id} exists without all of its declared discount rules, and setting them failed: ${(e as Error).message}. ` +
        `The next \`pulumi up\` takes group ${live.id} over as this resource's own unfinished create and sets them (it never creates a second group).`,
      { cause: e },
    );
  }
}

/** A date as the store writes it: the reference's `2023-07-17 06:30:41` (UTC), or any form Date.parse reads. */
export function storeDate(value: unknown): number {
  const text = String(value);
  return Date.parse(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(text) ? `${text.replace(" ", "T")}Z` : text);
}

/** How recent a group must be to count as made by an interrupted run: recovery is expected the same day. */
export const lostCreateWindowMs = 24 * 60 * 60 * 1000;

/**
 * The state of a group holding this resource's name when it is the one its own create made and whose answer was lost. The
 * store records neither who made a group nor a version, so only a group that is what the create makes counts (the name,
 * the declared fields, and the store's defaults for the rest: not the default group nor the guest group, every category,
 * no discount rule), made in the last 24 hours and not modified since. Its rules may be a part of the declared ones (a
 * 207 stores the group without its store-wide discount): the lifecycle then updates the rest.
 */
function stateOfLostCreate(client: BigCommerceClient, live: WireGroup, inputs: GroupInputs, now: number): GroupState | undefined {
  const created = storeDate(live.date_created);
  const modified = live.date_modified === undefined ? created : storeDate(live.date_modified);
  // Minutes of slack for a store's clock ahead of this machine's.
  const age = now - created;
  if (!(age >= -5 * 60_000 && age <= lostCreateWindowMs && modified === created)) return undefined;
  const { state: whole, problems } = stateOfGroup(live, client.storeHash, optionalFields);
  if (problems.length > 0) return undefined;
  const made: GroupInputs = {
    ...inputs,
    isDefault: inputs.isDefault ?? false,
    isGroupForGuests: inputs.isGroupForGuests ?? false,
    categoryAccess: inputs.categoryAccess ?? { type: "all" },
    discountRules: inputs.discountRules ?? [],
  };
  const declared = new Set(made.discountRules!.map(ruleKey));
  const partOfRules = whole.discountRules.every((rule) => declared.has(ruleKey(rule)));
  const differs = changedFields(whole, made).filter((field) => field !== "discountRules" || !partOfRules);
  return differs.length === 0 ? readState(client, live, declaredFields(inputs), inputs.adopt) : undefined;
}
