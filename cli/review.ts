// `pulumi-customer-groups review`: what merging a pull request will do to the stores, for reviewers. Runs a preview of
// the stack with the user's Pulumi CLI and explains each customer group's step in a merchant's terms, with the exact
// requests `pulumi up` will send (computed by the provider's own diff code), as Markdown for a comment or as JSON.

import type { EngineEvent, StepEventMetadata } from "@pulumi/pulumi/automation";
import type { BackendDescriptor, ScopeDescription } from "../provider/backend";
import { readSetting, StackConfig } from "../provider/config";
import { type AdoptionLookup, type Explanation, type FieldChange, noLongerManaged, type RequestLine } from "../provider/explain";
import { backendOfType, backends, registry } from "../provider/registry";
import { argumentsOf } from "../provider/resourceName";
import { lookalikeProblem } from "../provider/schemas/names";
import { code, joined, ours, plain, quoted, say, type Text, value } from "../provider/text";
import type { BackendName } from "../sdk/config/format";
import { openStack, previewFailure } from "./preview";

export type Action = "create" | "adopt" | "update" | "replace" | "delete";

/** Where a group lives: its connection, and the commercetools project or BigCommerce store it reaches. */
export interface Whereabouts {
  connection?: string;
  /** Absent where groups have no scope (RevCent). */
  scope?: { kind: ScopeDescription["noun"]; id: string };
}

export interface GroupReview extends Whereabouts {
  urn: string;
  /** The resource name. */
  name: string;
  backend: BackendName;
  /** The group as the store shows it: its name and the vendor's id (absent before it exists). */
  group: { name?: string; id?: string };
  action: Action;
  /** A move (a replacement in another project or store): where the group is deleted, and where it is created. */
  from?: Whereabouts;
  to?: Whereabouts;
  fields: FieldChange[];
  requests: RequestLine[];
  warnings: Text[];
  /** The customers the group holds, where the step concerns them (see `concernsCustomers`); of a move, those where it leaves. */
  customers?: number;
  /** Why such a group's customers were not counted. */
  notCounted?: Text;
  /** Why `pulumi up` refuses this step's delete (the group holds customers, or is the store's default): nothing is sent. */
  refused?: Text;
}

/** A group whose step changes nothing, but whose declaration now names values the store already holds (or stops naming them). */
export interface GroupNote {
  urn: string;
  name: string;
  backend: BackendName;
  group: { name?: string; id?: string };
  fields: FieldChange[];
}

/** A policy violation the preview reported (`review --policy-pack`). */
export interface PolicyViolation {
  policy: string;
  /** `mandatory` violations make `pulumi up` with the same pack refuse the change. */
  level: "mandatory" | "advisory";
  /** The resource it is about; absent for a stack policy's violation about the stack as a whole. */
  urn?: string;
  message: string;
  /** About a group this change does not touch: the violation was in the store before it (`--fail-on existing` counts it). */
  existing?: boolean;
}

export interface ReviewReport {
  stack: string;
  /** The command whose effect the report describes (`pulumi up --stack prod --refresh --policy-pack ...`). */
  command: string;
  /** Whether the preview refreshed the state from the stores first (`--refresh`). */
  refreshed: boolean;
  /** What the policy packs given to `review` reported (absent without `--policy-pack`). */
  violations?: PolicyViolation[];
  /** How many groups each action touches; unchanged groups are counted, not listed. */
  summary: Record<Action, number> & { unchanged: number };
  groups: GroupReview[];
  /** Unchanged groups whose declaration now names (or stops naming) values the store holds. */
  notes: GroupNote[];
}

type Props = Record<string, unknown>;

const without = (props: Props | undefined): Props => argumentsOf(props ?? {});

/** Looks up a group an adoption will take over; undefined when the settings to do so are not at hand. */
export type AdoptionLookupFn = (backend: BackendDescriptor, inputs: Props) => Promise<AdoptionLookup | undefined>;

/** Adds what a step changes, sends and must tell to the review. */
function add(review: GroupReview, explained: Explanation): void {
  review.fields.push(...explained.fields);
  review.requests.push(...explained.requests);
  review.warnings.push(...explained.warnings);
}

