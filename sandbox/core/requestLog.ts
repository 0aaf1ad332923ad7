// The ordered log of vendor requests that tests and demos read back through the admin API.
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

export class RequestLog {
  private entries: LoggedRequest[] = [];
  private seq = 0;
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
    this.entries.push(full);
    const due = this.waiters.filter((w) => this.entries.length >= w.count);
    this.waiters = this.waiters.filter((w) => !due.includes(w));
    for (const w of due) w.wake();
    return full;
  }

  /** Resolves once the log holds at least `count` requests (at once if it does), or when `signal` aborts. */
  waitFor(count: number, signal: AbortSignal): Promise<void> {
    if (this.entries.length >= count || signal.aborted) return Promise.resolve();
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
  }
}
