// `pulumi-customer-groups review`: what merging a pull request will do to the stores, for reviewers. Runs a preview of
// the stack with the user's Pulumi CLI and explains each customer group's step in a merchant's terms, with the exact
// requests `pulumi up` will send (computed by the provider's own diff code), as Markdown for a comment or as JSON.

import type { EngineEvent, StepEventMetadata } from "@pulumi/pulumi/automation";
import type { BackendDescriptor, ScopeDescription } from "../provider/backend";
import { readSetting, StackConfig } from "../provider/config";
import { type AdoptionLookup, type Explanation, type FieldChange, noLongerManaged, type RequestLine } from "../provider/explain";
import { backendOfType, backends, registry } from "../provider/registry";
import { argumentsOf } from "../provider/resourceName";
import type { BackendName } from "../sdk/config/format";
import { openStack, previewFailure } from "./preview";

export type Action = "create" | "adopt" | "update" | "replace" | "delete";

export interface GroupReview {
  urn: string;
  /** The resource name. */
  name: string;
  backend: BackendName;
  connection?: string;
  /** The commercetools project or BigCommerce store (as `drift --json` gives it); absent where groups have no scope (RevCent). */
  scope?: { kind: ScopeDescription["noun"]; id: string };
  /** The group as the store shows it: its name and the vendor's id (absent before it exists). */
  group: { name?: string; id?: string };
  action: Action;
  fields: FieldChange[];
  requests: RequestLine[];
  warnings: string[];
  /** The customers the group holds, where the step concerns them (see `concernsCustomers`). */
  customers?: number;
  /** Why such a group's customers were not counted. */
  notCounted?: string;
}

/** A policy violation the preview reported (`review --policy-pack`). */
export interface PolicyViolation {
  policy: string;
  /** `mandatory` violations make `pulumi up` refuse the change. */
  level: "mandatory" | "advisory";
  /** The resource it is about; absent for a stack policy's violation about the stack as a whole. */
  urn?: string;
  message: string;
}

