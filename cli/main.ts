#!/usr/bin/env node
// The package's command line, `pulumi-customer-groups <command> [options]`: parses the arguments, runs the command, and
// turns the outcome into an exit code (0 done, 1 error, 64 bad arguments).

import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { connectionName } from "../provider/config";
import { redact } from "../provider/http/redact";
import { didYouMean } from "../provider/nearest";
import { backendNames, backends, isBackendName } from "../provider/registry";
import { runDrift } from "./drift";
import { sandboxVariables } from "./sandboxVariables";
import { outputFile, projectDirectory } from "./preview";
import { readStackConfig, UsageError } from "./stackConfig";

export const program = "pulumi-customer-groups";

export const exitCodes = { done: 0, error: 1, badArguments: 64, gate: 3 } as const;

/**
 * What `review --fail-on` can gate a merge on: the plan's actions, the policy violations the change brings, and those
 * already in the store before it.
 */
const gatedActions = ["delete", "replace", "violation", "existing"] as const;

/** What a command may touch of the process, so that it can run in a test as well. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
  /** The directory relative paths start from. */
  cwd: string;
  now?(): Date;
}

export interface OptionSpec {
  type: "string" | "boolean";
  short?: string;
  /** What the value is, in the help (`NAME`, `FILE`). */
  value?: string;
  /** Lines of help. */
  help: string[];
}

type Values = Record<string, string | boolean | undefined>;

export interface Command {
  /** The command line shown in the help. */
  synopsis: string;
  /** What it does, one line per entry. */
  summary: string[];
  options: Record<string, OptionSpec>;
  /** Lines after the options. */
  notes?: string[];
  run(values: Values, io: CliIo): Promise<number>;
}

/** `a, b or c`. */
function inWords(items: readonly string[]): string {
  return items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}

/** The environment variables of every backend's settings that have no default: `CTP_PROJECT_KEY, ...; BIGCOMMERCE_STORE_HASH, ...`. */
function settingVariables(): string {
  return backends
    .map((b) =>
      Object.values(b.settingKeys)
        .filter((s) => s.default === undefined)
        .map((s) => s.env)
        .join(", "),
    )
    .join("; ");
}

/** A long help line as lines of at most `width` characters, broken between words. */
function wrapped(text: string, width = 104): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  return line === "" ? lines : [...lines, line];
}

const helpOption: OptionSpec = { type: "boolean", short: "h", help: ["show this help"] };

