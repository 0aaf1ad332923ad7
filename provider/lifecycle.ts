// One generic Pulumi dynamic ResourceProvider built from a backend: validation, unknowns, adoption, lost-create recovery,
// the project/store guard, migrations of old state and the wording of shared errors live here once.

import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { Reach } from "./backend";
import { argumentFailures } from "./arguments";
import type { CheckFailure } from "./checkFailure";
import { notConfigured, Settings, StackConfig } from "./config";
import { ConfigError, GroupGoneError, InputError } from "./errors";
import { BackoffPolicy, jitteredDelayMs } from "./http/backoff";
import { answerOf, ApiError, isNotFound, mayHaveCommitted } from "./http/errors";
import { warn } from "./log";
import { exitWithEngine } from "./engineWatch";
import { argumentsOf, previousIdentity, previousIdentityInput, resourceNameInput, resourceNameOf } from "./resourceName";
import { Holder, RunLedger } from "./runLedger";
import { type Role, roleConflict } from "./roles";
import { containsUnknown, isUnknown } from "./unknowns";

export interface PropertyDiff {
  /** Top-level properties whose desired value differs from the current one. */
  changed: string[];
  /** The subset that can only be applied by deleting and creating the group again. */
  replace: string[];
}

/** How adoption and lost-create recovery look a group up: by one unique field (`key`, `name`, `groupId`). */
export interface Identity {
  field: string;
  value: string;
}

/** A create or rename refused because a unique field is taken; `holderId` when the vendor said which group holds it. */
export interface Duplicate extends Identity {
  holderId?: string;
}

/** Where a group lives beyond its id (a commercetools project, a BigCommerce store); moving it there is a replacement. */
export interface Scope<State> {
  /** What the place is called in messages: "project", "store". */
  noun: string;
  /** The state property that records it. */
  property: keyof State & string;
  /** The place a connection (undefined: the default one) is configured for now, undefined when no setting names it; never needs a secret. */
  configured(connection: string | undefined): string | undefined;
  /**
   * The API the connection is configured for (its origin): a project key or store hash names a place only on one API
   * (commercetools regions, a BigCommerce API base), so another host is another place. Recorded as `apiHost`.
   */
  host?(connection: string | undefined): string | undefined;
}

