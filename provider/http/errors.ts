// A failed call to a vendor API (ApiError) and the predicates callers ask of a failure instead of comparing statuses.

import { redact } from "./redact";
import { Answer } from "../errors";

export interface ApiErrorDetails {
  /** The backend's name (`commercetools`). */
  backend: string;
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

/** A failed call to a vendor API. Pulumi shows only `message`, so it names the backend, the request and the vendor's code. */
export class ApiError extends Answer {
  readonly backend: string;
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

  /** The same failure with a message that says more (the details, payload included, are kept). */
  withMessage(message: string): ApiError {
    return new ApiError(this, message);
  }
}

/**
 * A 2xx answer that is not what the vendor's reference describes (not JSON, an error page, a group without an id, paging
 * that never ends): refused whole, nothing taken from it. A write that got one may have been applied.
 */
export function unexpectedAnswer(backend: string, operation: string, problem: string, mayHaveCommitted = false, status = 200): ApiError {
  return new ApiError(
    { backend, status, code: "UnexpectedAnswer", operation, mayHaveCommitted },
    `the answer is not what ${backend}${backend.endsWith("s") ? "'" : "'s"} API reference describes: ${problem}`,
  );
}

/** How the vendor answered, in a few words for a message: `HTTP 403 insufficient_scope`, or `no answer`. */
export function answerOf(e: ApiError): string {
  return e.status ? `HTTP ${e.status}${e.code ? ` ${e.code}` : ""}` : "no answer";
}

/** The vendor answered at all (a status, as opposed to no response). */
export function isAnswered(e: unknown): e is ApiError {
  return e instanceof ApiError && e.status !== 0;
}

/** The vendor answered 400: the request itself was refused. */
export function isBadRequest(e: unknown): e is ApiError {
  return e instanceof ApiError && e.status === 400;
}

/** The vendor answered 404: the thing asked for does not exist. */
export function isNotFound(e: unknown): e is ApiError {
  return e instanceof ApiError && e.status === 404;
}

/** The vendor answered 409: a version conflict (commercetools) or a duplicate (BigCommerce). */
export function isConflict(e: unknown): e is ApiError {
  return e instanceof ApiError && e.status === 409;
}

/** The vendor refused the credentials (401): a wrong, expired or revoked token or key. */
export function isUnauthorized(e: unknown): e is ApiError {
  return e instanceof ApiError && e.status === 401;
}

/** The vendor refused the credentials (401) or their permissions (403). */
export function isAuthFailure(e: unknown): e is ApiError {
  return e instanceof ApiError && (e.status === 401 || e.status === 403);
}

/** No answer, or a 5xx, to a request that is not safe to resend: it may have been applied. */
export function mayHaveCommitted(e: unknown): e is ApiError {
  return e instanceof ApiError && e.mayHaveCommitted;
}

/** The vendor's error code is `code` (`DuplicateField`, `ConcurrentModification`, ...). */
export function hasCode(e: unknown, code: string): e is ApiError {
  return e instanceof ApiError && e.code === code;
}