/** Every command, by name (exported for tests that check commands and options written elsewhere, such as CI workflows). */
export const commands: Record<string, Command> = {
  export: {
    synopsis: `${program} export --backend NAME [--connection NAME] [--out FILE [--force]] [--stack NAME] [--cwd DIR]`,
    summary: [
      "Writes every live customer group of one backend (all pages) as a config file (YAML) with",
      "`adopt: true`, so that `pulumi up` with cg.fromConfig(file) takes them over without changing them.",
    ],
    options: {
      backend: { type: "string", value: "NAME", help: [`the backend to read (required): ${inWords(backendNames)}`] },
      connection: {
        type: "string",
        value: "NAME",
        help: [
          "read through this named connection, whose settings are <backend>:connections.NAME.*",
          "in the stack config or the variables with _NAME appended; every group gets `connection: NAME`",
        ],
      },
      out: {
        type: "string",
        value: "FILE",
        help: ["write the file here (relative to the current directory); an existing", "file is refused. Default: standard output"],
      },
      force: { type: "boolean", help: ["with --out: overwrite FILE if it exists"] },
      stack: { type: "string", value: "NAME", help: ["the stack whose config holds the settings. Default: the selected stack"] },
      cwd: {
        type: "string",
        value: "DIR",
        help: [
          "the Pulumi project's directory (with Pulumi.yaml). Default: the current directory.",
          "Without a Pulumi.yaml, the settings come from the environment only",
        ],
      },
      help: helpOption,
    },
    notes: [
      ...wrapped(`The settings are the resources': the stack config, then the environment (${settingVariables()}).`),
      "No secret is written to the file. On success, one line on stderr:",
      "  exported 40 commercetools groups (project 'demo-project') to groups.yaml",
    ],
    run: runExport,
  },
  review: {
    synopsis: `${program} review [--cwd DIR] [--stack NAME] [--refresh] [--json] [--out FILE] [--policy-pack DIR [--policy-pack-config FILE]] [--fail-on LIST]`,
    summary: [
      "Previews the stack and explains, for a pull-request comment, what `pulumi up` will do to each",
      "customer group: the fields that change, the exact requests it sends, and what a merchant must know.",
    ],
    options: {
      cwd: { type: "string", value: "DIR", help: ["the Pulumi project's directory (with Pulumi.yaml). Default: the current directory"] },
      stack: { type: "string", value: "NAME", help: ["the stack to preview. Default: the selected stack"] },
      refresh: { type: "boolean", help: ["refresh the state from the stores first (as `pulumi preview --refresh`)"] },
      json: { type: "boolean", help: ["print the review as JSON (described by schema/review.schema.json) instead of Markdown"] },
      out: { type: "string", value: "FILE", help: ["write the report to FILE (overwritten; also when the preview fails). Default: standard output"] },
      "no-counts": { type: "boolean", help: ["do not read how many customers each deleted or repriced group holds"] },
      "policy-pack": {
        type: "string",
        value: "DIR",
        help: [
          "run the preview with this policy pack (node_modules/pulumi-customer-groups/policy) and open",
          "the report with its violations; a mandatory one does not fail the review",
        ],
      },
      "policy-pack-config": { type: "string", value: "FILE", help: ["the pack's configuration (--policy-pack-config of pulumi preview)"] },
      "fail-on": {
        type: "string",
        value: "LIST",
        help: [
          "exit 3 (after writing the report) when the plan holds what LIST names, so that branch protection",
          "can block such a merge: delete, replace (a group deleted, replaced or moved), violation (a policy",
          "violation the change brings), existing (one already in the store before it); e.g. delete,violation",
        ],
      },
      help: helpOption,
    },
    notes: [
      "Runs the preview with the Pulumi CLI on PATH, reading settings as the resources do; adoptions are looked up",
      "in the stores (reads only) to show what adopting will change. Never prints a secret. Exit codes: 0 report",
      "printed, 1 the preview failed (its diagnostics on stderr, and in the report with --out), 3 the plan holds",
      "what --fail-on names (the report is printed), 64 bad arguments (no Pulumi.yaml, no such stack, an --out that",
      "cannot be written, no pulumi on PATH, an unknown --fail-on).",
    ],
    run: runReview,
  },
  drift: {
    synopsis: `${program} drift [--stack NAME] [--cwd DIR] [--json] [--out FILE] [--fail-on-undeclared]`,
    summary: [
      "Runs a refresh preview (`pulumi preview --refresh`, which writes nothing to the stack) and prints every group",
      "whose live state differs from the program: each field with its live and declared value, or that it is gone.",
    ],
    options: {
      stack: { type: "string", value: "NAME", help: ["the stack to check. Default: the selected stack"] },
      cwd: { type: "string", value: "DIR", help: ["the Pulumi project's directory (with Pulumi.yaml). Default: the current directory"] },
      json: {
        type: "boolean",
        help: [
          "print the report as JSON: { stack, checkedAt, groups, drifted: [{ urn, backend,",
          "connection?, scope?, name, gone?, fields: [{ path, live, declared, text? }] }],",
          "undeclared: [{ backend, connection?, scope?, name, id }] }",
        ],
      },
      out: {
        type: "string",
        value: "FILE",
        help: ["write the report (or the error) to FILE instead of standard output; the", "summary line goes to standard error"],
      },
      "fail-on-undeclared": {
        type: "boolean",
        help: ["exit 2 also when a store holds groups that no resource of the stack declares", "(they are listed either way)"],
      },
      help: helpOption,
    },
    notes: [
      "Uses the `pulumi` CLI on PATH with the project's own backend and settings (PULUMI_CONFIG_PASSPHRASE, ...).",
      "Exit codes, like `terraform plan -detailed-exitcode`: 0 no drift, 2 drift found, 1 error, 64 bad arguments.",
    ],
    run: (values, io) => runDrift(values, io),
  },
  sandbox: {
    synopsis: `${program} sandbox [--port N] [--projects KEY,...] [--stores HASH,...] [--seed FILE|DIR] [--serve FILE|DIR] [--write-env FILE] [...]`,
    summary: [
      "Runs the built-in fake commercetools, BigCommerce and RevCent APIs on 127.0.0.1 until Ctrl-C (SIGINT or",
      "SIGTERM), for trying the package or running a config repo's review and drift in CI without a real store.",
    ],
    options: {
      port: { type: "string", value: "N", help: ["port on 127.0.0.1 (default 8787; 0 picks a free one)"] },
      projects: { type: "string", value: "KEY,...", help: ["the commercetools project keys it serves (default demo-project)"] },
      stores: { type: "string", value: "HASH,...", help: ["the BigCommerce store hashes it serves (default sandbox)"] },
      "client-id": { type: "string", value: "ID", help: ["the commercetools API client of every project (default sandbox-client)"] },
      "client-secret": { type: "string", value: "SECRET", help: ["its secret (default sandbox-secret)"] },
      "access-token": { type: "string", value: "TOKEN", help: ["the BigCommerce X-Auth-Token of every store (default sandbox-token)"] },
      "api-key": { type: "string", value: "KEY", help: ["the RevCent x-api-key (default sandbox-api-key)"] },
      "admin-token": {
        type: "string",
        value: "TOKEN",
        help: ["the token the admin API requires (Authorization: Bearer TOKEN; default a random one, printed at start)"],
      },
      seed: {
        type: "string",
        value: "FILE|DIR",
        help: [
          "create the groups of a data file (or a directory of them, as cg.fromConfig reads) at start,",
          "each in the project or store its `connection` names (the first one without); a connection",
          "that names none is served as a project or store of that name",
        ],
      },
      serve: {
        type: "string",
        value: "FILE|DIR",
        help: ["also serve the connections this data file (or directory) names, without creating its groups"],
      },
      "write-env": {
        type: "string",
        value: "FILE",
        help: [
          "once started, write `export NAME='value'` lines (mode 0600) that point the default settings and",
          "every connection at the sandbox: `. FILE` before `pulumi` or a review",
        ],
      },
      persist: { type: "string", value: "FILE", help: ["load the state from FILE and save it there after every change"] },
      "bc-quota": { type: "string", value: "N", help: ["BigCommerce requests per window (default 150, a Standard or Plus store)"] },
      "bc-window-ms": { type: "string", value: "MS", help: ["BigCommerce rate-limit window (default 30000)"] },
      help: helpOption,
    },
    notes: [
      ...wrapped(
        `Each option can also come from its environment variable (${Object.values(sandboxVariables).join(", ")}); a flag wins. ` +
          "The first line printed is `sandbox listening on URL`; the admin API (docs/sandbox.md) edits groups as a merchant would, " +
          "injects faults and lists the requests received.",
      ),
    ],
    run: async (values, io) => (await import("./sandbox.js")).runSandbox(values, io),
  },
};

