// `pulumi-customer-groups review`: what merging a pull request will do to the stores, for reviewers. Runs a preview of
// the stack with the user's Pulumi CLI and explains each customer group's step in a merchant's terms, with the exact
// requests `pulumi up` will send (computed by the provider's own diff code), as Markdown for a comment or as JSON.

import { EngineEvent, LocalWorkspace, StepEventMetadata } from "@pulumi/pulumi/automation";
import { StackConfig, readSetting } from "../provider/config";
import { customerGroupBackend as bigcommerceBackend } from "../provider/bigcommerce/customerGroup";
import { declaredFields as bcDeclared } from "../provider/bigcommerce/model";
import { stateOfGroup as bcStateOfGroup } from "../provider/bigcommerce/wire";
import { bigcommerceSettingKeys } from "../provider/bigcommerce/settings";
import { toUpdateActions } from "../provider/commercetools/actions";
import { customerGroupBackend as commercetoolsBackend } from "../provider/commercetools/customerGroup";
import { declaredFields as ctDeclared, desiredShape, shapeOfState, type GroupInputs as CtInputs } from "../provider/commercetools/model";
import { commercetoolsSettingKeys } from "../provider/commercetools/settings";
import { stateOfGroup as ctStateOfGroup } from "../provider/commercetools/wire";
import { customerGroupBackend as revcentBackend } from "../provider/revcent/customerGroup";
import { differences } from "../provider/revcent/drift";
import { adoptedByOf, declaredPaths, type GroupInputs as RcInputs } from "../provider/revcent/model";
import { stateOfGroup as rcStateOfGroup } from "../provider/revcent/wire";
import type { BackendName } from "../sdk/config/format";
import {
  Action,
  AdoptionLookup,
  bigcommerceConverge,
  bigcommerceCreate,
  bigcommerceUpdate,
  commercetoolsCreate,
  commercetoolsField,
  commercetoolsUpdate,
  GroupReview,
  RequestLine,
  revcentUpdate,
} from "./reviewChanges";
import { resourceTypes } from "./drift";

export interface ReviewReport {
  stack: string;
  /** How many groups each action touches; unchanged groups are counted, not listed. */
  summary: Record<Action, number> & { unchanged: number };
  groups: GroupReview[];
}

type Props = Record<string, unknown>;

const backendOf = (type: string): BackendName | undefined => resourceTypes[type];
const without = (props: Props | undefined): Props => {
  const { __provider: _, ...rest } = props ?? {};
  return rest;
};

/** Looks up a group an adoption will take over; undefined when the settings to do so are not at hand. */
export type AdoptionLookupFn = (backend: BackendName, inputs: Props) => Promise<AdoptionLookup | undefined>;

