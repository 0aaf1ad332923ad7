// `pulumi-customer-groups export`: every live group of one backend, written in the config-repo file format with `adopt: true`,
// so that `pulumi up` with cg.fromConfig(file) takes the groups over without changing them.

import type { CustomerGroup } from "@commercetools/platform-sdk";
import { Document, isMap, isScalar, isSeq, Node, Pair, Scalar, YAMLMap } from "yaml";
import { BigCommerceClient, ClientOptions as BigCommerceClientOptions } from "../provider/bigcommerce/client";
import { optionalFields } from "../provider/bigcommerce/model";
import { bigcommerceSettings } from "../provider/bigcommerce/settings";
import { validateGroup as validateBigCommerceGroup } from "../provider/bigcommerce/validation";
import { stateOfGroup, WireGroup as BigCommerceWireGroup } from "../provider/bigcommerce/wire";
import { ClientOptions as CommercetoolsClientOptions, CommercetoolsClient } from "../provider/commercetools/client";
import { commercetoolsSettings } from "../provider/commercetools/settings";
import type { StackConfig } from "../provider/config";
import type { CheckFailure } from "../provider/lifecycle";
import { ClientOptions as RevCentClientOptions, RevCentClient } from "../provider/revcent/client";
import { revcentSettings } from "../provider/revcent/settings";
import type { Qualifiers } from "../provider/revcent/types";
import { validateGroup as validateRevCentGroup } from "../provider/revcent/validation";
import { groupInfo, WireGroup as RevCentWireGroup } from "../provider/revcent/wire";
import { commercetoolsCustomerGroupSchema } from "../provider/schemas/commercetoolsCustomerGroup";
import { schemaFailures } from "../provider/schemas/validate";
import { BackendName, GroupArgs, resourceNameOf, uniqueResourceNames } from "../sdk/config/format";

/** Where editors find the file format's JSON Schema, relative to a file in a project that has the package installed. */
export const schemaModeline = "yaml-language-server: $schema=./node_modules/pulumi-customer-groups/schema/groups.schema.json";

/** One group as it goes into the file: its resource name, its arguments, and what the reader must know about it. */
export interface ExportedGroup<B extends BackendName> {
  name: string;
  args: GroupArgs[B];
  /** Lines of a comment written above the group. */
  comment?: string[];
}

/** The live groups of one backend, read through a client of that backend. */
export type ExportSource =
  | { backend: "commercetools"; client: CommercetoolsClient }
  | { backend: "bigcommerce"; client: BigCommerceClient }
  | { backend: "revcent"; client: RevCentClient };

export interface ExportOptions {
  /** Written as `connection` on every group: the named connection the groups were read through. */
  connection?: string;
  /** When the export happened, for the header; default now. */
  now?: Date;
}

export interface ExportResult {
  backend: BackendName;
  /** The file's text (YAML). */
  text: string;
  /** How many groups it holds. */
  count: number;
  /** The project, store or account the groups were read from: `project 'demo-project'`. */
  scope: string;
  connection?: string;
}

export interface ExportRequest extends ExportOptions {
  backend: BackendName;
  /** The stack config, as the resources would read it. */
  stack: StackConfig;
  /** The environment, as the resources would read it; default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Options of the client (page size, backoff), for tests. */
  clientOptions?: CommercetoolsClientOptions & BigCommerceClientOptions & RevCentClientOptions;
}

/**
 * Reads every group of a backend with the settings of the stack config and environment (a named connection's when
 * `connection` is given) and returns the file. Fails with the provider's ConfigError when settings are missing, or an
 * ApiError when the vendor refuses.
 */
export async function exportGroups(request: ExportRequest): Promise<ExportResult> {
  const env = request.env ?? process.env;
  const { stack, connection, clientOptions = {} } = request;
  const source: ExportSource =
    request.backend === "commercetools"
      ? { backend: "commercetools", client: new CommercetoolsClient(commercetoolsSettings(stack, env, connection), clientOptions) }
      : request.backend === "bigcommerce"
        ? { backend: "bigcommerce", client: new BigCommerceClient(bigcommerceSettings(stack, env, connection), clientOptions) }
        : { backend: "revcent", client: new RevCentClient(revcentSettings(stack, env, connection), clientOptions) };
  return exportFrom(source, request);
}