/** The help of every command. */
export function usage(): string {
  const lines = [`Usage: ${program} <command> [options]`, "", "Commands:"];
  for (const [name, command] of Object.entries(commands))
    lines.push(`  ${name.padEnd(8)}${command.summary[0]}`, ...command.summary.slice(1).map((l) => `${" ".repeat(10)}${l}`));
  lines.push(`  ${"help".padEnd(8)}Shows this help (so do --help, -h, and no arguments).`);
  for (const command of Object.values(commands)) {
    lines.push("", command.synopsis, "");
    const flags = Object.entries(command.options).map(
      ([name, o]) => [`${o.short ? `-${o.short}, ` : ""}--${name}${o.value ? ` ${o.value}` : ""}`, o.help] as const,
    );
    const width = Math.max(...flags.map(([f]) => f.length)) + 2;
    for (const [flag, help] of flags) lines.push(`  ${flag.padEnd(width)}${help[0]}`, ...help.slice(1).map((l) => `  ${" ".repeat(width)}${l}`));
    if (command.notes) lines.push("", ...command.notes.map((l) => `  ${l}`));
  }
  lines.push("", "Exit codes: 0 done, 1 error (the message says what failed), 2 drift found (drift), 3 a gate of review --fail-on, 64 bad arguments.");
  return lines.join("\n") + "\n";
}

