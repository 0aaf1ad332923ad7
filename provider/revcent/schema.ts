// JSON Schema of cg.revcent.CustomerGroup's arguments, derived from the group schema of GetCustomerGroups in specs/revcent.
// The rules the seed states only in words (one of name/groupId, min <= max, qualifiers by method) are in provider/revcent/validation.ts.

import { groupNamePattern } from "../schemas/names";
import { itemSchema, JsonSchema } from "./spec";
import { fromSeed } from "./seedSchema";

let schema: JsonSchema | undefined;

/** Built on first use from the loaded seed, then kept; its validator is compiled when the package is built (schemas/compile.ts). */
export function revcentCustomerGroupSchema(): JsonSchema {
  if (!schema) {
    const group = itemSchema("GetCustomerGroups").properties as Record<string, JsonSchema>;
    schema = {
      type: "object",
      additionalProperties: false,
      properties: {
        name: {
          ...fromSeed(group.name!),
          minLength: 1,
          pattern: groupNamePattern,
          reason:
            "must be the name of the RevCent customer group: not empty, without control, bidirectional or zero-width characters, nor white space at either end",
        },
        groupId: fromSeed(group.id!),
        description: fromSeed(group.description!),
        enabled: fromSeed(group.enabled!),
        qualifierMethod: fromSeed(group.qualifier_method!),
        qualifiers: fromSeed(group.qualifiers!),
      },
    };
  }
  return schema;
}
