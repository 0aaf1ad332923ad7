// The sandbox's clock: the BigCommerce rate-limit window reads it and injected latencies wait on it; tests may pass a fake one.

export interface SandboxClock {
  /** Epoch milliseconds. */
  now(): number;
  /** Resolves after `ms` on this clock. `signal` aborts when the sandbox closes; the sandbox stops waiting then anyway. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

/** Real time. */
export const systemClock: SandboxClock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal.aborted) return resolve();
      const finish = () => {
        clearTimeout(timer);
        signal.removeEventListener("abort", finish);
        resolve();
      };
      const timer = setTimeout(finish, ms);
      signal.addEventListener("abort", finish, { once: true });
    }),
};
