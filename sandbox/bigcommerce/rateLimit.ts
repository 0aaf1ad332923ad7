// BigCommerce's per-window request quota and the X-Rate-Limit-* headers every response carries.

export interface RateLimitOptions {
  /** Requests allowed per window. */
  quota: number;
  windowMs: number;
}

/**
 * BigCommerce's quota for Standard and Plus stores: 150 requests per 30 s (20k per hour); Pro stores get 450, Enterprise
 * stores what their contract says. https://docs.bigcommerce.com/developer/docs/overview/api-fundamentals/rate-limits
 */
export const DEFAULT_RATE_LIMIT: RateLimitOptions = { quota: 150, windowMs: 30000 };

export class RateLimiter {
  private opts: RateLimitOptions;
  private windowStart: number | undefined;
  private used = 0;

  constructor(
    opts: Partial<RateLimitOptions> = {},
    private readonly now: () => number = Date.now,
  ) {
    this.opts = { ...DEFAULT_RATE_LIMIT, ...opts };
  }

  options(): RateLimitOptions {
    return { ...this.opts };
  }

  configure(opts: Partial<RateLimitOptions>): void {
    this.opts = { ...this.opts, ...opts };
    this.resetWindow();
  }

  /** Starts a fresh window at the next request, so tests need not wait windowMs. */
  resetWindow(): void {
    this.windowStart = undefined;
    this.used = 0;
  }

  /** Counts one request; false when the quota of the current window is spent. */
  consume(): boolean {
    this.roll();
    if (this.used >= this.opts.quota) return false;
    this.used++;
    return true;
  }

  headers(overrideResetMs?: number): Record<string, string> {
    this.roll();
    const start = this.windowStart ?? this.now();
    const resetMs = overrideResetMs ?? Math.max(0, start + this.opts.windowMs - this.now());
    return {
      "x-rate-limit-requests-quota": String(this.opts.quota),
      "x-rate-limit-requests-left": String(Math.max(0, this.opts.quota - this.used)),
      "x-rate-limit-time-window-ms": String(this.opts.windowMs),
      "x-rate-limit-time-reset-ms": String(resetMs),
    };
  }

  private roll(): void {
    const now = this.now();
    if (this.windowStart === undefined || now >= this.windowStart + this.opts.windowMs) {
      this.windowStart = now;
      this.used = 0;
    }
  }
}

/** Checks an untrusted {quota?, windowMs?}; returns an error message or the options. */
export function parseRateLimit(input: unknown): Partial<RateLimitOptions> | string {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return "rate limit must be an object";
  const { quota, windowMs, ...rest } = input as Record<string, unknown>;
  const extra = Object.keys(rest)[0];
  if (extra !== undefined) return `unknown rate limit field '${extra}'`;
  if (quota !== undefined && (!Number.isInteger(quota) || (quota as number) < 0)) return "quota must be an integer >= 0";
  if (windowMs !== undefined && (!Number.isInteger(windowMs) || (windowMs as number) < 1)) return "windowMs must be an integer >= 1";
  const out: Partial<RateLimitOptions> = {};
  if (quota !== undefined) out.quota = quota as number;
  if (windowMs !== undefined) out.windowMs = windowMs as number;
  return out;
}
