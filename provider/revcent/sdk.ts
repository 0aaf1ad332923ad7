// cg.revcent: what a Pulumi program imports of RevCent: CustomerGroup (an existing group, adopted and watched for drift;
// RevCent's API cannot write groups) and getCustomerGroups / getCustomerGroupMembers, read in the calling process. The
// functions' settings come from the stack config (`revcent:apiKey`, `revcent:apiUrl`), else from REVCENT_API_KEY /
// REVCENT_API_URL; a plain script uses the environment, or the apiKey/apiUrl arguments.

import * as pulumi from "@pulumi/pulumi";
// The provider module, passed as the module object so that Pulumi records it as a `require` of this package.
import provider = require("./provider");
import { resourceNameInput } from "../resourceName";
import { withoutPromiseTraces } from "../promiseTraces";
import { rolesChecked } from "../roles";
import type * as types from "./types";
import type { CustomerGroupInfo, CustomerStatusFilter, Members, MetadataFilter, QualifierMethod, Qualifiers } from "./types";
import type { StackConfig } from "../config";
import type { Inputs } from "../deepInput";
import type { MembersArgs } from "./members";
import { unixSeconds } from "./unixSeconds";

export type { DeepInput } from "../deepInput";

/** The arguments: `name` or `groupId`, and the expected `description`, `enabled`, `qualifierMethod` and `qualifiers`. */
export type CustomerGroupArgs = Inputs<types.CustomerGroupArgs>;

/**
 * An existing RevCent customer group, adopted by `name` or `groupId` and compared with what the program declares.
 *
 * RevCent's public API reads customer groups but cannot create, change or delete them. So creating this resource adopts
 * the group (and fails if it differs from the declaration), `pulumi preview --refresh` shows every declared value that
 * differs from RevCent, `pulumi up` fails with the list of differences instead of changing anything, and deleting the
 * resource only stops tracking the group: the group stays in RevCent.
 */
export class CustomerGroup extends pulumi.dynamic.Resource {
  /** The 20-character RevCent id (the resource id is the same). */
  declare readonly groupId: pulumi.Output<string>;
  /** The group as RevCent holds it. */
  declare readonly name: pulumi.Output<string>;
  declare readonly description: pulumi.Output<string | undefined>;
  declare readonly enabled: pulumi.Output<boolean | undefined>;
  declare readonly qualifierMethod: pulumi.Output<QualifierMethod | undefined>;
  /** All of the group's qualifiers as RevCent holds them (lists sorted). */
  declare readonly qualifiers: pulumi.Output<Qualifiers>;
  /** Unix seconds. */
  declare readonly createdDateUnix: pulumi.Output<number | undefined>;
  /** Unix seconds. */
  declare readonly updatedDateUnix: pulumi.Output<number | undefined>;
  /** How the group was chosen when it was adopted. */
  declare readonly adoptedBy: pulumi.Output<{ name: string } | { groupId: string }>;
  /** The paths of the declared values that are compared (`qualifiers.specificValues.values.lifetimeValue.min`). */
  declare readonly declared: pulumi.Output<string[]>;

  /** The named connection the group was reached through; undefined for the default settings. */
  declare readonly connection: pulumi.Output<string | undefined>;

  constructor(name: string, args: CustomerGroupArgs, opts?: pulumi.CustomResourceOptions) {
    const props = {
      // The resource's name, for the provider's messages about two resources of one run (not an argument; see lifecycle.ts).
      [resourceNameInput]: rolesChecked().then(() => name),
      name: args.name,
      connection: args.connection,
      groupId: args.groupId,
      description: args.description,
      enabled: args.enabled,
      qualifierMethod: args.qualifierMethod,
      qualifiers: args.qualifiers,
      // Outputs the provider fills in.
      createdDateUnix: undefined,
      updatedDateUnix: undefined,
      adoptedBy: undefined,
      declared: undefined,
    };
    const restoreTraces = withoutPromiseTraces();
    try {
      super(provider, name, props, opts, "revcent", "CustomerGroup");
    } finally {
      restoreTraces();
    }
  }
}

