// cg.bigcommerce.CustomerGroup: a BigCommerce (v2 API) customer group declared in a Pulumi program.

import * as pulumi from "@pulumi/pulumi";
// The provider module, passed as the module object so that Pulumi records it as a `require` of this package.
import provider = require("./provider");
import { resourceNameInput } from "../resourceName";
import { withoutPromiseTraces } from "../promiseTraces";
import { claimRoles, rolesChecked } from "../roles";
import { roles } from "./model";
import type * as types from "./types";
import type { Inputs } from "../deepInput";

export type CategoryAccessArgs = Inputs<types.CategoryAccess>;
export type DiscountRuleArgs = Inputs<types.DiscountRule>;
export type PriceListRuleArgs = Inputs<types.PriceListRule>;
/** The arguments: `name`, and optionally `isDefault`, `isGroupForGuests`, `categoryAccess`, `discountRules` and `adopt` (see docs/bigcommerce.md). */
export type CustomerGroupArgs = Inputs<types.CustomerGroupArgs>;
/** A discount rule as the store holds it. */
export type DiscountRule = types.DiscountRule;
/** A price-list rule: the group's prices come from a price list. */
export type PriceListRule = types.PriceListRule;

/**
 * A customer group of a BigCommerce store, with its catalogue access and discount rules.
 *
 * The store is `bigcommerce:storeHash` (or `BIGCOMMERCE_STORE_HASH`); moving a group to another store replaces it.
 * Deleting the resource deletes the group, and BigCommerce then unassigns all of its customers from it (they are kept,
 * without a group).
 */
export class CustomerGroup extends pulumi.dynamic.Resource {
  /** The store's numeric id of the group (the resource id is the same number as a string). */
  declare readonly groupId: pulumi.Output<number>;
  /** The store the group lives in. */
  declare readonly storeHash: pulumi.Output<string>;
  /** The group's name as the store holds it. */
  declare readonly name: pulumi.Output<string>;
  /** Whether new customers join this group by default, as the store holds it. */
  declare readonly isDefault: pulumi.Output<boolean>;
  /** The category access as the store holds it (categories ascending). */
  declare readonly categoryAccess: pulumi.Output<types.CategoryAccess>;
  /** The discount rules as the store holds them, in a canonical order, amounts at 4 decimals (or the one price-list rule). */
  declare readonly discountRules: pulumi.Output<(DiscountRule | PriceListRule)[]>;
  /** Whether the group is the store's guest group, as the store holds it. */
  declare readonly isGroupForGuests: pulumi.Output<boolean>;
  /** The optional arguments this resource manages (those the program declares). */
  declare readonly managed: pulumi.Output<types.OptionalArgument[]>;
  declare readonly adopt: pulumi.Output<boolean | undefined>;

  /** The named connection the group was reached through; undefined for the default settings. */
  declare readonly connection: pulumi.Output<string | undefined>;

  constructor(name: string, args: CustomerGroupArgs, opts?: pulumi.CustomResourceOptions) {
    claimRoles("bigcommerce", name, args as Record<string, unknown>, roles);
    const props = {
      // The resource's name, for the provider's messages about two resources of one run (not an argument; see lifecycle.ts).
      [resourceNameInput]: rolesChecked().then(() => name),
      name: args.name,
      connection: args.connection,
      isDefault: args.isDefault,
      categoryAccess: args.categoryAccess,
      discountRules: args.discountRules,
      isGroupForGuests: args.isGroupForGuests,
      adopt: args.adopt,
      deleteWithCustomers: args.deleteWithCustomers,
      // Outputs the provider fills in.
      groupId: undefined,
      storeHash: undefined,
      managed: undefined,
    };
    const restoreTraces = withoutPromiseTraces();
    try {
      super(provider, name, props, opts, "bigcommerce", "CustomerGroup");
    } finally {
      restoreTraces();
    }
  }
}
