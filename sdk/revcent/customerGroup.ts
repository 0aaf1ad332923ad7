// cg.revcent.CustomerGroup: an existing RevCent customer group adopted by a Pulumi program and watched for drift.

import * as pulumi from "@pulumi/pulumi";
// The provider module, passed as the module object so that Pulumi records it as a `require` of this package.
import provider = require("../../provider/revcent/provider");
import type * as types from "../../provider/revcent/types";
import type { QualifierMethod, Qualifiers } from "../../provider/revcent/types";
import type { Inputs } from "../inputs";

export type { DeepInput } from "../inputs";

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
    super(provider, name, props, opts, "revcent", "CustomerGroup");
  }
}
