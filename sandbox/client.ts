// Typed client of the admin API, for in-process tests (startSandbox) and for a sandbox running in another process (connectSandbox).
import type { AdminErrorBody, SandboxConfig } from "./admin/routes";
import type { BcCustomer, BcCustomerGroup } from "./bigcommerce/groups";
import type { CtCustomer } from "./commercetools/customers";
import type { RateLimitOptions } from "./bigcommerce/rateLimit";
import type { BcGroupInput } from "./bigcommerce/schema";
import type { CtCustomerGroup, CtGroupPatch } from "./commercetools/model";
import type { CtType, CtTypeDraft } from "./commercetools/types";
import type { ActiveFault, FaultRule } from "./core/faults";
import type { LoggedRequest } from "./core/requestLog";
import type { ThrottleInput, ThrottleOptions } from "./core/throttle";
import type { RcCustomer, RcCustomerGroup, RcCustomerGroupSeed, RcCustomerSeed } from "./revcent/model";

/** A CustomerGroupDraft as the commercetools API takes it. */
export interface CtCustomerGroupDraft {
  groupName: string;
  key?: string;
  custom?: { type: { typeId?: "type"; id?: string; key?: string }; fields?: Record<string, unknown> };
}

/** A bulk seed: the groups themselves, or `count` groups named `${namePrefix}1`, `${namePrefix}2`, ... (default prefix "Group "). */
export type CtBulkSeed = CtCustomerGroupDraft[] | { count: number; namePrefix?: string; keyPrefix?: string };
export type BcBulkSeed = (BcGroupInput & { name: string })[] | { count: number; namePrefix?: string };

export class SandboxAdminError extends Error {
  constructor(
    readonly status: number,
    readonly body: AdminErrorBody | undefined,
  ) {
    super(`sandbox admin API answered ${status}: ${body?.error ?? "(no body)"}`);
  }
}

export interface CommercetoolsAdmin {
  groups(): Promise<CtCustomerGroup[]>;
  getGroup(id: string): Promise<CtCustomerGroup>;
  /** Creates a group as a merchant would (lastModifiedBy.isPlatformClient = true). */
  createGroup(draft: CtCustomerGroupDraft): Promise<CtCustomerGroup>;
  /** Creates many groups in one call, as the API would (createdBy the sandbox's client, version 1); all or nothing. */
  seedGroups(seed: CtBulkSeed): Promise<CtCustomerGroup[]>;
  /** Edits out of band; the version grows by 1. */
  editGroup(id: string, patch: CtGroupPatch): Promise<CtCustomerGroup>;
  /** Deletes without a version check. */
  deleteGroup(id: string): Promise<CtCustomerGroup>;
  types(): Promise<CtType[]>;
  addType(draft: CtTypeDraft): Promise<CtType>;
  customers(): Promise<CtCustomer[]>;
  /** Customers `{email, customerGroup?: {id}, customerGroupAssignments?: [{customerGroup: {id}}]}`, all or nothing. */
  seedCustomers(
    customers: { email: string; customerGroup?: { id: string }; customerGroupAssignments?: { customerGroup: { id: string } }[] }[],
  ): Promise<CtCustomer[]>;
  /** Invalidates the project's issued tokens, as when tokens expire. */
  revokeTokens(): Promise<void>;
  /** The load throttle in force, or null. */
  throttle(): Promise<ThrottleOptions | null>;
  /** Past `limit` requests per `windowMs`, answer 429 or 503 (TooManyRequests / ServiceUnavailable); starts a new window. */
  setThrottle(throttle: ThrottleInput): Promise<ThrottleOptions>;
  clearThrottle(): Promise<void>;
}

