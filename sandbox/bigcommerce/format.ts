// BigCommerce v2 wire formats: RFC 2822 dates, 4-decimal amount strings, and the [{status, message}] error body.
import { jsonResponse, type SandboxResponse } from "../core/http";

/** "Tue, 20 Nov 2012 00:00:00 +0000", as the v2 API writes dates. */
export function rfc2822(ms: number): string {
  return new Date(ms).toUTCString().replace(/GMT$/, "+0000");
}

/** 5 → "5.0000" */
export function amountString(amount: number): string {
  return amount.toFixed(4);
}

export function bcError(status: number, messages: string | string[], headers: Record<string, string> = {}): SandboxResponse {
  const list = Array.isArray(messages) ? messages : [messages];
  return jsonResponse(
    status,
    list.map((message) => ({ status, message })),
    headers,
  );
}

/** Thrown by the store; the router turns it into the vendor's error body. */
export class BcError extends Error {
  constructor(
    readonly status: number,
    readonly messages: string[],
  ) {
    super(messages.join(" "));
  }
}
