// `pulumi-customer-groups sandbox`: the built-in fake commercetools, BigCommerce and RevCent APIs on 127.0.0.1, for trying
// the package and for a config repo's CI (`review` and `drift` against it). Several projects and stores, credentials of
// the user's choosing, groups seeded from data files; it runs until SIGINT or SIGTERM.

import fs from "node:fs";
import { loadGroups } from "../sdk/config/load";
import { connectionName, envOf } from "../provider/config";
import { backendNames, registry, type BackendName } from "../provider/registry";
import { DEFAULTS, startSandbox, type Sandbox, type SandboxOptions } from "../sandbox/index";
import { sandboxVariables } from "./sandboxVariables";
import { UsageError } from "./stackConfig";

type Values = Record<string, string | boolean | undefined>;

export interface SandboxCommand {
  options: SandboxOptions & { port: number };
  /** Warnings for the user: secrets given as flags, which every user of the machine can read in the process list. */
  warnings: string[];
  /** A data file or directory whose groups are created at start. */
  seed?: string;
  /** Another data file or directory whose connections are served too (its groups are not created). */
  serve?: string;
  /** Where to write the environment variables that point every served project, store and connection at the sandbox. */
  envOut?: string;
}

/** The options that carry a secret. */
const secretFlags = ["client-secret", "access-token", "api-key", "admin-token"] as const;

/** An option's value: the flag, else its variable (an empty variable counts as unset). */
function setting(values: Values, env: NodeJS.ProcessEnv, name: keyof typeof sandboxVariables): { value: string; from: string } | undefined {
  const flag = values[name];
  if (typeof flag === "string") return { value: flag, from: `--${name}` };
  const variable = env[sandboxVariables[name]];
  return variable === undefined || variable === "" ? undefined : { value: variable, from: sandboxVariables[name] };
}