/** Runs the command line `argv` (without `node` and the script) and returns the exit code. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  let commandName: string | undefined;
  try {
    if (first === undefined || first === "help" || first === "--help" || first === "-h") {
      if (first === "help" && rest.length > 0 && !(rest[0]! in commands))
        throw new UsageError(`help: unknown command '${rest[0]}' (commands: ${commandList()})`);
      io.stdout(usage());
      return exitCodes.done;
    }
    if (first.startsWith("-")) throw new UsageError(`the command comes first, before ${first} (commands: ${commandList()})`);
    if (!Object.hasOwn(commands, first)) {
      const meant = didYouMean(first, Object.keys(commands));
      throw new UsageError(`unknown command '${first}'${meant ? `. ${meant}` : ""} (commands: ${commandList()})`);
    }
    commandName = first;
    const command = commands[first]!;
    const values = parseOptions(command, rest);
    if (values.help === true) {
      io.stdout(usage());
      return exitCodes.done;
    }
    return await command.run(values, io);
  } catch (e) {
    const where = commandName === undefined ? program : `${program} ${commandName}`;
    if (e instanceof UsageError) {
      io.stderr(`${where}: ${e.message}\nRun '${program} --help' for usage.\n`);
      return exitCodes.badArguments;
    }
    io.stderr(`${where}: ${redact(e instanceof Error ? e.message : String(e))}\n`);
    return exitCodes.error;
  }
}

function commandList(): string {
  return [...Object.keys(commands), "help"].join(", ");
}

/** The options of a command; anything unknown, repeated, without its value, or left over is refused by name. */
function parseOptions(command: Command, args: string[]): Values {
  // Not strict: the tokens are judged here, so that each refusal names the argument and says why.
  const { tokens } = parseArgs({ args, options: command.options, strict: false, allowPositionals: true, tokens: true });
  const values: Values = {};
  for (const token of tokens) {
    if (token.kind === "positional") throw new UsageError(`unexpected argument '${token.value}'`);
    if (token.kind === "option-terminator") continue;
    const spec = Object.hasOwn(command.options, token.name) ? command.options[token.name] : undefined;
    if (!spec) {
      const meant = didYouMean(
        token.rawName,
        Object.keys(command.options).map((o) => `--${o}`),
      );
      throw new UsageError(`unknown option ${token.rawName}${meant ? `. ${meant}` : ""}`);
    }
    if (values[token.name] !== undefined) throw new UsageError(`${token.rawName} is given twice`);
    if (spec.type === "boolean") {
      if (token.inlineValue) throw new UsageError(`${token.rawName} takes no value`);
      values[token.name] = true;
      continue;
    }
    // A value that looks like an option is far more likely the next option after a forgotten value.
    if (token.value === undefined || token.value === "" || (!token.inlineValue && token.value.startsWith("-"))) {
      throw new UsageError(
        `${token.rawName} needs a value (${spec.value ?? "a value"})${token.value?.startsWith("-") ? `; for one starting with '-', write ${token.rawName}=${token.value}` : ""}`,
      );
    }
    values[token.name] = token.value;
  }
  return values;
}

