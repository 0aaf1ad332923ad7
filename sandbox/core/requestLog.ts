// The ordered log of vendor requests that tests and demos read back through the admin API. Bounded: a sandbox that runs
// in CI for hours, or that is sent large bodies, keeps the newest `maxEntries` requests and at most `maxBodyBytes` of
// their bodies (a body is kept whole or not at all, and then described).
import type { Vendor } from "./vendor";

export interface LoggedRequest {
  /** 1-based arrival order. */
  seq: number;
  /** ISO time of arrival. */
  time: string;
  vendor: Vendor;
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  /** Parsed JSON or form body; the raw text when it did not parse; null when empty. */
  body: unknown;
  /** The status sent (or, for a dropped response, the one that would have been sent); null while in flight. */
  status: number | null;
  /** Faults applied to this request, e.g. "status:503", "latency:200", "dropResponseAfterCommit". */
  faults: string[];
}

/** The most requests the log keeps: the oldest go first. */
export const maxEntries = 20_000;
/** The most bytes of bodies the log keeps, and of one body. */
export const maxBodyBytes = 32 * 1024 * 1024;
export const maxOneBodyBytes = 64 * 1024;

export class RequestLog {
  private entries: LoggedRequest[] = [];
  private seq = 0;
  /** Bytes of the bodies kept (as JSON), by the entries still in the log. */
  private bodyBytes = 0;
  private readonly sizes = new WeakMap<LoggedRequest, number>();
  private waiters: { count: number; wake: () => void }[] = [];

  add(entry: Omit<LoggedRequest, "seq" | "time" | "status" | "faults">): LoggedRequest {
    const full: LoggedRequest = {
      seq: ++this.seq,
      time: new Date().toISOString(),
      vendor: entry.vendor,
      method: entry.method,
      path: entry.path,
      query: entry.query,
      body: entry.body,
      status: null,
      faults: [],
    };
    const size = entry.body === null || entry.body === undefined ? 0 : Buffer.byteLength(JSON.stringify(entry.body));
    if (size > maxOneBodyBytes || this.bodyBytes + size > maxBodyBytes) {
      full.body = `(a body of ${size} bytes, not kept: the log keeps bodies of up to ${maxOneBodyBytes} bytes, ${maxBodyBytes} in all)`;
    } else if (size > 0) {
      this.bodyBytes += size;
      this.sizes.set(full, size);
    }
    this.entries.push(full);
    while (this.entries.length > maxEntries) this.bodyBytes -= this.sizes.get(this.entries.shift()!) ?? 0;
    const due = this.waiters.filter((w) => this.seq >= w.count);
    this.waiters = this.waiters.filter((w) => !due.includes(w));
    for (const w of due) w.wake();
    return full;
  }

  /** Resolves once at least `count` requests have arrived since the log was last cleared (at once if they have), or when `signal` aborts. */
  waitFor(count: number, signal: AbortSignal): Promise<void> {
    if (this.seq >= count || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const waiter = {
        count,
        wake: () => {
          signal.removeEventListener("abort", abort);
          resolve();
        },
      };
      const abort = () => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve();
      };
      signal.addEventListener("abort", abort, { once: true });
      this.waiters.push(waiter);
    });
  }

  list(): LoggedRequest[] {
    return this.entries.map((e) => ({ ...e, faults: [...e.faults] }));
  }

  /** Empties the log; numbering starts again at 1. */
  clear(): void {
    this.entries = [];
    this.seq = 0;
    this.bodyBytes = 0;
  }
}
