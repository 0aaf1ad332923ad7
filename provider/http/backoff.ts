// How long to wait before retrying a request: the server's word first, else exponential backoff with full jitter.

export interface BackoffPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** First backoff step, in milliseconds; doubles each attempt. */
  baseDelayMs: number;
  /** Cap of one wait. */
  maxDelayMs: number;
  /** Give up when the next wait would end later than this after the first attempt. */
  maxElapsedMs: number;
}

export const defaultBackoff: BackoffPolicy = {
  maxAttempts: 6,
  baseDelayMs: 250,
  maxDelayMs: 20_000,
  maxElapsedMs: 60_000,
};

type HeaderValue = string | string[] | number | undefined | null;

function headerString(value: HeaderValue): string | undefined {
  if (value === undefined || value === null) return undefined;
  return Array.isArray(value) ? value[0] : String(value);
}

/**
 * The wait the server asked for, in milliseconds, from `Retry-After` (seconds or an HTTP date)
 * or BigCommerce's `X-Rate-Limit-Time-Reset-Ms`; undefined when it said nothing usable.
 */
export function serverRequestedDelayMs(headers: Record<string, HeaderValue>, now: number = Date.now()): number | undefined {
  const lower: Record<string, HeaderValue> = {};
  for (const [k, v] of Object.entries(headers)) lower[k.toLowerCase()] = v;
  const resetMs = headerString(lower["x-rate-limit-time-reset-ms"]);
  if (resetMs !== undefined && /^\d+$/.test(resetMs.trim())) return Number(resetMs);
  const retryAfter = headerString(lower["retry-after"]);
  if (retryAfter === undefined) return undefined;
  if (/^\d+(\.\d+)?$/.test(retryAfter.trim())) return Math.round(Number(retryAfter) * 1000);
  const date = Date.parse(retryAfter);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff with full jitter for the given (1-based) failed attempt. */
export function jitteredDelayMs(policy: BackoffPolicy, attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * The wait before the next attempt, or undefined when the policy says to stop.
 * A server-requested wait is honoured as given (plus a little jitter so parallel resources do not retry in lockstep).
 */
export function nextDelayMs(
  policy: BackoffPolicy,
  attempt: number,
  elapsedMs: number,
  serverDelayMs: number | undefined,
  random: () => number = Math.random,
): number | undefined {
  if (attempt >= policy.maxAttempts) return undefined;
  const delay =
    serverDelayMs !== undefined ? serverDelayMs + Math.round(random() * Math.min(1000, policy.baseDelayMs)) : jitteredDelayMs(policy, attempt, random);
  if (elapsedMs + delay > policy.maxElapsedMs) return undefined;
  return delay;
}
