// `pulumi-customer-groups drift`: a refresh preview (which writes nothing to the stack) read from the engine's events,
// reported as every customer group whose live state differs from the program, field by field, or that is gone.

import fs from "node:fs";
import type { EngineEvent, StepEventMetadata } from "@pulumi/pulumi/automation";
import type { BackendDescriptor, ScopeDescription } from "../provider/backend";
import type { FieldDrift, Json } from "../provider/fieldDrift";
import { redact } from "../provider/http/redact";
import { backendOfType } from "../provider/registry";
import { isPlainObject } from "../provider/canonical";
import { visible, visibleJson } from "../provider/text";
import { unknownValue } from "../provider/unknowns";
import type { BackendName } from "../sdk/config/format";
import { openStack, outputFile, previewFailure, projectDirectory } from "./preview";
import { pulumiFailure, readStackConfig, UsageError } from "./stackConfig";

/** Like `terraform plan -detailed-exitcode`. */
export const driftExitCodes = { noDrift: 0, error: 1, drift: 2 } as const;

export interface DriftedGroup {
  urn: string;
  backend: BackendName;
  connection?: string;
  /** Where the group lives beyond its id (a commercetools project, a BigCommerce store). */
  scope?: { kind: ScopeDescription["noun"]; id: string };
  /** The resource's name in the program. */
  name: string;
  /** Deleted outside Pulumi. */
  gone?: boolean;
  fields: FieldDrift[];
}

/** A live group in a store or project the stack manages that no resource of the stack declares (made in an admin UI). */
export interface UndeclaredGroup {
  backend: BackendName;
  connection?: string;
  scope?: { kind: ScopeDescription["noun"]; id: string };
  /** Its name as the store shows it. */
  name: string;
  id: string;
}

export interface DriftReport {
  stack: string;
  checkedAt: string;
  /** Groups that are both in the stack and in the program. */
  groups: number;
  drifted: DriftedGroup[];
  /** Groups no resource declares, in the stores the stack manages; absent when they were not listed. */
  undeclared?: UndeclaredGroup[];
  /** Stores whose groups could not be listed, and why (the rest of the report stands). */
  notListed?: string[];
}

/** Lists a store's live groups (name and id) the way `export` reads them: one listing per store or project. */
export type ListGroups = (backend: BackendDescriptor, connection: string | undefined) => Promise<{ name: string; id: string }[]>;

/**
 * The groups of the stores the stack manages (each backend and connection its refreshed groups use) that the stack does
 * not hold, from one listing per store or project.
 */
export async function undeclaredGroups(events: readonly EngineEvent[], list: ListGroups): Promise<Pick<DriftReport, "undeclared" | "notListed">> {
  const places = new Map<string, { backend: BackendDescriptor; connection?: string; scope?: UndeclaredGroup["scope"]; ids: Set<string> }>();
  for (const event of events) {
    const step = event.resourcePreEvent?.metadata;
    const backend = step && backendOfType(step.type);
    if (!step || !backend || step.op !== "refresh") continue;
    const where = placeOf(backend.scope, step.old?.outputs);
    const key = `${backend.name}|${where.scope ? `${where.scope.kind} ${where.scope.id}` : `connection ${where.connection ?? ""}`}`;
    const place = places.get(key) ?? { backend, ...where, ids: new Set<string>() };
    if (step.old?.id) place.ids.add(step.old.id);
    places.set(key, place);
  }
  const undeclared: UndeclaredGroup[] = [];
  const notListed: string[] = [];
  for (const { backend, connection, scope, ids } of places.values()) {
    try {
      for (const group of await list(backend, connection)) {
        if (ids.has(group.id)) continue;
        undeclared.push({ backend: backend.name as BackendName, ...(connection ? { connection } : {}), ...(scope ? { scope } : {}), ...group });
      }
    } catch (e) {
      notListed.push(`${backend.name}${scope ? ` ${scope.kind} '${scope.id}'` : ""}: ${redact(e instanceof Error ? e.message : String(e))}`);
    }
  }
  undeclared.sort((a, b) => a.backend.localeCompare(b.backend) || a.name.localeCompare(b.name));
  return { undeclared, ...(notListed.length > 0 ? { notListed } : {}) };
}

