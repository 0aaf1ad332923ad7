// JSON Schema of cg.commercetools.CustomerGroup's arguments, as the provider receives them (camelCase, after Pulumi resolves Inputs).

import { groupNamePattern, groupNameRule } from "../schemas/names";

export const keyPattern = "^[A-Za-z0-9_-]{2,256}$";

export const commercetoolsCustomerGroupSchema = {
  type: "object",
  additionalProperties: false,
  required: ["name"],
  properties: {
    name: { type: "string", minLength: 1, maxLength: 256, pattern: groupNamePattern, reason: `must be ${groupNameRule(256)} (unique in the project)` },
    // null: removed on purpose (left out: not managed).
    key: { type: ["string", "null"], pattern: keyPattern, reason: "must be 2 to 256 characters of A-Z, a-z, 0-9, '_' and '-', or null to remove the key" },
    custom: {
      type: ["object", "null"],
      additionalProperties: false,
      required: ["type"],
      properties: {
        type: {
          type: "object",
          additionalProperties: false,
          minProperties: 1,
          maxProperties: 1,
          properties: {
            key: { type: "string", pattern: keyPattern, reason: "must be 2 to 256 characters of A-Z, a-z, 0-9, '_' and '-'" },
            id: { type: "string", minLength: 1 },
          },
          reason: "must name the custom type by exactly one of `key` or `id`",
        },
        fields: {
          type: "object",
          propertyNames: { pattern: "^[A-Za-z0-9_-]{1,36}$" },
          // A field set to null would mean "remove"; leaving it out says that already.
          additionalProperties: { not: { type: "null" }, reason: "must be a value; leave the field out to remove it" },
        },
      },
    },
    adopt: { type: "boolean" },
    deleteWithCustomers: {
      type: "boolean",
      reason: "must be true or false: whether a delete (pulumi up, destroy, a replacement or a move) may delete the group while it holds customers",
    },
  },
} as const;
