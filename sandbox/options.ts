// Sandbox options and their defaults (also listed in sandbox/README.md).
import { randomBytes } from "node:crypto";
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
  /** The project's limit on customer groups (default 10,000, the platform's since May 2024; commercetools changes it per project on request). */
  maxGroups?: number;
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
  /** The first commercetools project (the admin client's `commercetools`); the throttle applies to every project. */
  commercetools?: Partial<CommercetoolsOptions> & Throttled;
  /** More commercetools projects on the same URL; credentials left out are the first project's. */
  projects?: (Partial<CommercetoolsOptions> & { projectKey: string })[];
  /** The first BigCommerce store (the admin client's `bigcommerce`). */
  bigcommerce?: Partial<BigCommerceOptions>;
  /** More BigCommerce stores; an access token or rate limit left out is the first store's. */
  stores?: (Partial<BigCommerceOptions> & { storeHash: string })[];
  revcent?: Partial<RevcentOptions> & Throttled;
  /**
   * The token every admin request must carry (`Authorization: Bearer <token>`); default a random one, made at start.
   * The admin API can change every store and reads the credentials: nothing but the sandbox's user may call it.
   */
  adminToken?: string;
  /** In-process only: the clock of the rate-limit and throttle windows and of injected latencies (default: real time). */
  clock?: SandboxClock;
}

export interface ResolvedOptions {
  port: number;
  persistFile?: string;
  /** Every commercetools project, the first one first. */
  projects: CommercetoolsOptions[];
  /** Every BigCommerce store, the first one first. */
  stores: BigCommerceOptions[];
  revcent: RevcentOptions;
  /** The throttles the sandbox starts with (and returns to on reset). */
  throttles: { commercetools?: ThrottleOptions; revcent?: ThrottleOptions };
  clock: SandboxClock;
  adminToken: string;
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
  const first: CommercetoolsOptions = { ...DEFAULTS.commercetools, ...commercetools };
  const firstStore: BigCommerceOptions = { ...DEFAULTS.bigcommerce, ...options.bigcommerce };
  const resolved: ResolvedOptions = {
    port: options.port ?? DEFAULTS.port,
    projects: [first, ...(options.projects ?? []).map((p) => ({ ...first, ...p }))],
    stores: [firstStore, ...(options.stores ?? []).map((s) => ({ ...firstStore, ...s }))],
    revcent: { ...DEFAULTS.revcent, ...revcent },
    throttles: {},
    clock: options.clock ?? systemClock,
    adminToken: options.adminToken ?? randomBytes(24).toString("base64url"),
  };
  if (!/^[A-Za-z0-9._~-]{16,256}$/.test(resolved.adminToken)) {
    throw new Error("adminToken: 16 to 256 characters of A-Z, a-z, 0-9, '.', '_', '~' and '-'");
  }
  if (ctThrottle !== undefined) resolved.throttles.commercetools = checkedThrottle("commercetools", ctThrottle, true);
  if (rcThrottle !== undefined) resolved.throttles.revcent = checkedThrottle("revcent", rcThrottle, false);
  if (options.persistFile !== undefined) resolved.persistFile = options.persistFile;
  for (const { projectKey } of resolved.projects) {
    if (RESERVED_PROJECT_KEYS.has(projectKey)) throw new Error(`projectKey '${projectKey}' clashes with another sandbox path`);
    if (!/^[a-z0-9-]{2,36}$/.test(projectKey)) throw new Error(`projectKey '${projectKey}': 2 to 36 characters of a-z, 0-9 and -, as the platform allows`);
  }
  const twice = (values: string[]) => values.find((v, i) => values.indexOf(v) !== i);
  const project = twice(resolved.projects.map((p) => p.projectKey));
  if (project !== undefined) throw new Error(`projectKey '${project}' is given twice`);
  for (const { storeHash } of resolved.stores) {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(storeHash)) throw new Error(`storeHash '${storeHash}': 1 to 64 letters, digits, - and _ (a path segment of the API)`);
  }
  const store = twice(resolved.stores.map((s) => s.storeHash));
  if (store !== undefined) throw new Error(`storeHash '${store}' is given twice`);
  if (!Number.isInteger(resolved.port) || resolved.port < 0 || resolved.port > 65535) throw new Error(`invalid port ${resolved.port}`);
  const unknownPermission = resolved.projects.flatMap((p) => p.permissions ?? []).find((p) => !(PERMISSIONS as readonly string[]).includes(p));
  if (unknownPermission !== undefined) {
    throw new Error(`commercetools.permissions: '${unknownPermission}' is not one of ${PERMISSIONS.join(", ")}`);
  }
  for (const { storeHash, rateLimit } of resolved.stores) {
    const rl = rateLimit === undefined ? undefined : parseRateLimit(rateLimit);
    if (typeof rl === "string") throw new Error(`bigcommerce store '${storeHash}' rateLimit: ${rl}`);
  }
  return resolved;
}

function checkedThrottle(vendor: string, input: unknown, withAuth: boolean): ThrottleOptions {
  const parsed = parseThrottle(input, withAuth);
  if (typeof parsed === "string") throw new Error(`${vendor}.throttle: ${parsed}`);
  return parsed;
}
