// RevCent's own JSON schemas (loaded from specs/revcent, never retyped) turned into schemas of the package's camelCase arguments.

import { camelKey } from "./keys";
import { isPlainObject } from "../canonical";
import { JsonSchema } from "./spec";

/**
 * A seed schema as a schema of camelCase arguments: property names in camelCase, the OpenAPI formats the seed uses
 * (`integer`, `float`, `int32`, `unix-time`) as JSON Schema types, `type: object` where the seed leaves it implied,
 * and a `reason` worded from the seed's own description (`must be a 20 character campaign ID`).
 */
export function fromSeed(seed: JsonSchema): JsonSchema {
  const out: JsonSchema = {};
  for (const [k, v] of Object.entries(seed)) {
    if (k === "properties" && isPlainObject(v)) {
      const properties: Record<string, JsonSchema> = {};
      for (const [name, s] of Object.entries(v)) properties[camelKey(name)] = fromSeed(s as JsonSchema);
      out.properties = properties;
    } else if (k === "items" && isPlainObject(v)) {
      out.items = fromSeed(v);
    } else if (k !== "format") {
      out[k] = v;
    }
  }
  if (out.properties !== undefined && out.type === undefined) out.type = "object";

  switch (seed.format) {
    case "integer":
    case "int32":
      out.type = "integer";
      break;
    case "unix-time":
      out.type = "integer";
      out.minimum ??= 0;
      break;
    // "float" is any finite number, which is what `type: number` already means to ajv.
  }

  const reason = reasonOf(out);
  if (reason !== undefined) out.reason = reason;
  return out;
}

function reasonOf(schema: JsonSchema): string | undefined {
  const description = typeof schema.description === "string" ? schema.description.trim().replace(/\.$/, "") : undefined;
  if (schema.type === "string" && typeof schema.minLength === "number" && schema.minLength === schema.maxLength) {
    // The seed describes ids as "A 20 character campaign ID."
    if (description && /^an? \d+ character/i.test(description)) return `must be ${description.charAt(0).toLowerCase()}${description.slice(1)}`;
    return `must be a string of ${schema.minLength} characters`;
  }
  if (schema.type === "integer") {
    return typeof schema.minimum === "number" ? `must be a whole number, at least ${schema.minimum}` : "must be a whole number";
  }
  if (schema.type === "number") {
    return typeof schema.minimum === "number" ? `must be a number, at least ${schema.minimum}` : "must be a number";
  }
  return undefined;
}