/** Reads every group through the given client and returns the file. */
export async function exportFrom(source: ExportSource, options: ExportOptions = {}): Promise<ExportResult> {
  const { connection } = options;
  switch (source.backend) {
    case "commercetools": {
      const groups = commercetoolsGroups(await source.client.listAll(), connection);
      return result("commercetools", groups, `project '${source.client.projectKey}'`, options);
    }
    case "bigcommerce": {
      const groups = bigcommerceGroups(await source.client.list(), source.client.storeHash, connection);
      return result("bigcommerce", groups, `store '${source.client.storeHash}'`, options);
    }
    case "revcent": {
      const groups = revcentGroups((await source.client.listGroups()).groups, connection);
      // RevCent names no account in its API; the endpoint is what tells one apart (and holds no secret once reduced to its origin).
      return result("revcent", groups, `account at ${new URL(source.client.settings.apiUrl).origin}`, options);
    }
  }
}

function result<B extends BackendName>(backend: B, groups: ExportedGroup<B>[], scope: string, options: ExportOptions): ExportResult {
  const where = `${backend} ${scope}${options.connection === undefined ? "" : ` (connection '${options.connection}')`}`;
  const when = (options.now ?? new Date()).toISOString().replace(/\.\d{3}Z$/, "Z");
  const header = [
    schemaModeline,
    `Exported by \`pulumi-customer-groups export\` from ${where} on ${when}: ${plural(groups.length, "group")}.`,
    backend === "revcent"
      ? "RevCent groups are always adopted (by name, or by groupId where groups share a name); nothing is ever written to RevCent."
      : "`adopt: true` makes `pulumi up` take these groups over as they are, without changing them.",
  ];
  return { backend, text: renderGroupsFile(backend, groups, header), count: groups.length, scope, connection: options.connection };
}

