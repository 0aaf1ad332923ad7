// End-to-end harness: a Pulumi TypeScript project that installs the packed package, driven through the real engine
// (the pinned CLI in .tools/bin) with the Automation API and a file:// state backend.

import { execFile, execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { LocalWorkspace, PulumiCommand, Stack } from "@pulumi/pulumi/automation";
import type { SandboxClient } from "../../sandbox";
import { Backend, sandboxConfig, secretSettings } from "../helpers/sandboxConfig";

export const repoRoot = path.resolve(__dirname, "../../..");

/** The test program: declares every group listed in the stack config `groups`, so tests change the program through config. */
const program = `import * as pulumi from "@pulumi/pulumi";
import * as cg from "pulumi-customer-groups";

type Backend = "commercetools" | "bigcommerce" | "revcent";
const classes: Record<Backend, new (name: string, args: never) => pulumi.CustomResource> = {
  commercetools: cg.commercetools.CustomerGroup,
  bigcommerce: cg.bigcommerce.CustomerGroup,
  revcent: cg.revcent.CustomerGroup,
};
const config = new pulumi.Config();
const groups = config.requireObject<Record<string, { backend: Backend; args: never }>>("groups");

export const ids: Record<string, pulumi.Output<string>> = {};
for (const [name, { backend, args }] of Object.entries(groups)) {
  ids[name] = new classes[backend](name, args).id;
}

// RevCent's read-only queries, when the test asks for them.
const members = config.getObject<{ customerGroupId: string; dateStart: number; dateEnd: number }>("members");
export const groupCount = members ? cg.revcent.getCustomerGroupsOutput().apply((all) => all.length) : undefined;
export const memberCount = members ? cg.revcent.getCustomerGroupMembersOutput(members).apply((m) => m.count) : undefined;
`;

let tarball: string | undefined;

/** The package as it would be published: what `npm pack` puts in the tarball, nothing else (packed once per run). */
function packedPackage(): string {
  if (tarball) return tarball;
  if (!fs.existsSync(path.join(repoRoot, "dist/sdk/index.js"))) throw new Error("dist/ is missing: run the tests with npm test, which compiles first");
  const dir = temporaryDir("pcg-pack-");
  const packed = execFileSync("npm", ["pack", "--silent", "--pack-destination", dir], { cwd: repoRoot, encoding: "utf8" }).trim().split("\n").pop();
  tarball = path.join(dir, packed ?? "");
  return tarball;
}

/** Temporary directories removed when the test process exits (one exit listener for all of them). */
const temporaryDirs = new Set<string>();
process.on("exit", () => {
  for (const dir of temporaryDirs) fs.rmSync(dir, { recursive: true, force: true });
});

function temporaryDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  temporaryDirs.add(dir);
  return dir;
}

/**
 * A Pulumi project in a temporary directory with its packages installed, `pulumi-customer-groups` from the packed
 * tarball: from an example folder of the repo, or from the given files.
 */
export function installProject(source: { example: string } | { files: Record<string, string> }): string {
  const dir = temporaryDir("pcg-e2e-");
  if ("example" in source) {
    fs.cpSync(path.join(repoRoot, "examples", source.example), dir, { recursive: true, filter: (f) => !f.includes("node_modules") });
  } else {
    for (const [name, text] of Object.entries(source.files)) fs.writeFileSync(path.join(dir, name), text);
  }
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
  manifest.dependencies["pulumi-customer-groups"] = `file:${packedPackage()}`;
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify(manifest, null, 2));
  execFileSync("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: dir, stdio: "inherit" });
  return dir;
}

let projectDir: string | undefined;

/**
 * The files of a TypeScript Pulumi project named `name`, on the repo's versions of @pulumi/pulumi and TypeScript, with
 * `sources` (at least index.ts, the program) added; for installProject.
 */
