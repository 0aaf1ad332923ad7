// HTTP routing for commercetools: /oauth/token and /{projectKey}/customer-groups[/{id} | /key={key}].
import { header, jsonResponse, parseJsonBody, type SandboxRequest, type SandboxResponse } from "../core/http";
import { uuid } from "../core/ids";
import { splitPath } from "../core/router";
import type { CtAuth } from "./auth";
import { CtError, ctErrors } from "./errors";
import type { CtGroupStore, GroupRef } from "./groups";
import type { CtModifiedBy } from "./model";

export function handleCommercetools(req: SandboxRequest, auth: CtAuth, groups: CtGroupStore): SandboxResponse {
  if (req.path === "/oauth/token") return auth.issue(req);
  const segments = splitPath(req.path) ?? [];
  const projectKey = segments[0] ?? "";
  const correlation = { "x-correlation-id": header(req, "x-correlation-id") ?? `projects-${projectKey}-${uuid()}` };
  const write = req.method !== "GET" && req.method !== "HEAD";
  const token = auth.authorize(req, projectKey, write);
  if (!("token" in token)) return { ...token, headers: { ...token.headers, ...correlation } };
  const by: CtModifiedBy = { clientId: token.clientId, isPlatformClient: false };
  try {
    return route(req, segments, groups, by, correlation);
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
