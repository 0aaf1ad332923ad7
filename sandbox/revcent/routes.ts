// HTTP routing for RevCent v2: GET /v2/customer_groups and GET /v2/customers behind the x-api-key header.
import { header, type SandboxRequest, type SandboxResponse } from "../core/http";
import { failure, successPage } from "./envelope";
import { filterCustomers, RcQueryError, readQuery } from "./query";
import type { RcStore } from "./store";

export interface RevcentConfig {
  apiKey: string;
}

export function handleRevcent(req: SandboxRequest, config: RevcentConfig, store: RcStore): SandboxResponse {
  if (header(req, "x-api-key") !== config.apiKey) return failure(401, "unauthorized", "Missing or invalid API key in the x-api-key header.");
  const known = req.path === "/v2/customer_groups" || req.path === "/v2/customers";
  if (!known) return failure(404, "not_found", `No operation at ${req.path}.`);
  if (req.method !== "GET") return failure(405, "method_not_allowed", `Use GET for ${req.path}.`);
  try {
    if (req.path === "/v2/customer_groups") {
      const q = readQuery("GetCustomerGroups", req.query);
      return successPage(store.listGroups(), q.page, q.limit);
    }
    const q = readQuery("GetCustomers", req.query);
    return successPage(filterCustomers(store.listCustomers(), q), q.page, q.limit);
  } catch (err) {
    if (err instanceof RcQueryError) return failure(400, "invalid_parameter", err.message);
    throw err;
  }
}
