// cg.bigcommerce.CustomerGroup: a BigCommerce (v2 API) customer group declared in a Pulumi program.

import * as pulumi from "@pulumi/pulumi";
// The provider module, passed as the module object so that Pulumi records it as a `require` of this package.
import provider = require("../../provider/bigcommerce/provider");

/** Which categories the group's customers may view and order from. */
export interface CategoryAccessArgs {
  /** `all` categories, a `specific` list, or `none`. */
  type: pulumi.Input<"all" | "specific" | "none">;
  /** The category ids, only (and at least one) with `specific`: positive integers without repeats. Order does not matter. */
  categories?: pulumi.Input<pulumi.Input<number>[]>;
}

/** A discount applied automatically to the group's customers. */
export interface DiscountRuleArgs {
  /** What the rule applies to: the whole store (`all`), one `product` or one `category`. At most one rule per target. */
  type: pulumi.Input<"all" | "product" | "category">;
  /** How the price is modified: by an amount (`price`), by a percentage (`percent`), or with a fixed discount (`fixed`). */
  method: pulumi.Input<"price" | "percent" | "fixed">;
  /** The modifier: a finite number, not negative, at most 100 for `percent`. The store keeps 4 decimals. */
  amount: pulumi.Input<number>;
  /** The product, exactly when `type` is `product`. */
  productId?: pulumi.Input<number>;
  /** The category, exactly when `type` is `category`. */
  categoryId?: pulumi.Input<number>;
}

export interface CustomerGroupArgs {
  /** The group's name, unique in the store. Changing it renames the group in place. */
  name: pulumi.Input<string>;
  /** Whether new customers join this group by default (a store has one default group). Left out: not managed. */
  isDefault?: pulumi.Input<boolean>;
  /** Which categories the group's customers can see and buy from. Left out: not managed (the store's value stays). */
  categoryAccess?: pulumi.Input<CategoryAccessArgs>;
  /**
   * The group's discount rules, as a set: their order does not matter. Left out: not managed (the store's rules stay);
   * `[]` removes every rule. The store replaces the whole set on each change, so the complete list is sent every time.
   */
  discountRules?: pulumi.Input<pulumi.Input<DiscountRuleArgs>[]>;
  /**
   * Take over an existing group with this `name` instead of failing on the duplicate name; it is converged with one
   * update. Has no effect once the resource exists.
   */
  adopt?: pulumi.Input<boolean>;
}

/** A discount rule as the store holds it. */
export interface DiscountRule {
  type: "all" | "product" | "category";
  method: "price" | "percent" | "fixed";
  amount: number;
  productId?: number;
  categoryId?: number;
}

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
  declare readonly categoryAccess: pulumi.Output<{ type: "all" | "specific" | "none"; categories?: number[] }>;
  /** The discount rules as the store holds them, in a canonical order, amounts at 4 decimals. */
  declare readonly discountRules: pulumi.Output<DiscountRule[]>;
  /** The optional arguments this resource manages (those the program declares). */
  declare readonly managed: pulumi.Output<("isDefault" | "categoryAccess" | "discountRules")[]>;
  declare readonly adopt: pulumi.Output<boolean | undefined>;

  constructor(name: string, args: CustomerGroupArgs, opts?: pulumi.CustomResourceOptions) {
    const props = {
      name: args.name,
      isDefault: args.isDefault,
      categoryAccess: args.categoryAccess,
      discountRules: args.discountRules,
      adopt: args.adopt,
      // Outputs the provider fills in.
      groupId: undefined,
      storeHash: undefined,
      managed: undefined,
    };
    super(provider, name, props, opts, "bigcommerce", "CustomerGroup");
  }
}