export interface BigCommerceAdmin {
  groups(): Promise<BcCustomerGroup[]>;
  getGroup(id: number): Promise<BcCustomerGroup>;
  createGroup(group: BcGroupInput & { name: string }): Promise<BcCustomerGroup>;
  /** Creates many groups in one call, as POST would (next ids, same checks); all or nothing. */
  seedGroups(seed: BcBulkSeed): Promise<BcCustomerGroup[]>;
  /** PUT semantics: discount_rules replaced as a whole when present. */
  editGroup(id: number, patch: BcGroupInput): Promise<BcCustomerGroup>;
  deleteGroup(id: number): Promise<void>;
  rateLimit(): Promise<RateLimitOptions>;
  /** Changes quota and/or window and starts a new window. */
  setRateLimit(options: Partial<RateLimitOptions>): Promise<RateLimitOptions>;
  /** Starts a new window now (the quota is fully available again). */
  resetRateLimitWindow(): Promise<void>;
  customers(): Promise<BcCustomer[]>;
  /** Customers `{email, customer_group_id}` (0: no group), all or nothing. */
  seedCustomers(customers: { email: string; customer_group_id: number }[]): Promise<BcCustomer[]>;
}

export interface RevcentAdmin {
  groups(): Promise<RcCustomerGroup[]>;
  customers(): Promise<RcCustomer[]>;
  seedGroups(groups: RcCustomerGroupSeed[]): Promise<RcCustomerGroup[]>;
  seedCustomers(customers: RcCustomerSeed[]): Promise<RcCustomer[]>;
  editGroup(id: string, patch: Partial<Omit<RcCustomerGroup, "id">>): Promise<RcCustomerGroup>;
  deleteGroup(id: string): Promise<void>;
  /** The load throttle in force, or null. */
  throttle(): Promise<ThrottleOptions | null>;
  /** Past `limit` requests per `windowMs`, answer 429 or 503 in the code 0 envelope; starts a new window. */
  setThrottle(throttle: Omit<ThrottleInput, "includeAuth">): Promise<ThrottleOptions>;
  clearThrottle(): Promise<void>;
}

export class SandboxClient {
  readonly commercetools: CommercetoolsAdmin;
  readonly bigcommerce: BigCommerceAdmin;
  readonly revcent: RevcentAdmin;

  constructor(readonly config: SandboxConfig) {
    this.commercetools = this.project(config.commercetools.projectKey);
    this.bigcommerce = this.store(config.bigcommerce.storeHash);
    const id = (v: string | number) => encodeURIComponent(String(v));
    this.revcent = {
      groups: () => this.call("GET", "/revcent/customer-groups"),
      customers: () => this.call("GET", "/revcent/customers"),
      seedGroups: (groups) => this.call("POST", "/revcent/customer-groups", groups),
      seedCustomers: (customers) => this.call("POST", "/revcent/customers", customers),
      editGroup: (g, patch) => this.call("PATCH", `/revcent/customer-groups/${id(g)}`, patch),
      deleteGroup: (g) => this.call("DELETE", `/revcent/customer-groups/${id(g)}`),
      throttle: () => this.call("GET", "/revcent/throttle"),
      setThrottle: (throttle) => this.call("PUT", "/revcent/throttle", throttle),
      clearThrottle: () => this.call("DELETE", "/revcent/throttle"),
    };
  }

  /** One commercetools project of the sandbox (`commercetools` is the first). */
  project(projectKey: string): CommercetoolsAdmin {
    const ct = (p: string) => `/commercetools/${encodeURIComponent(projectKey)}${p}`;
    const id = (v: string | number) => encodeURIComponent(String(v));
    return {
      groups: () => this.call("GET", ct("/customer-groups")),
      getGroup: (g) => this.call("GET", ct(`/customer-groups/${id(g)}`)),
      createGroup: (draft) => this.call("POST", ct("/customer-groups"), draft),
      seedGroups: (seed) => this.call("POST", ct("/customer-groups/bulk"), Array.isArray(seed) ? { groups: seed } : seed),
      editGroup: (g, patch) => this.call("PATCH", ct(`/customer-groups/${id(g)}`), patch),
      deleteGroup: (g) => this.call("DELETE", ct(`/customer-groups/${id(g)}`)),
      types: () => this.call("GET", ct("/types")),
      addType: (draft) => this.call("POST", ct("/types"), draft),
      customers: () => this.call("GET", ct("/customers")),
      seedCustomers: (customers) => this.call("POST", ct("/customers"), customers),
      revokeTokens: () => this.call("DELETE", ct("/tokens")),
      throttle: () => this.call("GET", ct("/throttle")),
      setThrottle: (throttle) => this.call("PUT", ct("/throttle"), throttle),
      clearThrottle: () => this.call("DELETE", ct("/throttle")),
    };
  }

