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
    const failure = pulumiFailure(e);
    if (failure instanceof UsageError) throw failure;
    throw new StackConfigError(`could not read ${what} in ${cwd} with the pulumi CLI: ${failure.message}`);
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

/** A failed run of the pulumi CLI, as a sentence: the CLI missing, or what it said. */
export function pulumiFailure(e: unknown): Error {
  const error = e as { code?: unknown; message?: unknown; commandResult?: { stderr?: unknown; err?: { code?: unknown } } } | undefined;
  const missing = error?.code === "ENOENT" || error?.commandResult?.err?.code === "ENOENT" || /spawn pulumi ENOENT/.test(String(error?.message ?? ""));
  if (missing) return new UsageError("the Pulumi CLI (`pulumi`) is not on PATH: install the Pulumi CLI, or add the directory that holds it to PATH");
  const stderr = error?.commandResult?.stderr;
  if (typeof stderr === "string") {
    const said = stderr.split("\n").filter((l) => l.startsWith("error:"));
    const text = said.map((l) => l.replace(/^error:\s*/, "")).join("; ");
    // A stack that does not exist is an argument to fix, not a failure of the stores.
    if (/no stack named .* found/.test(text)) return new UsageError(`${text}: give --stack an existing stack (\`pulumi stack ls\` lists them)`);
    if (text !== "") return new Error(text);
  }
  return e instanceof Error ? e : new Error(String(e));
}
