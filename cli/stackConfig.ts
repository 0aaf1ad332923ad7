// The stack config the resources would get, for the CLI: read from a Pulumi project with the Automation API and the
// user's own `pulumi` CLI, so that the commands use the same settings as `pulumi up`.

import fs from "node:fs";
import path from "node:path";
import type { ConfigMap } from "@pulumi/pulumi/automation";
import type { StackConfig } from "../provider/config";

/** The part of a Pulumi workspace the CLI uses (LocalWorkspace; a fake in tests). */
export interface ConfigWorkspace {
  /** The selected stack, if any. */
  stack(): Promise<{ name: string } | undefined>;
  /** Every config value of the stack, secrets in clear text. */
  getAllConfig(stackName: string): Promise<ConfigMap>;
}

export interface StackConfigRequest {
  /** The directory that may hold a Pulumi project. */
  cwd: string;
  /** The stack to read; default the selected one. */
  stack?: string;
  /** Tells the user something worth knowing (a line on stderr). */
  note(line: string): void;
  /** Opens the project's workspace; default a LocalWorkspace with the `pulumi` CLI on PATH. */
  openWorkspace?: (workDir: string) => Promise<ConfigWorkspace>;
}

export interface StackSettings {
  config: StackConfig;
  /** The stack read; undefined when the settings come from the environment only. */
  stack?: string;
}

/** A refused combination of arguments (exit code 64), found only once the directory is looked at. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** The CLI could not read the stack's config (no `pulumi` CLI, no such stack, no passphrase for its secrets). */
export class StackConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StackConfigError";
  }
}

const noConfig: StackConfig = () => undefined;

export function hasPulumiProject(dir: string): boolean {
  return ["Pulumi.yaml", "Pulumi.yml"].some((file) => fs.existsSync(path.join(dir, file)));
}

/**
 * The stack config of the project in `cwd`: the stack named, or the selected one. Without a project, or with no stack
 * selected and none named, nothing (the settings then come from the environment only, and the user is told).
 */
export async function readStackConfig(request: StackConfigRequest): Promise<StackSettings> {
  const { cwd } = request;
  if (!hasPulumiProject(cwd)) {
    if (request.stack !== undefined) {
      throw new UsageError(`--stack '${request.stack}': ${cwd} holds no Pulumi.yaml, so there is no stack to read; give --cwd the project's directory`);
    }
    return { config: noConfig };
  }
  try {
    const workspace = await (request.openWorkspace ?? openLocalWorkspace)(cwd);
    const name = request.stack ?? (await workspace.stack())?.name;
    if (name === undefined) {
      request.note(
        `no stack is selected in ${cwd} and no --stack was given: the settings come from the environment only ` +
          "(select one with `pulumi stack select`, or give --stack)",
      );
      return { config: noConfig };
    }
    return { config: stackConfigOf(await workspace.getAllConfig(name)), stack: name };
  } catch (e) {
    const what = request.stack === undefined ? "the selected stack's config" : `the config of stack '${request.stack}'`;
    throw new StackConfigError(`could not read ${what} in ${cwd} with the pulumi CLI: ${pulumiMessage(e)}`);
  }
}

/**
 * The config in the form the provider's settings readers take: `commercetools:projectKey` to its value. Object config
 * (`commercetools:connections`) is JSON text, as the provider receives it; an empty value counts as not set, as there.
 */
export function stackConfigOf(map: ConfigMap): StackConfig {
  const values = new Map<string, string>();
  for (const [key, entry] of Object.entries(map)) {
    const raw: unknown = entry?.value;
    const text = typeof raw === "string" ? raw : raw === undefined || raw === null ? undefined : JSON.stringify(raw);
    if (text !== undefined && text !== "") values.set(key, text);
  }
  return (key) => values.get(key);
}

async function openLocalWorkspace(workDir: string): Promise<ConfigWorkspace> {
  // Loaded only for a Pulumi project: the Automation API is large, and `export` without a project does not need it.
  const { LocalWorkspace } = await import("@pulumi/pulumi/automation/index.js");
  return LocalWorkspace.create({ workDir });
}

/** What the pulumi CLI said (its stderr), rather than the whole command line and output the Automation API reports. */
export function pulumiMessage(e: unknown): string {
  const stderr = (e as { commandResult?: { stderr?: unknown } } | undefined)?.commandResult?.stderr;
  if (typeof stderr === "string" && stderr.trim() !== "") {
    const errors = stderr.split("\n").filter((line) => line.startsWith("error:"));
    return errors.length > 0 ? errors.join("; ") : stderr.trim();
  }
  return e instanceof Error ? e.message : String(e);
}