/** The actions `--fail-on` names; refused by name when one is not an action a merge can be gated on. */
function failOnActions(value: string | undefined): Set<string> {
  if (value === undefined) return new Set();
  const names = value.split(",").map((n) => n.trim());
  for (const name of names) {
    if (!(gatedActions as readonly string[]).includes(name)) {
      const meant = didYouMean(name, gatedActions);
      throw new UsageError(`--fail-on '${name}' is not one of ${gatedActions.join(", ")}${meant ? `. ${meant}` : ""}`);
    }
  }
  return new Set(names);
}

async function runReview(values: Values, io: CliIo): Promise<number> {
  // Checked before the preview, which takes a while: the project, the gate, and where the report goes.
  const failOn = failOnActions(values["fail-on"] as string | undefined);
  const policyPack = values["policy-pack"] as string | undefined;
  const policyPackConfig = values["policy-pack-config"] as string | undefined;
  for (const gate of ["violation", "existing"]) {
    if (failOn.has(gate) && policyPack === undefined) throw new UsageError(`--fail-on ${gate} needs --policy-pack (no pack, no violation to fail on)`);
  }
  if (policyPackConfig !== undefined && policyPack === undefined) throw new UsageError("--policy-pack-config goes with --policy-pack");
  const inCwd = (p: string | undefined) => (p === undefined ? undefined : path.resolve(io.cwd, p));
  for (const [flag, file] of [
    ["--policy-pack", inCwd(policyPack)],
    ["--policy-pack-config", inCwd(policyPackConfig)],
  ] as const) {
    if (file !== undefined && !fs.existsSync(file)) throw new UsageError(`${flag} '${file}' does not exist`);
  }
  const cwd = projectDirectory(values, io.cwd);
  const out = outputFile(values, io.cwd);
  const write = (text: string) => (out === undefined ? io.stdout(text) : fs.writeFileSync(out, text));
  // Loaded only now, like export's code (see runExport).
  const { reviewStack } = await import("./review.js");
  const { renderMarkdown, reviewJson } = await import("./reviewReport.js");
  try {
    const note = (line: string) => io.stderr(`${program} review: ${line}\n`);
    const { config } = await readStackConfig({ cwd, stack: values.stack as string | undefined, note });
    const report = await reviewStack({
      cwd,
      stack: values.stack as string | undefined,
      refresh: values.refresh === true,
      config,
      env: io.env,
      counts: values["no-counts"] !== true,
      ...(policyPack !== undefined
        ? {
            policyPacks: [inCwd(policyPack)!],
            policyPackConfigs: policyPackConfig !== undefined ? [inCwd(policyPackConfig)!] : [],
            policyPacksAsGiven: [policyPack],
            policyPackConfigsAsGiven: policyPackConfig !== undefined ? [policyPackConfig] : [],
          }
        : {}),
    });
    write(values.json === true ? `${JSON.stringify(reviewJson(report), null, 2)}\n` : renderMarkdown(report));
    const gated = report.groups.filter((g) => failOn.has(g.action));
    const violations = (report.violations ?? []).filter((v) => failOn.has(v.existing ? "existing" : "violation"));
    if (gated.length > 0 || violations.length > 0) {
      const what = [
        ...(gated.length > 0
          ? [`the plan ${[...new Set(gated.map((g) => `${g.action}s`))].join(" and ")} ${gated.length} group${gated.length === 1 ? "" : "s"}`]
          : []),
        ...(violations.length > 0
          ? [`${violations.length} policy violation${violations.length === 1 ? "" : "s"}${violations.every((v) => v.existing) ? " already in the store" : ""}`]
          : []),
      ];
      io.stderr(`${program} review: ${what.join("; ")} (--fail-on ${[...failOn].join(",")}): exit 3\n`);
      return exitCodes.gate;
    }
    return exitCodes.done;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    // The reviewers see the failure where the report would have been.
    const message = redact(e instanceof Error ? e.message : String(e));
    if (out !== undefined) {
      // The message quotes the program and the stores (a name in an error): fenced so that nothing in it is Markdown.
      const { codeBlock } = await import("./markdown.js");
      write(
        values.json === true
          ? `${JSON.stringify({ error: message }, null, 2)}\n`
          : `### Customer groups: the preview failed\n\n${codeBlock("", message.split(/\r\n|\r|\n/)).join("\n")}\n`,
      );
    }
    throw e;
  }
}

