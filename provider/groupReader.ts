// Reads of many groups at once, coalesced per connection: a refresh of N groups costs a few listing requests, not N GETs.
//
// The engine runs a refresh's reads a few at a time (`--parallel`, 4 per CPU by default) and sends the next one as soon as
// one returns. So coalescing only the reads that are pending together saves little: what saves requests is a snapshot of
// the whole store, taken once the reads turn out to come in numbers, that answers every read of that burst.
//
// - Lookups arriving within `gatherMs` of each other are sent together. A lone lookup costs one request (a GET by id,
//   by key, or a filtered list; a listing where the API has nothing else) and waits `gatherMs` at most.
// - Lookups that come one at a time but keep coming are a burst too: after `trickle` lone lookups in a row, each within
//   `idleMs` of the one before (the engine runs a few steps at once and starts the next as one ends, so updates of many
//   groups reach the provider one by one), the next one is answered by a listing, and so is the rest of the burst.
// - Two or more lookups together are a burst. The first batch of a burst becomes one query for exactly those values where
//   the API has one (commercetools `where=id in (…)`, chunked), else a listing of every group of the store (all pages).
//   Any later lookup of the burst (lookups `idleMs` apart at most) is answered by that listing, taken once.
// - A listing answers lookups for `maxAgeMs` at most after it started; the provider's own writes are applied to it, also those made while it runs. A lone
//   lookup outside a burst is never answered by an earlier listing (a later command of a test, a program that reads
//   once), and a lookup that must see the store as it is after some event (after a create whose answer was lost) asks
//   for a fresh answer and never gets an earlier listing.
// - A listing by page number can miss a group when another is deleted between two pages: where that can happen, a value
//   the listing does not hold is looked up on its own before it is reported as absent.

import { isAnswered } from "./http/errors";

export interface GroupSource<G> {
  /** The groups whose `field` is `value`, by the cheapest request for one; absent where the API can only list (RevCent). */
  one?(field: string, value: string): Promise<G[]>;
  /** The groups whose `field` is one of `values`, by one query; absent where the API has no such query. */
  some?(field: string, values: string[]): Promise<G[]>;
  /** `values` split into the chunks `some` can send in one request (URL length, page size). */
  chunks?(field: string, values: string[]): string[][];
  /** Every group of the store, all pages. */
  all(): Promise<G[]>;
  /** A group's value of `field` (`id`, `key`, `name`, …), as lookups name it. */
  valueOf(group: G, field: string): string | undefined;
  /** Whether a listing can miss a group that exists, so that a miss must be confirmed on its own. */
  listingMayMiss: boolean;
}

export interface GroupReaderOptions {
  /** How long the first lookup waits for others to join it. */
  gatherMs?: number;
  /** A snapshot answers lookups only while they arrive at most this far apart. */
  idleMs?: number;
  /** ... and for at most this long after the listing started. */
  maxAgeMs?: number;
  /** Lone lookups in a row (each within `idleMs` of the one before) that are sent on their own before a listing answers the rest. */
  trickle?: number;
  now?: () => number;
}

export const defaultReaderOptions = { gatherMs: 10, idleMs: 2_000, maxAgeMs: 60_000, trickle: 4 };

/** The field of a lookup that asks for every group. */
const everyGroup = "";

interface Lookup<G> {
  field: string;
  value: string;
  fresh: boolean;
  resolve(groups: G[]): void;
  reject(e: unknown): void;
}

interface Snapshot<G> {
  startedAt: number;
  lastUsedAt: number;
  /** Every group, by id; set once the listing has finished. */
  groups?: Map<string, G>;
  /** The provider's writes made while the listing ran, applied to it when it is done. */
  writes: ((groups: Map<string, G>) => void)[];
  done: Promise<void>;
  failed: boolean;
}

