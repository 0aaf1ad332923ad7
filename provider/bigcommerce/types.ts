// The public types of cg.bigcommerce.CustomerGroup: its arguments and outputs in plain form. The SDK wraps them in
// pulumi.Input (../deepInput.ts); the provider's model builds on them. One source, so the two cannot disagree.

export type AccessType = "all" | "specific" | "none";
export type RuleType = "all" | "product" | "category";
export type RuleMethod = "price" | "percent" | "fixed";

/** Which categories the group's customers may view and order from. */
export interface CategoryAccess {
  /** `all` categories, a `specific` list, or `none`. */
  type: AccessType;
  /** The category ids, only (and at least one) with `specific`: positive integers without repeats. Order does not matter. */
  categories?: number[];
}

/** A discount applied automatically to the group's customers. */
export interface DiscountRule {
  /** What the rule applies to: the whole store (`all`), one `product` or one `category`. At most one rule per target. */
  type: RuleType;
  /**
   * What `amount` means (BigCommerce's reference): `percent`, a percentage off the original price (`5 % off`); `price`, an
   * amount off each product's price (`12.00 off`); `fixed`, the adjusted absolute price: the product costs `amount`
   * (`fixed price 9.99`), whatever its own price. A `fixed` amount of 0.01 sells everything it targets at 0.01.
   */
  method: RuleMethod;
  /** The percentage off, the amount off, or the price, by `method`: a finite number, not negative, at most 100 for `percent`. The store keeps 4 decimals. */
  amount: number;
  /** The product, exactly when `type` is `product`. */
  productId?: number;
  /** The category, exactly when `type` is `category`. */
  categoryId?: number;
}

/**
 * Prices the group's customers from a price list (B2B stores price whole groups this way). It is the group's only rule:
 * the store refuses it beside other rules.
 */
export interface PriceListRule {
  type: "price_list";
  /** The price list, a positive integer (its id in the control panel or the Price Lists API). */
  priceListId: number;
}

export interface CustomerGroupArgs {
  /** The group's name, unique in the store. Changing it renames the group in place. */
  name: string;
  /** Whether new customers join this group by default (a store has one default group). Left out: not managed. */
  isDefault?: boolean;
  /** Which categories the group's customers can see and buy from. Left out: not managed (the store's value stays). */
  categoryAccess?: CategoryAccess;
  /**
   * The group's discount rules, as a set: their order does not matter. Left out: not managed (the store's rules stay);
   * `[]` removes every rule. The store replaces the whole set on each change, so the complete list is sent every time.
   * A price-list rule is the only rule of its group.
   */
  discountRules?: (DiscountRule | PriceListRule)[];
  /**
   * Whether shoppers who are not signed in get this group's prices (a store has one guest group). Left out: not managed.
   */
  isGroupForGuests?: boolean;
  /**
   * Take over an existing group with this `name` instead of failing on the duplicate name; it is converged with one
   * update. Has no effect once the resource exists.
   */
  adopt?: boolean;
  /**
   * Whether a delete may delete the group while it holds customers (they would lose its prices and discounts). Left out
   * or false: a delete (`pulumi up`, `pulumi destroy`, a replacement, a move) counts the group's customers first and
   * refuses while there are any, or while they cannot be counted. Set it, run `pulumi up`, then remove the group.
   */
  deleteWithCustomers?: boolean;
  /**
   * The named connection (a BigCommerce store) the group belongs to: its settings are `bigcommerce:connections.<name>.*` in the stack config,
   * or the environment variables with `_<NAME>` appended. Left out: the default settings. Changing it to another store is a
   * replacement; to another connection of the same store, it is not.
   */
  connection?: string;
}

/** The optional arguments a resource can manage. */
export type OptionalArgument = "isDefault" | "categoryAccess" | "discountRules" | "isGroupForGuests";
