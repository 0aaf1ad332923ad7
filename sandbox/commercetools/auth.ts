// commercetools OAuth: the client-credentials token endpoint and the bearer-token check in front of the project API.
import { header, jsonResponse, type SandboxRequest, type SandboxResponse } from "../core/http";
import { opaqueToken } from "../core/ids";
import { authErrorResponse } from "./errors";

export interface CtToken {
  token: string;
  clientId: string;
  scopes: string[];
  /** Epoch ms. */
  expiresAt: number;
}

/** Two days, as the real auth server grants. */
const TOKEN_LIFETIME_S = 172800;

export const PERMISSIONS = [
  "manage_project",
  "view_customers",
  "manage_customers",
  "view_customer_groups",
  "manage_customer_groups",
  "view_types",
  "manage_types",
] as const;

/** The API's resources the sandbox serves. */
export type CtResource = "customer-groups" | "types" | "customers";

/** The scopes that grant reading and writing each resource; a manage_ scope implies the matching view_ scope, as on the platform. */
const ACCESS: Record<CtResource, { read: ReadonlySet<string>; write: ReadonlySet<string>; view: string; manage: string }> = {
  "customer-groups": {
    read: new Set(["manage_project", "view_customers", "manage_customers", "view_customer_groups", "manage_customer_groups"]),
    write: new Set(["manage_project", "manage_customers", "manage_customer_groups"]),
    view: "view_customer_groups",
    manage: "manage_customer_groups",
  },
  customers: {
    read: new Set(["manage_project", "view_customers", "manage_customers"]),
    write: new Set(["manage_project", "manage_customers"]),
    view: "view_customers",
    manage: "manage_customers",
  },
  types: {
    read: new Set(["manage_project", "view_types", "manage_types"]),
    write: new Set(["manage_project", "manage_types"]),
    view: "view_types",
    manage: "manage_types",
  },
};

/** An API client of one project, as the platform binds it. */
export interface CtApiClient {
  projectKey: string;
  clientId: string;
  clientSecret: string;
  /** Its permissions (all when left out, as `manage_project` grants). */
  permissions?: readonly string[];
}

export class CtAuth {
  private tokens = new Map<string, CtToken>();

  /**
   * One API client per project. A token asked without a scope gets every permission of the clients the credentials
   * match; asking for one outside them is refused with 400 `invalid_scope`, as on the platform.
   */
  constructor(private readonly clients: readonly CtApiClient[]) {}

  snapshot(): CtToken[] {
    return [...this.tokens.values()];
  }

  load(tokens: readonly CtToken[]): void {
    this.tokens = new Map(tokens.map((t) => [t.token, { ...t }]));
  }

  /** Invalidates the tokens of one project (of every project when left out), as when they expire. */
  revokeAll(projectKey?: string): void {
    for (const [key, token] of this.tokens) {
      if (projectKey === undefined || token.scopes.some((s) => s.split(":")[1] === projectKey)) this.tokens.delete(key);
    }
  }

  /** POST /oauth/token */
  issue(req: SandboxRequest): SandboxResponse {
    if (req.method !== "POST") return authErrorResponse(405, "invalid_request", "Method not allowed, use POST.");
    const creds = parseBasic(header(req, "authorization"));
    const matching = creds ? this.clients.filter((c) => c.clientId === creds.id && c.clientSecret === creds.secret) : [];
    if (!creds || matching.length === 0) {
      return authErrorResponse(401, "invalid_client", "Please provide valid client credentials using HTTP Basic Authentication.");
    }
    // The auth server reads its parameters from the form body or the query string.
    const form = new URLSearchParams(req.body.toString("utf8"));
    const param = (name: string) => form.get(name) ?? req.query.get(name) ?? undefined;
    const grantType = param("grant_type");
    if (grantType === undefined) return authErrorResponse(400, "invalid_request", "Missing required parameter: grant_type.");
    if (grantType !== "client_credentials") {
      return authErrorResponse(400, "unsupported_grant_type", `Invalid parameter: grant_type: Invalid grant type: ${grantType}`);
    }
    const requested = param("scope");
    let scopes = matching.flatMap(grantedScopes);
    if (requested !== undefined && requested.trim() !== "") {
      scopes = requested.trim().split(/\s+/);
      const bad = scopes.find((s) => !matching.some((c) => grants(c, s)));
      if (bad !== undefined) return authErrorResponse(400, "invalid_scope", `Invalid scope: ${bad}`);
    }
    const token: CtToken = {
      token: opaqueToken(),
      clientId: creds.id,
      scopes,
      expiresAt: Date.now() + TOKEN_LIFETIME_S * 1000,
    };
    this.tokens.set(token.token, token);
    return jsonResponse(200, {
      access_token: token.token,
      token_type: "Bearer",
      expires_in: TOKEN_LIFETIME_S,
      scope: scopes.join(" "),
    });
  }

  /** Checks the bearer token for an API call; returns the token, or the error response to send. */
  authorize(req: SandboxRequest, projectKey: string, write: boolean, resource: CtResource = "customer-groups"): CtToken | SandboxResponse {
    const auth = header(req, "authorization");
    const match = auth === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(auth);
    if (!match) {
      return authErrorResponse(401, "invalid_token", "This endpoint requires an access token. You can get one from the authorization server.");
    }
    const token = this.tokens.get(match[1]!);
    if (!token || token.expiresAt <= Date.now()) return authErrorResponse(401, "invalid_token", "invalid_token");
    const access = ACCESS[resource];
    const allowed = write ? access.write : access.read;
    const ok = token.scopes.some((s) => {
      const [perm, project] = s.split(":");
      return project === projectKey && allowed.has(perm ?? "");
    });
    if (!ok) {
      const needed = write ? access.manage : access.view;
      return authErrorResponse(403, "insufficient_scope", `Insufficient scope. One of the following scopes is missing: ${needed}:${projectKey}`);
    }
    return token;
  }
}

/** The scopes a token gets when none is asked: `manage_project` alone when granted, else each permission. */
function grantedScopes(client: CtApiClient): string[] {
  const permissions = client.permissions ?? PERMISSIONS;
  return (permissions.includes("manage_project") ? ["manage_project"] : permissions).map((p) => `${p}:${client.projectKey}`);
}

function grants(client: CtApiClient, scope: string): boolean {
  const [perm, project, ...rest] = scope.split(":");
  const permissions = client.permissions ?? PERMISSIONS;
  if (rest.length > 0 || project !== client.projectKey || !(PERMISSIONS as readonly string[]).includes(perm ?? "")) return false;
  return permissions.includes("manage_project") || permissions.includes(perm ?? "");
}

function parseBasic(value: string | undefined): { id: string; secret: string } | undefined {
  const match = value === undefined ? null : /^Basic\s+(\S+)\s*$/i.exec(value);
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}