export interface ReviewReport {
  stack: string;
  /** What the policy packs given to `review` reported (absent without `--policy-pack`). */
  violations?: PolicyViolation[];
  /** How many groups each action touches; unchanged groups are counted, not listed. */
  summary: Record<Action, number> & { unchanged: number };
  groups: GroupReview[];
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

const text = (value: unknown): string | undefined => (typeof value === "string" || typeof value === "number" ? String(value) : undefined);

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
  const reverted: string[] = [];
  for (const change of review.fields) {
    if (change.after === undefined || JSON.stringify(before.get(change.field)) !== JSON.stringify(change.after)) continue;
    change.text += " (undoes an edit made in the store)";
    reverted.push(change.field);
  }
  if (reverted.length > 0)
    review.warnings.push(
      `Undoes ${reverted.length === 1 ? "an edit" : "edits"} made in the store since the last \`pulumi up\` (${reverted.join(", ")}): ` +
        "the program's values are set again. Change the data file instead if the store's values should stay.",
    );
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
): Promise<GroupReview | "same" | undefined> {
  const backend = backendOfType(step.type);
  if (!backend) return undefined;
  // A refresh reads what the next step of the same group then plans from: that step is the one counted.
  if (step.op === "refresh") return undefined;
  if (step.op === "same" || step.op === "read") return "same";
  // A replacement shows as `replace` plus the two halves; the `replace` step tells it all.
  if (step.op === "create-replacement" || step.op === "delete-replaced" || step.op === "discard" || step.op === "discard-replaced") return undefined;
  const outputs = without(step.old?.outputs);
  const inputs = without(step.new?.inputs);
  const name = step.urn.split("::").pop() ?? step.urn;
  const connection = (typeof inputs.connection === "string" ? inputs.connection : typeof outputs.connection === "string" ? outputs.connection : undefined) as
    string | undefined;
  const scope = backend.scope;
  const recordedScope = scope ? text(outputs[scope.property]) : undefined;
  const scopeValue = recordedScope ?? configured(backend, connection);
  const id = step.old?.id || undefined;
  const review: GroupReview = {
    urn: step.urn,
    name,
    backend: backend.name as BackendName,
    ...(connection !== undefined ? { connection } : {}),
    ...(scope && scopeValue ? { scope: { kind: scope.noun, id: scopeValue } } : {}),
    group: { ...(text(outputs.name ?? inputs.name) !== undefined ? { name: text(outputs.name ?? inputs.name) } : {}), ...(id ? { id } : {}) },
    action: "update",
    fields: [],
    requests: [],
    warnings: [],
  };
  const where = (value: string | undefined) => (scope && value ? `${scope.noun} '${value}'` : undefined);

  if (step.op === "delete") {
    review.action = "delete";
    add(review, backend.review.deleted(id ?? "", outputs));
    return review;
  }

  if (step.op === "create" || step.op === "replace") {
    const adopt = !backend.creates || inputs.adopt === true;
    // A group the refresh found gone: deleted in the store since the last `pulumi up`.
    const gone = step.op === "create" && context.refreshed !== undefined;
    review.action = step.op === "replace" ? "replace" : adopt && !gone ? "adopt" : "create";
    review.group = { ...(text(inputs.name) !== undefined ? { name: text(inputs.name) } : {}) };
    if (step.op === "replace") {
      const why = (step.keys ?? []).join(", ") || "the group's identity";
      add(review, backend.review.replaced(id ?? "", outputs, why, where(recordedScope), where(scopeValue)));
    }
    if (gone) {
      const was = without(context.refreshed?.old?.outputs);
      review.warnings.push(
        `Deleted in the store since the last \`pulumi up\` (it was ${[text(was.name) && `'${text(was.name)}'`, context.refreshed?.old?.id && `id ${context.refreshed.old.id}`].filter(Boolean).join(", ")}); ` +
          `this run ${backend.creates ? "creates it again" : "fails: it cannot be created here"}.`,
      );
    }
    if (adopt) {
      const found = await lookup?.(backend, inputs).catch((e: Error): AdoptionLookup => ({
        found: false,
        requests: [],
        fields: [],
        warnings: [`could not look the group up: ${e.message}`],
      }));
      if (found === undefined) {
        review.warnings.push("Adoption: the live group could not be looked up here (no settings for it), so what adopting it changes is not shown.");
      } else if (found.found) {
        review.action = step.op === "replace" ? "replace" : "adopt";
        if (found.id) review.group.id = found.id;
        add(review, found);
        if (found.requests.some((r) => r.method !== "GET")) review.warnings.push(`Adoption changes the live group ${found.id ?? ""} to match the program.`);
        return review;
      } else {
        add(review, found);
        if (!backend.creates) return review;
        if (!gone) review.warnings.push("Adoption: no such group exists yet, so it is created.");
      }
    }
    const created = backend.review.created?.(scopeValue, inputs);
    if (created) add(review, created);
    return review;
  }

  // update
  if (outputs.connection !== inputs.connection)
    review.fields.push({
      field: "connection",
      ...(outputs.connection !== undefined ? { before: outputs.connection } : {}),
      ...(inputs.connection !== undefined ? { after: inputs.connection } : {}),
      text: `${text(outputs.connection) ?? "(default)"} → ${text(inputs.connection) ?? "(default)"}`,
    });
  add(review, backend.review.updated(id ?? "", outputs, inputs));
  markReverts(backend, review, context.refreshed ? without(context.refreshed.old?.outputs) : undefined);
  const dropped = droppedArguments(outputs, inputs);
  if (dropped.length > 0 && backend.review.inWords) review.fields.push(...noLongerManaged(backend.review.inWords(outputs, dropped)));
  return review;
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
        ? `\`${holder}\` already holds this group (an earlier run adopted it under that name), so \`pulumi up\` refuses to delete ` +
          `it and fails; the group stays. Remove \`${deleted.name}\` from the state without touching the store: ` +
          `\`pulumi state delete '${deleted.urn}'\`.`
        : `\`${holder}\` takes over this group in the same run, so this looks like a rename of \`${deleted.name}\` to \`${holder}\`: ` +
          "`pulumi up` refuses to delete the group and fails, and the group stays. To rename without a request, declare the old name " +
          `on \`${holder}\`: \`previousName: ${deleted.name}\` in the data file, or \`aliases: [{ name: "${deleted.name}" }]\` in TypeScript.`,
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
  return (group.action === "update" || group.action === "adopt") && group.fields.some((f) => reachesCustomers.test(f.field));
}

