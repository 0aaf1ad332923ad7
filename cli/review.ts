// `pulumi-customer-groups review`: what merging a pull request will do to the stores, for reviewers. Runs a preview of
// the stack with the user's Pulumi CLI and explains each customer group's step in a merchant's terms, with the exact
// requests `pulumi up` will send (computed by the provider's own diff code), as Markdown for a comment or as JSON.

import { EngineEvent, LocalWorkspace, StepEventMetadata } from "@pulumi/pulumi/automation";
import type { BackendDescriptor } from "../provider/backend";
import { readSetting, StackConfig } from "../provider/config";
import type { AdoptionLookup, Explanation, FieldChange, RequestLine } from "../provider/explain";
import { backendOfType, backends } from "../provider/registry";
import { argumentsOf } from "../provider/resourceName";
import type { BackendName } from "../sdk/config/format";

export type Action = "create" | "adopt" | "update" | "replace" | "delete";

export interface GroupReview {
  urn: string;
  /** The resource name. */
  name: string;
  backend: BackendName;
  connection?: string;
  /** `project 'shop-eu'`, `store 'abc123'`; absent where groups have no scope (RevCent). */
  scope?: string;
  action: Action;
  fields: FieldChange[];
  requests: RequestLine[];
  warnings: string[];
}

export interface ReviewReport {
  stack: string;
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

/** The review of one step; undefined for steps that change nothing a reviewer needs to read. */
export async function reviewStep(
  step: StepEventMetadata,
  configured: (backend: BackendDescriptor, connection?: string) => string | undefined,
  lookup?: AdoptionLookupFn,
): Promise<GroupReview | "same" | undefined> {
  const backend = backendOfType(step.type);
  if (!backend) return undefined;
  if (step.op === "same" || step.op === "read" || step.op === "refresh") return "same";
  // A replacement shows as `replace` plus the two halves; the `replace` step tells it all.
  if (step.op === "create-replacement" || step.op === "delete-replaced" || step.op === "discard" || step.op === "discard-replaced") return undefined;
  const outputs = without(step.old?.outputs);
  const inputs = without(step.new?.inputs);
  const name = step.urn.split("::").pop() ?? step.urn;
  const connection = (typeof inputs.connection === "string" ? inputs.connection : typeof outputs.connection === "string" ? outputs.connection : undefined) as
    string | undefined;
  const scope = backend.scope;
  const recordedScope = scope ? (outputs[scope.property] as string | undefined) : undefined;
  const scopeValue = recordedScope ?? configured(backend, connection);
  const review: GroupReview = {
    urn: step.urn,
    name,
    backend: backend.name as BackendName,
    ...(connection !== undefined ? { connection } : {}),
    ...(scope && scopeValue ? { scope: `${scope.noun} '${scopeValue}'` } : {}),
    action: "update",
    fields: [],
    requests: [],
    warnings: [],
  };
  const id = step.old?.id ?? "";

  if (step.op === "delete") {
    review.action = "delete";
    add(review, backend.review.deleted(id, outputs));
    return review;
  }

  if (step.op === "create" || step.op === "replace") {
    const adopt = !backend.creates || inputs.adopt === true;
    review.action = step.op === "replace" ? "replace" : adopt ? "adopt" : "create";
    if (step.op === "replace") {
      const why = (step.keys ?? []).join(", ") || "the group's identity";
      const from = scope && recordedScope ? `${scope.noun} '${recordedScope}'` : undefined;
      add(review, backend.review.replaced(id, outputs, why, from, review.scope));
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
        add(review, found);
        if (found.requests.some((r) => r.method !== "GET")) review.warnings.push(`Adoption changes the live group ${found.id ?? ""} to match the program.`);
        return review;
      } else {
        add(review, found);
        if (!backend.creates) return review;
        review.warnings.push("Adoption: no such group exists yet, so it is created.");
      }
    }
    const created = backend.review.created?.(scopeValue, inputs);
    if (created) add(review, created);
    return review;
  }

  // update
  if (outputs.connection !== inputs.connection)
    review.fields.push({ field: "connection", before: String(outputs.connection ?? "(default)"), after: String(inputs.connection ?? "(default)") });
  add(review, backend.review.updated(id, outputs, inputs));
  return review;
}

/** Reviews every step of a preview's events. */
export async function reviewSteps(
  stackName: string,
  events: readonly EngineEvent[],
  stack: StackConfig,
  env: NodeJS.ProcessEnv,
  live: boolean,
): Promise<ReviewReport> {
  const configured = (backend: BackendDescriptor, connection?: string) =>
    backend.scope ? readSetting(backend.scope.setting, stack, env, connection) : undefined;
  const report: ReviewReport = { stack: stackName, summary: { create: 0, adopt: 0, update: 0, replace: 0, delete: 0, unchanged: 0 }, groups: [] };
  // Adoptions are looked up through the backends' own clients (reads only).
  const lookup: AdoptionLookupFn | undefined = live
    ? (backend, inputs) => backend.review.adoption({ stack, env, connection: inputs.connection as string | undefined }, inputs)
    : undefined;
  for (const event of events) {
    const step = event.resourcePreEvent?.metadata;
    if (!step) continue;
    const reviewed = await reviewStep(step, configured, lookup);
    if (reviewed === "same") report.summary.unchanged++;
    else if (reviewed) {
      report.summary[reviewed.action]++;
      report.groups.push(reviewed);
    }
  }
  // The engine runs steps in parallel: the report follows the backends, then the names, so that it reads the same each time.
  const order = backends.map((b) => b.name);
  report.groups.sort((a, b) => order.indexOf(a.backend) - order.indexOf(b.backend) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return report;
}

/** Runs the preview of a stack with the user's Pulumi CLI and reviews it. */
export async function reviewStack(options: {
  cwd: string;
  stack?: string;
  refresh: boolean;
  config: StackConfig;
  env: NodeJS.ProcessEnv;
}): Promise<ReviewReport> {
  const workspace = await LocalWorkspace.create({ workDir: options.cwd });
  const stackName = options.stack ?? (await workspace.stack())?.name;
  if (!stackName) throw new Error("no stack is selected: give --stack NAME (or `pulumi stack select NAME`)");
  const stack = await LocalWorkspace.selectStack({ stackName, workDir: options.cwd });
  const events: EngineEvent[] = [];
  await stack.preview({ refresh: options.refresh, onEvent: (event) => events.push(event) });
  return reviewSteps(stackName, events, options.config, options.env, true);
}
