// The RevCent OpenAPI operations kept verbatim in specs/revcent/, loaded at run time (the provider and the sandbox both read them here).

import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { isPlainObject } from "../canonical";

export type JsonSchema = Record<string, unknown>;

export interface OperationParameter {
  name: string;
  in: string;
  required?: boolean;
  style?: string;
  explode?: boolean;
  description?: string;
  schema: JsonSchema;
}

export interface Operation {
  method: string;
  path: string;
  operationId: string;
  description?: string;
  parameters: OperationParameter[];
  responses: Record<string, { content: { "application/json": { schema: JsonSchema } } }>;
}

export type OperationName = "GetCustomerGroups" | "GetCustomers";

/**
 * The package's specs/revcent folder. Compiled code lives at `<package>/dist/provider/revcent` (or `build/` in the
 * repository's tests), three levels below the package root that ships `specs/`.
 */
export function specsDir(): string {
  const dir = path.resolve(__dirname, "..", "..", "..", "specs", "revcent");
  if (!existsSync(path.join(dir, "GetCustomerGroups.json"))) {
    throw new Error(`the RevCent API documents (specs/revcent/*.json) are missing from the installed package; expected them in ${dir}`);
  }
  return dir;
}

const cache = new Map<OperationName, Operation>();

/** One operation, parsed once per process. */
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

/** The 200 response schema, with allOf merged. */
export function successSchema(name: OperationName): JsonSchema {
  return mergeAllOf(loadOperation(name).responses["200"]!.content["application/json"].schema) as JsonSchema;
}

/** The error (`default`) response schema. */
export function errorSchema(name: OperationName): JsonSchema {
  return loadOperation(name).responses["default"]!.content["application/json"].schema;
}

/** The schema of one item of `results` (a group or a customer). */
export function itemSchema(name: OperationName): JsonSchema {
  const results = (successSchema(name).properties as Record<string, JsonSchema>).results!;
  return results.items as JsonSchema;
}

/** One query parameter of an operation. */
export function parameter(name: OperationName, parameterName: string): OperationParameter {
  const p = loadOperation(name).parameters.find((x) => x.in === "query" && x.name === parameterName);
  if (!p) throw new Error(`specs/revcent/${name}.json has no query parameter '${parameterName}'`);
  return p;
}