async function runExport(values: Values, io: CliIo): Promise<number> {
  const backend = values.backend as string | undefined;
  if (backend === undefined) throw new UsageError(`--backend is required: ${backendNames.join(", ")}`);
  if (!isBackendName(backend)) {
    const meant = didYouMean(backend, backendNames);
    throw new UsageError(`--backend '${backend}' is not a backend.${meant ? ` ${meant}` : ""} Give ${backendNames.join(", ")}.`);
  }
  const connection = values.connection as string | undefined;
  if (connection !== undefined && !connectionName.test(connection)) {
    throw new UsageError(`--connection '${connection}' is not a connection name: 1 to 32 characters of a-z, 0-9, '_' and '-', starting with a letter`);
  }
  const out = values.out as string | undefined;
  if (values.force === true && out === undefined) throw new UsageError("--force applies only with --out (standard output is never a file to overwrite)");
  const cwd = path.resolve(io.cwd, (values.cwd as string | undefined) ?? ".");
  if (!isDirectory(cwd)) throw new UsageError(`--cwd '${values.cwd as string}' is not a directory`);
  const target = out === undefined ? undefined : path.resolve(io.cwd, out);
  // Refused before anything is read, so that nobody waits for a listing that cannot be written.
  if (target !== undefined) {
    if (/[\\/]$/.test(out!) || isDirectory(target)) {
      const file = path.join(out!, `${backend}${connection === undefined ? "" : `-${connection}`}.yaml`);
      throw new UsageError(`--out '${out!}' is a directory: give the file to write in it, such as --out ${file}`);
    }
    if (!isDirectory(path.dirname(target))) throw new UsageError(`--out '${out!}': the directory ${path.dirname(target)} does not exist`);
    if (values.force !== true && fs.existsSync(target)) throw alreadyThere(out!);
  }

  // Loaded only now: the provider's code takes most of a second to load, which help and refused arguments need not wait for.
  // (A dynamic import names the compiled file.)
  const { exportGroups, renamedLine, summaryLine, takenNames } = await import("./export.js");
  const note = (line: string) => io.stderr(`${program} export: ${line}\n`);
  const { config } = await readStackConfig({ cwd, stack: values.stack as string | undefined, note });
  const exported = await exportGroups({
    backend,
    stack: config,
    env: io.env,
    connection,
    now: io.now?.(),
    fileDirectory: target === undefined ? cwd : path.dirname(target),
    projectDirectory: cwd,
    // A file written into a directory of data files must not declare a name another file of it declares.
    ...(target !== undefined ? { taken: takenNames(path.dirname(target), backend, target) } : {}),
  });
  if (exported.renamed.length > 0) note(`${renamedLine(exported.renamed)}.`);

  if (target === undefined) {
    io.stdout(exported.text);
  } else {
    try {
      fs.writeFileSync(target, exported.text, { flag: values.force === true ? "w" : "wx" });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "EEXIST") throw alreadyThere(out!);
      throw e;
    }
  }
  io.stderr(`${summaryLine(exported, out ?? "stdout")}\n`);
  return exitCodes.done;
}

function alreadyThere(out: string): Error {
  return new Error(`${out} already exists and was left as it is; give --force to overwrite it, or another --out`);
}

function isDirectory(dir: string): boolean {
  try {
    return fs.statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

if (require.main === module) {
  void run(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
  }).then((code) => {
    process.exitCode = code;
  });
}
