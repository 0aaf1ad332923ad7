// `pulumi-customer-groups export`: every live group of one backend, written in the config-repo file format with `adopt: true`,
// so that `pulumi up` with cg.fromConfig(file) takes the groups over without changing them.

import fs from "node:fs";
import path from "node:path";
import { Document, isMap, isScalar, isSeq, Node, Pair, parseDocument, Scalar, YAMLMap } from "yaml";
import type { BackendDescriptor, ExportEntry, Reach } from "../provider/backend";
import type { CheckFailure } from "../provider/checkFailure";
import type { StackConfig } from "../provider/config";
import { registry } from "../provider/registry";
import { visible } from "../provider/text";
import { BackendName, GroupArgs, resourceNameOf, uniqueResourceNames } from "../sdk/config/format";

/** Where editors find the file format's JSON Schema, relative to a file in a project that has the package installed. */
/** Where the package's schema is in a project that installed it, relative to the project's directory. */
export const installedSchema = "node_modules/pulumi-customer-groups/schema/groups.schema.json";

/** The first line, for editors: the schema relative to the file's directory (`./` for a file beside node_modules). */
export function schemaModeline(fileDirectory = ".", projectDirectory = "."): string {
  const relative = path.relative(path.resolve(fileDirectory), path.resolve(projectDirectory, installedSchema)).split(path.sep).join("/");
  return `yaml-language-server: $schema=${relative.startsWith(".") ? relative : `./${relative}`}`;
}

/** One group as it goes into the file: its resource name, its arguments, and what the reader must know about it. */
export interface ExportedGroup<B extends BackendName> {
  name: string;
  args: GroupArgs[B];
  /** Lines of a comment written above the group. */
  comment?: string[];
}

export interface ExportOptions {
  /** Written as `connection` on every group: the named connection the groups were read through. */
  connection?: string;
  /** When the export happened, for the header; default now. */
  now?: Date;
  /** The directory the file is written to and the Pulumi project's, so that `$schema` points at the package from there. */
  fileDirectory?: string;
  projectDirectory?: string;
  /** Resource names the other files of the directory already declare for this backend: not given again (see `takenNames`). */
  taken?: ReadonlySet<string>;
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
  /** Groups named otherwise than their key or name gives, because another file of the directory declares that name. */
  renamed: { from: string; to: string }[];
}

export interface ExportRequest extends ExportOptions {
  backend: BackendName;
  /** The stack config, as the resources would read it. */
  stack: StackConfig;
  /** The environment, as the resources would read it; default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Options of the backend's client (page size, backoff), for tests. */
  clientOptions?: Reach["clientOptions"];
}

/**
 * Reads every group of a backend with the settings of the stack config and environment (a named connection's when
 * `connection` is given) and returns the file. Fails with the provider's ConfigError when settings are missing, or an
 * ApiError when the vendor refuses.
 */
export async function exportGroups(request: ExportRequest): Promise<ExportResult> {
  const { stack, connection, clientOptions } = request;
  const backend = registry[request.backend];
  const listing = await backend.export.read({ stack, env: request.env ?? process.env, connection, clientOptions }, "export");
  return exportFrom(request.backend, listing, request);
}

/** The file of a backend's live groups, read from `scope` (`project 'demo-project'`). */
export function exportFrom(backend: BackendName, listing: { scope: string; live: unknown[] }, options: ExportOptions = {}): ExportResult {
  const descriptor: BackendDescriptor = registry[backend];
  const groups = exportedGroups(backend, listing.live, options.connection, options.taken);
  const renamed = groups.filter((g) => g.renamedFrom !== undefined).map((g) => ({ from: g.renamedFrom!, to: g.name }));
  const where = `${backend} ${listing.scope}${options.connection === undefined ? "" : ` (connection '${options.connection}')`}`;
  const when = (options.now ?? new Date()).toISOString().replace(/\.\d{3}Z$/, "Z");
  const header = [
    schemaModeline(options.fileDirectory, options.projectDirectory),
    `Exported by \`pulumi-customer-groups export\` from ${where} on ${when}: ${plural(groups.length, "group")}.`,
    descriptor.export.note,
    ...(renamed.length > 0 ? [`${renamedLine(renamed)}.`] : []),
  ];
  return {
    backend,
    text: renderGroupsFile(
      backend,
      groups.map(({ renamedFrom: _, ...g }) => g),
      header,
    ),
    count: groups.length,
    scope: listing.scope,
    connection: options.connection,
    renamed,
  };
}

/** `other files of the directory declare vip and gold, so these groups are named eu-vip and eu-gold`. */
export function renamedLine(renamed: readonly { from: string; to: string }[]): string {
  const list = (names: string[]) => (names.length <= 5 ? names.join(", ") : `${names.slice(0, 5).join(", ")} and ${names.length - 5} more`);
  return (
    `Other files of the directory declare ${list(renamed.map((r) => r.from))}, so ${renamed.length === 1 ? "this group is" : "these groups are"} ` +
    `named ${list(renamed.map((r) => r.to))} here`
  );
}

/**
 * The resource names the data files of a directory (as `cg.fromConfig(dir)` reads it: every YAML and JSON file below it)
 * declare for one backend, but for `except` (the file an export overwrites). A file that does not parse is left out:
 * `cg.fromConfig` reports it.
 */
export function takenNames(directory: string, backend: BackendName, except?: string): Set<string> {
  const taken = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== "node_modules" && !entry.name.startsWith(".")) walk(full);
      else if (entry.isFile() && /\.(ya?ml|json)$/i.test(entry.name) && path.resolve(full) !== (except && path.resolve(except))) {
        const doc = parseDocument(fs.readFileSync(full, "utf8"));
        const groups = doc.errors.length === 0 ? (doc.toJS() as Record<string, unknown> | null)?.[backend] : undefined;
        if (groups && typeof groups === "object") for (const name of Object.keys(groups)) taken.add(name);
      }
    }
  };
  if (fs.existsSync(directory)) walk(directory);
  return taken;
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

/** Vendor ids in order: numbers by value, text in code-point order. */
function compareIds(a: string | number, b: string | number): number {
  return typeof a === "number" && typeof b === "number" ? a - b : compareText(String(a), String(b));
}

/**
 * A backend's live groups as the file holds them: in the order of their resource names (then ids), each named from its key
 * or name, with a comment where `check` would refuse the arguments.
 */
export function exportedGroups<B extends BackendName>(
  backend: B,
  live: readonly unknown[],
  connection?: string,
  taken: ReadonlySet<string> = new Set(),
): (ExportedGroup<B> & { renamedFrom?: string })[] {
  const descriptor: BackendDescriptor = registry[backend];
  const entries = (descriptor.export.entries(live as unknown[], connection) as ExportEntry<GroupArgs[B]>[]).sort(
    (a, b) => bySource(a.nameFrom, b.nameFrom) || compareIds(a.id, b.id),
  );
  const names = uniqueResourceNames(
    entries.map((e) => e.nameFrom),
    taken,
    connection,
  );
  // Named as it would be alone, but another file has that name: say so.
  const alone = uniqueResourceNames(entries.map((e) => e.nameFrom));
  return entries.map((entry, i) => ({
    ...checked({ name: names[i]!, args: entry.args, ...(entry.comment && { comment: entry.comment }) }, descriptor.validate),
    ...(taken.has(alone[i]!) ? { renamedFrom: alone[i]! } : {}),
  }));
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
    // A comment quotes the store: a line break in a value would end the comment and start YAML of the store's making.
    if (group.comment) key.commentBefore = group.comment.map((line) => ` ${visible(line)}`).join("\n");
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
