// The commercetools CustomerGroup lifecycle: create (with adoption and lost-response recovery), read, update with 409 handling, delete.

import type { CustomerGroup } from "@commercetools/platform-sdk";
import { StackConfig } from "../config";
import { ApiError, InputError } from "../http/errors";
import { Adapter, PropertyDiff } from "../lifecycle";
import { warn } from "../log";
import { commercetoolsCustomerGroupSchema } from "../schemas/commercetoolsCustomerGroup";
import { schemaFailures } from "../schemas/validate";
import { changedProperties, toUpdateActions } from "./actions";
import { ClientOptions, CommercetoolsClient } from "./client";
import { GroupInputs, GroupShape, GroupState, inputsOfState, shapeOfInputs, shapeOfState, stateOfGroup, toDraft } from "./model";
import { commercetoolsSettings } from "./settings";

/** How many times a version conflict is resolved by re-reading before giving up. */
const maxConflictRounds = 5;
/** How many times a create whose answer was lost is attempted in all. */
const maxCreateAttempts = 3;

export function customerGroupAdapter(stack: StackConfig, options: ClientOptions = {}, env: NodeJS.ProcessEnv = process.env): Adapter<GroupInputs, GroupState> {
  let client: CommercetoolsClient | undefined;
  // Settings are read on first use, so that `check` can validate a program that has no credentials yet.
  const api = () => (client ??= new CommercetoolsClient(commercetoolsSettings(stack, env), options));

  return {
    validate: (news) => schemaFailures(commercetoolsCustomerGroupSchema, news),
    normalize,
    diff(olds, news): PropertyDiff {
      const changed = changedProperties(shapeOfState(olds), shapeOfInputs(news));
      // The only identity a group has beyond its id is the project it lives in.
      const project = stack("commercetools:projectKey") ?? env.CTP_PROJECT_KEY;
      const replace = project !== undefined && olds.projectKey !== undefined && project !== olds.projectKey ? ["projectKey"] : [];
      return { changed: [...changed, ...replace], replace };
    },
    create: (inputs) => create(api(), inputs),
    async read(id, olds) {
      if (otherProject(api(), olds)) {
        warn(`commercetools customer group ${id} ('${olds.name}') was not refreshed: it lives in project '${olds.projectKey}', and the provider is configured for project '${api().projectKey}'.`);
        return { outs: olds, inputs: inputsOfState(olds) };
      }
      const live = await api().getById(id);
      if (!live) return undefined;
      const outs = stateOfGroup(live, api().projectKey, olds);
      return { outs, inputs: inputsOfState(outs) };
    },
    update: (id, olds, news) => update(api(), id, olds, news),
    async delete(id, olds) {
      if (otherProject(api(), olds)) {
        // The id means nothing in the configured project; deleting there could remove an unrelated group.
        warn(
          `commercetools customer group ${id} ('${olds.name}') was left in project '${olds.projectKey}': the provider is now configured for project ` +
            `'${api().projectKey}' and cannot reach the old one. Delete it there yourself if it is no longer wanted.`,
        );
        return;
      }
      await remove(api(), id, olds);
    },
  };
}

function otherProject(client: CommercetoolsClient, olds: GroupState): boolean {
  return olds.projectKey !== undefined && olds.projectKey !== client.projectKey;
}

function normalize(news: Record<string, unknown>): GroupInputs {
  const raw = news as unknown as GroupInputs;
  const inputs: GroupInputs = { name: raw.name };
  if (raw.key !== undefined) inputs.key = raw.key;
  if (raw.custom) {
    const type = raw.custom.type.key !== undefined ? { key: raw.custom.type.key } : { id: raw.custom.type.id as string };
    const fields = raw.custom.fields ?? {};
    inputs.custom = Object.keys(fields).length > 0 ? { type, fields } : { type };
  }
  if (raw.adopt !== undefined) inputs.adopt = raw.adopt;
  return inputs;
}

async function create(client: CommercetoolsClient, inputs: GroupInputs): Promise<{ id: string; outs: GroupState }> {
  if (inputs.adopt) {
    const existing = await findExisting(client, inputs);
    if (existing) return converged(client, existing, inputs);
  }
  for (let attempt = 1; ; attempt++) {
    try {
      const group = await client.create(toDraft(inputs));
      return { id: group.id, outs: stateOfGroup(group, client.projectKey, { ...shapeOfInputs(inputs), adopt: inputs.adopt }) };
    } catch (e) {
      if (e instanceof ApiError && e.code === "DuplicateField") throw await duplicateError(client, e, inputs);
      if (!(e instanceof ApiError && e.mayHaveCommitted) || attempt >= maxCreateAttempts) throw e;
      // The answer was lost, not necessarily the group: find it before sending the draft again.
      const existing = await findExisting(client, inputs);
      if (existing && existing.name === inputs.name) return converged(client, existing, inputs);
    }
  }
}

