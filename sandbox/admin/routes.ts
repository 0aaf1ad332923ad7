// The admin API under /__admin/: acting as a merchant in each vendor's admin UI, fault injection, the request log, reset.
import { BcError } from "../bigcommerce/format";
import { parseRateLimit } from "../bigcommerce/rateLimit";
import { CtError } from "../commercetools/errors";
import { parseFaultRule, type FaultSet } from "../core/faults";
import { parseThrottle, type Throttle } from "../core/throttle";
import { emptyResponse, isPlainObject, jsonResponse, parseJsonBody, type SandboxRequest, type SandboxResponse } from "../core/http";
import { matchPath, splitPath } from "../core/router";
import { RcSeedError } from "../revcent/store";
import type { RequestLog } from "../core/requestLog";
import type { ResolvedOptions } from "../options";
import type { SandboxState } from "../state";

/** What the admin API acts on: the server's state, log, faults and options (the server passes itself; declared here, so that neither imports the other). */
export interface AdminSubject {
  readonly state: SandboxState;
  readonly log: RequestLog;
  readonly faults: FaultSet;
  readonly options: ResolvedOptions;
  readonly url: string;
  /** Aborted when the server closes: ends what waits on the log. */
  readonly closingSignal: AbortSignal;
}

/** Body of every admin error. */
export interface AdminErrorBody {
  error: string;
  /** The vendor's own error objects, when the vendor logic refused the change. */
  details?: unknown;
}

class AdminError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function body(req: SandboxRequest): unknown {
  const parsed = parseJsonBody(req);
  if (!parsed.ok) throw new AdminError(400, `invalid JSON body: ${parsed.error}`);
  return parsed.value;
}

/** The most groups one bulk seed may make. */
const MAX_BULK = 10000;

/**
 * The items of a bulk seed body: `{groups: [...]}` as given, or `{count, namePrefix?, keyPrefix?}` numbered from 1
 * ("Group 1", "Group 2", ...), each made by `numbered`. `keyPrefix` only where the vendor has keys.
 */
function bulkItems(input: unknown, numbered: (n: number, name: string, key: string | undefined) => unknown, withKeys: boolean): unknown[] {
  if (!isPlainObject(input)) throw new AdminError(400, "a bulk seed must be a JSON object: {groups: [...]} or {count, namePrefix?}");
  const known = withKeys ? ["groups", "count", "namePrefix", "keyPrefix"] : ["groups", "count", "namePrefix"];
  const extra = Object.keys(input).find((k) => !known.includes(k));
  if (extra !== undefined) throw new AdminError(400, `unknown bulk seed field '${extra}'`);
  const { groups, count, namePrefix, keyPrefix } = input;
  if ((groups === undefined) === (count === undefined)) throw new AdminError(400, "a bulk seed needs exactly one of groups and count");
  if (groups !== undefined) {
    if (!Array.isArray(groups)) throw new AdminError(400, "groups must be an array");
    if (namePrefix !== undefined || keyPrefix !== undefined) throw new AdminError(400, "namePrefix and keyPrefix only go with count");
    if (groups.length > MAX_BULK) throw new AdminError(400, `at most ${MAX_BULK} groups at once`);
    return groups;
  }
  if (!Number.isInteger(count) || (count as number) < 1 || (count as number) > MAX_BULK)
    throw new AdminError(400, `count must be an integer from 1 to ${MAX_BULK}`);
  if (namePrefix !== undefined && typeof namePrefix !== "string") throw new AdminError(400, "namePrefix must be a string");
  if (keyPrefix !== undefined && typeof keyPrefix !== "string") throw new AdminError(400, "keyPrefix must be a string");
  const prefix = namePrefix ?? "Group ";
  return Array.from({ length: count as number }, (_, i) => numbered(i + 1, `${prefix}${i + 1}`, keyPrefix === undefined ? undefined : `${keyPrefix}${i + 1}`));
}

function fail(status: number, error: string, details?: unknown): SandboxResponse {
  const out: AdminErrorBody = { error };
  if (details !== undefined) out.details = details;
  return jsonResponse(status, out);
}

export function handleAdmin(req: SandboxRequest, server: AdminSubject): SandboxResponse | Promise<SandboxResponse> {
  try {
    return route(req, server);
  } catch (err) {
    if (err instanceof AdminError) return fail(err.status, err.message);
    if (err instanceof CtError) return fail(err.statusCode, err.message, err.errors);
    if (err instanceof BcError)
      return fail(
        err.status,
        err.messages.join(" "),
        err.messages.map((message) => ({ status: err.status, message })),
      );
    if (err instanceof RcSeedError) return fail(err.status, err.message, err.problems);
    throw err;
  }
}

