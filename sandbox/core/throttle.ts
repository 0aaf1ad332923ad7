// A load throttle for commercetools and RevCent: past `limit` requests in a fixed window, the vendor's own 429 or 503.
import { isPlainObject } from "./http";

export const THROTTLE_STATUSES = [429, 503] as const;
export type ThrottleStatus = (typeof THROTTLE_STATUSES)[number];

export interface ThrottleOptions {
  /** Requests served per window; the ones past it are refused. 0 refuses every request. */
  limit: number;
  windowMs: number;
  /** 429 (too many requests) or 503 (overloaded); default 429. */
  status: ThrottleStatus;
  /** Sent as `Retry-After` on a refused request when given. */
  retryAfterSeconds?: number;
  /** commercetools only: whether `POST /oauth/token` counts (and is refused) too; default false. */
  includeAuth?: boolean;
}

/** A throttle as given: `status` defaults to 429. */
export type ThrottleInput = Omit<ThrottleOptions, "status"> & { status?: ThrottleStatus };

/**
 * Counts a vendor's requests in fixed windows on the sandbox's clock, like the BigCommerce quota: a window starts with
 * the first request after the previous one ended and lasts `windowMs`; a refused request does not count.
 */
export class Throttle {
  private opts: ThrottleOptions | undefined;
  private windowStart: number | undefined;
  private used = 0;

  constructor(
    opts: ThrottleOptions | undefined,
    private readonly now: () => number,
  ) {
    this.opts = opts === undefined ? undefined : { ...opts };
  }

  /** The throttle in force, or undefined when there is none. */
  options(): ThrottleOptions | undefined {
    return this.opts === undefined ? undefined : { ...this.opts };
  }

  /** Replaces the throttle (undefined removes it) and starts a new window. */
  configure(opts: ThrottleOptions | undefined): void {
    this.opts = opts === undefined ? undefined : { ...opts };
    this.windowStart = undefined;
    this.used = 0;
  }

  /** Counts one request; returns the throttle that refuses it, or undefined when it may be served. */
  take(isAuth: boolean): ThrottleOptions | undefined {
    const opts = this.opts;
    if (opts === undefined || (isAuth && !opts.includeAuth)) return undefined;
    const now = this.now();
    if (this.windowStart === undefined || now >= this.windowStart + opts.windowMs) {
      this.windowStart = now;
      this.used = 0;
    }
    if (this.used >= opts.limit) return { ...opts };
    this.used++;
    return undefined;
  }
}

/**
 * Checks an untrusted throttle (from the admin API or startSandbox options); returns an error message naming the field,
 * or the throttle with its defaults. `withAuth` says whether the vendor has an auth endpoint `includeAuth` can apply to.
 */
export function parseThrottle(input: unknown, withAuth: boolean): ThrottleOptions | string {
  if (!isPlainObject(input)) return "a throttle must be a JSON object: {limit, windowMs, status?, retryAfterSeconds?" + (withAuth ? ", includeAuth?}" : "}");
  const known = ["limit", "windowMs", "status", "retryAfterSeconds", ...(withAuth ? ["includeAuth"] : [])];
  for (const k of Object.keys(input)) {
    if (k === "includeAuth" && !withAuth) return "includeAuth applies to commercetools only (its OAuth token endpoint)";
    if (!known.includes(k)) return `unknown throttle field '${k}'`;
  }
  const { limit, windowMs, status, retryAfterSeconds, includeAuth } = input;
  if (limit === undefined || !Number.isInteger(limit) || (limit as number) < 0) return "limit must be an integer >= 0";
  if (windowMs === undefined || !Number.isInteger(windowMs) || (windowMs as number) < 1) return "windowMs must be an integer >= 1";
  if (status !== undefined && !THROTTLE_STATUSES.includes(status as ThrottleStatus)) return `status must be one of ${THROTTLE_STATUSES.join(", ")}`;
  if (retryAfterSeconds !== undefined && (!Number.isInteger(retryAfterSeconds) || (retryAfterSeconds as number) < 0)) {
    return "retryAfterSeconds must be an integer >= 0";
  }
  if (includeAuth !== undefined && typeof includeAuth !== "boolean") return "includeAuth must be true or false";
  const out: ThrottleOptions = { limit: limit as number, windowMs: windowMs as number, status: (status as ThrottleStatus | undefined) ?? 429 };
  if (retryAfterSeconds !== undefined) out.retryAfterSeconds = retryAfterSeconds as number;
  if (includeAuth !== undefined) out.includeAuth = includeAuth as boolean;
  return out;
}