/** The review of one step; undefined for steps that change nothing a reviewer needs to read. */
export async function reviewStep(
  step: StepEventMetadata,
  configured: (backend: BackendName, connection?: string) => string | undefined,
  lookup?: AdoptionLookupFn,
): Promise<GroupReview | "same" | undefined> {
  const backend = backendOf(step.type);
  if (!backend) return undefined;
  if (step.op === "same" || step.op === "read" || step.op === "refresh") return "same";
  // A replacement shows as `replace` plus the two halves; the `replace` step tells it all.
  if (step.op === "create-replacement" || step.op === "delete-replaced" || step.op === "discard" || step.op === "discard-replaced") return undefined;
  const outputs = without(step.old?.outputs);
  const inputs = without(step.new?.inputs);
  const name = step.urn.split("::").pop() ?? step.urn;
  const connection = (typeof inputs.connection === "string" ? inputs.connection : typeof outputs.connection === "string" ? outputs.connection : undefined) as
    string | undefined;
  const recordedScope = (outputs.projectKey ?? outputs.storeHash) as string | undefined;
  const scopeValue = recordedScope ?? configured(backend, connection);
  const scopeNoun = backend === "commercetools" ? "project" : backend === "bigcommerce" ? "store" : undefined;
  const review: GroupReview = {
    urn: step.urn,
    name,
    backend,
    ...(connection !== undefined ? { connection } : {}),
    ...(scopeNoun && scopeValue ? { scope: `${scopeNoun} '${scopeValue}'` } : {}),
    action: "update",
    fields: [],
    requests: [],
    warnings: [],
  };
  const id = step.old?.id ?? "";

  if (step.op === "delete") {
    review.action = "delete";
    if (backend === "commercetools")
      review.requests.push({ method: "DELETE", path: `/${outputs.projectKey}/customer-groups/${id}?version=${outputs.version}` });
    if (backend === "bigcommerce") review.requests.push({ method: "DELETE", path: `/stores/${outputs.storeHash}/v2/customer_groups/${id}` });
    review.warnings.push(
      backend === "revcent"
        ? "Pulumi stops watching this group; it stays in RevCent, unchanged (RevCent's API cannot delete groups)."
        : `Deletes the group '${String(outputs.name)}'${backend === "bigcommerce" ? " (BigCommerce unassigns its customers from it)" : ""}: its customers lose its prices and discounts.`,
    );
    return review;
  }

  if (step.op === "create" || step.op === "replace") {
    const adopt = backend === "revcent" || inputs.adopt === true;
    review.action = step.op === "replace" ? "replace" : adopt ? "adopt" : "create";
    if (step.op === "replace") {
      const why = (step.keys ?? []).join(", ") || "the group's identity";
      const from = recordedScope ? ` in ${scopeNoun} '${recordedScope}'` : "";
      review.warnings.push(
        backend === "revcent"
          ? `Replaced because ${why} changed: Pulumi stops watching the group '${String(outputs.name)}' and adopts the one the program now names (RevCent is not written to).`
          : `Replaced because ${why} changed: the group '${String(outputs.name)}'${from} is deleted first (names are unique), then created${review.scope ? ` in ${review.scope}` : ""}.`,
      );
      if (backend === "commercetools")
        review.requests.push({ method: "DELETE", path: `/${outputs.projectKey}/customer-groups/${id}?version=${outputs.version}` });
      if (backend === "bigcommerce") review.requests.push({ method: "DELETE", path: `/stores/${outputs.storeHash}/v2/customer_groups/${id}` });
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
        review.fields.push(...found.fields);
        review.requests.push(...found.requests);
        review.warnings.push(...found.warnings);
        if (found.requests.some((r) => r.method !== "GET")) review.warnings.push(`Adoption changes the live group ${found.id ?? ""} to match the program.`);
        return review;
      } else {
        review.requests.push(...found.requests);
        review.warnings.push(...found.warnings);
        if (backend === "revcent") return review;
        review.warnings.push("Adoption: no such group exists yet, so it is created.");
      }
    }
    const created =
      backend === "commercetools" ? commercetoolsCreate(scopeValue, inputs) : backend === "bigcommerce" ? bigcommerceCreate(scopeValue, inputs) : undefined;
    if (created) {
      review.fields.push(...created.fields);
      review.requests.push(...created.requests);
    }
    return review;
  }

  // update
  if (outputs.connection !== inputs.connection)
    review.fields.push({ field: "connection", before: String(outputs.connection ?? "(default)"), after: String(inputs.connection ?? "(default)") });
  const changes =
    backend === "commercetools"
      ? commercetoolsUpdate(id, outputs, inputs)
      : backend === "bigcommerce"
        ? bigcommerceUpdate(id, outputs, inputs)
        : revcentUpdate(outputs, inputs);
  review.fields.push(...changes.fields);
  if ("requests" in changes) review.requests.push(...changes.requests);
  if ("warnings" in changes) review.warnings.push(...changes.warnings);
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
  const configured = (backend: BackendName, connection?: string) =>
    backend === "commercetools"
      ? readSetting(commercetoolsSettingKeys.projectKey, stack, env, connection)
      : backend === "bigcommerce"
        ? readSetting(bigcommerceSettingKeys.storeHash, stack, env, connection)
        : undefined;
  const report: ReviewReport = { stack: stackName, summary: { create: 0, adopt: 0, update: 0, replace: 0, delete: 0, unchanged: 0 }, groups: [] };
  const lookup = live ? liveLookup(stack, env) : undefined;
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
  const order = ["commercetools", "bigcommerce", "revcent"];
  report.groups.sort((a, b) => order.indexOf(a.backend) - order.indexOf(b.backend) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return report;
}

