// BigCommerce's request quota, shared by every request to one store: slow down before it runs out instead of collecting 429s.

import { serverRequestedDelayMs } from "../http/backoff";
import type { Response } from "../http/transport";

export interface RateLimiterOptions {
  /** When this many requests or fewer are left in the window, later requests wait for the next window (default 0: use it all). */
  threshold?: number;
  /** How long a 429 that says nothing of when to come back holds the store's requests. */
  throttledMs?: number;
  /** Added to the server's reset time, so a request does not arrive just before the window turns. */
  marginMs?: number;
  /** Requests of the store in flight at once (default 20; the endpoints allow 40 concurrent requests). */
  maxInFlight?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Tracks the quota from the `X-Rate-Limit-*` headers of every response (`settle`, after each one: the Transport's gate)
 * and holds requests back (`acquire`, before each one) while the window is nearly spent.
 *
 * - Until the store has answered once, one request goes alone and the others wait for its answer, so that a burst of
 *   parallel resources does not spend the quota before anything is known.
 * - Each request sent counts against the estimate; the lowest figure the store reported in a window wins over later,
 *   out-of-order answers (the quota is also spent by the store's other apps, which only the store sees).
 * - When the window ends, the estimate starts again from `X-Rate-Limit-Requests-Quota`, and counts down from there: the
 *   first answers of the new window report what the store had counted when each arrived, not the requests still on
 *   their way, so they can only lower the estimate. An answer to a request sent in an earlier window says nothing of
 *   this one and is not read (a 429 still holds the requests: the store says its window has not turned).
 * - A 429 holds every request of the store until the window turns (or as long as the store asks): the requests wait
 *   once, together, and the throttled ones are retried through `acquire` like the others (the Transport's gate).
 * - The whole quota is used (threshold 0): the store's other apps spend it too, which only a 429 shows, and that is
 *   waited out as above.
 * - A store that sends no such headers is not limited by quota.
 * - At most `maxInFlight` requests of the store are out at once: the customer-groups endpoints allow 40 concurrent
 *   requests, and the store's other apps use some too.
 */
export class RateLimiter {
  readonly threshold: number;
  private readonly throttledMs: number;
  private readonly marginMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  /** Whether any answer has been seen yet. */
  private answered = false;
  /** The first request's wait for an answer, while it is out. */
  private probe: { done: Promise<void>; release: () => void } | undefined;
  /** Requests the current window still allows, as far as is known; undefined when the store does not say. */
  private left: number | undefined;
  /** The window's size, from `X-Rate-Limit-Requests-Quota`. */
  private quota: number | undefined;
  /** When the current window ends (epoch ms); 0 when unknown. */
  private resetAt = 0;
  private readonly maxInFlight: number;
  private inFlight = 0;
  /** The window requests are counted in, as far as this side knows: one more each time the window turns. */
  private window = 0;
  /** Requests waiting for one in flight to finish. */
  private waiting: (() => void)[] = [];

  constructor(options: RateLimiterOptions = {}) {
    this.threshold = options.threshold ?? 0;
    this.maxInFlight = options.maxInFlight ?? 20;
    this.throttledMs = options.throttledMs ?? 1000;
    this.marginMs = options.marginMs ?? 50;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? realSleep;
  }

  /**
   * Waits until the request about to be sent may go, and counts it; returns the window it is counted in. Call `settle`
   * with that when it has finished, whatever the outcome.
   */
  async acquire(): Promise<number> {
    for (;;) {
      if (this.inFlight >= this.maxInFlight) {
        await new Promise<void>((resolve) => this.waiting.push(resolve));
        continue;
      }
      if (!this.answered) {
        if (!this.probe) {
          let release = () => {};
          const done = new Promise<void>((resolve) => (release = resolve));
          this.probe = { done, release };
          this.inFlight++;
          return this.window;
        }
        await this.probe.done;
        continue;
      }
      const now = this.now();
      if (this.resetAt !== 0 && now >= this.resetAt) {
        // A new window: as much as the quota, when it is known.
        this.left = this.quota;
        this.resetAt = 0;
        this.window++;
      }
      if (this.left === undefined || this.left > this.threshold) {
        if (this.left !== undefined) this.left--;
        this.inFlight++;
        return this.window;
      }
      await this.sleep(Math.max(1, this.resetAt - now));
    }
  }

  /** Reads the quota headers of a response (any status) to a request counted in `window` (by default the current one). */
  observe(response: Pick<Response<unknown>, "status" | "headers">, window = this.window): void {
    this.answered = true;
    this.releaseProbe();
    // Sent before the window turned here: it tells how that window ended, which no longer matters.
    if (window < this.window && response.status !== 429) return;
    const h = response.headers;
    const left = intHeader(h["x-rate-limit-requests-left"]);
    const resetMs = intHeader(h["x-rate-limit-time-reset-ms"]);
    const quota = intHeader(h["x-rate-limit-requests-quota"]);
    if (quota !== undefined) this.quota = quota;
    const reported = response.status === 429 ? 0 : left;
    const now = this.now();
    if (response.status === 429 && resetMs === undefined) {
      // Throttled without the quota headers: hold every request of the store for as long as it asks, or a moment.
      this.left = 0;
      this.resetAt = Math.max(this.resetAt, now + (serverRequestedDelayMs(h, now) ?? this.throttledMs) + this.marginMs);
      return;
    }
    if (resetMs === undefined || reported === undefined) return;
    const resetAt = now + resetMs + this.marginMs;
    if (this.resetAt !== 0 && now < this.resetAt) {
      // Each answer bounds the window's end from above (it was measured before it arrived): the earliest bound is the best.
      this.left = Math.min(this.left ?? reported, reported);
      this.resetAt = Math.min(this.resetAt, resetAt);
    } else {
      // The first answer of a window: the requests counted since it turned here may not have reached the store yet.
      this.left = Math.min(this.left ?? reported, reported);
      this.resetAt = resetAt;
    }
  }

  /**
   * A request counted in `window` has finished: its answer is observed; without one (a network error), if it was the first
   * request, the next one goes in its place.
   */
  settle(window: number, response?: Pick<Response<unknown>, "status" | "headers">): void {
    if (response) this.observe(response, window);
    this.releaseProbe();
    if (this.inFlight > 0) this.inFlight--;
    this.waiting.shift()?.();
  }

  /** What the limiter believes now (for tests and diagnostics). */
  snapshot(): { left: number | undefined; resetAt: number } {
    return { left: this.left, resetAt: this.resetAt };
  }

  private releaseProbe(): void {
    const probe = this.probe;
    this.probe = undefined;
    probe?.release();
  }
}

function intHeader(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*\d+\s*$/.test(value)) return undefined;
  return Number(value);
}

// One limiter per store for the whole provider process: the engine runs many resources at once in it.
const limiters = new Map<string, RateLimiter>();

export function limiterFor(key: string, options?: RateLimiterOptions): RateLimiter {
  let limiter = limiters.get(key);
  if (!limiter) {
    limiter = new RateLimiter(options);
    limiters.set(key, limiter);
  }
  return limiter;
}