/** A URL's origin (`https://api.europe-west1.gcp.commercetools.com`), as the place's host is recorded; undefined for no URL. */
export function originOf(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** The arguments every backend's inputs share. */
export interface CommonInputs {
  name?: string;
  adopt?: boolean;
  /** Whether a delete may delete the group while it holds customers (the lifecycle records it in the state). */
  deleteWithCustomers?: boolean;
  /** The named connection (project, store or account) the group belongs to; absent: the default settings. */
  connection?: string;
}

/**
 * What a backend implements. The lifecycle turns it into Pulumi's ResourceProvider.
 * - Inputs: the arguments after `check`; State: what the state records; Observed: the live group in the shape of the
 *   arguments (for a refresh), which may hold what the provider could not read; Live: a group as the API answers it.
 */
export interface LifecycleAdapter<Inputs extends CommonInputs, State extends object, Observed, Live, Client> {
  /** What a group is called in messages: "commercetools customer group". */
  noun: string;
  /** The backend's settings (`commercetools:*`), so that a named connection is checked before anything is sent. */
  settings: { backend: string; keys: Settings<string>; env: NodeJS.ProcessEnv };
  scope?: Scope<State>;
  /** Every reason the raw inputs cannot be sent (schema and the rules a schema cannot state). Failures about unknown values are ignored. */
  validate(news: Record<string, unknown>): CheckFailure[];
  /** The canonical form of valid inputs, so that equal intent compares equal. */
  normalize(news: Record<string, unknown>): Inputs;
  /** State written by an older version in today's form (see tests/fixtures/state-*). */
  migrate(olds: Record<string, unknown>): State;
  /** Compares the recorded state with the desired inputs; the lifecycle adds the scope's replacement. */
  diff(olds: State, news: Inputs): PropertyDiff;
  /** The client of a connection (undefined: the default one); made on first use, so that `check` needs no credentials. */
  connect(connection: string | undefined): Client;

  /**
   * The optional arguments the inputs declare, where the state records them as `managed`: a change of that set is an update
   * that sends nothing, so that the state (and what a refresh compares) follows the program.
   */
  declared?(inputs: Inputs): string[];
  /** Roles a store gives one group at a time (the default group); a second claim in one run fails its `check`. */
  roles?: readonly Role[];
  /**
   * What `check` can judge only by reading the store (a commercetools custom type's field definitions): reads only, cached
   * for the run, so that `preview` refuses what the platform would refuse, before any write. Not called when the
   * connection's settings are missing (the create says so).
   */
  checkAgainstStore?(client: Client, inputs: Inputs, previous: Inputs | undefined): Promise<CheckFailure[]>;
  /** The field adoption and lost-create recovery look the group up by. */
  identity(inputs: Inputs): Identity;
  /**
   * The group with this identity, or undefined. Look-ups of many resources at once are coalesced; `fresh` asks for an
   * answer from a request sent after the call (after a create whose answer was lost), never from an earlier listing.
   */
  find(client: Client, identity: Identity, fresh: boolean): Promise<Live | undefined>;
  idOf(live: Live): string;
  /** Sends the create; absent where the API cannot create (every group is then adopted). Never retried blindly. */
  create?(client: Client, inputs: Inputs): Promise<{ id: string; outs: State }>;
  /** The unique field a failed create or update collided on, if that is what the failure says. */
  duplicateOf?(e: unknown, inputs: Inputs): Duplicate | undefined;
  /**
   * The state of a live group holding this resource's identity when it is demonstrably the one its own create made and whose
   * answer was lost (a failed request, or a run killed while it waited): made by these credentials where the platform records
   * it, not changed since, exactly what the create sends (or, where the store can make a group only in part, a part of it).
   * Only such a group is taken over without `adopt: true`; what it still lacks is then updated.
   */
  stateOfLostCreate?(client: Client, live: Live, inputs: Inputs): State | undefined;
  /** Takes over a live group: makes it what the inputs declare (or fails saying why it cannot) and returns its state. */
  converge(client: Client, live: Live, inputs: Inputs): Promise<State>;

  /** The live group in state form; undefined when it is gone. */
  read(client: Client, id: string, olds: State): Promise<State | undefined>;
  /** The state in the shape of the program's arguments (only what the program declares), for `ReadResult.inputs`. */
  observed(state: State): Observed;
  /** Throws GroupGoneError (or lets a 404 through) when the group no longer exists. */
  update(client: Client, id: string, olds: State, news: Inputs): Promise<State>;
  /** Deletes the group (a 404 is taken care of: a group already gone counts as deleted). */
  delete(client: Client, id: string, olds: State): Promise<void>;
  /**
   * How many customers the group holds, read right before its delete (one request); throws the vendor's error when it
   * may not read them. `permissionToCount` says what to grant then. Absent where the platform cannot count them.
   */
  countCustomers?(client: Client, id: string): Promise<number>;
  permissionToCount?(client: Client): string;
  /**
   * Reads the group before its delete and throws, saying why, when it must not be deleted blind: the store's default or
   * guest group, or a group changed in the store since the state was written. "gone" when it no longer exists.
   */
  beforeDelete?(client: Client, id: string, olds: State, deleteWithCustomers: boolean): Promise<"gone" | undefined>;
  /** How messages name a group; by default `commercetools customer group 3f2… ('Gold')`. */
  describe?(id: string, state: Partial<State>): string;
}

/** How a create whose answer was lost is attempted again: attempts in all, and the waits between them. */
export const createRetry: BackoffPolicy = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 4_000, maxElapsedMs: 30_000 };

type Props = Record<string, unknown>;

/** The connection a recorded state or a bag of inputs names; undefined for the default settings. */
const connectionOf = (props: object): string | undefined => {
  const value = (props as { connection?: unknown }).connection;
  return typeof value === "string" ? value : undefined;
};

/** The state with the connection it was written through recorded (absent for the default, as 0.1.0 wrote it). */
function recording(outs: object, connection: string | undefined): Props {
  const { connection: _, ...rest } = outs as Props;
  return connection === undefined ? rest : { ...rest, connection };
}

