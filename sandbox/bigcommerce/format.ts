// BigCommerce v2 wire formats: dates, 4-decimal amount strings, and the [{status, message}] error body.
import { jsonResponse, type SandboxResponse } from "../core/http";

/** "2023-07-17 06:30:41", the form of the current reference's customer-group examples (UTC). */
export function referenceDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace("T", " ");
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
