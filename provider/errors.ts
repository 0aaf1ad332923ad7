// The provider's own errors, raised before or instead of a request: bad configuration, bad arguments, a group gone or drifted.
// (A failed request is an ApiError, in http/errors.ts.) Pulumi shows only `message`, so each message stands alone.

import { redact } from "./http/redact";

/** Missing or invalid provider configuration (credentials, endpoints). Raised before any request. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(redact(message));
    this.name = "ConfigError";
  }
}

/** Resource arguments that cannot be sent, or that name nothing usable; raised before any write. */
export class InputError extends Error {
  constructor(message: string) {
    super(redact(message));
    this.name = "InputError";
  }
}

/** The live group differs from the declaration, and the backend's API cannot change it (RevCent). */
export class DriftError extends Error {
  constructor(message: string) {
    super(redact(message));
    this.name = "DriftError";
  }
}

/**
 * The group a resource manages no longer exists (deleted outside Pulumi, or while it was being updated). Backends throw
 * it without a message; the lifecycle words it for the user, once for every backend.
 */
export class GroupGoneError extends Error {
  constructor() {
    super("the group no longer exists");
    this.name = "GroupGoneError";
  }
}