const text = (v: unknown): string | undefined => (typeof v === "string" || typeof v === "number" ? String(v) : undefined);

/** The arguments the recorded state manages that the program no longer declares: they stop being managed. */
function droppedArguments(outputs: Props, inputs: Props): string[] {
  const managed = outputs.managed;
  return Array.isArray(managed) ? managed.filter((f): f is string => typeof f === "string" && inputs[f] === undefined) : [];
}

/**
 * Marks the changes that set back a value someone changed in the store since the last `pulumi up` (`recorded`: the state
 * before the refresh), and says so once.
 */
function markReverts(backend: BackendDescriptor, review: GroupReview, recorded: Props | undefined): void {
  if (!recorded || !backend.review.inWords) return;
  const before = new Map(backend.review.inWords(recorded).map((d) => [d.field, d.value]));
  const reverted: Text[] = [];
  for (const change of review.fields) {
    if (change.after === undefined || JSON.stringify(before.get(change.field)) !== JSON.stringify(change.after)) continue;
    change.text = say`${change.text} (undoes an edit made in the store)`;
    reverted.push(change.field);
  }
  if (reverted.length > 0)
    review.warnings.push(
      say`Undoes ${ours(reverted.length === 1 ? "an edit" : "edits")} made in the store since the last \`pulumi up\` (${joined(reverted, ", ")}): the program's values are set again. Change the data file instead if the store's values should stay.`,
    );
}

/** The arguments a declaration names (the engine's and the SDK's own inputs, and how the group is found, aside). */
const namedArguments = (inputs: Props): string[] => Object.keys(inputs).filter((k) => !["adopt", "connection", "name"].includes(k));

/**
 * The arguments a step that changes nothing starts or stops declaring, in words: a value the store already holds is
 * "now managed", one no longer declared is "no longer managed". `before`: the inputs the last `pulumi up` recorded.
 */
function declarationNotes(backend: BackendDescriptor, before: Props, inputs: Props, outputs: Props): FieldChange[] {
  if (!backend.review.inWords) return [];
  const was = namedArguments(before);
  const now = namedArguments(inputs);
  const added = now.filter((k) => !was.includes(k));
  const dropped = was.filter((k) => !now.includes(k));
  const held = backend.review
    .inWords(outputs, added)
    .map((d) => ({ field: d.field, before: d.value, after: d.value, text: say`now managed (already ${d.words})` }));
  return [...held, ...noLongerManaged(backend.review.inWords(outputs, dropped))];
}

/** A warning for a declared name or key that passes for another (a Cyrillic letter in a Latin name). */
function lookalikeWarnings(inputs: Props): Text[] {
  return (["name", "key"] as const).flatMap((field) => {
    const v = inputs[field];
    const problem = typeof v === "string" ? lookalikeProblem(v) : undefined;
    // The problem names scripts, code points and positions only: words of ours.
    return problem ? [say`The ${ours(field)} ${quoted(v)} ${ours(problem)}: it can pass for another group's ${ours(field)}. Check it is the one meant.`] : [];
  });
}

/** What the review knows beyond the step: the refresh of the same resource (`--refresh`), with the state it started from. */
export interface StepContext {
  refreshed?: StepEventMetadata;
}

