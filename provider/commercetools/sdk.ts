// cg.commercetools.CustomerGroup: a commercetools customer group declared in a Pulumi program.

import * as pulumi from "@pulumi/pulumi";
// The provider module, passed as the module object so that Pulumi records it as a `require` of this package.
import provider = require("./provider");
import { resourceNameInput } from "../resourceName";
import { withoutPromiseTraces } from "../promiseTraces";
import { rolesChecked } from "../roles";
import type * as types from "./types";
import type { Inputs } from "../deepInput";

export type TypeReference = types.TypeReference;
export type CustomFieldsArgs = Inputs<types.CustomFields>;
/** The arguments: `name`, and optionally `key`, `custom` and `adopt` (see their documentation in docs/commercetools.md). */
export type CustomerGroupArgs = Inputs<types.CustomerGroupArgs>;

export class CustomerGroup extends pulumi.dynamic.Resource {
  /** The group's name as the platform holds it. */
  declare readonly name: pulumi.Output<string>;
  declare readonly key: pulumi.Output<string | undefined>;
  /** The custom type (with its `id`, and its `key` when the program named it by key) and fields. */
  declare readonly custom: pulumi.Output<types.CustomFieldsOutput | undefined>;
  /** The platform's version of the group, which every update is checked against. */
  declare readonly version: pulumi.Output<number>;
  /** The commercetools project the group lives in. */
  declare readonly projectKey: pulumi.Output<string>;
  declare readonly createdAt: pulumi.Output<string>;
  declare readonly lastModifiedAt: pulumi.Output<string>;
  /** The optional arguments this resource manages (those the program declares). */
  declare readonly managed: pulumi.Output<("key" | "custom")[]>;
  declare readonly adopt: pulumi.Output<boolean | undefined>;

  /** The named connection the group was reached through; undefined for the default settings. */
  declare readonly connection: pulumi.Output<string | undefined>;

  constructor(name: string, args: CustomerGroupArgs, opts?: pulumi.CustomResourceOptions) {
    const props = {
      // The resource's name, for the provider's messages about two resources of one run (not an argument; see lifecycle.ts).
      [resourceNameInput]: rolesChecked().then(() => name),
      name: args.name,
      connection: args.connection,
      key: args.key,
      custom: args.custom,
      adopt: args.adopt,
      deleteWithCustomers: args.deleteWithCustomers,
      // Outputs the provider fills in.
      version: undefined,
      projectKey: undefined,
      createdAt: undefined,
      lastModifiedAt: undefined,
      managed: undefined,
    };
    const restoreTraces = withoutPromiseTraces();
    try {
      super(provider, name, props, opts, "commercetools", "CustomerGroup");
    } finally {
      restoreTraces();
    }
  }
}
