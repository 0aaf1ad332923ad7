// Sandbox options and their defaults (also listed in sandbox/README.md).
import { parseRateLimit, type RateLimitOptions } from "./bigcommerce/rateLimit";
import { PERMISSIONS } from "./commercetools/auth";
import { systemClock, type SandboxClock } from "./core/clock";
import { parseThrottle, type ThrottleInput, type ThrottleOptions } from "./core/throttle";

export interface CommercetoolsOptions {
  projectKey: string;
  clientId: string;
  clientSecret: string;
  /** The API client's permissions (`manage_customer_groups`, `view_types`...; default: all, as `manage_project` grants). */
  permissions?: string[];
}

export interface BigCommerceOptions {
  storeHash: string;
  accessToken: string;
  rateLimit?: Partial<RateLimitOptions>;
}

export interface RevcentOptions {
  apiKey: string;
}

/** A vendor's load throttle (none by default): past `limit` requests per `windowMs`, the vendor's 429 or 503. */
export interface Throttled {
  throttle?: ThrottleInput;
}

export interface SandboxOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Load state from this JSON file at start and save it there after every change. */
  persistFile?: string;
  commercetools?: Partial<CommercetoolsOptions> & Throttled;
  bigcommerce?: Partial<BigCommerceOptions>;
  revcent?: Partial<RevcentOptions> & Throttled;
  /** In-process only: the clock of the rate-limit and throttle windows and of injected latencies (default: real time). */
  clock?: SandboxClock;
}

export interface ResolvedOptions {
  port: number;
  persistFile?: string;
  commercetools: CommercetoolsOptions;
  bigcommerce: BigCommerceOptions;
  revcent: RevcentOptions;
  /** The throttles the sandbox starts with (and returns to on reset). */
  throttles: { commercetools?: ThrottleOptions; revcent?: ThrottleOptions };
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
  const { throttle: ctThrottle, ...commercetools } = options.commercetools ?? {};
  const { throttle: rcThrottle, ...revcent } = options.revcent ?? {};
  const resolved: ResolvedOptions = {
    port: options.port ?? DEFAULTS.port,
    commercetools: { ...DEFAULTS.commercetools, ...commercetools },
    bigcommerce: { ...DEFAULTS.bigcommerce, ...options.bigcommerce },
    revcent: { ...DEFAULTS.revcent, ...revcent },
    throttles: {},
    clock: options.clock ?? systemClock,
  };
  if (ctThrottle !== undefined) resolved.throttles.commercetools = checkedThrottle("commercetools", ctThrottle, true);
  if (rcThrottle !== undefined) resolved.throttles.revcent = checkedThrottle("revcent", rcThrottle, false);
  if (options.persistFile !== undefined) resolved.persistFile = options.persistFile;
  if (RESERVED_PROJECT_KEYS.has(resolved.commercetools.projectKey)) {
    throw new Error(`projectKey '${resolved.commercetools.projectKey}' clashes with another sandbox path`);
  }
  if (!Number.isInteger(resolved.port) || resolved.port < 0 || resolved.port > 65535) throw new Error(`invalid port ${resolved.port}`);
  const unknownPermission = resolved.commercetools.permissions?.find((p) => !(PERMISSIONS as readonly string[]).includes(p));
  if (unknownPermission !== undefined) {
    throw new Error(`commercetools.permissions: '${unknownPermission}' is not one of ${PERMISSIONS.join(", ")}`);
  }
  if (resolved.bigcommerce.rateLimit !== undefined) {
    const rl = parseRateLimit(resolved.bigcommerce.rateLimit);
    if (typeof rl === "string") throw new Error(`bigcommerce.rateLimit: ${rl}`);
  }
  return resolved;
}

function checkedThrottle(vendor: string, input: unknown, withAuth: boolean): ThrottleOptions {
  const parsed = parseThrottle(input, withAuth);
  if (typeof parsed === "string") throw new Error(`${vendor}.throttle: ${parsed}`);
  return parsed;
}
