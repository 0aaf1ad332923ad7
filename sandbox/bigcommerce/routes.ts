// HTTP routing for BigCommerce v2: /stores/{storeHash}/v2/customer_groups[/count | /{id}], behind X-Auth-Token and the rate limit.
import { emptyResponse, header, isJsonContentType, jsonResponse, parseJsonBody, type SandboxRequest, type SandboxResponse } from "../core/http";
import { matchPath, splitPath } from "../core/router";
import { BcError, bcError } from "./format";
import type { BcFilter, BcGroupStore } from "./groups";
import type { RateLimiter } from "./rateLimit";

/** One store, as the router needs it. */
export interface BcStoreData {
  options: { storeHash: string; accessToken: string };
  groups: BcGroupStore;
  limiter: RateLimiter;
}

const NOT_FOUND = "The requested resource was not found.";

/** The reference's 207 answer to a create whose store-wide discount was not stored. */
export const PARTIAL_CREATE_MESSAGE = "The customer group was created, but the sitewide discount update failed. You may retry the request.";

/** `partialCreate`: an injected 207 (see core/faults.ts). */
export function handleBigCommerce(req: SandboxRequest, stores: ReadonlyMap<string, BcStoreData>, partialCreate = false): SandboxResponse {
  const segments = splitPath(req.path) ?? [];
  const store = stores.get(segments[1] ?? "");
  // An unknown store still carries quota headers (the first store's), as every answer does.
  if (!store) return bcError(404, NOT_FOUND, stores.values().next().value?.limiter.headers());
  const { groups, limiter } = store;
  if (header(req, "x-auth-token") !== store.options.accessToken) {
    return bcError(401, "You are not authorized to access this resource. Check the X-Auth-Token header.", limiter.headers());
  }
  if (!limiter.consume()) {
    return bcError(429, "You have exceeded the request quota for this time window. Retry after X-Rate-Limit-Time-Reset-Ms.", limiter.headers());
  }
  let res: SandboxResponse;
  try {
    res = route(req, segments.slice(2), groups, partialCreate);
  } catch (err) {
    if (!(err instanceof BcError)) throw err;
    res = bcError(err.status, err.messages);
  }
  return { ...res, headers: { ...res.headers, ...limiter.headers() } };
}

/**
 * `GET /v3/customers` as far as groups need it: `customer_group_id:in` (comma-separated), `page`, `limit`, and the
 * answer's `meta.pagination.total`.
 */
function customers(req: SandboxRequest, groups: BcGroupStore): SandboxResponse {
  if (req.method !== "GET") throw methodNotAllowed(req.method);
  const raw = req.query.get("customer_group_id:in");
  const ids = raw === null ? undefined : raw.split(",").map((v) => v.trim());
  if (ids?.some((v) => !/^\d+$/.test(v))) throw new BcError(400, ["The filter 'customer_group_id:in' must list integers."]);
  const { page, limit } = paging(req.query);
  const all = groups.customersIn(ids?.map(Number));
  const data = all.slice((page - 1) * limit, page * limit);
  const totalPages = Math.ceil(all.length / limit);
  return jsonResponse(200, {
    data,
    meta: { pagination: { total: all.length, count: data.length, per_page: limit, current_page: page, total_pages: totalPages } },
  });
}

function route(req: SandboxRequest, segments: string[], groups: BcGroupStore, partialCreate: boolean): SandboxResponse {
  if (matchPath("/v3/customers", segments)) return customers(req, groups);
  if (matchPath("/v2/customer_groups", segments)) {
    switch (req.method) {
      case "GET": {
        const { page, limit } = paging(req.query);
        const all = groups.list(filter(req.query));
        const slice = all.slice((page - 1) * limit, page * limit);
        // v2 answers an empty collection with 204 and no body.
        return slice.length === 0 ? emptyResponse(204) : jsonResponse(200, slice);
      }
      case "POST":
        if (partialCreate) {
          groups.create(jsonBody(req), { withoutStoreWideRule: true });
          return jsonResponse(207, { status: 207, message: PARTIAL_CREATE_MESSAGE });
        }
        return jsonResponse(201, groups.create(jsonBody(req)));
      case "DELETE":
        groups.deleteWhere(filter(req.query));
        return emptyResponse(204);
      default:
        throw methodNotAllowed(req.method);
    }
  }
  if (matchPath("/v2/customer_groups/count", segments)) {
    if (req.method !== "GET") throw methodNotAllowed(req.method);
    return jsonResponse(200, { count: groups.list(filter(req.query)).length });
  }
  const m = matchPath("/v2/customer_groups/:id", segments);
  if (!m || !/^[1-9]\d{0,9}$/.test(m.id!)) throw new BcError(404, [NOT_FOUND]);
  const id = Number(m.id);
  switch (req.method) {
    case "GET":
      return jsonResponse(200, groups.get(id));
    case "PUT":
      return jsonResponse(200, groups.update(id, jsonBody(req)));
    case "DELETE":
      groups.delete(id);
      return emptyResponse(204);
    default:
      throw methodNotAllowed(req.method);
  }
}

function methodNotAllowed(method: string): BcError {
  return new BcError(405, [`The method '${method}' is not allowed on this resource.`]);
}

function jsonBody(req: SandboxRequest): unknown {
  if (!isJsonContentType(req)) throw new BcError(415, ["The request body must be JSON; set Content-Type: application/json."]);
  const parsed = parseJsonBody(req);
  if (!parsed.ok) throw new BcError(400, [`The request body is not valid JSON: ${parsed.error}`]);
  return parsed.value;
}

function paging(query: URLSearchParams): { page: number; limit: number } {
  const int = (name: string, fallback: number, max: number): number => {
    const raw = query.get(name);
    if (raw === null) return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > max) {
      throw new BcError(400, [`The filter '${name}' must be an integer between 1 and ${max}.`]);
    }
    return Number(raw);
  };
  return { page: int("page", 1, Number.MAX_SAFE_INTEGER), limit: int("limit", 50, 250) };
}

function filter(query: URLSearchParams): BcFilter {
  const out: BcFilter = {};
  const name = query.get("name");
  if (name !== null) out.name = name;
  for (const flag of ["is_default", "is_group_for_guests"] as const) {
    const value = query.get(flag);
    if (value === null) continue;
    if (!["true", "false", "1", "0"].includes(value)) throw new BcError(400, [`The filter '${flag}' must be true or false.`]);
    out[flag] = value === "true" || value === "1";
  }
  return out;
}
