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
export type CtResource = "customer-groups" | "types";

/** The scopes that grant reading and writing each resource; a manage_ scope implies the matching view_ scope, as on the platform. */
const ACCESS: Record<CtResource, { read: ReadonlySet<string>; write: ReadonlySet<string>; view: string; manage: string }> = {
  "customer-groups": {
    read: new Set(["manage_project", "view_customers", "manage_customers", "view_customer_groups", "manage_customer_groups"]),
    write: new Set(["manage_project", "manage_customers", "manage_customer_groups"]),
    view: "view_customer_groups",
    manage: "manage_customer_groups",
  },
  types: {
    read: new Set(["manage_project", "view_types", "manage_types"]),
    write: new Set(["manage_project", "manage_types"]),
    view: "view_types",
    manage: "manage_types",
  },
};

export class CtAuth {
  private tokens = new Map<string, CtToken>();

  /**
   * `granted`: the permissions of the API client (all by default). A token asked without a scope gets all of them, as on
   * the platform; asking for one outside them is refused with 400 `invalid_scope`.
   */
  constructor(
    private readonly projectKey: string,
    private readonly clientId: string,
    private readonly clientSecret: string,
    private readonly granted: readonly string[] = PERMISSIONS,
  ) {}

  snapshot(): CtToken[] {
    return [...this.tokens.values()];
  }

  load(tokens: readonly CtToken[]): void {
    this.tokens = new Map(tokens.map((t) => [t.token, { ...t }]));
  }

  revokeAll(): void {
    this.tokens.clear();
  }

  /** POST /oauth/token */
  issue(req: SandboxRequest): SandboxResponse {
    if (req.method !== "POST") return authErrorResponse(405, "invalid_request", "Method not allowed, use POST.");
    const creds = parseBasic(header(req, "authorization"));
    if (!creds) {
      return authErrorResponse(401, "invalid_client", "Please provide valid client credentials using HTTP Basic Authentication.");
    }
    if (creds.id !== this.clientId || creds.secret !== this.clientSecret) {
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
    let scopes = this.granted.map((p) => `${p}:${this.projectKey}`);
    if (scopes.some((s) => s.startsWith("manage_project:"))) scopes = [`manage_project:${this.projectKey}`];
    if (requested !== undefined && requested.trim() !== "") {
      scopes = requested.trim().split(/\s+/);
      const bad = scopes.find((s) => !this.knownScope(s));
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

  private knownScope(scope: string): boolean {
    const [perm, project, ...rest] = scope.split(":");
    return rest.length === 0 && project === this.projectKey && (this.granted.includes("manage_project") || this.granted.includes(perm ?? ""));
  }
}

function parseBasic(value: string | undefined): { id: string; secret: string } | undefined {
  const match = value === undefined ? null : /^Basic\s+(\S+)\s*$/i.exec(value);
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}
