// Shared helpers for the sandbox tests: plain-fetch HTTP calls and a commercetools token.
import type { Sandbox } from "../../sandbox/index";

export interface HttpResult {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON, or undefined for an empty body. */
  json: unknown;
}

export async function http(url: string, init: RequestInit = {}): Promise<HttpResult> {
  const res = await fetch(url, init);
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: text === "" ? undefined : (JSON.parse(text) as unknown) };
}

/** What an admin request carries: the sandbox's admin token, and JSON when it has a body. */
export function admin(token: string, init: RequestInit = {}): RequestInit {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (init.body !== undefined) headers["content-type"] = "application/json";
  return { ...init, headers: { ...headers, ...(init.headers as Record<string, string> | undefined) } };
}

export function basic(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;
}

export async function ctToken(sb: Sandbox, scope?: string): Promise<string> {
  const form = new URLSearchParams({ grant_type: "client_credentials" });
  if (scope !== undefined) form.set("scope", scope);
  const res = await http(`${sb.url}/oauth/token`, {
    method: "POST",
    headers: { authorization: basic("sandbox-client", "sandbox-secret"), "content-type": "application/x-www-form-urlencoded" },
    body: form.toString(),
  });
  if (res.status !== 200) throw new Error(`token request failed: ${res.status} ${res.text}`);
  return (res.json as { access_token: string }).access_token;
}

/** A commercetools API caller bound to a token and the default project. */
export function ctApi(sb: Sandbox, token: string) {
  return (method: string, path: string, body?: unknown): Promise<HttpResult> => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    const init: RequestInit = { method, headers };
    if (body !== undefined) {
      headers["content-type"] = "application/json";
      init.body = typeof body === "string" ? body : JSON.stringify(body);
    }
    return http(`${sb.url}/demo-project${path}`, init);
  };
}

/** A BigCommerce v2 caller for the default store and token. */
export function bcApi(sb: Sandbox, token = "sandbox-token", storeHash = "sandbox") {
  return (method: string, path: string, body?: unknown): Promise<HttpResult> => {
    const headers: Record<string, string> = { "x-auth-token": token, accept: "application/json" };
    const init: RequestInit = { method, headers };
    if (body !== undefined) {
      headers["content-type"] = "application/json";
      init.body = typeof body === "string" ? body : JSON.stringify(body);
    }
    return http(`${sb.url}/stores/${storeHash}/v2/customer_groups${path}`, init);
  };
}

/** A RevCent caller; `query` may repeat names for array parameters. */
export function rcApi(sb: Sandbox, apiKey = "sandbox-api-key") {
  return (path: string, query: [string, string | number][] = []): Promise<HttpResult> => {
    const qs = new URLSearchParams(query.map(([k, v]): [string, string] => [k, String(v)]));
    return http(`${sb.url}/v2/${path}?${qs.toString()}`, { headers: { "x-api-key": apiKey } });
  };
}

/** The single error object of a commercetools error body, after checking the body's shape. */
export function ctErrorOf(res: HttpResult): { code: string; message: string; [k: string]: unknown } {
  const body = res.json as { statusCode: number; message: string; errors: { code: string; message: string }[] };
  if (body.statusCode !== res.status || !Array.isArray(body.errors) || body.errors.length !== 1) {
    throw new Error(`not a commercetools error body: ${res.text}`);
  }
  return body.errors[0]!;
}
