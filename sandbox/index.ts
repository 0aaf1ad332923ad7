// The sandbox's programmatic API: start one in-process and drive it through the typed admin client.
import { SandboxClient } from "./client";
import { describeConfig } from "./admin/routes";
import { resolveOptions, type SandboxOptions } from "./options";
import { SandboxServer } from "./server";

export interface Sandbox extends SandboxClient {
  /** Stops listening and drops open connections; pending injected latencies end at once. */
  close(): Promise<void>;
}

class RunningSandbox extends SandboxClient implements Sandbox {
  constructor(private readonly server: SandboxServer) {
    super(describeConfig(server));
  }

  close(): Promise<void> {
    return this.server.close();
  }
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const server = new SandboxServer(resolveOptions(options));
  await server.listen();
  return new RunningSandbox(server);
}

export { connectSandbox, SandboxClient, SandboxAdminError } from "./client";
export type { BcBulkSeed, BigCommerceAdmin, CommercetoolsAdmin, CtBulkSeed, CtCustomerGroupDraft, RevcentAdmin } from "./client";
export type { AdminErrorBody, SandboxConfig, SandboxProject, SandboxStore } from "./admin/routes";
export { DEFAULTS } from "./options";
export type { BigCommerceOptions, CommercetoolsOptions, RevcentOptions, SandboxOptions, Throttled } from "./options";
export type { ThrottleInput, ThrottleOptions, ThrottleStatus } from "./core/throttle";
export type { ActiveFault, DropFault, FaultMatch, FaultRule, FaultStatus, LatencyFault, StatusFault } from "./core/faults";
export type { LoggedRequest } from "./core/requestLog";
export type { Vendor } from "./core/vendor";
export type { CtCustomerGroup, CtGroupPatch, CtModifiedBy, CtPagedQueryResponse } from "./commercetools/model";
export type { CtCustomFields } from "./commercetools/customFields";
export type { CtFieldDefinition, CtFieldType, CtType, CtTypeDraft } from "./commercetools/types";
export type { BcCustomer, BcCustomerGroup, BcDiscountRule } from "./bigcommerce/groups";
export type { CtCustomer } from "./commercetools/customers";
export type { BcCategoryAccess, BcDiscountRuleInput, BcGroupInput } from "./bigcommerce/schema";
export type { RateLimitOptions } from "./bigcommerce/rateLimit";
export { systemClock, type SandboxClock } from "./core/clock";
export type { RcCustomer, RcCustomerFields, RcCustomerGroup, RcCustomerGroupSeed, RcCustomerSeed, RcMetadata } from "./revcent/model";
export type { RevcentFailure, RevcentSuccess } from "./revcent/envelope";
