// commercetools error bodies ({statusCode, message, errors}) and the thrown form the handlers use to produce them.
import { jsonResponse, type SandboxResponse } from "../core/http";

export interface CtErrorObject {
  code: string;
  message: string;
  [extra: string]: unknown;
}

export class CtError extends Error {
  constructor(
    readonly statusCode: number,
    readonly errors: CtErrorObject[],
    message?: string,
  ) {
    super(message ?? errors[0]?.message ?? "error");
  }

  toResponse(headers: Record<string, string> = {}): SandboxResponse {
    return jsonResponse(this.statusCode, { statusCode: this.statusCode, message: this.message, errors: this.errors }, headers);
  }
}

/** The auth server's format adds the OAuth fields error/error_description to the usual body. */
export function authErrorResponse(status: number, code: string, message: string): SandboxResponse {
  return jsonResponse(status, {
    statusCode: status,
    message,
    errors: [{ code, message }],
    error: code,
    error_description: message,
  });
}

const INVALID_JSON = "Request body does not contain valid JSON.";

export const ctErrors = {
  invalidJson(detail: string): CtError {
    return new CtError(400, [{ code: "InvalidJsonInput", message: INVALID_JSON, detailedErrorMessage: detail }]);
  },
  invalidInput(message: string): CtError {
    return new CtError(400, [{ code: "InvalidInput", message }]);
  },
  invalidOperation(message: string): CtError {
    return new CtError(400, [{ code: "InvalidOperation", message }]);
  },
  invalidField(field: string, invalidValue: unknown, message: string): CtError {
    return new CtError(400, [{ code: "InvalidField", message, field, invalidValue }]);
  },
  requiredField(field: string): CtError {
    return new CtError(400, [{ code: "RequiredField", message: `The field '${field}' is required.`, field }]);
  },
  notFoundById(id: string): CtError {
    return new CtError(404, [{ code: "ResourceNotFound", message: `The Resource with ID '${id}' was not found.` }]);
  },
  notFoundByKey(key: string): CtError {
    return new CtError(404, [{ code: "ResourceNotFound", message: `The Resource with key '${key}' was not found.` }]);
  },
  notFoundPath(path: string): CtError {
    return new CtError(404, [{ code: "ResourceNotFound", message: `The endpoint '${path}' was not found.` }]);
  },
  methodNotAllowed(method: string): CtError {
    return new CtError(405, [{ code: "MethodNotAllowed", message: `Method '${method}' is not allowed on this endpoint.` }]);
  },
  concurrentModification(id: string, expected: number, current: number): CtError {
    return new CtError(409, [
      {
        code: "ConcurrentModification",
        message: `Object ${id} has a different version than expected. Expected: ${expected} - Actual: ${current}.`,
        currentVersion: current,
      },
    ]);
  },
  duplicateField(field: string, value: unknown, conflictingId: string): CtError {
    return new CtError(400, [
      {
        code: "DuplicateField",
        message: `A duplicate value '${JSON.stringify(value)}' exists for field '${field}'.`,
        field,
        duplicateValue: value,
        conflictingResource: { typeId: "customer-group", id: conflictingId },
      },
    ]);
  },
  referencedNotFound(typeId: string, ref: { id?: string; key?: string }): CtError {
    const what = ref.key !== undefined ? `key '${ref.key}'` : `id '${ref.id ?? ""}'`;
    return new CtError(400, [
      {
        code: "ReferencedResourceNotFound",
        message: `The referenced object of type '${typeId}' with ${what} was not found. It either doesn't exist, or it can't be accessed from this endpoint (e.g., if the endpoint filters by store or customer account).`,
        typeId,
        ...ref,
      },
    ]);
  },
  maxResourceLimit(limit: number): CtError {
    return new CtError(400, [
      {
        code: "MaxResourceLimitExceeded",
        message: `You have exceeded the limit of ${limit} resources of type 'customer-group'.`,
        exceededResource: "customer-group",
      },
    ]);
  },
  payloadTooLarge(): CtError {
    return new CtError(413, [{ code: "ContentTooLarge", message: "The request body is too large." }]);
  },
};
