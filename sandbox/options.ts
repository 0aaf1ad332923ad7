// Sandbox options and their defaults (also listed in sandbox/README.md).
import { parseRateLimit, type RateLimitOptions } from "./bigcommerce/rateLimit";
import { systemClock, type SandboxClock } from "./core/clock";

export interface CommercetoolsOptions {
  projectKey: string;
  clientId: string;
  clientSecret: string;
}

export interface BigCommerceOptions {
  storeHash: string;
  accessToken: string;
  rateLimit?: Partial<RateLimitOptions>;
}

export interface RevcentOptions {
  apiKey: string;
}

export interface SandboxOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Load state from this JSON file at start and save it there after every change. */
  persistFile?: string;
  commercetools?: Partial<CommercetoolsOptions>;
  bigcommerce?: Partial<BigCommerceOptions>;
  revcent?: Partial<RevcentOptions>;
  /** In-process only: the clock of the BigCommerce rate-limit window and of injected latencies (default: real time). */
  clock?: SandboxClock;
}

export interface ResolvedOptions {
  port: number;
  persistFile?: string;
  commercetools: CommercetoolsOptions;
  bigcommerce: BigCommerceOptions;
  revcent: RevcentOptions;
  clock: SandboxClock;
}

export const DEFAULTS = {
  port: 0,
  cliPort: 8787,
  commercetools: { projectKey: "demo-project", clientId: "sandbox-client", clientSecret: "sandbox-secret" },
  bigcommerce: { storeHash: "sandbox", accessToken: "sandbox-token" },
  revcent: { apiKey: "sandbox-api-key" },
} as const;

/** Path segments that belong to other vendors or the admin API cannot be a commercetools project key. */
const RESERVED_PROJECT_KEYS = new Set(["stores", "v2", "oauth", "__admin"]);

export function resolveOptions(options: SandboxOptions = {}): ResolvedOptions {
  const resolved: ResolvedOptions = {
    port: options.port ?? DEFAULTS.port,
    commercetools: { ...DEFAULTS.commercetools, ...options.commercetools },
    bigcommerce: { ...DEFAULTS.bigcommerce, ...options.bigcommerce },
    revcent: { ...DEFAULTS.revcent, ...options.revcent },
    clock: options.clock ?? systemClock,
  };
  if (options.persistFile !== undefined) resolved.persistFile = options.persistFile;
  if (RESERVED_PROJECT_KEYS.has(resolved.commercetools.projectKey)) {
    throw new Error(`projectKey '${resolved.commercetools.projectKey}' clashes with another sandbox path`);
  }
  if (!Number.isInteger(resolved.port) || resolved.port < 0 || resolved.port > 65535) throw new Error(`invalid port ${resolved.port}`);
  if (resolved.bigcommerce.rateLimit !== undefined) {
    const rl = parseRateLimit(resolved.bigcommerce.rateLimit);
    if (typeof rl === "string") throw new Error(`bigcommerce.rateLimit: ${rl}`);
  }
  return resolved;
}
