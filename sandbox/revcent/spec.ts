// Loads the RevCent OpenAPI operations kept verbatim in specs/revcent/ and derives the schemas the sandbox validates with.
import type { ValidateFunction } from "ajv";
import { createAjv } from "../core/jsonSchema";
import {
  errorSchema,
  itemSchema,
  loadOperation,
  mergeAllOf,
  specsDir,
  successSchema,
  type JsonSchema,
  type Operation,
  type OperationName,
  type OperationParameter,
} from "../../provider/revcent/spec";

// The loader and the allOf merge are the provider's own (the provider validates with the same documents).
export { errorSchema, itemSchema, loadOperation, mergeAllOf, specsDir, successSchema };
export type { JsonSchema, Operation, OperationName, OperationParameter };

/** The query parameters as one object schema, so a whole query can be checked at once. */
export function parametersSchema(name: OperationName): JsonSchema {
  const op = loadOperation(name);
  const properties: Record<string, JsonSchema> = {};
  for (const p of op.parameters.filter((x) => x.in === "query")) properties[p.name] = p.schema;
  return {
    type: "object",
    properties,
    required: op.parameters.filter((p) => p.in === "query" && p.required).map((p) => p.name),
  };
}

/** Validators compiled once: responses are validated as they are; parameters with type coercion (query strings are text). */
export interface RevcentValidators {
  success: ValidateFunction;
  error: ValidateFunction;
  item: ValidateFunction;
  params: ValidateFunction;
}

const validators = new Map<OperationName, RevcentValidators>();

export function revcentValidators(name: OperationName): RevcentValidators {
  let v = validators.get(name);
  if (!v) {
    const ajv = createAjv();
    const coercing = createAjv({ coerceTypes: "array" });
    v = {
      success: ajv.compile(successSchema(name)),
      error: ajv.compile(errorSchema(name)),
      item: ajv.compile(itemSchema(name)),
      params: coercing.compile(parametersSchema(name)),
    };
    validators.set(name, v);
  }
  return v;
}
