// The BigCommerce CustomerGroup lifecycle: create (with adoption and lost-response recovery), read, one-PUT update, delete.

import { StackConfig } from "../config";
import { ApiError, InputError } from "../http/errors";
import { Adapter, PropertyDiff } from "../lifecycle";
import { warn } from "../log";
import { BigCommerceClient, ClientOptions } from "./client";
import {
  changedFields,
  declaredFields,
  GroupInputs,
  GroupState,
  inputsOfState,
  normalizeInputs,
  overwriteWarning,
  stateOfGroup,
  toCreateBody,
  toUpdateBody,
  WireBody,
  WireGroup,
} from "./model";
import { bigcommerceSettings, configuredStoreHash } from "./settings";
import { validateGroup } from "./validation";

/** How many times a create whose answer was lost is attempted in all. */
const maxCreateAttempts = 3;

export function customerGroupAdapter(stack: StackConfig, options: ClientOptions = {}, env: NodeJS.ProcessEnv = process.env): Adapter<GroupInputs, GroupState> {
  let client: BigCommerceClient | undefined;
  // Settings are read on first use, so that `check` can validate a program that has no credentials yet.
  const api = () => (client ??= new BigCommerceClient(bigcommerceSettings(stack, env), options));

  return {
    validate: validateGroup,
    normalize: (news) => normalizeInputs(news as unknown as GroupInputs),
    diff(olds, news): PropertyDiff {
      const changed: string[] = changedFields(olds, news);
      // The only identity a group has beyond its id is the store it lives in.
      const store = configuredStoreHash(stack, env);
      const replace = store !== undefined && olds.storeHash !== undefined && store !== olds.storeHash ? ["storeHash"] : [];
      return { changed: [...changed, ...replace], replace };
    },
    create: (inputs) => create(api(), inputs),
    async read(id, olds) {
      if (otherStore(api(), olds)) {
        warn(`${describe(id, olds)} was not refreshed: it lives in store '${olds.storeHash}', and the provider is configured for store '${api().storeHash}'.`);
        return { outs: olds, inputs: inputsOfState(olds) as unknown as GroupInputs };
      }
      const live = await api().get(groupIdOf(id));
      if (!live) return undefined;
      const outs = readState(api(), live, olds.managed ?? [], olds.adopt);
      return { outs, inputs: inputsOfState(outs) as unknown as GroupInputs };
    },
    update: (id, olds, news) => update(api(), groupIdOf(id), olds, news),
    async delete(id, olds) {
      if (otherStore(api(), olds)) {
        warn(
          `${describe(id, olds)} was left in store '${olds.storeHash}': the provider is now configured for store '${api().storeHash}' ` +
            "and cannot reach the old one. Delete it there yourself if it is no longer wanted.",
        );
        return;
      }
      await api().delete(groupIdOf(id));
    },
  };
}

function otherStore(client: BigCommerceClient, olds: GroupState): boolean {
  return olds.storeHash !== undefined && olds.storeHash !== client.storeHash;
}

function describe(id: string, olds: GroupState): string {
  return `bigcommerce customer group ${id}${olds.name !== undefined ? ` ('${olds.name}')` : ""}`;
}

function groupIdOf(id: string): number {
  if (!/^[1-9]\d*$/.test(id)) throw new InputError(`'${id}' is not a BigCommerce customer group id (a positive integer)`);
  return Number(id);
}

/** The live group in state form; whatever in it cannot be understood is kept as sent and reported. */
function readState(client: BigCommerceClient, group: WireGroup, managed: GroupState["managed"], adopt: boolean | undefined): GroupState {
  const { state, problems } = stateOfGroup(group, client.storeHash, managed, adopt);
  for (const problem of problems) {
    warn(`${problem} A declared discountRules or categoryAccess replaces it at the next update.`);
  }
  return state;
}

async function create(client: BigCommerceClient, inputs: GroupInputs): Promise<{ id: string; outs: GroupState }> {
  if (inputs.adopt) {
    const existing = await client.findByName(inputs.name);
    if (existing) return converged(client, existing, inputs);
  }
  for (let attempt = 1; ; attempt++) {
    try {
      const group = await client.create(toCreateBody(inputs));
      return { id: String(group.id), outs: readState(client, group, declaredFields(inputs), inputs.adopt) };
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) throw await duplicateError(client, e, inputs.name);
      if (!(e instanceof ApiError && e.mayHaveCommitted) || attempt >= maxCreateAttempts) throw e;
      // The answer was lost, not necessarily the group: find it before sending the group again.
      const existing = await client.findByName(inputs.name);
      if (existing) return converged(client, existing, inputs);
    }
  }
}

/** Takes over a live group: one PUT with what differs from the program, or nothing when it already matches. */
async function converged(client: BigCommerceClient, live: WireGroup, inputs: GroupInputs): Promise<{ id: string; outs: GroupState }> {
  const state = readState(client, live, declaredFields(inputs), inputs.adopt);
  const body = toUpdateBody(state, inputs);
  if (Object.keys(body).length === 0) return { id: String(live.id), outs: state };
  return { id: String(live.id), outs: await put(client, live.id, body, inputs) };
}

async function update(client: BigCommerceClient, id: number, olds: GroupState, news: GroupInputs): Promise<GroupState> {
  const body = toUpdateBody(olds, news);
  const managed = declaredFields(news);
  if (Object.keys(body).length === 0) {
    // Nothing to send (only what is managed, or `adopt`, changed): the state follows the program.
    const state: GroupState = { ...olds, managed };
    delete state.adopt;
    if (news.adopt !== undefined) state.adopt = news.adopt;
    return state;
  }
  // The state may be stale (Pulumi does not refresh before an update): say so when this PUT overwrites someone's edit.
  const live = await client.get(id);
  if (!live) throw goneError(client, id, olds.name);
  const warning = overwriteWarning(olds, stateOfGroup(live, client.storeHash, olds.managed ?? []).state, body);
  if (warning) warn(warning);
  return put(client, id, body, news);
}

async function put(client: BigCommerceClient, id: number, body: WireBody, desired: GroupInputs): Promise<GroupState> {
  try {
    const group = await client.update(id, body);
    return readState(client, group, declaredFields(desired), desired.adopt);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) throw goneError(client, id, desired.name);
    if (e instanceof ApiError && e.status === 409 && body.name !== undefined) throw await duplicateError(client, e, body.name);
    throw e;
  }
}

function goneError(client: BigCommerceClient, id: number, name: string): InputError {
  return new InputError(
    `bigcommerce customer group ${id} ('${name}') no longer exists in store '${client.storeHash}' (deleted outside Pulumi). ` +
      "Run `pulumi refresh` to forget it, then `pulumi up` to create it again.",
  );
}

/** Turns a 409 on the name into an error that names the group holding it and how to adopt it. */
async function duplicateError(client: BigCommerceClient, e: ApiError, name: string): Promise<Error> {
  const holder = await client.findByName(name).catch(() => undefined);
  return new ApiError(
    { backend: "bigcommerce", status: e.status, code: e.code, operation: e.operation, correlationId: e.correlationId, body: e.body },
    `name '${name}' is already used by customer group ${holder ? holder.id : "(unknown id)"} in store '${client.storeHash}'. ` +
      "To manage that group with this resource, set `adopt: true` on it; otherwise choose another name.",
  );
}