function route(req: SandboxRequest, server: AdminSubject): SandboxResponse | Promise<SandboxResponse> {
  const seg = (splitPath(req.path) ?? []).slice(1);
  const is = (method: string, pattern: string): Record<string, string> | undefined => (req.method === method ? matchPath(pattern, seg) : undefined);
  const s = server.state;
  const ok = (value: unknown, status = 200) => jsonResponse(status, value);
  let m: Record<string, string> | undefined;

  if (is("GET", "/config")) return ok(describeConfig(server));
  if (is("POST", "/reset")) {
    s.reset();
    server.log.clear();
    server.faults.clear();
    return emptyResponse(204);
  }
  if (is("GET", "/requests")) {
    // ?atLeast=N answers once N requests have arrived: a test can wait for a request it cannot see answered (one held by latency).
    const atLeast = req.query.get("atLeast");
    if (atLeast === null) return ok(server.log.list());
    if (!/^[1-9]\d{0,5}$/.test(atLeast)) throw new AdminError(400, "atLeast must be an integer from 1 to 999999");
    return server.log.waitFor(Number(atLeast), server.closingSignal).then(() => ok(server.log.list()));
  }
  if (is("DELETE", "/requests")) {
    server.log.clear();
    return emptyResponse(204);
  }
  if (is("GET", "/faults")) return ok(server.faults.list());
  if (is("DELETE", "/faults")) {
    server.faults.clear();
    return emptyResponse(204);
  }
  if (is("POST", "/faults")) {
    const rule = parseFaultRule(body(req));
    if (typeof rule === "string") throw new AdminError(400, rule);
    return ok(server.faults.add(rule), 201);
  }

  // commercetools, scoped by project key like the real API.
  if (seg[0] === "commercetools") {
    const project = s.ctProjects.get(seg[1] ?? "");
    if (!project) throw new AdminError(404, `unknown project '${seg[1] ?? ""}' (this sandbox serves ${[...s.ctProjects.keys()].join(", ")})`);
    const ct = (pattern: string) => `/commercetools/${project.options.projectKey}${pattern}`;
    if (is("GET", ct("/customer-groups"))) return ok(project.groups.list());
    if (is("POST", ct("/customer-groups"))) return ok(project.groups.create(body(req), { isPlatformClient: true }), 201);
    if (is("POST", ct("/customer-groups/bulk"))) {
      const drafts = bulkItems(body(req), (_, groupName, key) => (key === undefined ? { groupName } : { groupName, key }), true);
      // As if created through the API by the project's own client.
      return ok(project.groups.createMany(drafts, { clientId: project.options.clientId, isPlatformClient: false }), 201);
    }
    if ((m = is("GET", ct("/customer-groups/:id")))) return ok(project.groups.get({ id: m.id! }));
    if ((m = is("PATCH", ct("/customer-groups/:id")))) return ok(project.groups.adminEdit(m.id!, body(req)));
    if ((m = is("DELETE", ct("/customer-groups/:id")))) return ok(project.groups.adminDelete(m.id!));
    if (is("GET", ct("/customers"))) return ok(project.customers.list());
    if (is("POST", ct("/customers"))) return ok(project.customers.seed(body(req)), 201);
    if (is("GET", ct("/types"))) return ok(project.types.list());
    if (is("POST", ct("/types"))) return ok(project.types.add(body(req)), 201);
    if (is("DELETE", ct("/tokens"))) {
      s.ctAuth.revokeAll(project.options.projectKey);
      return emptyResponse(204);
    }
    const ctThrottle = throttleRoute(req, is, ct("/throttle"), s.ctThrottle, true);
    if (ctThrottle) return ctThrottle;
  }

  // BigCommerce, scoped by store hash.
  if (seg[0] === "bigcommerce") {
    const store = s.bcStores.get(seg[1] ?? "");
    if (!store) throw new AdminError(404, `unknown store '${seg[1] ?? ""}' (this sandbox serves ${[...s.bcStores.keys()].join(", ")})`);
    const bc = (pattern: string) => `/bigcommerce/${store.options.storeHash}${pattern}`;
    const groups = store.groups;
    if (is("GET", bc("/customer-groups"))) return ok(groups.list());
    if (is("POST", bc("/customer-groups"))) return ok(groups.create(body(req)), 201);
    if (is("POST", bc("/customer-groups/bulk"))) return ok(groups.createMany(bulkItems(body(req), (_, name) => ({ name }), false)), 201);
    if ((m = is("GET", bc("/customer-groups/:id")))) return ok(groups.get(bcId(m.id!)));
    if ((m = is("PATCH", bc("/customer-groups/:id")))) return ok(groups.adminEdit(bcId(m.id!), body(req)));
    if ((m = is("DELETE", bc("/customer-groups/:id")))) {
      groups.delete(bcId(m.id!));
      return emptyResponse(204);
    }
    if (is("GET", bc("/customers"))) return ok(groups.customersIn(undefined));
    if (is("POST", bc("/customers"))) return ok(groups.seedCustomers(body(req)), 201);
    if (is("GET", bc("/rate-limit"))) return ok(store.limiter.options());
    if (is("PUT", bc("/rate-limit"))) {
      const rl = parseRateLimit(body(req));
      if (typeof rl === "string") throw new AdminError(400, rl);
      store.limiter.configure(rl);
      return ok(store.limiter.options());
    }
    if (is("POST", bc("/rate-limit/reset"))) {
      store.limiter.resetWindow();
      return emptyResponse(204);
    }
  }

  // RevCent: its v2 API is read-only, so data comes in here.
  if (is("GET", "/revcent/customer-groups")) return ok(s.rc.listGroups());
  if (is("POST", "/revcent/customer-groups")) return ok(s.rc.seedGroups(body(req)), 201);
  if ((m = is("PATCH", "/revcent/customer-groups/:id"))) return ok(s.rc.editGroup(m.id!, body(req)));
  if ((m = is("DELETE", "/revcent/customer-groups/:id"))) {
    s.rc.deleteGroup(m.id!);
    return emptyResponse(204);
  }
  const rcThrottle = throttleRoute(req, is, "/revcent/throttle", s.rcThrottle, false);
  if (rcThrottle) return rcThrottle;
  if (is("GET", "/revcent/customers")) return ok(s.rc.listCustomers());
  if (is("POST", "/revcent/customers")) return ok(s.rc.seedCustomers(body(req)), 201);

  throw new AdminError(404, `no admin route ${req.method} ${req.path}`);
}

