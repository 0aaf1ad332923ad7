// cg.commercetools.CustomerGroup: a commercetools customer group declared in a Pulumi program.

import * as pulumi from "@pulumi/pulumi";
// The provider module, passed as the module object so that Pulumi records it as a `require` of this package.
import provider = require("../../provider/commercetools/provider");

/** A custom type named by its key or by its id. */
export type TypeReference = { key: string } | { id: string };

export interface CustomFieldsArgs {
  /** The custom type of the group (a Type whose resourceTypeIds include `customer-group`). */
  type: pulumi.Input<TypeReference>;
  /** Field values by field name, in the platform's JSON forms (strings, numbers, booleans, Money, sets as arrays...). */
  fields?: pulumi.Input<Record<string, pulumi.Input<unknown>>>;
}

export interface CustomerGroupArgs {
  /** The group's name, unique in the project. Changing it renames the group in place. */
  name: pulumi.Input<string>;
  /** Optional user-defined key: 2 to 256 characters of A-Z, a-z, 0-9, `_` and `-`. Leaving it out removes the key. */
  key?: pulumi.Input<string>;
  /** Optional custom type and fields. Leaving it out removes the custom type and all its fields. */
  custom?: pulumi.Input<CustomFieldsArgs>;
  /**
   * Take over an existing group instead of failing on a duplicate: the group with this `key` (or, without a key,
   * this `name`) is adopted and converged with one update. Has no effect once the resource exists.
   */
  adopt?: pulumi.Input<boolean>;
}

export class CustomerGroup extends pulumi.dynamic.Resource {
  /** The group's name as the platform holds it. */
  declare readonly name: pulumi.Output<string>;
  declare readonly key: pulumi.Output<string | undefined>;
  /** The custom type (with its `id`, and its `key` when the program named it by key) and fields. */
  declare readonly custom: pulumi.Output<{ type: { key?: string; id: string }; fields: Record<string, unknown> } | undefined>;
  /** The platform's version of the group, which every update is checked against. */
  declare readonly version: pulumi.Output<number>;
  /** The commercetools project the group lives in. */
  declare readonly projectKey: pulumi.Output<string>;
  declare readonly createdAt: pulumi.Output<string>;
  declare readonly lastModifiedAt: pulumi.Output<string>;
  declare readonly adopt: pulumi.Output<boolean | undefined>;

  constructor(name: string, args: CustomerGroupArgs, opts?: pulumi.CustomResourceOptions) {
    const props = {
      name: args.name,
      key: args.key,
      custom: args.custom,
      adopt: args.adopt,
      // Outputs the provider fills in.
      version: undefined,
      projectKey: undefined,
      createdAt: undefined,
      lastModifiedAt: undefined,
    };
    super(provider, name, props, opts, "commercetools", "CustomerGroup");
  }
}
