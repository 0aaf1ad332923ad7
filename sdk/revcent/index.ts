// cg.revcent: RevCent customer groups (adopted and watched; RevCent's API cannot write them) and queries of their customers.

export { CustomerGroup, CustomerGroupArgs, DeepInput } from "./customerGroup";
export {
  ConnectionArgs,
  getCustomerGroupMembers,
  getCustomerGroupMembersOutput,
  GetCustomerGroupMembersArgs,
  GetCustomerGroupMembersOutputArgs,
  getCustomerGroups,
  getCustomerGroupsOutput,
  GetCustomerGroupsArgs,
  GetCustomerGroupsOutputArgs,
} from "./functions";
export type {
  CustomerGroupInfo,
  CustomerGroupQualifiers,
  CustomerStatusFilter,
  Member,
  Members,
  MetadataFilter,
  MetadataQualifier,
  QualifierMethod,
  Qualifiers,
  SpecificValueFilters,
  SpecificValues,
  SpecificValuesQualifiers,
  SubscriptionOptions,
  SubscriptionStatus,
  ValueRange,
} from "../../provider/revcent/types";