function integer(values: Values, env: NodeJS.ProcessEnv, name: keyof typeof sandboxVariables, min: number, max = Number.MAX_SAFE_INTEGER) {
  const given = setting(values, env, name);
  if (given === undefined) return undefined;
  const n = Number(given.value);
  if (!/^\d+$/.test(given.value) || n < min || n > max) {
    throw new UsageError(
      `${given.from} '${given.value}' is not an integer ${max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`}`,
    );
  }
  return n;
}

function list(values: Values, env: NodeJS.ProcessEnv, name: "projects" | "stores"): string[] | undefined {
  const given = setting(values, env, name);
  if (given === undefined) return undefined;
  const items = given.value.split(",").map((s) => s.trim());
  if (items.some((s) => s === "")) throw new UsageError(`${given.from} '${given.value}' has an empty entry: give names separated by commas`);
  return items;
}

/** The sandbox's options from the command's flags and the environment (a flag wins over its variable). */
export function sandboxCommand(values: Values, env: NodeJS.ProcessEnv): SandboxCommand {
  const port = integer(values, env, "port", 0, 65535) ?? DEFAULTS.cliPort;
  const options: SandboxCommand["options"] = { port };
  const persist = setting(values, env, "persist");
  if (persist) options.persistFile = persist.value;
  const [projectKey, ...moreProjects] = list(values, env, "projects") ?? [DEFAULTS.commercetools.projectKey];
  const clientId = setting(values, env, "client-id")?.value;
  const clientSecret = setting(values, env, "client-secret")?.value;
  options.commercetools = { projectKey, ...(clientId !== undefined && { clientId }), ...(clientSecret !== undefined && { clientSecret }) };
  if (moreProjects.length > 0) options.projects = moreProjects.map((key) => ({ projectKey: key }));
  const [storeHash, ...moreStores] = list(values, env, "stores") ?? [DEFAULTS.bigcommerce.storeHash];
  const accessToken = setting(values, env, "access-token")?.value;
  const quota = integer(values, env, "bc-quota", 0);
  const windowMs = integer(values, env, "bc-window-ms", 1);
  const rateLimit = { ...(quota !== undefined && { quota }), ...(windowMs !== undefined && { windowMs }) };
  options.bigcommerce = { storeHash, ...(accessToken !== undefined && { accessToken }), ...(Object.keys(rateLimit).length > 0 && { rateLimit }) };
  if (moreStores.length > 0) options.stores = moreStores.map((hash) => ({ storeHash: hash }));
  const apiKey = setting(values, env, "api-key")?.value;
  if (apiKey !== undefined) options.revcent = { apiKey };
  const adminToken = setting(values, env, "admin-token")?.value;
  if (adminToken !== undefined) options.adminToken = adminToken;
  const seed = setting(values, env, "seed")?.value;
  const serve = setting(values, env, "serve")?.value;
  const envOut = setting(values, env, "write-env")?.value;
  const warnings = secretFlags
    .filter((name) => typeof values[name] === "string")
    .map((name) => `--${name} is visible to every user of this machine in the process list; set ${sandboxVariables[name]} instead`);
  return { options, warnings, ...(seed !== undefined && { seed }), ...(serve !== undefined && { serve }), ...(envOut !== undefined && { envOut }) };
}

/** The named connections the groups of data files use, by backend (each file read and checked as `cg.fromConfig` does). */
export function connectionsOf(sources: readonly string[]): Record<BackendName, string[]> {
  const named = Object.fromEntries(backendNames.map((b) => [b, new Set<string>()])) as Record<BackendName, Set<string>>;
  for (const source of sources) {
    const { groups } = loadGroups(source);
    for (const backend of backendNames)
      for (const args of Object.values(groups[backend]) as { connection?: string }[]) if (args.connection !== undefined) named[backend].add(args.connection);
  }
  return Object.fromEntries(backendNames.map((b) => [b, [...named[b]].sort()])) as Record<BackendName, string[]>;
}

/**
 * The environment that points a stack at the sandbox, as `export NAME='value'` lines: the default settings at the first
 * project and store, and a connection at each other project and store (named after it) and at each one `named` (the
 * connections data files name; RevCent's at its one account).
 */
export function environmentOf(sandbox: Sandbox, named: Partial<Record<BackendName, readonly string[]>> = {}): string[] {
  const { url, projects, stores, revcent } = sandbox.config;
  const lines: string[] = [];
  const add = (backend: BackendName, values: Record<string, string>, connection?: string) => {
    for (const [name, setting] of Object.entries(registry[backend].settingKeys)) {
      const value = values[name];
      if (value !== undefined) lines.push(`export ${envOf(setting, connection)}=${shellQuoted(value)}`);
    }
  };
  const ct = (p: (typeof projects)[number]) => ({
    projectKey: p.projectKey,
    clientId: p.clientId,
    clientSecret: p.clientSecret,
    apiUrl: p.apiUrl,
    authUrl: p.authUrl,
  });
  const bc = (s: (typeof stores)[number]) => ({ storeHash: s.storeHash, accessToken: s.accessToken, apiUrl: url });
  const rc = { apiKey: revcent.apiKey, apiUrl: revcent.apiUrl };
  const connected = (key: string, i: number, backend: BackendName) => connectionName.test(key) && (i > 0 || (named[backend] ?? []).includes(key));
  add("commercetools", ct(projects[0]!));
  projects.forEach((p, i) => connected(p.projectKey, i, "commercetools") && add("commercetools", ct(p), p.projectKey));
  add("bigcommerce", bc(stores[0]!));
  stores.forEach((s, i) => connected(s.storeHash, i, "bigcommerce") && add("bigcommerce", bc(s), s.storeHash));
  add("revcent", rc);
  for (const c of named.revcent ?? []) add("revcent", rc, c);
  // What connectSandbox and the admin API's callers need.
  lines.push(`export SANDBOX_ADMIN_TOKEN=${shellQuoted(sandbox.config.adminToken)}`);
  return lines;
}

const shellQuoted = (value: string): string => `'${value.replace(/'/g, `'\\''`)}'`;

/** The groups of a seed, in the vendor's wire form, by project key, by store hash, and RevCent's. */
export interface SeedPlan {
  projects: Map<string, object[]>;
  stores: Map<string, object[]>;
  revcent: object[];
}

/**
 * Reads a data file (or directory) for `--seed` and places each group in the project or store its `connection` names
 * (the first one without), before the sandbox starts: a bad file or an unknown connection starts nothing.
 */
export function seedPlan(source: string, projectKeys: string[], storeHashes: string[]): SeedPlan {
  const { groups } = loadGroups(source);
  const place = (entries: [string, { connection?: string }][], places: string[], noun: "project" | "store", seed: (args: never) => object) => {
    const out = new Map<string, object[]>();
    for (const [name, args] of entries) {
      const at = args.connection ?? places[0]!;
      if (!places.includes(at)) {
        throw new UsageError(
          `--seed: group '${name}' has connection '${at}', which is no ${noun} of this sandbox (${places.join(", ")}); ` +
            `name the ${noun}s after the connections (--${noun}s ${[...places, at].join(",")})`,
        );
      }
      out.set(at, [...(out.get(at) ?? []), seed(args as never)]);
    }
    return out;
  };
  return {
    projects: place(Object.entries(groups.commercetools), projectKeys, "project", registry.commercetools.wireSeed),
    stores: place(Object.entries(groups.bigcommerce), storeHashes, "store", registry.bigcommerce.wireSeed),
    revcent: Object.values(groups.revcent).map((args) => registry.revcent.wireSeed(args)),
  };
}