/** Builds a ResourceProvider; the backend is made on first use, after `configure` has passed in the stack config. */
export function resourceProvider<I extends CommonInputs, S extends object, O, L, C>(
  makeBackend: (stack: StackConfig) => LifecycleAdapter<I, S, O, L, C>,
): dynamic.ResourceProvider {
  exitWithEngine();
  let stack: StackConfig = () => undefined;
  let backend: LifecycleAdapter<I, S, O, L, C> | undefined;
  // One client per connection for the whole process: one token, one rate limiter, one connection pool each.
  const clients = new Map<string, C>();
  // What the declared resources of this deployment adopt or hold, so that no delete removes a group one of them keeps.
  const ledger = new RunLedger();
  const b = () => (backend ??= makeBackend(stack));
  const describe = (id: string, state: Partial<S>) => {
    const name = (state as { name?: unknown }).name;
    return b().describe?.(id, state) ?? `${b().noun} ${id}${typeof name === "string" ? ` ('${name}')` : ""}`;
  };
  const client = (connection: string | undefined): C => {
    let made = clients.get(connection ?? "");
    if (!made) {
      made = b().connect(connection);
      clients.set(connection ?? "", made);
    }
    return made;
  };

  /**
   * The state with the connection and the API host it was written through, and `deleteWithCustomers` when the program
   * declares it (the store knows nothing of it; a delete reads it from the state).
   */
  const record = (outs: object, connection: string | undefined, deleteWithCustomers?: boolean): Props => {
    const host = b().scope?.host?.(connection);
    const { deleteWithCustomers: _, ...rest } = recording(outs, connection);
    return { ...rest, ...(host !== undefined ? { apiHost: host } : {}), ...(deleteWithCustomers === true ? { deleteWithCustomers: true } : {}) };
  };

  /**
   * The project or store (on its API host) a connection is configured for, when it is not the one the state records (a
   * group left behind); `property` is what differs. State written before hosts were recorded counts as the same host.
   */
  const elsewhere = (olds: S, connection: string | undefined): { recorded: string; configured: string; property: string } | undefined => {
    const scope = b().scope;
    if (!scope) return undefined;
    const recorded = (olds as Record<string, unknown>)[scope.property];
    const configured = scope.configured(connection);
    if (typeof recorded !== "string" || configured === undefined) return undefined;
    const recordedHost = (olds as Record<string, unknown>).apiHost;
    const configuredHost = scope.host?.(connection);
    const hostMoved = typeof recordedHost === "string" && configuredHost !== undefined && recordedHost !== configuredHost;
    if (recorded === configured && !hostMoved) return undefined;
    const place = (key: string, host: unknown) => `${scope.noun} '${key}'${hostMoved ? ` at ${String(host)}` : ""}`;
    return {
      recorded: place(recorded, recordedHost),
      configured: place(configured, configuredHost),
      property: recorded !== configured ? scope.property : "apiHost",
    };
  };

  /** Where a group lives, for the ledger: its project or store, else its connection (RevCent accounts). */
  const placeOf = (connection: string | undefined, recorded?: object): string => {
    const scope = b().scope;
    const value = scope ? ((recorded as Record<string, unknown> | undefined)?.[scope.property] ?? scope.configured(connection)) : undefined;
    return typeof value === "string" ? `${scope!.noun} ${value}` : `connection ${connection ?? ""}`;
  };

  /** Recorded state in today's form, the connection it was written through, and whether that now reaches another place. */
  const located = (props: Props) => {
    const olds = b().migrate(props);
    const connection = connectionOf(olds);
    return { olds, connection, moved: elsewhere(olds, connection) };
  };

  /** Takes over a live group (adoption, or a create whose answer was lost). */
  const takeOver = async (live: L, inputs: I) => ({
    id: b().idOf(live),
    outs: record(await b().converge(client(inputs.connection), live, inputs), inputs.connection, inputs.deleteWithCustomers),
  });

  /** The duplicate as an error that names the group holding the value and how to adopt it instead. */
  const duplicateError = async (e: unknown, duplicate: Duplicate, inputs: I, found?: L): Promise<Error> => {
    const backend = b();
    const holder =
      duplicate.holderId ??
      (found ? backend.idOf(found) : undefined) ??
      (await backend
        .find(client(inputs.connection), duplicate, true)
        .catch(() => undefined)
        .then((g) => (g ? backend.idOf(g) : undefined)));
    const adoptBy = backend.identity(inputs).field;
    const where = backend.scope ? ` in ${backend.scope.noun} '${backend.scope.configured(inputs.connection) ?? "?"}'` : "";
    const hint =
      adoptBy === duplicate.field ? "" : ` (adoption looks the group up by ${adoptBy}; give it the existing group's ${adoptBy} or leave ${adoptBy} out)`;
    // Another resource of this run holds it (a decoy of a group the program keeps): adopting it would give it two resources.
    const heldBy = holder === undefined ? undefined : ledger.holderOf(placeOf(inputs.connection), holder, {});
    const message = heldBy
      ? `${duplicate.field} '${duplicate.value}' is already used by customer group ${holder}${where}, which resource '${heldBy.resource}' of this ` +
        `stack ${heldBy.how === "adopts" ? "adopts" : "holds"}: one group, one resource. Choose another ${duplicate.field} for this one.`
      : `${duplicate.field} '${duplicate.value}' is already used by customer group ${holder ?? "(unknown id)"}${where}. ` +
        `To manage that group with this resource, set \`adopt: true\` on it${hint}; otherwise choose another ${duplicate.field}.`;
    return e instanceof ApiError ? e.withMessage(message) : new InputError(message);
  };

  /** A named connection that is not configured (checked before anything is sent). */
  const unconfigured = (connection: unknown): CheckFailure[] => {
    if (connection === undefined || isUnknown(connection)) return [];
    const { backend, keys, env } = b().settings;
    const problem = notConfigured(backend, keys, stack, env, connection as string);
    return problem ? [{ property: "connection", reason: problem.message }] : [];
  };

  /**
   * Throws when the group holds customers (they would lose its prices and discounts), or when they cannot be counted: a
   * group is deleted with its customers only when its declaration says `deleteWithCustomers: true`.
   */
  const refuseWithCustomers = async (api: C, id: string, olds: S): Promise<void> => {
    const backend = b();
    const group = describe(id, olds);
    const wayOut =
      "To delete it with them, declare `deleteWithCustomers: true` on the group and run `pulumi up`, then remove it (or move its customers " +
      "to another group first); to keep it, declare it again, or remove it from the state only: `pulumi state delete <its URN>`.";
    let customers: number;
    try {
      customers = await backend.countCustomers!(api, id);
    } catch (e) {
      if (isNotFound(e) || !(e instanceof ApiError) || e.status === 0) throw e;
      throw new InputError(
        `refusing to delete ${group}: its customers could not be counted (${answerOf(e)}; ${backend.permissionToCount?.(api) ?? "grant reading customers"}), ` +
          `and a group is deleted with its customers only when it declares it. ${wayOut}`,
      );
    }
    if (customers > 0) {
      throw new InputError(
        `refusing to delete ${group}: it holds ${customers} customer${customers === 1 ? "" : "s"}, who would lose its prices and discounts. ${wayOut}`,
      );
    }
  };

  /** Creates the group, or adopts it where the inputs say so (or the API cannot create). */
  const creating = async (props: Props): Promise<{ id: string; outs: Props }> => {
    const backend = b();
    const inputs = props as I;
    const api = client(inputs.connection);
    if (inputs.adopt || !backend.create) {
      const live = await backend.find(api, backend.identity(inputs), false);
      if (live) return takeOver(live, inputs);
      if (!backend.create) {
        const { field, value } = backend.identity(inputs);
        throw new InputError(`no ${backend.noun} has the ${field} '${value}', and this API cannot create one`);
      }
    }
    const identity = backend.identity(inputs);
    /**
     * The recorded group when `live` is the one this resource's own create made (its answer lost), updated with what the
     * create did not store; else undefined.
     */
    const lostCreate = async (live: L | undefined) => {
      let state = live && backend.stateOfLostCreate?.(api, live, inputs);
      if (!live || !state) return undefined;
      const id = backend.idOf(live);
      // Never a group another resource of this run adopts or holds: it is that resource's, not a create of this one.
      if (ledger.holderOf(placeOf(inputs.connection), id, state as Props)) return undefined;
      if (backend.diff(state, inputs).changed.length > 0) state = await backend.update(api, id, state, inputs);
      return { id, outs: record(state, inputs.connection, inputs.deleteWithCustomers) };
    };
    for (let attempt = 1; ; attempt++) {
      try {
        const { id, outs } = await backend.create(api, inputs);
        return { id, outs: record(outs, inputs.connection, inputs.deleteWithCustomers) };
      } catch (e) {
        const duplicate = backend.duplicateOf?.(e, inputs);
        if (duplicate) {
          // Taken: by the group an interrupted run of this resource created (its answer never reached the state), or by someone else's.
          const holder = await backend.find(api, duplicate, true).catch(() => undefined);
          const earlier = await lostCreate(holder);
          if (earlier) {
            warn(`${describe(earlier.id, props as Partial<S>)} was created by an earlier run that did not record it; it is now managed by this resource.`);
            return earlier;
          }
          throw await duplicateError(e, duplicate, inputs, holder);
        }
        if (!mayHaveCommitted(e) || attempt >= createRetry.maxAttempts) throw e;
        // The answer was lost, not necessarily the group: find it before sending the create again.
        let live: L | undefined;
        try {
          live = await backend.find(api, identity, true);
        } catch (lookup) {
          throw lostCreateError(e, lookup, identity);
        }
        const made = await lostCreate(live);
        if (made) return made;
        if (live) throw await duplicateError(e, { ...identity, holderId: backend.idOf(live) }, inputs, live);
        // Not there: the store did not apply it. Give a store that answers 5xx under load a moment before sending it again.
        await new Promise((resolve) => setTimeout(resolve, jitteredDelayMs(createRetry, attempt)));
      }
    }
  };

  return {
    async configure(req: dynamic.ConfigureRequest) {
      stack = (key) => {
        const value: unknown = req.config.get(key);
        // Structured config (`pulumi config set --path`) may arrive as an object rather than JSON text.
        if (typeof value === "string") return value !== "" ? value : undefined;
        return value === undefined || value === null ? undefined : JSON.stringify(value);
      };
      backend = undefined;
      clients.clear();
      ledger.clear();
    },

    async check(olds: Props, withProvider: Props): Promise<dynamic.CheckResult> {
      // The engine adds the serialized provider to every input bag; it is not the user's argument.
      const news = argumentsOf(withProvider);
      const resource = resourceNameOf(withProvider);
      if (resource !== undefined) ledger.declares(resource);
      const named = (inputs: Props): Props => (resource === undefined ? inputs : { ...inputs, [resourceNameInput]: resource });
      const { connection, ...args } = news;
      const failures = argumentFailures(b().validate, news);
      if (failures.length === 0) failures.push(...unconfigured(connection));
      if (failures.length > 0) return { inputs: named(news), failures };
      // Inputs still unknown (during preview) are passed through untouched; the rest are normalized.
      if (containsUnknown(news)) return { inputs: named(news) };
      const normalized = b().normalize(args);
      const place = placeOf(connection as string | undefined);
      // The SDK refuses a second claim of a role before anything is registered; this catches what it could not see (values
      // known only as outputs, two connections to one store). Only resources the SDK named can be told apart.
      for (const role of resource === undefined ? [] : (b().roles ?? [])) {
        const first = (normalized as Props)[role.field] === true ? ledger.claimsRole(place, role.field, resource!) : undefined;
        if (first)
          failures.push({
            property: role.field,
            reason: roleConflict(role, `resource '${first.resource}'`, `'${resource}'`, connection as string | undefined),
          });
      }
      if (failures.length > 0) return { inputs: named(news), failures };
      const againstStore = b().checkAgainstStore;
      if (againstStore) {
        let api: C | undefined;
        try {
          api = client(connection as string | undefined);
        } catch {
          api = undefined;
        }
        // What the same place accepted before needs no second look: a run that leaves a group as it was reads nothing.
        const previous = Object.keys(olds).length > 0 && connectionOf(olds) === connection ? (argumentsOf(olds) as unknown as I) : undefined;
        if (api !== undefined) failures.push(...(await againstStore(api, normalized, previous)));
        if (failures.length > 0) return { inputs: named(news), failures };
      }
      // Only resources the SDK named are recorded: they are the ones a deployment of a program declares.
      if (resource !== undefined && (normalized.adopt || !b().create)) ledger.adopts(place, b().identity(normalized), resource);
      const inputs = normalized as Props;
      // A rename or re-key says what the group was called: the policy pack's protected-groups follows the group with it.
      const previously = previousIdentity(olds, inputs);
      const withPrevious = previously === undefined ? inputs : { ...inputs, [previousIdentityInput]: previously };
      return { inputs: named(connection === undefined ? withPrevious : { ...withPrevious, connection }) };
    },

    async diff(id: string, olds: Props, withName: Props): Promise<dynamic.DiffResult> {
      const resource = resourceNameOf(withName);
      const news = argumentsOf(withName);
      if (containsUnknown(news)) {
        if (resource !== undefined) ledger.holds(placeOf(connectionOf(olds), olds), id, resource, false);
        const changed = Object.keys(news).filter((k) => containsUnknown(news[k]));
        return { changes: true, stables: Object.keys(olds).filter((k) => !changed.includes(k)) };
      }
      const state = b().migrate(olds);
      const inputs = news as I;
      const { changed, replace } = b().diff(state, inputs);
      const managed = (state as { managed?: unknown }).managed;
      const declared = b().declared?.(inputs);
      // An argument no longer declared is an update that sends nothing, so that the state stops comparing it. One newly
      // declared whose value the store already holds changes nothing: the state starts managing it at the next update.
      if (declared && Array.isArray(managed) && managed.some((f) => !declared.includes(f))) changed.push("managed");
      // Not the store's: the state records it, so that a delete (destroy included) knows.
      if (((state as Props).deleteWithCustomers === true) !== (inputs.deleteWithCustomers === true)) changed.push("deleteWithCustomers");
      const was = connectionOf(state);
      const now = inputs.connection;
      if (was !== now) changed.push("connection");
      // Another project or store is another group; another connection to the same one is the same group.
      const scope = b().scope;
      const moved = scope ? elsewhere(state, now) : undefined;
      if (scope ? moved : was !== now) {
        const property = was !== now ? "connection" : moved!.property;
        if (!changed.includes(property)) changed.push(property);
        replace.push(property);
      }
      if (resource !== undefined) ledger.holds(placeOf(was, state), id, resource, replace.length > 0);
      // A replacement (a move) whose new declaration allows it deletes the old group with its customers.
      if (replace.length > 0 && inputs.deleteWithCustomers === true) ledger.allowsDeleteWithCustomers(placeOf(was, state), id);
      // Names are unique in a project or store, so a replacement must delete the old group before creating the new one.
      return { changes: changed.length > 0, replaces: replace, deleteBeforeReplace: true };
    },

    async create(withName: Props): Promise<dynamic.CreateResult> {
      const made = await creating(argumentsOf(withName));
      const resource = resourceNameOf(withName);
      if (resource !== undefined) ledger.took(placeOf(connectionOf(made.outs), made.outs), made.id, resource);
      return made;
    },

    async read(id: string, props: Props): Promise<dynamic.ReadResult> {
      const backend = b();
      const { olds, connection, moved } = located(props);
      if (moved) {
        warn(`${describe(id, olds)} was not refreshed: it lives in ${moved.recorded}, and the provider is configured for ${moved.configured}.`);
        return { id, props: olds as Props, inputs: backend.observed(olds) as Props };
      }
      const live = await backend.read(client(connection), id, olds);
      // An empty id tells the engine the group is gone.
      if (!live) return { id: "", props: {} };
      const inputs = backend.observed(live) as Props;
      const allowed = (olds as Props).deleteWithCustomers === true;
      return { id, props: record(live, connection, allowed), inputs: connection === undefined ? inputs : { ...inputs, connection } };
    },

    async update(id: string, props: Props, withName: Props): Promise<dynamic.UpdateResult> {
      const backend = b();
      const news = argumentsOf(withName);
      const olds = backend.migrate(props);
      try {
        // Same project or store (else it is a replacement), perhaps through another connection: the state follows the program.
        const inputs = news as I;
        return { outs: record(await backend.update(client(inputs.connection), id, olds, inputs), inputs.connection, inputs.deleteWithCustomers) };
      } catch (e) {
        if (e instanceof GroupGoneError || isNotFound(e)) {
          const where = backend.scope ? ` in ${backend.scope.noun} '${String((olds as Record<string, unknown>)[backend.scope.property])}'` : "";
          throw new InputError(
            `${describe(id, olds)} no longer exists${where} (deleted outside Pulumi). Run \`pulumi refresh\` to forget it, ` +
              (backend.create ? "then `pulumi up` to create it again." : "then declare a group that exists to watch it again."),
          );
        }
        const duplicate = backend.duplicateOf?.(e, news as I);
        if (duplicate) throw await duplicateError(e, duplicate, news as I);
        throw e;
      }
    },

    async delete(id: string, props: Props): Promise<void> {
      const backend = b();
      const { olds, connection, moved } = located(props);
      if (moved) {
        // The id means nothing where the provider is configured now; deleting there could remove an unrelated group.
        warn(
          `${describe(id, olds)} was left in ${moved.recorded}: the provider is now configured for ${moved.configured} and cannot ` +
            "reach the old one. Delete it there yourself if it is no longer wanted.",
        );
        return;
      }
      const holder = backend.create ? ledger.holderOf(placeOf(connection, olds), id, olds as Record<string, unknown>) : undefined;
      if (holder) throw new InputError(heldGroupMessage(describe(id, olds), holder));
      const { backend: name, keys, env } = backend.settings;
      const unconfigured = connection === undefined ? undefined : notConfigured(name, keys, stack, env, connection);
      if (unconfigured) {
        throw new ConfigError(
          `cannot delete ${describe(id, olds)}: the connection '${connection}' it was made through is not configured any more. ` +
            "Configure it again to delete the group, or remove this resource from the state without deleting the group: " +
            `\`pulumi state delete <its URN>\` (\`pulumi stack --show-urns\` lists them). ${unconfigured.message}`,
        );
      }
      const api = client(connection);
      try {
        const allowed = (olds as Props).deleteWithCustomers === true || ledger.deleteWithCustomersAllowed(placeOf(connection, olds), id);
        if (backend.beforeDelete && (await backend.beforeDelete(api, id, olds, allowed)) === "gone") return;
        if (backend.countCustomers && !allowed) await refuseWithCustomers(api, id, olds);
        await backend.delete(api, id, olds);
      } catch (e) {
        // Already gone: that is what delete wants.
        if (!isNotFound(e)) throw e;
      }
    },
  };
}

