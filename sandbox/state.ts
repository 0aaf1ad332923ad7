// All vendor state of one sandbox, with the snapshot/load pair used by --persist and reset.
import { isPlainObject } from "./core/http";
import { Throttle } from "./core/throttle";
import { RateLimiter, type RateLimitOptions } from "./bigcommerce/rateLimit";
import { BcGroupStore, type BcSnapshot } from "./bigcommerce/groups";
import { CtAuth, type CtToken } from "./commercetools/auth";
import { CtGroupStore } from "./commercetools/groups";
import type { CtCustomerGroup } from "./commercetools/model";
import { TypeRegistry, type CtType } from "./commercetools/types";
import type { ResolvedOptions } from "./options";
import type { RcSnapshot } from "./revcent/model";
import { RcStore } from "./revcent/store";

export interface PersistedState {
  format: 1;
  commercetools: { groups: CtCustomerGroup[]; types: CtType[]; tokens: CtToken[] };
  bigcommerce: BcSnapshot;
  revcent: RcSnapshot;
}

export class SandboxState {
  readonly ctTypes = new TypeRegistry();
  readonly ctGroups = new CtGroupStore(this.ctTypes);
  readonly ctAuth: CtAuth;
  readonly bcGroups = new BcGroupStore();
  readonly bcLimiter: RateLimiter;
  readonly rc = new RcStore();
  /** Load throttles of commercetools and RevCent (none unless configured). */
  readonly ctThrottle: Throttle;
  readonly rcThrottle: Throttle;
  private readonly initialRateLimit: Partial<RateLimitOptions>;
  private readonly options: ResolvedOptions;

  constructor(options: ResolvedOptions) {
    const ct = options.commercetools;
    this.ctAuth = new CtAuth(ct.projectKey, ct.clientId, ct.clientSecret, ct.permissions);
    this.initialRateLimit = options.bigcommerce.rateLimit ?? {};
    const clock = options.clock;
    this.bcLimiter = new RateLimiter(this.initialRateLimit, () => clock.now());
    this.ctThrottle = new Throttle(options.throttles.commercetools, () => clock.now());
    this.rcThrottle = new Throttle(options.throttles.revcent, () => clock.now());
    this.options = options;
  }

  /** Back to a fresh sandbox: no groups, the seed type only, no tokens, the configured rate limit and throttles. */
  reset(): void {
    this.ctThrottle.configure(this.options.throttles.commercetools);
    this.rcThrottle.configure(this.options.throttles.revcent);
    this.ctTypes.reset();
    this.ctGroups.clear();
    this.ctAuth.revokeAll();
    this.bcGroups.clear();
    this.bcLimiter.configure(this.initialRateLimit);
    this.rc.clear();
  }

  snapshot(): PersistedState {
    return {
      format: 1,
      commercetools: { groups: this.ctGroups.list(), types: this.ctTypes.list(), tokens: this.ctAuth.snapshot() },
      bigcommerce: this.bcGroups.snapshot(),
      revcent: this.rc.snapshot(),
    };
  }

  load(input: unknown): void {
    if (!isPlainObject(input) || input.format !== 1) throw new Error("persisted state has an unknown format");
    const s = input as unknown as PersistedState;
    this.ctTypes.load(s.commercetools.types);
    this.ctGroups.load(s.commercetools.groups);
    this.ctAuth.load(s.commercetools.tokens);
    this.bcGroups.load(s.bigcommerce);
    this.rc.load(s.revcent);
  }
}