export interface ConnectionArgs {
  /**
   * A named connection: its settings are `revcent:connections.<name>.apiKey` / `.apiUrl` in the stack config, or
   * REVCENT_API_KEY_<NAME> / REVCENT_API_URL_<NAME>. Absent: the default settings.
   */
  connection?: string;
  /** The API key; defaults to `revcent:apiKey` of the stack, then REVCENT_API_KEY. Never logged. */
  apiKey?: string;
  /** The API's base URL; defaults to `revcent:apiUrl`, then REVCENT_API_URL, then https://api.revcent.com. */
  apiUrl?: string;
}

export type GetCustomerGroupsArgs = ConnectionArgs;

export interface GetCustomerGroupsOutputArgs {
  connection?: pulumi.Input<string>;
  apiKey?: pulumi.Input<string>;
  apiUrl?: pulumi.Input<string>;
}

export interface GetCustomerGroupMembersArgs extends ConnectionArgs, MembersArgs {}

export interface GetCustomerGroupMembersOutputArgs extends GetCustomerGroupsOutputArgs {
  /** The 20-character id of the customer group. */
  customerGroupId: pulumi.Input<string>;
  /** Customers created at or after this: unix seconds or a Date. */
  dateStart: pulumi.Input<number | Date>;
  /** Customers created at or before this: unix seconds or a Date. */
  dateEnd: pulumi.Input<number | Date>;
  statusFilter?: pulumi.Input<pulumi.Input<CustomerStatusFilter>[]>;
  campaignFilter?: pulumi.Input<pulumi.Input<string>[]>;
  productFilter?: pulumi.Input<pulumi.Input<string>[]>;
  metadataFilter?: pulumi.Input<pulumi.Input<MetadataFilter>[]>;
}

/** The stack's config in a Pulumi program; nothing in a plain script. */
const pulumiConfig: StackConfig = (key) => {
  const at = key.indexOf(":");
  const value = new pulumi.Config(key.slice(0, at)).get(key.slice(at + 1));
  return value === undefined || value === "" ? undefined : value;
};

/** Every customer group of the RevCent account (all pages of GET /v2/customer_groups), in camelCase. */
export async function getCustomerGroups(args: GetCustomerGroupsArgs = {}): Promise<CustomerGroupInfo[]> {
  // Loaded on use, as the provider's code is (see ../lazyProvider.ts).
  const { customerGroups } = await import("./functions.js");
  return customerGroups({ apiKey: args.apiKey, apiUrl: args.apiUrl, connection: args.connection, stack: pulumiConfig });
}

/** getCustomerGroups for a Pulumi program's Inputs; the result is plain (not secret) although the API key is. */
export function getCustomerGroupsOutput(args: GetCustomerGroupsOutputArgs = {}): pulumi.Output<CustomerGroupInfo[]> {
  return pulumi.unsecret(pulumi.output(args).apply((a) => getCustomerGroups(a)));
}

/**
 * The customers of a customer group created between `dateStart` and `dateEnd` (both included), a range of any length:
 * it is read in windows of at most 90 days (RevCent's limit), every page of each, and each customer is counted once.
 * The arguments are checked before anything is sent.
 */
export async function getCustomerGroupMembers(args: GetCustomerGroupMembersArgs): Promise<Members> {
  const { apiKey, apiUrl, connection, ...members } = args;
  const { customerGroupMembers } = await import("./functions.js");
  return customerGroupMembers(members, { apiKey, apiUrl, connection, stack: pulumiConfig });
}

/** getCustomerGroupMembers for a Pulumi program's Inputs; the result (customer emails included) is plain, not secret. */
export function getCustomerGroupMembersOutput(args: GetCustomerGroupMembersOutputArgs): pulumi.Output<Members> {
  // Dates become seconds first: pulumi.output() would turn a Date into an empty object.
  const resolved = pulumi.output({ ...args, dateStart: secondsOf(args.dateStart), dateEnd: secondsOf(args.dateEnd) });
  return pulumi.unsecret(resolved.apply((a) => getCustomerGroupMembers(a as GetCustomerGroupMembersArgs)));
}

function secondsOf(value: pulumi.Input<number | Date>): pulumi.Input<number> {
  const convert = (v: number | Date) => (v instanceof Date ? unixSeconds(v) : v);
  if (value instanceof Date) return unixSeconds(value);
  if (pulumi.Output.isInstance(value)) return value.apply(convert);
  if (value instanceof Promise) return value.then(convert);
  return value;
}

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
} from "./types";
