// The JSON Schema of config-repo files (schema/groups.schema.json, for editors), built from the resources' own argument
// schemas so that the two cannot disagree: a unit test compares the shipped file with what this builds.

import { connectionName } from "../../provider/config";
import { backends } from "../../provider/registry";
import { resourceNamePattern } from "./format";

type JsonSchema = Record<string, unknown>;

/**
 * A resource schema for editors: its own wording (`reason`, a keyword only this package's validator knows) becomes the
 * `description` editors show, and `connection` joins the arguments (the lifecycle, not the backend, owns it).
 */
function forEditors(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(forEditors);
  if (typeof schema !== "object" || schema === null) return schema;
  const out: JsonSchema = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === "reason") out.description ??= v;
    else out[k] = forEditors(v);
  }
  return out;
}

/** `connection`, `protect` and `previousName` join each resource's arguments: the lifecycle and the data files, not the backend, own them. */
function withConnection(schema: JsonSchema): JsonSchema {
  const properties = schema.properties as JsonSchema;
  return {
    ...schema,
    properties: {
      ...properties,
      connection: {
        type: "string",
        pattern: connectionName.source,
        description: "the named connection (project, store or account) the group belongs to; left out: the default settings",
      },
      protect: {
        type: "boolean",
        description: "Pulumi's protect option: no run deletes this group (`pulumi destroy` included) until it is set to false; overrides the file's `protect`",
      },
      previousName: {
        type: "string",
        pattern: resourceNamePattern,
        description:
          "the name this group had in the stack before it was renamed in this file: the group moves to the new name with no request (a Pulumi alias) instead of being adopted by the new name and deleted by the old one",
      },
    },
  };
}

/** The schema of a config-repo file. */
export function groupsFileSchema(): JsonSchema {
  const groupsOf = (backend: string, schema: JsonSchema) => ({
    // An empty section (`bigcommerce:` with nothing under it) declares nothing.
    type: ["object", "null"],
    description: `${backend} customer groups, each under the name it has in the stack`,
    propertyNames: { pattern: resourceNamePattern },
    additionalProperties: withConnection(forEditors(schema) as JsonSchema),
  });
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    title: "pulumi-customer-groups groups file",
    description:
      "Customer groups per backend, each with exactly the arguments of its resource (cg.fromConfig reads it; `pulumi-customer-groups export` writes it).",
    type: "object",
    additionalProperties: false,
    properties: {
      protect: { type: "boolean", description: "Pulumi's protect option for every group of this file: no run deletes them (`pulumi destroy` included)" },
      ...Object.fromEntries(backends.map((b) => [b.name, groupsOf(b.name, b.argumentSchema())])),
    },
  };
}