/** `exported 40 commercetools groups (project 'demo-project') to groups.yaml`: the line a successful export ends with. */
export function summaryLine(exported: ExportResult, destination: string): string {
  const scope = exported.connection === undefined ? exported.scope : `${exported.scope}, connection '${exported.connection}'`;
  return `exported ${plural(exported.count, `${exported.backend} group`)} (${scope}) to ${destination}`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/** Code-point order, the same on every machine and locale. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The file's order: by the resource name a key or name gives; where two give the same, the one that is that name exactly
 * first (key `gold` keeps `gold`, key `GOLD` gets `gold-2`), then by the key or name itself, so `-2` goes to the same group each run.
 */
function bySource(a: string, b: string): number {
  const [ra, rb] = [resourceNameOf(a), resourceNameOf(b)];
  return compareText(ra, rb) || Number(a !== ra) - Number(b !== rb) || compareText(a, b);
}

/** commercetools groups by key (or name without a key), then id; adopted by key, or by name without one. */
export function commercetoolsGroups(live: readonly CustomerGroup[], connection?: string): ExportedGroup<"commercetools">[] {
  const sorted = [...live].sort((a, b) => bySource(a.key ?? a.name, b.key ?? b.name) || compareText(a.id, b.id));
  const names = uniqueResourceNames(sorted.map((g) => g.key ?? g.name));
  return sorted.map((group, i) => {
    const args: GroupArgs["commercetools"] = { name: group.name };
    if (group.key !== undefined) args.key = group.key;
    if (connection !== undefined) args.connection = connection;
    args.adopt = true;
    // The platform answers the type by id only; the fields are written as it holds them, so adopting them changes nothing.
    if (group.custom) args.custom = { type: { id: group.custom.type.id }, fields: { ...group.custom.fields } };
    return checked({ name: names[i]!, args }, (a) => schemaFailures(commercetoolsCustomerGroupSchema, a));
  });
}

/** BigCommerce groups by name, then id, in the provider's own form (amounts as numbers, rules in canonical order). */
export function bigcommerceGroups(live: readonly BigCommerceWireGroup[], storeHash: string, connection?: string): ExportedGroup<"bigcommerce">[] {
  const sorted = [...live].sort((a, b) => bySource(a.name, b.name) || a.id - b.id);
  const names = uniqueResourceNames(sorted.map((g) => g.name));
  return sorted.map((group, i) => {
    const { state, problems } = stateOfGroup(group, storeHash, optionalFields, true);
    const args: GroupArgs["bigcommerce"] = { name: state.name };
    if (connection !== undefined) args.connection = connection;
    args.adopt = true;
    args.isDefault = state.isDefault;
    // A field the provider cannot read (a rule like the swapped one in BigCommerce's own example) is left out, so it is
    // not managed and `pulumi up` adopts the group without touching it; the comment shows it as the store holds it.
    const rulesAreAList = Array.isArray(group.discount_rules) || group.discount_rules == null;
    const fields = {
      categoryAccess: { value: state.categoryAccess, raw: group.category_access },
      discountRules: { value: rulesAreAList ? state.discountRules : group.discount_rules, raw: group.discount_rules },
    };
    const unreadable: string[] = [];
    for (const [field, { value, raw }] of Object.entries(fields)) {
      if (validateBigCommerceGroup({ name: state.name, [field]: value }).length > 0) {
        unreadable.push(`  ${field}: ${JSON.stringify(raw)}`);
      } else {
        (args as unknown as Record<string, unknown>)[field] = value;
      }
    }
    const comment =
      unreadable.length > 0
        ? [
            "The provider cannot read part of this group; it is left out, so `pulumi up` leaves it as the store holds it:",
            ...unreadable,
            ...problems.map((p) => `- ${p}`),
            "Declare it here (for discountRules, the complete set) to replace it.",
          ]
        : undefined;
    return checked({ name: names[i]!, args, ...(comment && { comment }) }, validateBigCommerceGroup);
  });
}

/** RevCent groups by name, then id; adopted by name, or by groupId where another group has the same name. */
export function revcentGroups(live: readonly RevCentWireGroup[], connection?: string): ExportedGroup<"revcent">[] {
  const sorted = [...live].sort((a, b) => bySource(a.name, b.name) || compareText(a.id, b.id));
  const names = uniqueResourceNames(sorted.map((g) => g.name));
  const count = new Map<string, number>();
  for (const g of sorted) count.set(g.name, (count.get(g.name) ?? 0) + 1);
  return sorted.map((group, i) => {
    const info = groupInfo(group);
    const shared = count.get(info.name)! > 1;
    const args: GroupArgs["revcent"] = shared ? { groupId: info.id } : { name: info.name };
    if (connection !== undefined) args.connection = connection;
    if (info.description !== undefined) args.description = info.description;
    if (info.enabled !== undefined) args.enabled = info.enabled;
    if (info.qualifierMethod !== undefined) args.qualifierMethod = info.qualifierMethod;
    // Empty qualifiers compare nothing: leaving them out says the same, with less to read.
    if (info.qualifiers !== undefined && Object.keys(info.qualifiers).length > 0) args.qualifiers = info.qualifiers as Qualifiers;
    const comment = shared ? [`'${info.name}': ${count.get(info.name)} RevCent groups have this name, so this one is adopted by its id.`] : undefined;
    return checked({ name: names[i]!, args, ...(comment && { comment }) }, validateRevCentGroup);
  });
}

/**
 * The group with a comment added when its arguments would fail the resource's `check` (live data a program could not
 * declare), so that the reader learns it here rather than from a failed `pulumi up`.
 */
function checked<B extends BackendName>(group: ExportedGroup<B>, validate: (args: Record<string, unknown>) => CheckFailure[]): ExportedGroup<B> {
  // `connection` is checked by the lifecycle, not by the backend's validation.
  const { connection: _, ...args } = group.args as Record<string, unknown>;
  const failures = validate(args);
  if (failures.length === 0) return group;
  return {
    ...group,
    comment: [
      ...(group.comment ?? []),
      "As written, `pulumi up` refuses this group until it is corrected (here, or in the store):",
      ...failures.map((f) => `- ${f.property} ${f.reason}`),
    ],
  };
}

/** The file's text: the header comment, then `<backend>:` with each group under its resource name. */
export function renderGroupsFile<B extends BackendName>(backend: B, groups: readonly ExportedGroup<B>[], header: readonly string[]): string {
  const doc = new Document();
  const byName = new YAMLMap<Scalar<string>, Node>();
  groups.forEach((group, i) => {
    const key = doc.createNode(group.name) as Scalar<string>;
    const value = doc.createNode(group.args) as Node;
    compactLeaves(value);
    if (i > 0) key.spaceBefore = true;
    if (group.comment) key.commentBefore = group.comment.map((line) => ` ${line}`).join("\n");
    byName.items.push(new Pair(key, value));
  });
  const root = new YAMLMap<Scalar<string>, YAMLMap>();
  root.items.push(new Pair(doc.createNode(backend) as Scalar<string>, byName));
  doc.contents = root;
  doc.commentBefore = header.map((line) => ` ${line}`).join("\n");
  // No folding: a long name or description stays on one line, as a reader searches for it.
  return doc.toString({ lineWidth: 0 });
}

/**
 * Small inner values on one line (`{ type: all, method: percent, amount: 2.5 }`, `[7, 12]`): a list of plain values, and
 * a map of plain values and such lists. The group itself, and lists of maps (one rule a line), stay blocks.
 */
function compactLeaves(node: unknown, top = true): void {
  if (isSeq(node)) {
    node.items.forEach((item) => compactLeaves(item, false));
    node.flow = node.items.every(isScalar);
  } else if (isMap(node)) {
    node.items.forEach((pair) => compactLeaves(pair.value, false));
    node.flow = !top && node.items.every((pair) => isScalar(pair.value) || (isSeq(pair.value) && pair.value.flow === true));
  }
}