/**
 * The live group in the shape of the arguments: what the refresh read as inputs (the arguments the state manages), with
 * the live values of arguments the program declares that the state does not manage yet (a value the store already
 * held when it was first declared changes nothing, so the state starts managing it at the next update).
 */
export function liveArguments(inputs: Record<string, unknown>, outputs: Record<string, unknown>, declared: Record<string, unknown>): Record<string, unknown> {
  const live: Record<string, unknown> = { ...inputs };
  for (const [key, value] of Object.entries(declared)) {
    if (key.startsWith("__")) continue;
    if (!(key in live) && key in outputs) live[key] = outputs[key];
    else if (isPlainObject(live[key]) && isPlainObject(value) && isPlainObject(outputs[key]))
      live[key] = liveArguments(live[key] as Record<string, unknown>, outputs[key] as Record<string, unknown>, value as Record<string, unknown>);
  }
  return live;
}

const replacingOps = new Set(["update", "replace", "create-replacement", "delete-replaced", "create-before-replace"]);

/** The resource's name, the last part of its URN. */
function nameOf(urn: string): string {
  return urn.slice(urn.lastIndexOf("::") + 2);
}

function placeOf(scope: ScopeDescription | undefined, outputs: Record<string, unknown> | undefined): Pick<DriftedGroup, "connection" | "scope"> {
  const text = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);
  const connection = text(outputs?.connection);
  const id = scope && outputs?.[scope.property] !== undefined ? text(String(outputs[scope.property])) : undefined;
  return { ...(connection ? { connection } : {}), ...(scope && id ? { scope: { kind: scope.noun, id } } : {}) };
}

/**
 * The drift a refresh preview found, from its events: the groups refreshed are those in the stack; after the refresh,
 * an update (or replacement) of one means its live arguments differ from the program, and a create of one means it is
 * gone. Groups only in the program (not yet created) or only in the stack (no longer declared) are not drift.
 */
export function driftOfEvents(events: readonly EngineEvent[]): Pick<DriftReport, "groups" | "drifted"> {
  const inStack = new Map<string, StepEventMetadata>();
  const steps = new Map<string, StepEventMetadata[]>();
  for (const event of events) {
    const step = event.resourcePreEvent?.metadata;
    if (!step || !backendOfType(step.type)) continue;
    if (step.op === "refresh") inStack.set(step.urn, step);
    else steps.set(step.urn, [...(steps.get(step.urn) ?? []), step]);
  }
  let groups = 0;
  const drifted: DriftedGroup[] = [];
  for (const [urn, refreshed] of inStack) {
    const planned = steps.get(urn) ?? [];
    if (planned.length > 0 && planned.every((s) => s.op === "delete")) continue;
    groups++;
    const backend = backendOfType(refreshed.type)!;
    const group = { urn, backend: backend.name as BackendName, name: nameOf(urn), ...placeOf(backend.scope, refreshed.old?.outputs) };
    if (planned.some((s) => s.op === "create")) {
      drifted.push({ ...group, gone: true, fields: [] });
      continue;
    }
    const changed = planned.find((s) => replacingOps.has(s.op) && s.old && s.new);
    if (!changed) continue;
    const declared = changed.new!.inputs ?? {};
    drifted.push({ ...group, fields: backend.describeDrift(liveArguments(changed.old!.inputs ?? {}, changed.old!.outputs ?? {}, declared), declared) });
  }
  drifted.sort((a, b) => a.backend.localeCompare(b.backend) || a.name.localeCompare(b.name));
  return { groups, drifted };
}

function shown(value: Json | undefined): string {
  if (value === undefined) return "(not set)";
  if (value === unknownValue) return "(known after apply)";
  return visibleJson(JSON.stringify(value));
}