export class GroupReader<G> {
  private readonly gatherMs: number;
  private readonly idleMs: number;
  private readonly maxAgeMs: number;
  private readonly trickle: number;
  private readonly now: () => number;
  private pending: Lookup<G>[] = [];
  private timer: NodeJS.Timeout | undefined;
  private snapshot: Snapshot<G> | undefined;
  /** When the burst was last fed: a batch of two or more lookups, or a lookup the burst's listing answered. */
  private lastBurstAt = Number.NEGATIVE_INFINITY;
  /** The lone lookups in a row so far, each within `idleMs` of the one before, and when the last one came. */
  private lones = 0;
  private lastLoneAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly source: GroupSource<G>,
    options: GroupReaderOptions = {},
  ) {
    this.gatherMs = options.gatherMs ?? defaultReaderOptions.gatherMs;
    this.idleMs = options.idleMs ?? defaultReaderOptions.idleMs;
    this.maxAgeMs = options.maxAgeMs ?? defaultReaderOptions.maxAgeMs;
    this.trickle = options.trickle ?? defaultReaderOptions.trickle;
    this.now = options.now ?? Date.now;
  }

  /** The group with this id, or undefined. */
  async byId(id: string, fresh = false): Promise<G | undefined> {
    return (await this.lookup("id", id, fresh))[0];
  }

  /**
   * The groups whose `field` is `value` (several only where the store allows repeats, as RevCent's names).
   * `fresh`: answered by a request sent after this call, never by an earlier snapshot.
   */
  async lookup(field: string, value: string, fresh = false): Promise<G[]> {
    // During a burst, or while a listing is under way, the listing answers at once (and the burst goes on).
    const snapshot = fresh ? undefined : (this.listingUnderWay() ?? (this.inBurst() ? this.usableSnapshot() : undefined));
    if (snapshot) {
      if (this.inBurst()) this.lastBurstAt = this.now();
      return this.fromSnapshot(snapshot, field, [value]).then((found) => found.get(value) ?? []);
    }
    return new Promise<G[]>((resolve, reject) => {
      this.pending.push({ field, value, fresh, resolve, reject });
      this.timer ??= setTimeout(() => this.flush(), this.gatherMs);
    });
  }

  /** Every group, from a listing: the one of the burst, else a new one (shared by every caller until it is done). */
  all(fresh = false): Promise<G[]> {
    return this.lookup(everyGroup, "", fresh);
  }

  /**
   * Sends the provider's own write and applies its outcome to the snapshot: the group it answers (a create, an update) is
   * held as written; `deletes` names the group a delete removes. A write that may or may not have happened (no answer,
   * a 5xx) makes the snapshot unusable.
   */
  async written<T>(write: Promise<T>, deletes?: string): Promise<T> {
    try {
      const answer = await write;
      if (deletes !== undefined) this.patch((groups) => groups.delete(deletes));
      else this.wrote(answer as G);
      return answer;
    } catch (e) {
      if (!(isAnswered(e) && e.status < 500)) this.forget();
      throw e;
    }
  }

  /** The provider wrote this group (created or changed it): a snapshot holds it as written. */
  private wrote(group: G): void {
    const id = this.source.valueOf(group, "id");
    if (id !== undefined) this.patch((groups) => groups.set(id, group));
  }

  /** A write whose outcome is unknown: no snapshot can be trusted any more. */
  private forget(): void {
    this.snapshot = undefined;
  }

  /**
   * Applies a write to the snapshot. A listing still under way may have read the group before or after the write: the
   * write is applied when it is done, so that the group is as the provider last wrote it.
   */
  private patch(change: (groups: Map<string, G>) => void): void {
    if (!this.snapshot) return;
    if (this.snapshot.groups) change(this.snapshot.groups);
    else this.snapshot.writes.push(change);
  }

  private inBurst(): boolean {
    return this.now() - this.lastBurstAt < this.idleMs;
  }

  private listingUnderWay(): Snapshot<G> | undefined {
    return this.snapshot && !this.snapshot.groups && !this.snapshot.failed ? this.snapshot : undefined;
  }

  private usableSnapshot(): Snapshot<G> | undefined {
    const s = this.snapshot;
    if (!s || s.failed) return undefined;
    const now = this.now();
    if (s.groups && (now - s.startedAt >= this.maxAgeMs || now - s.lastUsedAt >= this.idleMs)) {
      this.snapshot = undefined;
      return undefined;
    }
    s.lastUsedAt = now;
    return s;
  }

  private takeSnapshot(): Snapshot<G> {
    const startedAt = this.now();
    const snapshot: Snapshot<G> = { startedAt, lastUsedAt: startedAt, failed: false, writes: [], done: Promise.resolve() };
    snapshot.done = this.source.all().then(
      (groups) => {
        const byId = new Map<string, G>();
        for (const g of groups) {
          // A group seen twice (pages shifted under the listing) counts as seen last.
          const id = this.source.valueOf(g, "id");
          if (id !== undefined) byId.set(id, g);
        }
        for (const write of snapshot.writes) write(byId);
        snapshot.groups = byId;
        snapshot.lastUsedAt = this.now();
      },
      (e: unknown) => {
        snapshot.failed = true;
        if (this.snapshot === snapshot) this.snapshot = undefined;
        throw e;
      },
    );
    // Its waiters see the failure; a listing nobody awaits any more must not fail the process.
    snapshot.done.catch(() => undefined);
    this.snapshot = snapshot;
    return snapshot;
  }

  /** The groups the snapshot holds for each value; values it misses are looked up on their own where a listing can miss. */
  private async fromSnapshot(snapshot: Snapshot<G>, field: string, values: string[]): Promise<Map<string, G[]>> {
    await snapshot.done;
    if (field === everyGroup) return new Map([["", [...snapshot.groups!.values()]]]);
    const found = new Map<string, G[]>(values.map((v) => [v, []]));
    for (const g of snapshot.groups!.values()) {
      const value = this.source.valueOf(g, field);
      if (value !== undefined) found.get(value)?.push(g);
    }
    if (this.source.listingMayMiss && this.source.one) {
      const one = this.source.one.bind(this.source);
      await Promise.all(values.filter((v) => found.get(v)!.length === 0).map(async (v) => found.set(v, await one(field, v))));
    }
    return found;
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = [];
    this.timer = undefined;
    const now = this.now();
    let burst = this.inBurst();
    if (batch.length > 1) this.lastBurstAt = now;
    else if (!batch[0]!.fresh) {
      // One more lookup of a trickle (or the first of one): past `trickle` of them, a listing answers it and the rest.
      this.lones = now - this.lastLoneAt < this.idleMs ? this.lones + 1 : 1;
      this.lastLoneAt = now;
      if (this.lones > this.trickle) {
        this.lastBurstAt = now;
        burst = true;
      }
    }
    // A burst that goes on (or a listing under way) is answered by one listing; else the cheapest request for the batch.
    let snapshot = this.listingUnderWay() ?? (burst ? (this.usableSnapshot() ?? this.takeSnapshot()) : undefined);
    const listing = () => (snapshot ??= this.takeSnapshot());
    this.answer(
      batch.filter((l) => !l.fresh),
      () => snapshot,
      listing,
    );
    // A fresh lookup never gets a listing started before it was made: a new request answers it.
    let freshListing: Snapshot<G> | undefined;
    this.answer(
      batch.filter((l) => l.fresh),
      () => freshListing,
      () => (freshListing ??= this.takeSnapshot()),
    );
  }

  /** Answers lookups: from `current()` when there is one, else by one GET, one query per chunk, or `listing()`. */
  private answer(batch: Lookup<G>[], current: () => Snapshot<G> | undefined, listing: () => Snapshot<G>): void {
    const byField = new Map<string, Map<string, Lookup<G>[]>>();
    for (const l of batch) {
      const values = byField.get(l.field) ?? new Map<string, Lookup<G>[]>();
      values.set(l.value, [...(values.get(l.value) ?? []), l]);
      byField.set(l.field, values);
    }
    const distinct = [...byField.values()].reduce((n, values) => n + values.size, 0);
    const settle = (lookups: Lookup<G>[], answer: Promise<G[]>) =>
      answer.then(
        (groups) => lookups.forEach((l) => l.resolve(groups)),
        (e: unknown) => lookups.forEach((l) => l.reject(e)),
      );
    const one = this.source.one?.bind(this.source);
    const some = this.source.some?.bind(this.source);
    for (const [field, values] of byField) {
      if (!current() && field !== everyGroup && distinct === 1 && one) {
        const [[value, lookups]] = [...values];
        void settle(lookups, one(field, value));
      } else if (!current() && field !== everyGroup && distinct > 1 && some) {
        for (const chunk of this.source.chunks?.(field, [...values.keys()]) ?? [[...values.keys()]]) {
          // Each chunk answers its own lookups: a chunk that fails fails only them.
          const answer = some(field, chunk);
          for (const value of chunk) {
            void settle(
              values.get(value)!,
              answer.then((groups) => groups.filter((g) => this.source.valueOf(g, field) === value)),
            );
          }
        }
      } else {
        const answers = this.fromSnapshot(current() ?? listing(), field, [...values.keys()]);
        for (const [value, lookups] of values)
          void settle(
            lookups,
            answers.then((found) => found.get(value) ?? []),
          );
      }
    }
  }
}