/** Finds the groups adoptions take over through the backends' own clients (reads only). */
function liveLookup(stack: StackConfig, env: NodeJS.ProcessEnv): AdoptionLookupFn {
  const backends = {
    commercetools: commercetoolsBackend(stack, {}, env),
    bigcommerce: bigcommerceBackend(stack, {}, env),
    revcent: revcentBackend(stack, {}, env),
  };
  return async (backend, inputs) => {
    const connection = inputs.connection as string | undefined;
    if (backend === "commercetools") {
      const b = backends.commercetools;
      const client = b.connect(connection);
      const identity = b.identity(inputs as unknown as CtInputs);
      const find: RequestLine =
        identity.field === "key"
          ? { method: "GET", path: `/${client.projectKey}/customer-groups/key=${encodeURIComponent(identity.value)}` }
          : {
              method: "GET",
              path: `/${client.projectKey}/customer-groups?where=${encodeURIComponent(`name=${JSON.stringify(identity.value)}`)}&limit=1&withTotal=false`,
            };
      const live = await b.find(client, identity, false);
      if (!live) return { found: false, requests: [find], fields: [], warnings: [] };
      const state = ctStateOfGroup(live, { projectKey: client.projectKey, managed: ctDeclared(inputs as unknown as CtInputs) });
      const base = shapeOfState(state);
      const actions = toUpdateActions(base, desiredShape(base, inputs as unknown as CtInputs));
      return {
        found: true,
        id: live.id,
        fields: actions.map((a) => commercetoolsField(a, base)),
        requests: [
          find,
          ...(actions.length === 0
            ? []
            : [{ method: "POST" as const, path: `/${client.projectKey}/customer-groups/${live.id}`, body: { version: live.version, actions } }]),
        ],
        warnings: [],
      };
    }
    if (backend === "bigcommerce") {
      const b = backends.bigcommerce;
      const client = b.connect(connection);
      const identity = b.identity(inputs as never);
      const find: RequestLine = {
        method: "GET",
        path: `/stores/${client.storeHash}/v2/customer_groups?name=${encodeURIComponent(identity.value)}&page=1&limit=250`,
      };
      const live = await b.find(client, identity, false);
      if (!live) return { found: false, requests: [find], fields: [], warnings: [] };
      const { state } = bcStateOfGroup(live, client.storeHash, bcDeclared(inputs as never), true);
      const converge = bigcommerceConverge(client.storeHash, state, inputs);
      return { found: true, id: String(live.id), ...converge, requests: [find, ...converge.requests] };
    }
    const b = backends.revcent;
    const client = b.connect(connection);
    try {
      const live = await b.find(client, b.identity(inputs as RcInputs), false);
      if (!live) return { found: false, requests: [], fields: [], warnings: [] };
      const state = rcStateOfGroup(live, adoptedByOf(inputs as RcInputs), declaredPaths(inputs as RcInputs));
      const diffs = differences(state, inputs as RcInputs);
      return {
        found: true,
        id: live.id,
        requests: [],
        fields: diffs.map((d) => ({ field: d.path, before: JSON.stringify(d.live) ?? "(none)", after: JSON.stringify(d.declared) })),
        warnings: diffs.length > 0 ? ["RevCent's API cannot change customer groups: adopting this one fails until it holds the declared values."] : [],
      };
    } catch (e) {
      // RevCent's look-up says why (no such name, several groups with it): adopting it will fail the same way.
      return { found: false, requests: [], fields: [], warnings: [`\`pulumi up\` will fail: ${(e as Error).message}`] };
    }
  };
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
