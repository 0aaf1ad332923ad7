// The provider's own errors, raised before or instead of a request: bad configuration, bad arguments, a group gone or drifted.
// (A failed request is an ApiError, in http/errors.ts.) Pulumi shows only `message`, so each message stands alone.

import { redact } from "./http/redact";

/**
 * An answer for the user, not a fault of the code: no stack trace. Pulumi's dynamic-provider host prints
 * `${error}: ${error.stack}` under the stack for a failed check, diff, read or delete; with `toString` giving the name and
 * the stack the message, that is one line, `InputError: <message>`, instead of the message twice and a trace.
 */
export class Answer extends Error {
  constructor(message: string) {
    super(message);
    Object.defineProperty(this, "stack", { value: message, writable: true, configurable: true });
  }

  override toString(): string {
    return this.name;
  }
}

/** Missing or invalid provider configuration (credentials, endpoints). Raised before any request. */
export class ConfigError extends Answer {
  constructor(message: string) {
    super(redact(message));
    this.name = "ConfigError";
  }
}

/** Resource arguments that cannot be sent, or that name nothing usable; raised before any write. */
export class InputError extends Answer {
  constructor(message: string) {
    super(redact(message));
    this.name = "InputError";
  }
}

/** The live group differs from the declaration, and the backend's API cannot change it (RevCent). */
export class DriftError extends Answer {
  constructor(message: string) {
    super(redact(message));
    this.name = "DriftError";
  }
}

/**
 * The group a resource manages no longer exists (deleted outside Pulumi, or while it was being updated). Backends throw
 * it without a message; the lifecycle words it for the user, once for every backend.
 */
export class GroupGoneError extends Answer {
  constructor() {
    super("the group no longer exists");
    this.name = "GroupGoneError";
  }
}
