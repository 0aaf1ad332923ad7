// Test helper: a clock that moves only when a test moves it, shared by the sandbox and the provider's rate limiter, so no test waits in real time.

export class FakeClock {
  private time: number;
  private timers: { at: number; wake: () => void }[] = [];
  private readonly watchers = new Set<() => void>();

  constructor(start = Date.UTC(2025, 0, 1)) {
    this.time = start;
  }

  /** Epoch milliseconds on this clock. */
  readonly now = (): number => this.time;

  /** Resolves once the clock has been moved `ms` ahead; never by itself. */
  readonly sleep = (ms: number): Promise<void> =>
    new Promise<void>((wake) => {
      this.timers.push({ at: this.time + Math.max(0, ms), wake });
      this.changed();
    });

  /** Sleeps not yet woken. */
  get sleepers(): number {
    return this.timers.length;
  }

  /** Moves the clock `ms` ahead and wakes every sleep that is due, earliest first. */
  advance(ms: number): void {
    this.time += ms;
    const due = this.timers.filter((t) => t.at <= this.time).sort((a, b) => a.at - b.at);
    this.timers = this.timers.filter((t) => t.at > this.time);
    for (const t of due) t.wake();
  }

  /** Moves the clock to the earliest pending wake-up (not back) and wakes what is due. */
  advanceToNextWakeUp(): void {
    if (this.timers.length === 0) return;
    const next = Math.min(...this.timers.map((t) => t.at));
    this.advance(Math.max(0, next - this.time));
  }

  /** Resolves when `condition` holds: checked now, after each new sleep and after each `poke`. */
  until(condition: () => boolean): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const check = () => {
        if (!condition()) return;
        this.watchers.delete(check);
        resolve();
      };
      this.watchers.add(check);
    });
  }

  /** Tells `until` to look again (something it depends on changed). */
  poke(): void {
    this.changed();
  }

  private changed(): void {
    for (const check of [...this.watchers]) check();
  }
}

/**
 * Runs `tasks` to the end, moving `clock` to its next wake-up whenever every unfinished task is asleep on it (none is
 * waiting for anything else, such as an HTTP answer). Every sleep on the clock must belong to one of the tasks.
 */
export async function settleOnClock<T>(clock: FakeClock, tasks: Promise<T>[]): Promise<T[]> {
  let unfinished = tasks.length;
  const all = Promise.all(
    tasks.map((task) =>
      task.finally(() => {
        unfinished--;
        clock.poke();
      }),
    ),
  );
  // Awaited below; a rejection must not count as unhandled while the other tasks run on.
  all.catch(() => undefined);
  while (unfinished > 0) {
    await clock.until(() => unfinished === 0 || clock.sleepers >= unfinished);
    if (unfinished > 0) clock.advanceToNextWakeUp();
  }
  return all;
}