/** Whether the groups no resource declares fail the check (`--fail-on-undeclared`). */
export interface DriftVerdict {
  failOnUndeclared?: boolean;
}

/** Whether the report is a drift (exit 2): a declared group differs, or (with `--fail-on-undeclared`) a group is undeclared. */
export function hasDrift(report: DriftReport, verdict: DriftVerdict = {}): boolean {
  return report.drifted.length > 0 || (verdict.failOnUndeclared === true && (report.undeclared ?? []).length > 0);
}

/** The summary line, `drift: 2 of 7 groups differ from the program`; it says drift exactly when the exit code does. */
export function summaryLine(report: DriftReport, verdict: DriftVerdict = {}): string {
  const plural = (n: number) => `${n} group${n === 1 ? "" : "s"}`;
  const stack = `(stack ${visible(report.stack)})`;
  const undeclared = (report.undeclared ?? []).length;
  if (report.drifted.length > 0)
    return `drift: ${report.drifted.length} of ${plural(report.groups)} ${report.drifted.length === 1 ? "differs" : "differ"} from the program ${stack}`;
  if (hasDrift(report, verdict))
    return `drift: ${plural(undeclared)} in the stores ${undeclared === 1 ? "is" : "are"} not declared by the stack (--fail-on-undeclared); the ${plural(report.groups)} declared match the program ${stack}`;
  return `no drift: ${plural(report.groups)} ${report.groups === 1 ? "matches" : "match"} the program ${stack}`;
}

/**
 * The report as text: the summary, then each drifted group with its place and every field that differs, one line each.
 * Every value is shown with its invisible characters escaped, so that no name or value can add, hide or reorder a line.
 */
export function renderText(report: DriftReport, verdict: DriftVerdict = {}): string {
  const lines = [summaryLine(report, verdict)];
  const q = (text: string) => `'${visible(text)}'`;
  const where = (g: UndeclaredGroup) =>
    [`id ${visible(g.id)}`, ...(g.scope ? [`${g.scope.kind} ${q(g.scope.id)}`] : []), ...(g.connection ? [`connection ${q(g.connection)}`] : [])].join(", ");
  const undeclared = report.undeclared ?? [];
  const tail: string[] = [];
  if (undeclared.length > 0) {
    tail.push("", `Not declared by the stack (made outside Pulumi; \`export\` writes them for adoption):`);
    for (const g of undeclared) tail.push(`  ${g.backend} ${q(g.name)} (${where(g)})`);
  }
  for (const note of report.notListed ?? []) tail.push("", `Not listed: ${visible(note)}`);
  for (const group of report.drifted) {
    const place = [...(group.connection ? [`connection ${q(group.connection)}`] : []), ...(group.scope ? [`${group.scope.kind} ${q(group.scope.id)}`] : [])];
    lines.push("", `${group.backend} ${visible(group.name)}${place.length > 0 ? ` (${place.join(", ")})` : ""}`);
    if (group.gone) lines.push("  gone: deleted outside Pulumi");
    else if (group.fields.length === 0) lines.push("  differs, in values the engine hides (secret or not yet known)");
    for (const field of group.fields)
      lines.push(`  ${visible(field.path)}: ${visible(field.text ?? `live ${shown(field.live)}, declared ${shown(field.declared)}`)}`);
  }
  return [...lines, ...tail].join("\n") + "\n";
}

export function renderJson(report: DriftReport): string {
  return JSON.stringify(report, null, 2) + "\n";
}

/** The part of a Pulumi stack a drift check uses (an Automation API Stack). */
export interface PreviewStack {
  name: string;
  preview(options: { refresh: boolean; onEvent: (event: EngineEvent) => void }): Promise<unknown>;
}

export interface DriftRequest {
  /** The Pulumi project's directory. */
  cwd: string;
  /** Default: the selected stack. */
  stack?: string;
  now?: Date;
  /** Opens the stack; default a LocalWorkspace with the `pulumi` CLI on PATH. */
  openStack?: (workDir: string, stack: string | undefined) => Promise<PreviewStack>;
  /** Lists a store's groups, to report those no resource declares; left out: they are not looked for. */
  list?: ListGroups;
}