/** The review of one step; undefined for steps that change nothing a reviewer needs to read (and are not counted). */
export async function reviewStep(
  step: StepEventMetadata,
  configured: (backend: BackendDescriptor, connection?: string) => string | undefined,
  lookup?: AdoptionLookupFn,
  context: StepContext = {},
): Promise<GroupReview | GroupNote | "same" | undefined> {
  const backend = backendOfType(step.type);
  if (!backend) return undefined;
  // A refresh reads what the next step of the same group then plans from: that step is the one counted.
  if (step.op === "refresh") return undefined;
  const outputs = without(step.old?.outputs);
  const inputs = without(step.new?.inputs);
  const name = step.urn.split("::").pop() ?? step.urn;
  const id = step.old?.id || undefined;
  const known = (props: Props) => ({ ...(text(props.name) !== undefined ? { name: text(props.name) } : {}), ...(id ? { id } : {}) });
  if (step.op === "same" || step.op === "read") {
    // What the last `pulumi up` recorded as declared: before the refresh, which reads only what the state manages.
    const before = without(context.refreshed?.old?.inputs ?? step.old?.inputs);
    const fields = step.op === "same" && step.old ? declarationNotes(backend, before, inputs, outputs) : [];
    return fields.length === 0 ? "same" : { urn: step.urn, name, backend: backend.name as BackendName, group: known(outputs), fields };
  }
  // A replacement shows as `replace` plus the two halves; the `replace` step tells it all.
  if (step.op === "create-replacement" || step.op === "delete-replaced" || step.op === "discard" || step.op === "discard-replaced") return undefined;
  const connection = (typeof inputs.connection === "string" ? inputs.connection : typeof outputs.connection === "string" ? outputs.connection : undefined) as
    string | undefined;
  const scope = backend.scope;
  const recordedScope = scope ? text(outputs[scope.property]) : undefined;
  // Where the group is now (recorded), and where the program puts it (the settings of its connection).
  const scopeValue = recordedScope ?? configured(backend, connection);
  const targetScope = (step.op === "replace" && scope ? configured(backend, text(inputs.connection)) : undefined) ?? scopeValue;
  const review: GroupReview = {
    urn: step.urn,
    name,
    backend: backend.name as BackendName,
    ...(connection !== undefined ? { connection } : {}),
    ...(scope && targetScope ? { scope: { kind: scope.noun, id: targetScope } } : {}),
    group: known(step.op === "create" ? inputs : outputs),
    action: "update",
    fields: [],
    requests: [],
    warnings: [],
  };
  const where = (v: string | undefined): Text | undefined => (scope && v ? say`${ours(scope.noun)} ${quoted(v)}` : undefined);

  if (step.op === "delete") {
    review.action = "delete";
    add(review, backend.review.deleted(id ?? "", outputs, outputs.deleteWithCustomers === true));
    return review;
  }

  if (step.op === "create" || step.op === "replace") {
    const adopt = !backend.creates || inputs.adopt === true;
    // A group the refresh found gone: deleted in the store since the last `pulumi up`.
    const gone = step.op === "create" && context.refreshed !== undefined;
    review.action = step.op === "replace" ? "replace" : adopt && !gone ? "adopt" : "create";
    review.warnings.push(...lookalikeWarnings(inputs));
    if (step.op === "replace") {
      const why = joined((step.keys ?? []).map(value), ", ") || say`the group's identity`;
      if (scope && recordedScope && targetScope && recordedScope !== targetScope) {
        const at = (connection: unknown, id: string): Whereabouts => ({
          ...(text(connection) !== undefined ? { connection: text(connection) } : {}),
          scope: { kind: scope.noun, id },
        });
        review.from = at(outputs.connection, recordedScope);
        review.to = at(inputs.connection, targetScope);
      }
      const withCustomers = outputs.deleteWithCustomers === true || inputs.deleteWithCustomers === true;
      add(review, backend.review.replaced(id ?? "", outputs, why, where(recordedScope), where(targetScope), withCustomers));
      // The group keeps its title (the one that goes); what the new one is called shows among the fields.
      if (text(inputs.name) !== undefined && text(inputs.name) !== text(outputs.name))
        review.fields.push({ field: say`name`, before: outputs.name, after: inputs.name, text: say`${quoted(outputs.name)} → ${quoted(inputs.name)}` });
    }
    if (gone) {
      const was = without(context.refreshed?.old?.outputs);
      const goneId = context.refreshed?.old?.id;
      const known = [text(was.name) !== undefined ? quoted(was.name) : undefined, goneId ? say`id ${value(goneId)}` : undefined].filter((t) => t !== undefined);
      review.warnings.push(
        say`Deleted in the store since the last \`pulumi up\` (it was ${joined(known, ", ")}); this run ${backend.creates ? say`creates it again` : say`fails: it cannot be created here`}.`,
      );
    }
    if (adopt) {
      const found = await lookup?.(backend, inputs).catch((e: Error): AdoptionLookup => ({
        found: false,
        requests: [],
        fields: [],
        warnings: [say`could not look the group up: ${value(e.message)}`],
      }));
      if (found === undefined) {
        review.warnings.push(say`Adoption: the live group could not be looked up here (no settings for it), so what adopting it changes is not shown.`);
      } else if (found.found) {
        review.action = step.op === "replace" ? "replace" : "adopt";
        if (found.id && step.op !== "replace") review.group = { ...known(inputs), id: found.id };
        add(review, found);
        if (found.requests.some((r) => r.method !== "GET"))
          review.warnings.push(say`Adoption changes the live group ${value(found.id ?? "")} to match the program.`);
        return review;
      } else {
        add(review, found);
        if (!backend.creates) return review;
        if (!gone) review.warnings.push(say`Adoption: no such group exists yet, so it is created.`);
      }
    }
    const created = backend.review.created?.(targetScope, inputs);
    if (created) add(review, created);
    return review;
  }

  // update
  if (outputs.connection !== inputs.connection)
    review.fields.push({
      field: say`connection`,
      ...(outputs.connection !== undefined ? { before: outputs.connection } : {}),
      ...(inputs.connection !== undefined ? { after: inputs.connection } : {}),
      text: say`${outputs.connection !== undefined ? quoted(outputs.connection) : say`(default)`} → ${inputs.connection !== undefined ? quoted(inputs.connection) : say`(default)`}`,
    });
  if (text(inputs.name) !== text(outputs.name)) review.warnings.push(...lookalikeWarnings({ name: inputs.name }));
  if (inputs.key !== undefined && inputs.key !== outputs.key) review.warnings.push(...lookalikeWarnings({ key: inputs.key }));
  add(review, backend.review.updated(id ?? "", outputs, inputs));
  markReverts(backend, review, context.refreshed ? without(context.refreshed.old?.outputs) : undefined);
  const dropped = droppedArguments(outputs, inputs);
  if (dropped.length > 0 && backend.review.inWords) review.fields.push(...noLongerManaged(backend.review.inWords(outputs, dropped)));
  return review;
}