export function typescriptProject(name: string, description: string, sources: Record<string, string>): Record<string, string> {
  const version = (pkg: string) => JSON.parse(fs.readFileSync(path.join(repoRoot, "node_modules", pkg, "package.json"), "utf8")).version;
  return {
    "Pulumi.yaml": `name: ${name}\nruntime: nodejs\ndescription: ${description}\n`,
    "package.json": JSON.stringify({
      name,
      private: true,
      dependencies: { "@pulumi/pulumi": version("@pulumi/pulumi"), typescript: version("typescript") },
    }),
    "tsconfig.json": JSON.stringify({
      compilerOptions: { strict: true, target: "ES2022", module: "commonjs", moduleResolution: "node", esModuleInterop: true, skipLibCheck: true },
    }),
    ...sources,
  };
}

/** The test program's project, installed once per run. */
export function e2eProject(): string {
  projectDir ??= installProject({ files: typescriptProject("e2e-customer-groups", "end-to-end tests", { "index.ts": program }) });
  return projectDir;
}

export interface TestStack {
  stack: Stack;
  stateDir: string;
  /** Everything the engine printed, for assertions on what a user sees. */
  log: string[];
  remove(): Promise<void>;
}

/**
 * A new stack with its own file:// state directory, configured with the given stack config; `env` adds variables to the
 * workspace's environment, which the engine passes on to the provider process (settings given as environment variables).
 */
export async function newStack(
  name: string,
  config: Record<string, { value: string; secret?: boolean }>,
  workDir: string = e2eProject(),
  env: Record<string, string> = {},
  stateDir: string = fs.mkdtempSync(path.join(os.tmpdir(), "pcg-state-")),
): Promise<TestStack> {
  const pulumiCommand = await PulumiCommand.get({ root: path.join(repoRoot, ".tools"), skipVersionCheck: true });
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName: name, workDir },
    {
      pulumiCommand,
      envVars: { ...engineEnv(stateDir), ...env },
    },
  );
  await stack.setAllConfig(config);
  return {
    stack,
    stateDir,
    log: [],
    remove: async () => {
      await stack.workspace.removeStack(name, { force: true }).catch(() => undefined);
      fs.rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

export type StackConfig = Record<string, { value: string; secret?: boolean }>;

/** A backend's provider settings for this sandbox, as stack config (secrets as secrets). */
export function sandboxSettings(sandbox: SandboxClient, backend: Backend): StackConfig {
  return Object.fromEntries(
    Object.entries(sandboxConfig(sandbox, backend)).map(([k, value]) => [k, secretSettings.has(k) ? { value, secret: true } : { value }]),
  );
}

/** Sets the program's declared groups (the `groups` stack config). */
export type Declared = Record<string, { backend: "commercetools" | "bigcommerce" | "revcent"; args: Record<string, unknown> }>;

export async function declare(stack: Stack, groups: Declared): Promise<void> {
  await stack.setConfig("groups", { value: JSON.stringify(groups) });
}

/** How the engine runs for a stack with this state directory: repo-local, offline, never a Pulumi service. */
export function engineEnv(stateDir: string): Record<string, string> {
  return {
    PULUMI_BACKEND_URL: `file://${stateDir}`,
    PULUMI_CONFIG_PASSPHRASE: "e2e-only",
    PULUMI_HOME: path.join(repoRoot, ".tools/pulumi-home"),
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
  };
}

export interface BinRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the package's bin (`pulumi-customer-groups`) in an installed project as a user would, with the pinned Pulumi CLI
 * on PATH and the stack's state directory. Asynchronously: the sandbox answering it lives in the test's process.
 */
export function runBin(dir: string, stateDir: string, args: readonly string[]): Promise<BinRun> {
  return new Promise((resolve) => {
    execFile(
      path.join(dir, "node_modules/.bin/pulumi-customer-groups"),
      args,
      {
        cwd: dir,
        encoding: "utf8",
        env: { ...process.env, PATH: `${path.join(repoRoot, ".tools/bin")}${path.delimiter}${process.env.PATH}`, ...engineEnv(stateDir) },
      },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}

/** The process and all its descendants, read from /proc (the engine starts plugins that may leave its process group). */
export function processTree(root: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name (field 2) is in parentheses and may contain spaces; the parent pid is the second field after it.
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
    } catch {
      // Ended while being read.
    }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) tree.push(...(parents.get(tree[i]) ?? []));
  return tree;
}

/** Whether a process still runs (a zombie, dead but not yet reaped, does not). */
export function isRunning(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}
