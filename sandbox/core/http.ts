// Transport-neutral request/response values: handlers return a response instead of writing it, so the server can log it, fault it or drop it.
import type { IncomingHttpHeaders } from "node:http";
import type { Readable } from "node:stream";

export interface SandboxRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface SandboxResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type JsonBody = { ok: true; value: unknown } | { ok: false; error: string };

export function jsonResponse(status: number, value: unknown, headers: Record<string, string> = {}): SandboxResponse {
  return {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
    body: JSON.stringify(value),
  };
}

export function emptyResponse(status: number, headers: Record<string, string> = {}): SandboxResponse {
  return { status, headers: { ...headers }, body: "" };
}

/** First value of a header, case-insensitively (node lower-cases names). */
export function header(req: SandboxRequest, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

export function parseJsonBody(req: SandboxRequest): JsonBody {
  const text = req.body.toString("utf8");
  if (text.trim() === "") return { ok: false, error: "The request body is empty." };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

export function isJsonContentType(req: SandboxRequest): boolean {
  const type = header(req, "content-type") ?? "";
  return /^application\/([a-z.+-]*\+)?json\b/i.test(type.trim());
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export class BodyTooLargeError extends Error {}

/** Reads a whole request body, refusing more than maxBytes so a runaway client cannot fill memory. */
export async function readBody(stream: Readable, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buf.length;
    if (size > maxBytes) throw new BodyTooLargeError(`request body larger than ${maxBytes} bytes`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/** The query string as a plain object (repeated names become arrays), for the request log. */
export function queryToObject(query: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const name of new Set(query.keys())) {
    const all = query.getAll(name);
    out[name] = all.length === 1 ? all[0]! : all;
  }
  return out;
}
