// All vendor state of one sandbox (every project and store), with the snapshot/load pair used by --persist and reset.
import { isPlainObject } from "./core/http";
import { Throttle } from "./core/throttle";
import { RateLimiter } from "./bigcommerce/rateLimit";
import { BcGroupStore, type BcSnapshot } from "./bigcommerce/groups";
import { CtAuth, type CtToken } from "./commercetools/auth";
import { CtCustomerStore, type CtCustomer } from "./commercetools/customers";
import { CtGroupStore } from "./commercetools/groups";
import type { CtCustomerGroup } from "./commercetools/model";
import { TypeRegistry, type CtType } from "./commercetools/types";
import type { BigCommerceOptions, CommercetoolsOptions, ResolvedOptions } from "./options";
import type { RcSnapshot } from "./revcent/model";
import { RcStore } from "./revcent/store";

interface CtProjectSnapshot {
  groups: CtCustomerGroup[];
  types: CtType[];
  /** Absent in files written before customers were served. */
  customers?: CtCustomer[];
}

/** Format 2 holds every project and store by key; format 1 (one of each) still loads, into the first. */
export interface PersistedState {
  format: 2;
  commercetools: { projects: Record<string, CtProjectSnapshot>; tokens: CtToken[] };
  bigcommerce: { stores: Record<string, BcSnapshot> };
  revcent: RcSnapshot;
}

interface PersistedStateV1 {
  format: 1;
  commercetools: CtProjectSnapshot & { tokens: CtToken[] };
  bigcommerce: BcSnapshot;
  revcent: RcSnapshot;
}

/** One commercetools project: its types and groups. */
export class CtProject {
  readonly types = new TypeRegistry();
  readonly customers = new CtCustomerStore();
  readonly groups: CtGroupStore;
  constructor(readonly options: CommercetoolsOptions) {
    this.groups = new CtGroupStore(this.types, options.maxGroups);
  }
}

/** One BigCommerce store: its groups and its request quota. */
export class BcStore {
  readonly groups = new BcGroupStore();
  readonly limiter: RateLimiter;
  constructor(
    readonly options: BigCommerceOptions,
    now: () => number,
  ) {
    this.limiter = new RateLimiter(options.rateLimit ?? {}, now);
  }
}

export class SandboxState {
  readonly ctProjects: ReadonlyMap<string, CtProject>;
  readonly ctAuth: CtAuth;
  readonly bcStores: ReadonlyMap<string, BcStore>;
  readonly rc = new RcStore();
  /** Load throttles of commercetools (every project) and RevCent (none unless configured). */
  readonly ctThrottle: Throttle;
  readonly rcThrottle: Throttle;
  private readonly options: ResolvedOptions;

  constructor(options: ResolvedOptions) {
    const clock = options.clock;
    this.ctProjects = new Map(options.projects.map((p) => [p.projectKey, new CtProject(p)]));
    this.ctAuth = new CtAuth(options.projects);
    this.bcStores = new Map(options.stores.map((s) => [s.storeHash, new BcStore(s, () => clock.now())]));
    this.ctThrottle = new Throttle(options.throttles.commercetools, () => clock.now());
    this.rcThrottle = new Throttle(options.throttles.revcent, () => clock.now());
    this.options = options;
  }

  /** The first store: its limiter answers for faults on paths of no configured store. */
  get firstStore(): BcStore {
    return this.bcStores.get(this.options.stores[0]!.storeHash)!;
  }

  /** Back to a fresh sandbox: no groups, the seed type only, no tokens, the configured rate limits and throttles. */
  reset(): void {
    this.ctThrottle.configure(this.options.throttles.commercetools);
    this.rcThrottle.configure(this.options.throttles.revcent);
    for (const project of this.ctProjects.values()) {
      project.types.reset();
      project.groups.clear();
      project.customers.clear();
    }
    this.ctAuth.revokeAll();
    for (const store of this.bcStores.values()) {
      store.groups.clear();
      store.limiter.configure(store.options.rateLimit ?? {});
    }
    this.rc.clear();
  }

  snapshot(): PersistedState {
    const projects = Object.fromEntries(
      [...this.ctProjects].map(([key, p]) => [key, { groups: p.groups.list(), types: p.types.list(), customers: p.customers.list() }]),
    );
    const stores = Object.fromEntries([...this.bcStores].map(([hash, s]) => [hash, s.groups.snapshot()]));
    return {
      format: 2,
      commercetools: { projects, tokens: this.ctAuth.snapshot() },
      bigcommerce: { stores },
      revcent: this.rc.snapshot(),
    };
  }

  /** Loads a snapshot; projects and stores the sandbox is not configured for are left out (they reappear when configured again). */
  load(input: unknown): void {
    if (!isPlainObject(input) || (input.format !== 1 && input.format !== 2)) throw new Error("persisted state has an unknown format");
    const s = input.format === 1 ? upgrade(input as unknown as PersistedStateV1, this.options) : (input as unknown as PersistedState);
    for (const [key, project] of this.ctProjects) {
      const saved = s.commercetools.projects[key];
      if (!saved) continue;
      project.types.load(saved.types);
      project.groups.load(saved.groups);
      project.customers.load(saved.customers);
    }
    this.ctAuth.load(s.commercetools.tokens);
    for (const [hash, store] of this.bcStores) {
      const saved = s.bigcommerce.stores[hash];
      if (saved) store.groups.load(saved);
    }
    this.rc.load(s.revcent);
  }
}

/** A format 1 file: its one project and one store are the first configured ones. */
function upgrade(v1: PersistedStateV1, options: ResolvedOptions): PersistedState {
  const { tokens, ...project } = v1.commercetools;
  return {
    format: 2,
    commercetools: { projects: { [options.projects[0]!.projectKey]: project }, tokens },
    bigcommerce: { stores: { [options.stores[0]!.storeHash]: v1.bigcommerce } },
    revcent: v1.revcent,
  };
}