const openLocalStack = (workDir: string, stackName: string | undefined): Promise<PreviewStack> => openStack(workDir, stackName);

/** Runs `pulumi preview --refresh` on the stack and reports the drift it shows. */
export async function checkDrift(request: DriftRequest): Promise<DriftReport> {
  let stack: PreviewStack;
  try {
    stack = await (request.openStack ?? openLocalStack)(request.cwd, request.stack);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const what = request.stack === undefined ? "the selected stack" : `stack '${request.stack}'`;
    throw new Error(`could not open ${what} in ${request.cwd} with the pulumi CLI: ${pulumiFailure(e).message}`, { cause: e });
  }
  const events: EngineEvent[] = [];
  try {
    await stack.preview({ refresh: true, onEvent: (event) => events.push(event) });
  } catch (e) {
    // The engine's own diagnostics say what failed (the provider's message); the command's output only that it did.
    throw new Error(`the refresh preview of stack '${stack.name}' failed:\n${previewFailure(events, e)}`, { cause: e });
  }
  const undeclared = request.list ? await undeclaredGroups(events, request.list) : {};
  return { stack: stack.name, checkedAt: (request.now ?? new Date()).toISOString(), ...driftOfEvents(events), ...undeclared };
}

/** What `run` in main.ts passes a command. */
interface DriftIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  env?: NodeJS.ProcessEnv;
  now?(): Date;
}

/** The `drift` command: exit 0 no drift, 2 drift, 1 error (message on stderr and in --out), bad arguments thrown as UsageError. */
export async function runDrift(
  values: Record<string, string | boolean | undefined>,
  io: DriftIo,
  openStack?: DriftRequest["openStack"],
  list?: ListGroups,
): Promise<number> {
  // Checked before the preview, which takes a while: the project, and where the report goes.
  const cwd = projectDirectory(values, io.cwd);
  const out = outputFile(values, io.cwd);
  const json = values.json === true;
  let report: DriftReport;
  try {
    report = await checkDrift({
      cwd,
      stack: values.stack as string | undefined,
      now: io.now?.(),
      openStack,
      list: list ?? (openStack ? undefined : await storeLister(cwd, values, io)),
    });
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const message = redact(e instanceof Error ? e.message : String(e));
    io.stderr(`pulumi-customer-groups drift: ${message}\n`);
    if (out !== undefined) fs.writeFileSync(out, json ? JSON.stringify({ error: message }, null, 2) + "\n" : `drift check failed: ${message}\n`);
    return driftExitCodes.error;
  }
  const verdict: DriftVerdict = { failOnUndeclared: values["fail-on-undeclared"] === true };
  const text = json ? renderJson(report) : renderText(report, verdict);
  if (out === undefined) {
    io.stdout(text);
  } else {
    fs.writeFileSync(out, text);
    io.stderr(`${summaryLine(report, verdict)}; report written to ${values.out as string}\n`);
  }
  return hasDrift(report, verdict) ? driftExitCodes.drift : driftExitCodes.noDrift;
}

/** Lists stores with the stack's settings, as the resources read them (the stack config, then the environment). */
async function storeLister(cwd: string, values: Record<string, string | boolean | undefined>, io: DriftIo): Promise<ListGroups> {
  const { config } = await readStackConfig({
    cwd,
    stack: values.stack as string | undefined,
    note: (line) => io.stderr(`pulumi-customer-groups drift: ${line}\n`),
  });
  const env = io.env ?? process.env;
  return async (backend, connection) => {
    const { live } = await backend.export.read({ stack: config, env, connection }, "listing");
    return backend.export.entries(live, connection).map((e) => ({ name: String((e.args as { name?: unknown }).name ?? e.nameFrom), id: String(e.id) }));
  };
}
