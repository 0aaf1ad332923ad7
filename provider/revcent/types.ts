// The public types of the RevCent backend in camelCase (arguments, outputs, function results), in plain form: the SDK wraps
// them in pulumi.Input (../deepInput.ts). The structure is the seed's (specs/revcent/GetCustomerGroups.json); validation loads
// that schema, these types only name it.

export type QualifierMethod = "specific_values" | "customer_group" | "none";

/** One specific value: when enabled, a customer qualifies with a value between `min` and `max` (both included). */
export interface ValueRange {
  enabled?: boolean;
  min?: number;
  max?: number;
}

export interface MetadataQualifier {
  name?: string;
  /** A value, or `METADATA_NAME_EXISTS` for the presence of the name. */
  value?: string;
}

export interface SpecificValueFilters {
  /** 20-character campaign ids; one match is enough. */
  campaign?: string[];
  /** 20-character product group ids; one match is enough. */
  productGroup?: string[];
  /** 20-character user shop ids; one match is enough. */
  thirdPartyShop?: string[];
  /** Every name must match; several values of one name: one is enough. */
  metadata?: MetadataQualifier[];
}

export interface SpecificValues {
  /** Customers with no sale at all; when true, RevCent considers no other value except `daysSinceCreated`. */
  hasNoSales?: boolean;
  /** Days since the customer was created; `min` and `max` at least 1. */
  daysSinceCreated?: ValueRange;
  lifetimeValue?: ValueRange;
  lifetimeRefunded?: ValueRange;
  numSale?: ValueRange;
  avgSale?: ValueRange;
  /** Days since the last sale; `min` and `max` at least 1. */
  daysLastSale?: ValueRange;
  numSuccessSale?: ValueRange;
  numUpsellSale?: ValueRange;
  numPendingDeclinedSale?: ValueRange;
  numPendingAbandonedSale?: ValueRange;
  numFraudDetection?: ValueRange;
  lifetimeChargeback?: ValueRange;
  numChargeback?: ValueRange;
  lifetimePaypalDispute?: ValueRange;
  numPaypalDispute?: ValueRange;
}

export type SubscriptionStatus = "active" | "trial" | "overdue" | "occurrence_limit" | "suspended" | "cancelled";

export interface SubscriptionOptions {
  enabled?: boolean;
  daysLastRenewal?: ValueRange;
  numRenewal?: ValueRange;
  numSuccessRenewal?: ValueRange;
  numOverdueRenewal?: ValueRange;
  /** One matching status is enough. */
  status?: SubscriptionStatus[];
}

/** Qualifiers of the `specific_values` method. */
export interface SpecificValuesQualifiers {
  filters?: SpecificValueFilters;
  values?: SpecificValues;
  subscriptionOptions?: SubscriptionOptions;
}

/** Qualifiers of the `customer_group` method: 20-character ids of other customer groups. */
export interface CustomerGroupQualifiers {
  inAnyCustomerGroup?: string[];
  inAllCustomerGroup?: string[];
  notInCustomerGroup?: string[];
}

export interface Qualifiers {
  specificValues?: SpecificValuesQualifiers;
  customerGroup?: CustomerGroupQualifiers;
}

/** A customer group as RevCent holds it (GetCustomerGroups), in camelCase. Sets (id lists, statuses, metadata) are sorted. */
export interface CustomerGroupInfo {
  /** The 20-character group id. */
  id: string;
  name: string;
  description?: string;
  enabled?: boolean;
  qualifierMethod?: QualifierMethod;
  qualifiers?: Qualifiers;
  createdDateUnix?: number;
  updatedDateUnix?: number;
}

export type CustomerStatusFilter = "enabled" | "disabled" | "blocked" | "fraud" | "chargeback";

export interface MetadataFilter {
  name: string;
  /** A value, or `METADATA_NAME_EXISTS` to match any value of the name. */
  value: string;
}

/** One member of a customer group, as GetCustomers describes the customer. */
export interface Member {
  id: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  status?: "Enabled" | "Disabled" | "Blocked";
}

export interface Members {
  /** The number of distinct customers. */
  count: number;
  /** Each customer once, in the order RevCent first returned them. */
  customers: Member[];
}

export interface CustomerGroupArgs {
  /** The name of the RevCent group to adopt (exactly one group must have it). Give this or `groupId`. */
  name?: string;
  /** The 20-character id of the RevCent group to adopt. Give this or `name`. */
  groupId?: string;
  /**
   * The named connection (a RevCent account) the group belongs to: its settings are `revcent:connections.<name>.*` in the
   * stack config, or REVCENT_API_KEY_<NAME> / REVCENT_API_URL_<NAME>. Left out: the default settings. Changing it adopts
   * the group again through the other connection (nothing is written to RevCent either way).
   */
  connection?: string;
  /** Expected description. Left out: not compared. */
  description?: string;
  /** Expected enabled state. Left out: not compared. */
  enabled?: boolean;
  /** Expected qualifier method. Left out: not compared. */
  qualifierMethod?: QualifierMethod;
  /**
   * Expected qualifiers, in the structure of RevCent's API in camelCase. Only the values given are compared
   * (`{ specificValues: { values: { lifetimeValue: { min: 500 } } } }` compares that one number); lists are sets.
   */
  qualifiers?: Qualifiers;
}
