// What `review` and `drift` share: the checks of their arguments before anything runs (a Pulumi project, a stack, a
// writable --out), opening the stack with the user's Pulumi CLI, and a failed preview told in the program's and the
// engine's own words rather than the Automation API's dump of the command.

import fs from "node:fs";
import path from "node:path";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { pulumiFailure, UsageError } from "./stackConfig";

/** The most lines of a failed preview's diagnostics a report quotes; the rest is counted. */
export const maxDiagnosticLines = 40;

/** The Pulumi project's directory (`--cwd`, default the current one); a usage error when it holds no Pulumi.yaml. */
export function projectDirectory(values: Record<string, string | boolean | undefined>, base: string): string {
  const cwd = path.resolve(base, (values.cwd as string | undefined) ?? ".");
  if (!isDirectory(cwd)) throw new UsageError(`--cwd '${String(values.cwd ?? ".")}' is not a directory`);
  if (!["Pulumi.yaml", "Pulumi.yml"].some((f) => fs.existsSync(path.join(cwd, f)))) {
    throw new UsageError(`${cwd} holds no Pulumi.yaml: give --cwd the Pulumi project's directory`);
  }
  return cwd;
}

/** The `--out` file, checked before the preview runs: its directory must exist and be writable. */
export function outputFile(values: Record<string, string | boolean | undefined>, base: string): string | undefined {
  if (values.out === undefined) return undefined;
  const out = path.resolve(base, values.out as string);
  const dir = path.dirname(out);
  if (!isDirectory(dir)) throw new UsageError(`--out '${String(values.out)}': the directory ${dir} does not exist`);
  try {
    fs.accessSync(dir, fs.constants.W_OK);
    if (fs.existsSync(out)) fs.accessSync(out, fs.constants.W_OK);
  } catch {
    throw new UsageError(`--out '${String(values.out)}' cannot be written (permissions)`);
  }
  return out;
}

/** The preview's own diagnostics (the program's or the engine's error lines), cut to a readable length. */
export function previewFailure(events: readonly EngineEvent[], e: unknown): string {
  const lines = events
    .map((event) => event.diagnosticEvent)
    .filter((d) => d?.severity === "error" && !/^(preview|update) failed/.test(d.message.trim()))
    .flatMap((d) => {
      const name = d!.urn ? d!.urn.slice(d!.urn.lastIndexOf("::") + 2) : undefined;
      // A resource's error is named after it; the program's own (`fromConfig`'s list) stands alone.
      const message = d!.message.trim().replace(/^error:\s*/, "");
      return (name && !d!.urn!.includes("pulumi:pulumi:Stack") ? `${name}: ${message}` : message).split("\n");
    });
  const unique = [...new Set(lines)];
  if (unique.length === 0) return pulumiFailure(e).message;
  const shown = unique.slice(0, maxDiagnosticLines);
  if (unique.length > shown.length) shown.push(`… ${unique.length - shown.length} more lines`);
  return shown.join("\n");
}

/** The stack to preview: the one given, or the selected one; usage errors when there is none. */
export async function openStack(cwd: string, stackName: string | undefined): Promise<import("@pulumi/pulumi/automation").Stack> {
  // Loaded only when a preview runs: the Automation API is large.
  const { LocalWorkspace } = await import("@pulumi/pulumi/automation/index.js");
  try {
    if (stackName !== undefined) return await LocalWorkspace.selectStack({ stackName, workDir: cwd });
    const selected = await (await LocalWorkspace.create({ workDir: cwd })).stack();
    if (!selected) throw new UsageError(`no stack is selected in ${cwd}: give --stack NAME, or select one with \`pulumi stack select NAME\``);
    return await LocalWorkspace.selectStack({ stackName: selected.name, workDir: cwd });
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw pulumiFailure(e);
  }
}

function isDirectory(dir: string): boolean {
  try {
    return fs.statSync(dir).isDirectory();
  } catch {
    return false;
  }
}
