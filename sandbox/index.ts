// The sandbox's programmatic API: start one in-process and drive it through the typed admin client.
import { SandboxClient } from "./client.js";
import { describeConfig } from "./admin/routes.js";
import { resolveOptions, type SandboxOptions } from "./options.js";
import { SandboxServer } from "./server.js";

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

export { connectSandbox, SandboxClient, SandboxAdminError } from "./client.js";
export type { BigCommerceAdmin, CommercetoolsAdmin, CtCustomerGroupDraft, RevcentAdmin } from "./client.js";
export type { AdminErrorBody, SandboxConfig } from "./admin/routes.js";
export { DEFAULTS } from "./options.js";
export type { BigCommerceOptions, CommercetoolsOptions, RevcentOptions, SandboxOptions } from "./options.js";
export type { ActiveFault, DropFault, FaultMatch, FaultRule, FaultStatus, LatencyFault, StatusFault } from "./core/faults.js";
export type { LoggedRequest } from "./core/request-log.js";
export type { Vendor } from "./core/vendor.js";
export type { CtCustomerGroup, CtGroupPatch, CtModifiedBy, CtPagedQueryResponse } from "./commercetools/model.js";
export type { CtCustomFields } from "./commercetools/custom-fields.js";
export type { CtFieldDefinition, CtFieldType, CtType, CtTypeDraft } from "./commercetools/types.js";
export type { BcCustomerGroup, BcDiscountRule } from "./bigcommerce/groups.js";
export type { BcCategoryAccess, BcDiscountRuleInput, BcGroupInput } from "./bigcommerce/schema.js";
export type { RateLimitOptions } from "./bigcommerce/rate-limit.js";
export type { RcCustomer, RcCustomerFields, RcCustomerGroup, RcCustomerGroupSeed, RcCustomerSeed, RcMetadata } from "./revcent/model.js";
export type { RevcentFailure, RevcentSuccess } from "./revcent/envelope.js";