/** GET (the throttle, or null), PUT (replace it, starting a new window) and DELETE (remove it) of a vendor's load throttle. */
function throttleRoute(
  req: SandboxRequest,
  is: (method: string, pattern: string) => Record<string, string> | undefined,
  path: string,
  throttle: Throttle,
  withAuth: boolean,
): SandboxResponse | undefined {
  if (is("GET", path)) return jsonResponse(200, throttle.options() ?? null);
  if (is("PUT", path)) {
    const parsed = parseThrottle(body(req), withAuth);
    if (typeof parsed === "string") throw new AdminError(400, parsed);
    throttle.configure(parsed);
    return jsonResponse(200, throttle.options());
  }
  if (is("DELETE", path)) {
    throttle.configure(undefined);
    return emptyResponse(204);
  }
  return undefined;
}

function bcId(raw: string): number {
  if (!/^[1-9]\d{0,9}$/.test(raw)) throw new AdminError(404, `no BigCommerce group '${raw}'`);
  return Number(raw);
}

/** What a client of the sandbox needs to configure a provider against one project. */
export interface SandboxProject {
  projectKey: string;
  clientId: string;
  clientSecret: string;
  apiUrl: string;
  authUrl: string;
}

/** What a client of the sandbox needs to configure a provider against one store. */
export interface SandboxStore {
  storeHash: string;
  accessToken: string;
  apiUrl: string;
}

/** What a client of the sandbox needs to configure a provider against it: the first project and store, and all of them. */
export interface SandboxConfig {
  url: string;
  /** What every admin request carries as `Authorization: Bearer <adminToken>`. */
  adminToken: string;
  commercetools: SandboxProject;
  bigcommerce: SandboxStore;
  revcent: { apiKey: string; apiUrl: string };
  projects: SandboxProject[];
  stores: SandboxStore[];
}

export function describeConfig(server: AdminSubject): SandboxConfig {
  const o = server.options;
  const url = server.url;
  const projects = o.projects.map(({ projectKey, clientId, clientSecret }) => ({ projectKey, clientId, clientSecret, apiUrl: url, authUrl: url }));
  const stores = o.stores.map(({ storeHash, accessToken }) => ({ storeHash, accessToken, apiUrl: `${url}/stores/${storeHash}/v2` }));
  return {
    url,
    adminToken: o.adminToken,
    commercetools: projects[0]!,
    bigcommerce: stores[0]!,
    revcent: { apiKey: o.revcent.apiKey, apiUrl: `${url}/v2` },
    projects,
    stores,
  };
}