  /** One BigCommerce store of the sandbox (`bigcommerce` is the first). */
  store(storeHash: string): BigCommerceAdmin {
    const bc = (p: string) => `/bigcommerce/${encodeURIComponent(storeHash)}${p}`;
    const id = (v: string | number) => encodeURIComponent(String(v));
    return {
      groups: () => this.call("GET", bc("/customer-groups")),
      getGroup: (g) => this.call("GET", bc(`/customer-groups/${id(g)}`)),
      createGroup: (group) => this.call("POST", bc("/customer-groups"), group),
      seedGroups: (seed) => this.call("POST", bc("/customer-groups/bulk"), Array.isArray(seed) ? { groups: seed } : seed),
      editGroup: (g, patch) => this.call("PATCH", bc(`/customer-groups/${id(g)}`), patch),
      deleteGroup: (g) => this.call("DELETE", bc(`/customer-groups/${id(g)}`)),
      rateLimit: () => this.call("GET", bc("/rate-limit")),
      setRateLimit: (options) => this.call("PUT", bc("/rate-limit"), options),
      resetRateLimitWindow: () => this.call("POST", bc("/rate-limit/reset")),
      customers: () => this.call("GET", bc("/customers")),
      seedCustomers: (customers) => this.call("POST", bc("/customers"), customers),
    };
  }

  get url(): string {
    return this.config.url;
  }

  /** Everything back to a fresh start: data, types, tokens, faults, the request log, the rate-limit window and the throttles as configured. */
  reset(): Promise<void> {
    return this.call("POST", "/reset");
  }

  /** The request log; with `atLeast`, answers only once that many requests have arrived (waiting as long as it takes). */
  requests(options: { atLeast?: number } = {}): Promise<LoggedRequest[]> {
    return this.call("GET", options.atLeast === undefined ? "/requests" : `/requests?atLeast=${options.atLeast}`);
  }

  clearRequests(): Promise<void> {
    return this.call("DELETE", "/requests");
  }

  injectFault(rule: FaultRule): Promise<ActiveFault> {
    return this.call("POST", "/faults", rule);
  }

  faults(): Promise<ActiveFault[]> {
    return this.call("GET", "/faults");
  }

  clearFaults(): Promise<void> {
    return this.call("DELETE", "/faults");
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.config.adminToken}` };
    const init: RequestInit = { method, headers };
    if (body !== undefined) {
      headers["content-type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    const res = await fetch(`${this.config.url}/__admin${path}`, init);
    const text = await res.text();
    const parsed = text === "" ? undefined : (JSON.parse(text) as unknown);
    if (!res.ok) throw new SandboxAdminError(res.status, parsed as AdminErrorBody | undefined);
    return parsed as T;
  }
}

/**
 * A client for a sandbox already running elsewhere (e.g. `npm run sandbox`), with the admin token it printed at start
 * (default the environment's SANDBOX_ADMIN_TOKEN).
 */
export async function connectSandbox(url: string, adminToken = process.env.SANDBOX_ADMIN_TOKEN ?? ""): Promise<SandboxClient> {
  const base = url.replace(/\/+$/, "");
  const res = await fetch(`${base}/__admin/config`, { headers: { authorization: `Bearer ${adminToken}` } });
  if (!res.ok) throw new SandboxAdminError(res.status, (await res.json().catch(() => undefined)) as AdminErrorBody | undefined);
  const config = (await res.json()) as SandboxConfig;
  return new SandboxClient({ ...config, url: base });
}