const isReview = (reviewed: GroupReview | GroupNote): reviewed is GroupReview => "action" in reviewed;

/** A word of a command line as a POSIX shell reads it. */
const shellWord = (word: string): string => (/^[A-Za-z0-9_./:=@%+,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`);

/**
 * The `pulumi up` whose effect a review describes: the same stack, the same refresh and the same policy packs as its
 * preview. Another command may do otherwise (without `--refresh`, it does not undo edits made in the stores; without
 * the pack, it does not refuse what the pack refuses).
 */
export function applyCommand(options: { stack: string; refresh: boolean; policyPacks?: readonly string[]; policyPackConfigs?: readonly string[] }): string {
  return [
    "pulumi",
    "up",
    "--stack",
    options.stack,
    ...(options.refresh ? ["--refresh"] : []),
    ...(options.policyPacks ?? []).flatMap((p) => ["--policy-pack", p]),
    ...(options.policyPackConfigs ?? []).flatMap((c) => ["--policy-pack-config", c]),
  ]
    .map(shellWord)
    .join(" ");
}

/** Where a group lives, to tell two resources of one group apart from two groups: its project or store, else its connection. */
const placeOf = (review: Pick<GroupReview, "backend" | "scope" | "connection">): string =>
  `${review.backend}|${review.scope ? `${review.scope.kind} ${review.scope.id}` : `connection ${review.connection ?? ""}`}`;

/** An adoption of this run: where, by which unique field, and by which resource. */
interface Claim {
  place: string;
  identity: { field: string; value: string };
  resource: string;
}

/**
 * A delete of a group that another resource of the same run adopts or holds: `pulumi up` refuses it (the group would be
 * lost). One warning names both resources and says how to rename; the delete's fields and requests go (nothing is deleted).
 */
function pairRenames(deletes: Map<GroupReview, Props>, held: Map<string, string>, claims: readonly Claim[]): void {
  for (const [deleted, recorded] of deletes) {
    const place = placeOf(deleted);
    const id = deleted.group.id ?? "";
    const claim = claims.find(
      (c) => c.place === place && (recorded[c.identity.field] === c.identity.value || (c.identity.field !== "name" && c.identity.value === id)),
    );
    const holds = held.get(`${place}|${id}`);
    const holder = holds ?? claim?.resource;
    if (holder === undefined || holder === deleted.name) continue;
    deleted.fields = [];
    deleted.requests = [];
    deleted.warnings = [
      holds !== undefined && claim === undefined
        ? say`${code(holder)} already holds this group (an earlier run adopted it under that name), so \`pulumi up\` refuses to delete it and fails; the group stays. Remove ${code(deleted.name)} from the state without touching the store: ${code(`pulumi state delete '${deleted.urn}'`)}.`
        : say`${code(holder)} takes over this group in the same run, so this looks like a rename of ${code(deleted.name)} to ${code(holder)}: \`pulumi up\` refuses to delete the group and fails, and the group stays. To rename without a request, declare the old name on ${code(holder)}: ${code(`previousName: ${deleted.name}`)} in the data file, or ${code(`aliases: [{ name: "${deleted.name}" }]`)} in TypeScript.`,
    ];
  }
}

