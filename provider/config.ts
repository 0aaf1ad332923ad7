// Where settings come from: the stack's config (as given to the provider's `configure`) first, then environment variables.

import { ConfigError } from "./errors";
import { registerSecret } from "./http/redact";

/** Reads one stack config value by its full key (`commercetools:clientId`). */
export type StackConfig = (key: string) => string | undefined;

export interface Setting {
  /** Stack config key, e.g. `commercetools:clientId`. */
  config: string;
  /** Environment variable, e.g. `CTP_CLIENT_ID`. */
  env: string;
  secret?: boolean;
  default?: string;
}

/**
 * Reads every setting, stack config before environment; fails once, listing everything missing and where to set it.
 * Secret values are registered for redaction as soon as they are read.
 */
export function readSettings<K extends string>(
  backend: string,
  settings: Record<K, Setting>,
  stack: StackConfig,
  env: NodeJS.ProcessEnv = process.env,
): Record<K, string> {
  const values = {} as Record<K, string>;
  const missing: string[] = [];
  for (const [name, setting] of Object.entries(settings) as [K, Setting][]) {
    const raw = readSetting(setting, stack, env);
    if (raw === undefined) {
      const how = setting.secret ? `pulumi config set --secret ${setting.config} <value>` : `pulumi config set ${setting.config} <value>`;
      missing.push(`${setting.config} (\`${how}\`, or the environment variable ${setting.env})`);
      continue;
    }
    if (setting.secret) registerSecret(raw);
    values[name] = raw;
  }
  if (missing.length > 0) {
    throw new ConfigError(`${backend} is not configured; missing: ${missing.join("; ")}`);
  }
  return values;
}

/** One setting's value: the stack config, else the environment variable, else the default; undefined when none is set. */
export function readSetting(setting: Setting, stack: StackConfig, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return stack(setting.config) ?? nonEmpty(env[setting.env]) ?? setting.default;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}
