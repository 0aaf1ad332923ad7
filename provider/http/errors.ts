// The error types the provider raises. Pulumi shows only `message`, so each message stands alone.

import { redact } from "./redact";

export type Backend = "commercetools" | "bigcommerce" | "revcent";

export interface ApiErrorDetails {
  backend: Backend;
  /** HTTP status, or 0 when no response arrived. */
  status: number;
  /** The vendor's own error code (`DuplicateField`, `ConcurrentModification`, ...), when it gave one. */
  code?: string;
  /** The vendor's request/correlation id, for their support. */
  correlationId?: string;
  /** What was being done, e.g. "POST /demo/customer-groups". */
  operation: string;
  /** The vendor's full error payload, kept for callers that need more than the code. */
  body?: unknown;
  /** True when the request may have been applied although no answer came back (timeout, reset, 5xx). */
  mayHaveCommitted?: boolean;
}

/** A failed call to a vendor API. */
export class ApiError extends Error {
  readonly backend: Backend;
  readonly status: number;
  readonly code?: string;
  readonly correlationId?: string;
  readonly operation: string;
  readonly body?: unknown;
  readonly mayHaveCommitted: boolean;

  constructor(details: ApiErrorDetails, message: string) {
    const parts = [`${details.backend}: ${details.operation} failed`];
    if (details.status) parts.push(`HTTP ${details.status}`);
    if (details.code) parts.push(details.code);
    let full = `${parts.join(", ")}: ${message}`;
    if (details.correlationId) full += ` (correlation id ${details.correlationId})`;
    super(redact(full));
    this.name = "ApiError";
    this.backend = details.backend;
    this.status = details.status;
    this.code = details.code;
    this.correlationId = details.correlationId;
    this.operation = details.operation;
    this.body = details.body;
    this.mayHaveCommitted = details.mayHaveCommitted ?? false;
  }
}

/** Missing or invalid provider configuration (credentials, endpoints). Raised before any request. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(redact(message));
    this.name = "ConfigError";
  }
}

/** Resource inputs that cannot be sent; raised before any request. */
export class InputError extends Error {
  constructor(message: string) {
    super(redact(message));
    this.name = "InputError";
  }
}