/** The fields of a change that reach a group's customers: their prices, discounts, catalogue, or the group's role. */
const reachesCustomers = /^(prices|discount on |catalogue access|default group|guest group)/;

/** Whether a reviewer must know how many customers the group holds: it goes, or what they pay or see changes. */
export function concernsCustomers(group: GroupReview): boolean {
  if (group.group.id === undefined) return false;
  // A delete that sends nothing (a rename the provider refuses to delete) takes nothing from anyone.
  if (group.action === "delete" || group.action === "replace") return group.requests.length > 0;
  return (group.action === "update" || group.action === "adopt") && group.fields.some((f) => reachesCustomers.test(plain(f.field)));
}

/** The connection a group's customers are counted through: where a moved group leaves. */
const countedThrough = (group: GroupReview): string | undefined => (group.from ? group.from.connection : group.connection);

/** Reads the customer counts of the groups that concern customers, one backend and connection at a time (reads only). */
async function countCustomers(groups: readonly GroupReview[], stack: StackConfig, env: NodeJS.ProcessEnv): Promise<void> {
  const byReach = new Map<string, GroupReview[]>();
  for (const group of groups.filter(concernsCustomers)) {
    const key = `${group.backend}\u0000${countedThrough(group) ?? ""}`;
    byReach.set(key, [...(byReach.get(key) ?? []), group]);
  }
  for (const reviewed of byReach.values()) {
    const name = reviewed[0]!.backend;
    const connection = countedThrough(reviewed[0]!);
    const backend = registry[name];
    if (!backend.countCustomers) {
      for (const g of reviewed) g.notCounted = say`${ours(backend.title)}'s API does not count a group's customers`;
      continue;
    }
    const answer = await backend.countCustomers(
      { stack, env, connection },
      reviewed.map((g) => g.group.id!),
    );
    for (const g of reviewed) {
      if ("notCounted" in answer) g.notCounted = answer.notCounted;
      else g.customers = answer.counts.get(g.group.id!) ?? 0;
    }
  }
}

/** What the provider weighs before a step's delete: whether the declaration allows deleting customers, and the group's role. */
interface DeleteGuard {
  allowed: boolean;
  role?: "default group" | "guest group";
}

export function deleteGuardOf(group: GroupReview, outputs: Props, inputs: Props): DeleteGuard {
  const allowed = outputs.deleteWithCustomers === true || (group.action === "replace" && inputs.deleteWithCustomers === true);
  const role = outputs.isDefault === true ? "default group" : outputs.isGroupForGuests === true ? "guest group" : undefined;
  return { allowed, ...(role ? { role } : {}) };
}

/**
 * Marks a delete `pulumi up` refuses before anything is sent, as the provider does (see lifecycle.ts): a group that holds
 * customers, or whose customers could not be counted, unless it declares `deleteWithCustomers: true`; the store's default
 * or guest group. A refused step sends nothing. Without the counts, says that `up` counts first.
 */