/** The group this resource would take over: by key when it has one, else by name. */
function findExisting(client: CommercetoolsClient, inputs: GroupInputs): Promise<CustomerGroup | undefined> {
  return inputs.key !== undefined ? client.getByKey(inputs.key) : client.findByName(inputs.name);
}

async function converged(client: CommercetoolsClient, live: CustomerGroup, inputs: GroupInputs): Promise<{ id: string; outs: GroupState }> {
  const state = stateOfGroup(live, client.projectKey, undefined);
  const outs = await applyDesired(client, live.id, { version: live.version, shape: shapeOfState(state), state }, inputs);
  return { id: live.id, outs };
}

async function update(client: CommercetoolsClient, id: string, olds: GroupState, news: GroupInputs): Promise<GroupState> {
  // The recorded version may be stale (Pulumi does not refresh before an update); the version check tells, and then we re-read.
  return applyDesired(client, id, { version: olds.version, shape: shapeOfState(olds), state: olds }, news);
}

interface Base {
  version: number;
  shape: GroupShape;
  /** The state this base came from, returned as is when nothing needs to change. */
  state: GroupState;
}

/**
 * Sends one version-checked POST with every action needed to go from `base` to `desired`.
 * On a ConcurrentModification it re-reads the group and computes the actions again from what is live: never
 * the old actions with a new version, which could undo someone else's change or remove a field that is gone.
 */
async function applyDesired(client: CommercetoolsClient, id: string, base: Base, desired: GroupInputs): Promise<GroupState> {
  const previous = { ...shapeOfInputs(desired), adopt: desired.adopt };
  for (let round = 1; ; round++) {
    const actions = toUpdateActions(base.shape, shapeOfInputs(desired));
    if (actions.length === 0) {
      return { ...base.state, ...(desired.adopt !== undefined ? { adopt: desired.adopt } : {}) };
    }
    try {
      const group = await client.update(id, base.version, actions);
      return stateOfGroup(group, client.projectKey, previous);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) {
        throw new InputError(
          `commercetools customer group ${id} no longer exists in project '${client.projectKey}' (deleted outside Pulumi). Run \`pulumi refresh\` to forget it, then \`pulumi up\` to create it again.`,
        );
      }
      if (!(e instanceof ApiError && e.status === 409 && e.code === "ConcurrentModification")) throw e;
      if (round >= maxConflictRounds) {
        throw new ApiError(
          { backend: "commercetools", status: 409, code: "ConcurrentModification", operation: `POST /customer-groups/${id}`, correlationId: e.correlationId },
          `customer group ${id} kept changing while it was being updated (${round} attempts); someone or something else is editing it. Try again when it is quiet.`,
        );
      }
      const live = await client.getById(id);
      if (!live) throw new InputError(`commercetools customer group ${id} was deleted while it was being updated. Run \`pulumi refresh\`, then \`pulumi up\`.`);
      const state = stateOfGroup(live, client.projectKey, base.state);
      base = { version: live.version, shape: shapeOfState(state), state };
    }
  }
}

async function remove(client: CommercetoolsClient, id: string, olds: GroupState): Promise<void> {
  let version = olds.version;
  for (let round = 1; ; round++) {
    try {
      await client.delete(id, version);
      return;
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return; // already gone: that is what delete wants
      if (!(e instanceof ApiError && e.status === 409) || round >= maxConflictRounds) throw e;
      const live = await client.getById(id);
      if (!live) return;
      version = live.version;
    }
  }
}

/** Turns a DuplicateField answer into an error that names the field, the value, the group holding it, and how to adopt it. */
async function duplicateError(client: CommercetoolsClient, e: ApiError, inputs: GroupInputs): Promise<Error> {
  const detail = ((e.body as { errors?: { field?: string; duplicateValue?: unknown; conflictingResource?: { id?: string } }[] })?.errors ?? [])[0] ?? {};
  const field = detail.field === "key" ? "key" : "name";
  const value = field === "key" ? inputs.key : inputs.name;
  let holder = detail.conflictingResource?.id;
  if (!holder) {
    const existing = await (field === "key" && inputs.key !== undefined ? client.getByKey(inputs.key) : client.findByName(inputs.name)).catch(() => undefined);
    holder = existing?.id;
  }
  return new ApiError(
    { backend: "commercetools", status: e.status, code: e.code, operation: e.operation, correlationId: e.correlationId },
    `${field} '${value}' is already used by customer group ${holder ?? "(unknown id)"} in project '${client.projectKey}'. ` +
      `To manage that group with this resource, set \`adopt: true\` on it${field === "name" && inputs.key === undefined ? "" : field === "name" ? " (adoption looks the group up by key; give it the existing group's key or leave key out)" : ""}; otherwise choose another ${field}.`,
  );
}