/** Why a delete is refused: another resource of this run adopts or holds the group; and the way out. */
function heldGroupMessage(group: string, holder: Holder): string {
  const other = `'${holder.resource}'`;
  return holder.how === "adopts"
    ? `refusing to delete ${group}: resource ${other} adopts it in this run (an entry renamed without saying so?). To rename ` +
        `without losing the group, declare the old name on ${other}: \`previousName: <old name>\` in a data file, ` +
        `\`aliases: [{ name: "<old name>" }]\` in TypeScript.`
    : `refusing to delete ${group}: resource ${other} holds it (an earlier run adopted it under that name). Remove this ` +
        "resource from the state without touching the store: `pulumi state delete <its URN>` (`pulumi stack --show-urns` lists them).";
}

/** A create whose answer was lost, and the look-up that would have told whether it was applied failed too. */
function lostCreateError(create: unknown, lookup: unknown, identity: Identity): Error {
  const reason = (e: unknown) => (e instanceof Error ? e.message : String(e));
  const message =
    `the group may or may not have been created, and looking it up by ${identity.field} '${identity.value}' failed too (${reason(lookup)}). ` +
    "Run `pulumi up` again when the store answers: a group this create made is then found and taken over, never created twice.";
  return create instanceof ApiError ? create.withMessage(message) : new Error(`${reason(create)}; ${message}`);
}

/** A backend's adapter and the client of a command's connection (`review`, `export`): settings as the resources read them. */
export function reached<A extends { connect(connection: string | undefined): unknown }, O>(
  makeAdapter: (stack: StackConfig, options: O, env: NodeJS.ProcessEnv) => A,
  reach: Reach,
): { adapter: A; client: ReturnType<A["connect"]> } {
  const adapter = makeAdapter(reach.stack, (reach.clientOptions ?? {}) as O, reach.env);
  return { adapter, client: adapter.connect(reach.connection) as ReturnType<A["connect"]> };
}