export function refuseDelete(group: GroupReview, guard: DeleteGuard | undefined, counted: boolean): void {
  if (!guard || !group.requests.some((r) => r.method === "DELETE")) return;
  const way = say`declare ${code("deleteWithCustomers: true")} on the group and merge that first, then remove it`;
  const because = guard.role
    ? guard.allowed
      ? undefined
      : say`it is the store's ${ours(guard.role)}, which is deleted only once another group takes the role and it declares ${code("deleteWithCustomers: true")}`
    : guard.allowed
      ? undefined
      : group.customers !== undefined && group.customers > 0
        ? say`it holds ${group.customers} customer${ours(group.customers === 1 ? "" : "s")}, who would lose its prices and discounts: ${way}`
        : group.notCounted !== undefined && counted
          ? say`its customers could not be counted (${group.notCounted}), and a group is deleted with customers only when it says so: ${way}`
          : undefined;
  if (because) {
    // Nothing of the step happens: not its requests, not its changes, not what its warnings foretold.
    group.refused = because;
    group.requests = [];
    group.fields = [];
    group.warnings = [say`\`pulumi up\` refuses this delete, and sends nothing for this group: ${because}.`];
  } else if (!counted && !guard.allowed && !guard.role) {
    group.warnings.push(
      say`\`pulumi up\` counts the group's customers first, and refuses to delete it while it holds any (unless it declares ${code("deleteWithCustomers: true")}).`,
    );
  }
}

/** Reviews every step of a preview's events; `counts`: read the customer counts of the groups that concern customers. */
export async function reviewSteps(
  stackName: string,
  events: readonly EngineEvent[],
  stack: StackConfig,
  env: NodeJS.ProcessEnv,
  live: boolean,
  counts = false,
  refreshed = false,
): Promise<ReviewReport> {
  const configured = (backend: BackendDescriptor, connection?: string) =>
    backend.scope ? readSetting(backend.scope.setting, stack, env, connection) : undefined;
  const report: ReviewReport = {
    stack: stackName,
    command: applyCommand({ stack: stackName, refresh: refreshed }),
    refreshed,
    summary: { create: 0, adopt: 0, update: 0, replace: 0, delete: 0, unchanged: 0 },
    groups: [],
    notes: [],
  };
  // Adoptions are looked up through the backends' own clients (reads only).
  const lookup: AdoptionLookupFn | undefined = live
    ? (backend, inputs) => backend.review.adoption({ stack, env, connection: inputs.connection as string | undefined }, inputs)
    : undefined;
  const steps = events.map((e) => e.resourcePreEvent?.metadata).filter((s): s is StepEventMetadata => s !== undefined && backendOfType(s.type) !== undefined);
  const refreshes = new Map(steps.filter((s) => s.op === "refresh").map((s) => [s.urn, s]));
  // Which resource keeps which group (held: `place|id` of declared resources that stay; claims: adoptions by identity).
  const held = new Map<string, string>();
  const claims: Claim[] = [];
  const deletes = new Map<GroupReview, Props>();
  const guards = new WeakMap<GroupReview, DeleteGuard>();
  for (const step of steps) {
    const reviewed = await reviewStep(step, configured, lookup, { refreshed: refreshes.get(step.urn) });
    if (reviewed === undefined) continue;
    const backend = backendOfType(step.type)!;
    const name = step.urn.split("::").pop() ?? step.urn;
    const changed = reviewed !== "same" && isReview(reviewed) ? reviewed : undefined;
    if (!changed || changed.action === "update") {
      const outputs = without(step.old?.outputs);
      const scopeId = backend.scope ? text(outputs[backend.scope.property]) : undefined;
      const connection = text(outputs.connection);
      const place = placeOf({
        backend: backend.name as BackendName,
        ...(scopeId && backend.scope ? { scope: { kind: backend.scope.noun, id: scopeId } } : {}),
        ...(connection ? { connection } : {}),
      });
      if (step.old?.id) held.set(`${place}|${step.old.id}`, name);
    }
    if (!changed) {
      report.summary.unchanged++;
      if (reviewed !== "same") report.notes.push(reviewed as GroupNote);
      continue;
    }
    if (changed.action === "adopt" || changed.action === "create") {
      const inputs = without(step.new?.inputs);
      if (changed.group.id) held.set(`${placeOf(changed)}|${changed.group.id}`, name);
      if (changed.action === "adopt") claims.push({ place: placeOf(changed), identity: backend.identity(inputs), resource: name });
    }
    if (changed.action === "delete") deletes.set(changed, without(step.old?.outputs));
    report.summary[changed.action]++;
    report.groups.push(changed);
    guards.set(changed, deleteGuardOf(changed, without(step.old?.outputs), without(step.new?.inputs)));
  }
  pairRenames(deletes, held, claims);
  if (live && counts) await countCustomers(report.groups, stack, env);
  // A reader must never take a count left out for nobody in the group.
  if (live && !counts) for (const g of report.groups.filter(concernsCustomers)) g.notCounted = say`not read: the review ran with \`--no-counts\``;
  for (const g of report.groups) refuseDelete(g, guards.get(g), live && counts);
  // The engine runs steps in parallel: the report follows the backends, then the names, so that it reads the same each time.
  const order = backends.map((b) => b.name);
  const byBackendAndName = (a: { backend: string; name: string }, b: { backend: string; name: string }) =>
    order.indexOf(a.backend) - order.indexOf(b.backend) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  report.groups.sort(byBackendAndName);
  report.notes.sort(byBackendAndName);
  return report;
}

