// JSON Schema of getCustomerGroupMembers' arguments, from the parameters of GetCustomers in specs/revcent (the dates are checked in code).

import { JsonSchema, parameter } from "./spec";
import { fromSeed } from "./seedSchema";

let schema: JsonSchema | undefined;

/** The filters of GetCustomers by their camelCase names; `customerGroupId` is one item of `customer_group_filter`. */
export function revcentMembersSchema(): JsonSchema {
  if (!schema) {
    const seed = (name: string) => fromSeed(parameter("GetCustomers", name).schema);
    schema = {
      type: "object",
      additionalProperties: false,
      required: ["customerGroupId", "dateStart", "dateEnd"],
      properties: {
        customerGroupId: fromSeed(parameter("GetCustomers", "customer_group_filter").schema.items as JsonSchema),
        // Unix seconds or Dates: checked in provider/revcent/members.ts, where a Date is still a Date.
        dateStart: true,
        dateEnd: true,
        statusFilter: seed("status_filter"),
        campaignFilter: seed("campaign_filter"),
        productFilter: seed("product_filter"),
        metadataFilter: seed("metadata_filter"),
      },
    };
  }
  return schema;
}