/** Reads the customer counts of the groups that concern customers, one backend and connection at a time (reads only). */
async function countCustomers(groups: readonly GroupReview[], stack: StackConfig, env: NodeJS.ProcessEnv): Promise<void> {
  const byReach = new Map<string, GroupReview[]>();
  for (const group of groups.filter(concernsCustomers)) {
    const key = `${group.backend}\u0000${group.connection ?? ""}`;
    byReach.set(key, [...(byReach.get(key) ?? []), group]);
  }
  for (const reviewed of byReach.values()) {
    const { backend: name, connection } = reviewed[0]!;
    const backend = registry[name];
    if (!backend.countCustomers) {
      for (const g of reviewed) g.notCounted = `${backend.title}'s API does not count a group's customers`;
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

/** Reviews every step of a preview's events; `counts`: read the customer counts of the groups that concern customers. */
export async function reviewSteps(
  stackName: string,
  events: readonly EngineEvent[],
  stack: StackConfig,
  env: NodeJS.ProcessEnv,
  live: boolean,
  counts = false,
): Promise<ReviewReport> {
  const configured = (backend: BackendDescriptor, connection?: string) =>
    backend.scope ? readSetting(backend.scope.setting, stack, env, connection) : undefined;
  const report: ReviewReport = { stack: stackName, summary: { create: 0, adopt: 0, update: 0, replace: 0, delete: 0, unchanged: 0 }, groups: [] };
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
  for (const step of steps) {
    const reviewed = await reviewStep(step, configured, lookup, { refreshed: refreshes.get(step.urn) });
    const backend = backendOfType(step.type)!;
    const name = step.urn.split("::").pop() ?? step.urn;
    if (reviewed === "same" || (reviewed && reviewed.action === "update")) {
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
    if (reviewed && reviewed !== "same") {
      if (reviewed.action === "adopt" || reviewed.action === "create") {
        const inputs = without(step.new?.inputs);
        if (reviewed.group.id) held.set(`${placeOf(reviewed)}|${reviewed.group.id}`, name);
        if (reviewed.action === "adopt") claims.push({ place: placeOf(reviewed), identity: backend.identity(inputs), resource: name });
      }
      if (reviewed.action === "delete") deletes.set(reviewed, without(step.old?.outputs));
    }
    if (reviewed === "same") report.summary.unchanged++;
    else if (reviewed) {
      report.summary[reviewed.action]++;
      report.groups.push(reviewed);
    }
  }
  pairRenames(deletes, held, claims);
  if (live && counts) await countCustomers(report.groups, stack, env);
  // The engine runs steps in parallel: the report follows the backends, then the names, so that it reads the same each time.
  const order = backends.map((b) => b.name);
  report.groups.sort((a, b) => order.indexOf(a.backend) - order.indexOf(b.backend) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return report;
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
  /** Policy packs to run with the preview, and their configuration files. */
  policyPacks?: string[];
  policyPackConfigs?: string[];
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
  const report = await reviewSteps(stack.name, events, options.config, options.env, true, options.counts ?? true);
  return policyPacks.length > 0 ? { ...report, violations: violationsOf() } : report;
}
