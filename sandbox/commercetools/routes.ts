// HTTP routing for commercetools: /oauth/token, /{projectKey}/customer-groups[/{id} | /key={key}] and reading
// /{projectKey}/types[/{id} | /key={key}] (types are made through the admin API).
import { header, jsonResponse, parseJsonBody, type SandboxRequest, type SandboxResponse } from "../core/http";
import { uuid } from "../core/ids";
import { splitPath } from "../core/router";
import type { CtAuth, CtResource } from "./auth";
import { CtError, ctErrors } from "./errors";
import type { CtGroupStore, GroupRef } from "./groups";
import type { CtModifiedBy } from "./model";
import type { CtCustomerStore } from "./customers";
import type { TypeRegistry } from "./types";

/** What one project holds, as the router needs it. */
export interface CtProjectData {
  groups: CtGroupStore;
  types: TypeRegistry;
  customers: CtCustomerStore;
}

export function handleCommercetools(req: SandboxRequest, auth: CtAuth, projects: ReadonlyMap<string, CtProjectData>): SandboxResponse {
  if (req.path === "/oauth/token") return auth.issue(req);
  const segments = splitPath(req.path) ?? [];
  const projectKey = segments[0] ?? "";
  const correlation = { "x-correlation-id": header(req, "x-correlation-id") ?? `projects-${projectKey}-${uuid()}` };
  const write = req.method !== "GET" && req.method !== "HEAD";
  const resource: CtResource = segments[1] === "types" ? "types" : segments[1] === "customers" ? "customers" : "customer-groups";
  const token = auth.authorize(req, projectKey, write, resource);
  if (!("token" in token)) return { ...token, headers: { ...token.headers, ...correlation } };
  const by: CtModifiedBy = { clientId: token.clientId, isPlatformClient: false };
  try {
    // A token only ever names configured projects, so this holds after the check above.
    const project = projects.get(projectKey);
    if (!project) throw ctErrors.notFoundPath(req.path);
    if (resource === "types") return routeTypes(req, segments, project.types, correlation);
    if (resource === "customers") return routeCustomers(req, segments, project.customers, correlation);
    return route(req, segments, project.groups, by, correlation);
  } catch (err) {
    if (err instanceof CtError) return err.toResponse(correlation);
    throw err;
  }
}

function body(req: SandboxRequest): unknown {
  const parsed = parseJsonBody(req);
  if (!parsed.ok) throw ctErrors.invalidJson(parsed.error);
  return parsed.value;
}

/** Reading types, as the platform serves them; creating or changing one is the admin API's job here. */
function routeTypes(req: SandboxRequest, segments: string[], types: TypeRegistry, headers: Record<string, string>): SandboxResponse {
  if (segments.length > 3) throw ctErrors.notFoundPath(req.path);
  if (req.method !== "GET") throw ctErrors.methodNotAllowed(req.method);
  if (segments.length === 2) return jsonResponse(200, types.query(req.query), headers);
  const last = segments[2]!;
  return jsonResponse(200, types.getByRef(last.startsWith("key=") ? { key: last.slice("key=".length) } : { id: last }), headers);
}

/** Querying customers (to count a group's members); the rest of the Customers API is not served. */
function routeCustomers(req: SandboxRequest, segments: string[], customers: CtCustomerStore, headers: Record<string, string>): SandboxResponse {
  if (segments.length !== 2) throw ctErrors.notFoundPath(req.path);
  if (req.method !== "GET") throw ctErrors.methodNotAllowed(req.method);
  return jsonResponse(200, customers.query(req.query), headers);
}

function route(req: SandboxRequest, segments: string[], groups: CtGroupStore, by: CtModifiedBy, headers: Record<string, string>): SandboxResponse {
  if (segments[1] !== "customer-groups" || segments.length > 3) throw ctErrors.notFoundPath(req.path);
  if (segments.length === 2) {
    if (req.method === "GET") return jsonResponse(200, groups.query(req.query), headers);
    if (req.method === "POST") return jsonResponse(201, groups.create(body(req), by), headers);
    throw ctErrors.methodNotAllowed(req.method);
  }
  const last = segments[2]!;
  const ref: GroupRef = last.startsWith("key=") ? { key: last.slice("key=".length) } : { id: last };
  switch (req.method) {
    case "GET":
      return jsonResponse(200, groups.get(ref), headers);
    case "POST":
      return jsonResponse(200, groups.update(ref, body(req), by), headers);
    case "DELETE":
      return jsonResponse(200, groups.delete(ref, req.query), headers);
    default:
      throw ctErrors.methodNotAllowed(req.method);
  }
}
