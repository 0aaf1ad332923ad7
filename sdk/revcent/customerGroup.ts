// cg.revcent.CustomerGroup: an existing RevCent customer group adopted by a Pulumi program and watched for drift.

import * as pulumi from "@pulumi/pulumi";
// The provider module, passed as the module object so that Pulumi records it as a `require` of this package.
import provider = require("../../provider/revcent/provider");
import type { QualifierMethod, Qualifiers } from "../../provider/revcent/types";

/** `T` with a `pulumi.Input` at every level, so that values of other resources (a group's id) can go anywhere inside. */
export type DeepInput<T> = [T] extends [(infer U)[]]
  ? pulumi.Input<DeepInput<U>[]>
  : [T] extends [object]
    ? pulumi.Input<{ [K in keyof T]: DeepInput<NonNullable<T[K]>> }>
    : pulumi.Input<T>;

export interface CustomerGroupArgs {
  /** The name of the RevCent group to adopt (exactly one group must have it). Give this or `groupId`. */
  name?: pulumi.Input<string>;
  /** The 20-character id of the RevCent group to adopt. Give this or `name`. */
  groupId?: pulumi.Input<string>;
  /** Expected description. Left out: not compared. */
  description?: pulumi.Input<string>;
  /** Expected enabled state. Left out: not compared. */
  enabled?: pulumi.Input<boolean>;
  /** Expected qualifier method. Left out: not compared. */
  qualifierMethod?: pulumi.Input<QualifierMethod>;
  /**
   * Expected qualifiers, in the structure of RevCent's API in camelCase. Only the values given are compared
   * (`{ specificValues: { values: { lifetimeValue: { min: 500 } } } }` compares that one number); lists are sets.
   */
  qualifiers?: DeepInput<Qualifiers>;
}

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

  constructor(name: string, args: CustomerGroupArgs, opts?: pulumi.CustomResourceOptions) {
    const props = {
      name: args.name,
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
    super(provider, name, props, opts, "revcent", "CustomerGroup");
  }
}
