// Loads the RevCent OpenAPI operations kept verbatim in specs/revcent/ and derives the schemas the sandbox validates with.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { ValidateFunction } from "ajv";
import { isPlainObject } from "../core/http.js";
import { createAjv } from "../core/json-schema.js";

export type JsonSchema = Record<string, unknown>;

export interface OperationParameter {
  name: string;
  in: string;
  required?: boolean;
  style?: string;
  explode?: boolean;
  schema: JsonSchema;
}

export interface Operation {
  method: string;
  path: string;
  operationId: string;
  parameters: OperationParameter[];
  responses: Record<string, { content: { "application/json": { schema: JsonSchema } } }>;
}

export type OperationName = "GetCustomerGroups" | "GetCustomers";

/** The repo's specs/revcent folder, found by walking up from the compiled file (dist/ and build/ sit at the same depth). */
export function specsDir(): string {
  let dir = __dirname;
  for (;;) {
    const candidate = path.join(dir, "specs", "revcent");
    if (existsSync(path.join(candidate, "GetCustomerGroups.json"))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("specs/revcent not found above the sandbox code");
    dir = parent;
  }
}

const cache = new Map<OperationName, Operation>();

export function loadOperation(name: OperationName): Operation {
  let op = cache.get(name);
  if (!op) {
    op = JSON.parse(readFileSync(path.join(specsDir(), `${name}.json`), "utf8")) as Operation;
    cache.set(name, op);
  }
  return op;
}

/**
 * GetCustomers declares each customer as allOf of two objects that both say additionalProperties: false,
 * which no customer with any field can satisfy. Merging the allOf members into one object keeps the intent
 * (the union of the properties, nothing else) and makes the schema usable.
 */
export function mergeAllOf(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(mergeAllOf);
  if (!isPlainObject(schema)) return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) out[k] = mergeAllOf(v);
  const allOf = out.allOf;
  if (Array.isArray(allOf) && allOf.every((s) => isPlainObject(s) && (s.type === "object" || s.properties !== undefined))) {
    delete out.allOf;
    const members = allOf as Record<string, unknown>[];
    out.type = "object";
    out.properties = Object.assign({}, ...members.map((m) => m.properties ?? {}), out.properties ?? {});
    const required = members.flatMap((m) => (m.required as string[] | undefined) ?? []);
    if (required.length > 0) out.required = [...new Set(required)];
    if (members.some((m) => m.additionalProperties === false)) out.additionalProperties = false;
  }
  return out;
}

export function successSchema(name: OperationName): JsonSchema {
  return mergeAllOf(loadOperation(name).responses["200"]!.content["application/json"].schema) as JsonSchema;
}

export function errorSchema(name: OperationName): JsonSchema {
  return loadOperation(name).responses["default"]!.content["application/json"].schema;
}

/** The schema of one item of `results` (a group or a customer). */
export function itemSchema(name: OperationName): JsonSchema {
  const results = (successSchema(name).properties as Record<string, JsonSchema>).results!;
  return results.items as JsonSchema;
}

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