/** Creates the planned groups, as the vendor's API would have made them; a line per project, store or account seeded. */
export async function seedSandbox(sandbox: Sandbox, plan: SeedPlan): Promise<string[]> {
  const lines: string[] = [];
  const groups = (n: number, title: string) => `${n} ${title} group${n === 1 ? "" : "s"}`;
  for (const [key, drafts] of plan.projects) {
    await sandbox.project(key).seedGroups(drafts as never);
    lines.push(`seeded ${groups(drafts.length, "commercetools")} into project ${key}`);
  }
  for (const [hash, bodies] of plan.stores) {
    await sandbox.store(hash).seedGroups(bodies as never);
    lines.push(`seeded ${groups(bodies.length, "BigCommerce")} into store ${hash}`);
  }
  if (plan.revcent.length > 0) {
    await sandbox.revcent.seedGroups(plan.revcent as never);
    lines.push(`seeded ${groups(plan.revcent.length, "RevCent")}`);
  }
  return lines;
}

/** What a stack's config needs to reach the sandbox, one line per project, store and account (no secret). */
export function describeSandbox(sandbox: Sandbox): string[] {
  const { url, projects, stores, revcent } = sandbox.config;
  return [
    ...projects.map((p) => `  commercetools project ${p.projectKey}: apiUrl and authUrl ${p.apiUrl}, client id ${p.clientId}`),
    ...stores.map((s) => `  BigCommerce store ${s.storeHash}: apiUrl ${s.apiUrl}`),
    `  RevCent: apiUrl ${revcent.apiUrl}`,
    `  admin API: ${url}/__admin (docs/sandbox.md), with Authorization: Bearer ${sandbox.config.adminToken}; stop with Ctrl-C`,
  ];
}

/** Starts the sandbox, seeds it, prints where it listens, and runs until SIGINT or SIGTERM (exit 0). */
export async function runSandbox(values: Values, io: { stdout(text: string): void; stderr(text: string): void; env: NodeJS.ProcessEnv }): Promise<number> {
  const command = sandboxCommand(values, io.env);
  // Every connection the data files name is served: a project or store named after it.
  const named = connectionsOf([command.seed, command.serve].filter((s): s is string => s !== undefined));
  const { commercetools, bigcommerce } = command.options;
  const projectKeys = [commercetools!.projectKey!, ...(command.options.projects ?? []).map((p) => p.projectKey)];
  const storeHashes = [bigcommerce!.storeHash!, ...(command.options.stores ?? []).map((s) => s.storeHash)];
  const moreProjects = named.commercetools.filter((c) => !projectKeys.includes(c));
  const moreStores = named.bigcommerce.filter((c) => !storeHashes.includes(c));
  if (moreProjects.length > 0) command.options.projects = [...(command.options.projects ?? []), ...moreProjects.map((projectKey) => ({ projectKey }))];
  if (moreStores.length > 0) command.options.stores = [...(command.options.stores ?? []), ...moreStores.map((storeHash) => ({ storeHash }))];
  const { projects = [], stores = [] } = command.options;
  const plan =
    command.seed === undefined
      ? undefined
      : seedPlan(
          command.seed,
          [commercetools!.projectKey!, ...projects.map((p) => p.projectKey)],
          [bigcommerce!.storeHash!, ...stores.map((s) => s.storeHash)],
        );
  let sandbox: Sandbox;
  try {
    sandbox = await startSandbox(command.options);
  } catch (e) {
    const message = (e as Error).message;
    // What the options say wrong is a usage error; a port in use is not.
    if ((e as NodeJS.ErrnoException).code === "EADDRINUSE") {
      throw new Error(`port ${command.options.port} is in use; give another --port (0 picks a free one)`, { cause: e });
    }
    throw new UsageError(message);
  }
  const stopped = new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  try {
    io.stdout(`sandbox listening on ${sandbox.url}\n`);
    for (const warning of command.warnings) io.stderr(`warning: ${warning}\n`);
    if (plan) for (const line of await seedSandbox(sandbox, plan)) io.stdout(`${line}\n`);
    if (command.envOut !== undefined) {
      // It holds the sandbox's credentials: readable by its owner only.
      fs.writeFileSync(command.envOut, `${environmentOf(sandbox, named).join("\n")}\n`, { mode: 0o600 });
      fs.chmodSync(command.envOut, 0o600);
      io.stdout(`environment for a stack written to ${command.envOut}\n`);
    }
    io.stdout(`${describeSandbox(sandbox).join("\n")}\n`);
    await stopped;
    return 0;
  } finally {
    await sandbox.close();
  }
}