/**
 * The violations with those of a group whose step changes nothing marked `existing`: they were there before this change.
 * A stack policy's violation is about the program as a whole (a protected group no longer declared): it counts as the
 * change's.
 */
export function inContext(violations: readonly PolicyViolation[], events: readonly EngineEvent[]): PolicyViolation[] {
  const untouched = new Set(
    events
      .map((e) => e.resourcePreEvent?.metadata)
      .filter((s) => s !== undefined && (s.op === "same" || s.op === "read") && backendOfType(s.type) !== undefined)
      .map((s) => s!.urn),
  );
  return violations.map((v) => (v.urn !== undefined && untouched.has(v.urn) ? { ...v, existing: true } : v));
}

/** Runs the preview of a stack with the user's Pulumi CLI and reviews it; a failed preview throws its own diagnostics. */
export async function reviewStack(options: {
  cwd: string;
  stack?: string;
  refresh: boolean;
  config: StackConfig;
  env: NodeJS.ProcessEnv;
  /** Read the customer counts (default true; `--no-counts` turns them off). */
  counts?: boolean;
  /** Policy packs to run with the preview, and their configuration files (resolved paths). */
  policyPacks?: string[];
  policyPackConfigs?: string[];
  /** The same as the user wrote them, for the command the report describes. */
  policyPacksAsGiven?: string[];
  policyPackConfigsAsGiven?: string[];
}): Promise<ReviewReport> {
  const stack = await openStack(options.cwd, options.stack);
  const events: EngineEvent[] = [];
  const policyPacks = options.policyPacks ?? [];
  const violationsOf = (): PolicyViolation[] =>
    events.flatMap((e) => {
      const p = e.policyEvent;
      if (!p) return [];
      const message = p.message.replace(/\s+$/, "");
      return [
        {
          policy: p.policyName,
          level: p.enforcementLevel === "mandatory" ? "mandatory" : "advisory",
          ...(p.resourceUrn ? { urn: p.resourceUrn } : {}),
          message,
        },
      ];
    });
  try {
    await stack.preview({
      refresh: options.refresh,
      onEvent: (event) => events.push(event),
      ...(policyPacks.length > 0 ? { policyPacks, policyPackConfigs: options.policyPackConfigs ?? [] } : {}),
    });
  } catch (e) {
    // A mandatory violation fails the preview: that is what the report is for, so it is reported, not thrown.
    if (!violationsOf().some((v) => v.level === "mandatory")) {
      throw new Error(`the preview of stack '${stack.name}' failed:\n${previewFailure(events, e)}`, { cause: e });
    }
  }
  const report = await reviewSteps(stack.name, events, options.config, options.env, true, options.counts ?? true, options.refresh);
  report.command = applyCommand({
    stack: stack.name,
    refresh: options.refresh,
    policyPacks: options.policyPacksAsGiven ?? policyPacks,
    policyPackConfigs: options.policyPackConfigsAsGiven ?? options.policyPackConfigs ?? [],
  });
  if (policyPacks.length === 0) return report;
  return { ...report, violations: inContext(violationsOf(), events) };
}
