// The public types of cg.commercetools.CustomerGroup: its arguments and outputs in plain form. The SDK wraps them in
// pulumi.Input (../deepInput.ts); the provider's model builds on them. One source, so the two cannot disagree.

/** A custom type named by its key or by its id. */
export type TypeReference = { key: string } | { id: string };

export interface CustomFields {
  /** The custom type of the group (a Type whose resourceTypeIds include `customer-group`). */
  type: TypeReference;
  /**
   * Field values by field name, in the platform's JSON forms (strings, numbers, booleans, Money, sets as arrays...).
   * The declared fields are the group's fields: a field left out here is removed.
   */
  fields?: Record<string, unknown>;
}

export interface CustomerGroupArgs {
  /** The group's name, unique in the project. Changing it renames the group in place. */
  name: string;
  /**
   * Optional user-defined key: 2 to 256 characters of A-Z, a-z, 0-9, `_` and `-`. Left out: not managed (the group keeps
   * whatever key it has, and none is sent). `null`: the group has no key (an existing one is removed).
   */
  key?: string | null;
  /**
   * Optional custom type and fields. Left out: not managed (the group keeps its custom type and fields, and nothing is
   * sent). Declared: the group gets exactly this type and these fields. `null`: the group has no custom type (an
   * existing one is removed with its fields).
   */
  custom?: CustomFields | null;
  /**
   * Take over an existing group instead of failing on a duplicate: the group with this `key` (or, without a key,
   * this `name`) is adopted and converged with one update. Has no effect once the resource exists.
   */
  adopt?: boolean;
  /**
   * Whether a delete may delete the group while it holds customers (they would lose its prices and discounts). Left out
   * or false: a delete (`pulumi up`, `pulumi destroy`, a replacement, a move) counts the group's customers first and
   * refuses while there are any, or while they cannot be counted. Set it, run `pulumi up`, then remove the group.
   */
  deleteWithCustomers?: boolean;
  /**
   * The named connection (a commercetools project) the group belongs to: its settings are `commercetools:connections.<name>.*` in the stack config,
   * or the environment variables with `_<NAME>` appended. Left out: the default settings. Changing it to another project is a
   * replacement; to another connection of the same project, it is not.
   */
  connection?: string;
}

/** The custom type and fields as the platform holds them. */
export interface CustomFieldsOutput {
  /** The type's id, and its key when the program named it by key. */
  type: { key?: string; id: string };
  fields: Record<string, unknown>;
}
