// Where settings come from: the stack's config (as given to the provider's `configure`) first, then environment variables.
// A named connection's settings are an object under `<backend>:connections.<name>` in the stack config, or environment
// variables with the connection's name appended (`CTP_CLIENT_SECRET_EU`), because CI systems inject secrets that way.

import { didYouMean } from "./nearest";
import { isPlainObject } from "./canonical";
import { ConfigError } from "./errors";
import { registerSecret } from "./http/redact";

/** Reads one stack config value by its full key (`commercetools:clientId`); objects arrive as JSON text. */
export type StackConfig = (key: string) => string | undefined;

export interface Setting {
  /** Stack config key, e.g. `commercetools:clientId`. */
  config: string;
  /** Environment variable, e.g. `CTP_CLIENT_ID`. */
  env: string;
  secret?: boolean;
  default?: string;
}

/** A backend's settings, by the name its code uses. */
export type Settings<K extends string> = Record<K, Setting>;

/** A connection name: 1 to 32 characters of a-z, 0-9, `_` and `-`, starting with a letter. */
export const connectionName = /^[a-z][a-z0-9_-]{0,31}$/;

/** Why a `connection` argument cannot name a connection; undefined when it can. */
export function connectionNameProblem(connection: unknown): string | undefined {
  return typeof connection === "string" && connectionName.test(connection)
    ? undefined
    : "must be 1 to 32 characters of a-z, 0-9, '_' and '-', starting with a letter";
}

/** The environment variable of a setting for a named connection: `CTP_CLIENT_SECRET` for `eu-west` is `CTP_CLIENT_SECRET_EU_WEST`. */
export function envOf(setting: Setting, connection?: string): string {
  return connection === undefined ? setting.env : `${setting.env}_${connection.toUpperCase().replace(/-/g, "_")}`;
}

/** Where to set a setting in the stack config: `commercetools:clientId`, or `commercetools:connections.eu.clientId`. */
export function configKeyOf(setting: Setting, connection?: string): string {
  if (connection === undefined) return setting.config;
  const [backend, name] = setting.config.split(":");
  return `${backend}:connections.${connection}.${name}`;
}

/** One setting's value: the stack config, else the environment variable, else the default; undefined when none is set. */
export function readSetting(setting: Setting, stack: StackConfig, env: NodeJS.ProcessEnv = process.env, connection?: string): string | undefined {
  const fromStack = connection === undefined ? stack(setting.config) : fromConnections(setting, stack, connection);
  return fromStack ?? nonEmpty(env[envOf(setting, connection)]) ?? setting.default;
}

/** The settings that are set nowhere, each with the command that sets it and its environment variable. */
export function missingSettings(settings: Settings<string>, stack: StackConfig, env: NodeJS.ProcessEnv, connection?: string): string[] {
  const missing: string[] = [];
  for (const setting of Object.values(settings)) {
    if (readSetting(setting, stack, env, connection) !== undefined) continue;
    const key = configKeyOf(setting, connection);
    const how = `pulumi config set${setting.secret ? " --secret" : ""}${connection === undefined ? "" : " --path"} ${key} <value>`;
    missing.push(`${key} (\`${how}\`, or the environment variable ${envOf(setting, connection)})`);
  }
  return missing;
}

/** The connections every required setting of which is set somewhere, named in the stack config or the environment. */
export function configuredConnections(settings: Settings<string>, stack: StackConfig, env: NodeJS.ProcessEnv): string[] {
  const backend = Object.values(settings)[0]!.config.split(":")[0]!;
  const names = new Set(Object.keys(connectionsObject(backend, stack)).filter((n) => connectionName.test(n)));
  for (const setting of Object.values(settings)) {
    for (const variable of Object.keys(env)) {
      if (!variable.startsWith(`${setting.env}_`)) continue;
      // Environment names lose the difference between `-` and `_`; the connection is named with `_` then.
      const name = variable.slice(setting.env.length + 1).toLowerCase();
      if (connectionName.test(name)) names.add(name);
    }
  }
  const usable = [...names].filter((n) => missingSettings(settings, stack, env, n).length === 0).sort();
  return missingSettings(settings, stack, env).length === 0 ? ["(the default, without `connection`)", ...usable] : usable;
}

/** The error for a connection (or the default settings) with settings missing, listing each and what is configured. */
export function notConfigured(
  backend: string,
  settings: Settings<string>,
  stack: StackConfig,
  env: NodeJS.ProcessEnv,
  connection?: string,
): ConfigError | undefined {
  const missing = missingSettings(settings, stack, env, connection);
  if (missing.length === 0) return undefined;
  const list = missing.map((m) => `\n  - ${m}`).join("");
  if (connection === undefined) return new ConfigError(`${backend} is not configured. Missing settings:${list}`);
  const configured = configuredConnections(settings, stack, env);
  const named = configured.filter((c) => connectionName.test(c));
  const meant = didYouMean(connection, named);
  return new ConfigError(
    `${backend} connection '${connection}' is not configured.${meant ? ` ${meant}` : ""} ` +
      `Configured ${backend} connections: ${configured.length > 0 ? configured.join(", ") : "none"}. Missing settings of '${connection}':${list}`,
  );
}

/**
 * Reads every setting, stack config before environment; fails once, listing everything missing and where to set it.
 * Secret values are registered for redaction as soon as they are read.
 */
export function readSettings<K extends string>(
  backend: string,
  settings: Settings<K>,
  stack: StackConfig,
  env: NodeJS.ProcessEnv = process.env,
  connection?: string,
): Record<K, string> {
  const problem = notConfigured(backend, settings, stack, env, connection);
  if (problem) throw problem;
  const values = {} as Record<K, string>;
  for (const [name, setting] of Object.entries(settings) as [K, Setting][]) {
    const value = readSetting(setting, stack, env, connection)!;
    if (setting.secret) registerSecret(value);
    values[name] = value;
  }
  return values;
}

function fromConnections(setting: Setting, stack: StackConfig, connection: string): string | undefined {
  const [backend, name] = setting.config.split(":") as [string, string];
  const value = connectionsObject(backend, stack)[connection]?.[name];
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** `<backend>:connections` from the stack config: an object of connections, each an object of settings. */
function connectionsObject(backend: string, stack: StackConfig): Record<string, Record<string, unknown>> {
  const raw = stack(`${backend}:connections`);
  if (raw === undefined) return {};
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    value = undefined;
  }
  if (!isPlainObject(value) || !Object.values(value).every(isPlainObject)) {
    throw new ConfigError(
      `${backend}:connections must be an object of connections, each an object of settings; set them one by one with ` +
        `\`pulumi config set --path ${backend}:connections.<name>.<setting> <value>\``,
    );
  }
  return value as Record<string, Record<string, unknown>>;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}
