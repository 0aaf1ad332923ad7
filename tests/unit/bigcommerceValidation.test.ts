// Unit tests: BigCommerce CustomerGroup arguments are validated before anything is sent, each failure with its path and reason.

import { expect } from "chai";
import { customerGroupAdapter } from "../../provider/bigcommerce/customerGroup";
import { validateGroup } from "../../provider/bigcommerce/validation";
import { configuredProvider } from "../helpers/provider";

const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const check = (v: Record<string, unknown>) => validateGroup(v);
const rules = (...discountRules: unknown[]) => check({ name: "G", discountRules });

describe("BigCommerce CustomerGroup validation", () => {
  it("accepts full and minimal valid groups", () => {
    expect(
      check({
        name: "Wholesale",
        isDefault: false,
        categoryAccess: { type: "specific", categories: [7, 12] },
        discountRules: [
          { type: "all", method: "percent", amount: 2.5 },
          { type: "product", productId: 33, method: "percent", amount: 5 },
          { type: "category", categoryId: 7, method: "price", amount: 12 },
          { type: "category", categoryId: 8, method: "fixed", amount: 0 },
        ],
        adopt: true,
      }),
    ).to.deep.equal([]);
    expect(check({ name: "Retail" })).to.deep.equal([]);
    expect(check({ name: "R", categoryAccess: { type: "none" }, discountRules: [] })).to.deep.equal([]);
    expect(rules({ type: "all", method: "percent", amount: 100 })).to.deep.equal([]);
  });

  it("checks the shape of every argument", () => {
    expect(check({})).to.deep.equal([{ property: "name", reason: "is required" }]);
    expect(check({ name: " " })).to.deep.equal([
      { property: "name", reason: "starts with white space (U+0020 SPACE): remove it, or it reads as another name" },
    ]);
    expect(check({ name: "" })).to.deep.equal([
      {
        property: "name",
        reason:
          "must be 1 to 255 characters (an emoji counts as one), without control, bidirectional or zero-width characters, nor white space at either end (unique in the store)",
      },
    ]);
    expect(check({ name: "x".repeat(256) })).to.have.length(1);
    expect(check({ name: "G", is_default: true })).to.deep.equal([{ property: "is_default", reason: "is not a known argument. Did you mean 'isDefault'?" }]);
    expect(check({ name: "G", categoryAcess: { type: "all" } })).to.deep.equal([
      { property: "categoryAcess", reason: "is not a known argument. Did you mean 'categoryAccess'?" },
    ]);
    expect(check({ name: "G", colour: "gold" })).to.deep.equal([{ property: "colour", reason: "is not a known argument" }]);
    expect(check({ name: "G", isDefault: "yes" })).to.deep.equal([{ property: "isDefault", reason: "must be boolean" }]);
    expect(check({ name: "G", categoryAccess: { type: "some" } })).to.deep.equal([
      { property: "categoryAccess.type", reason: 'must be one of "all", "specific", "none"' },
    ]);
    expect(check({ name: "G", categoryAccess: { categories: [1] } })).to.deep.equal([{ property: "categoryAccess.type", reason: "is required" }]);
    expect(check({ name: "G", categoryAccess: { type: "specific", categories: [7, 0, 2.5] } })).to.deep.equal([
      { property: "categoryAccess.categories[1]", reason: "must be a positive integer (a category id)" },
      { property: "categoryAccess.categories[2]", reason: "must be a positive integer (a category id)" },
    ]);
    expect(rules({ type: "each", method: "discount", amount: "5" })).to.deep.equal([
      { property: "discountRules[0].type", reason: 'must be one of "all", "product", "category", "price_list"' },
      { property: "discountRules[0].method", reason: 'must be one of "price", "percent", "fixed"' },
      { property: "discountRules[0].amount", reason: "must be a finite number, not negative" },
    ]);
    expect(rules({ type: "all" })).to.deep.equal([
      { property: "discountRules[0].method", reason: "is required" },
      { property: "discountRules[0].amount", reason: "is required" },
    ]);
    expect(rules({ type: "all", method: "price", amount: 1, product_id: 3 })).to.deep.equal([
      { property: "discountRules[0].product_id", reason: "is not a known argument. Did you mean 'productId'?" },
    ]);
    expect(rules({ type: "product", method: "price", amount: 1, productId: -3 })).to.deep.equal([
      { property: "discountRules[0].productId", reason: "must be a positive integer (a product id)" },
    ]);
  });

  it("requires a finite amount that is not negative, and at most 100 for percent", () => {
    expect(rules({ type: "all", method: "price", amount: -1 })).to.deep.equal([
      { property: "discountRules[0].amount", reason: "must be a finite number, not negative" },
    ]);
    expect(rules({ type: "all", method: "price", amount: Number.NaN })).to.deep.equal([
      { property: "discountRules[0].amount", reason: "must be a finite number, not negative" },
    ]);
    expect(rules({ type: "all", method: "fixed", amount: Number.POSITIVE_INFINITY })).to.deep.equal([
      { property: "discountRules[0].amount", reason: "must be a finite number, not negative" },
    ]);
    expect(rules({ type: "all", method: "percent", amount: 100.01 })).to.deep.equal([
      { property: "discountRules[0].amount", reason: 'must be at most 100 when method is "percent"' },
    ]);
    expect(rules({ type: "all", method: "price", amount: 250 })).to.deep.equal([]);
  });

  it("wants productId exactly with product rules and categoryId exactly with category rules", () => {
    expect(
      rules(
        { type: "category", categoryId: 5, method: "price", amount: 1 },
        { type: "product", method: "price", amount: 1 },
        { type: "category", method: "price", amount: 1, productId: 4 },
        { type: "all", method: "percent", amount: 1, categoryId: 9 },
      ),
    ).to.deep.equal([
      { property: "discountRules[1].productId", reason: 'is required when type is "product"' },
      { property: "discountRules[2].productId", reason: 'is only allowed when type is "product" (type is "category")' },
      { property: "discountRules[2].categoryId", reason: 'is required when type is "category"' },
      { property: "discountRules[3].categoryId", reason: 'is only allowed when type is "category" (type is "all")' },
    ]);
  });

  it("allows categories only with specific access, and there at least one, without repeats", () => {
    expect(check({ name: "G", categoryAccess: { type: "specific" } })).to.deep.equal([
      { property: "categoryAccess.categories", reason: 'must list at least one category id when type is "specific"' },
    ]);
    expect(check({ name: "G", categoryAccess: { type: "specific", categories: [] } })).to.deep.equal([
      { property: "categoryAccess.categories", reason: 'must list at least one category id when type is "specific"' },
    ]);
    expect(check({ name: "G", categoryAccess: { type: "all", categories: [1] } })).to.deep.equal([
      { property: "categoryAccess.categories", reason: 'is only allowed when type is "specific" (type is "all")' },
    ]);
    expect(check({ name: "G", categoryAccess: { type: "none", categories: [] } })).to.deep.equal([
      { property: "categoryAccess.categories", reason: 'is only allowed when type is "specific" (type is "none")' },
    ]);
    expect(check({ name: "G", categoryAccess: { type: "specific", categories: [7, 12, 7, 3, 12] } })).to.deep.equal([
      { property: "categoryAccess.categories[2]", reason: "repeats category 7 (already categoryAccess.categories[0])" },
      { property: "categoryAccess.categories[4]", reason: "repeats category 12 (already categoryAccess.categories[1])" },
    ]);
  });

  it("rejects two rules for the same target as ambiguous, whatever their methods", () => {
    expect(
      rules(
        { type: "all", method: "percent", amount: 2 },
        { type: "product", productId: 33, method: "percent", amount: 5 },
        { type: "category", categoryId: 33, method: "price", amount: 1 },
        { type: "product", productId: 33, method: "fixed", amount: 4 },
        { type: "all", method: "price", amount: 1 },
        { type: "category", categoryId: 33, method: "price", amount: 1 },
      ),
    ).to.deep.equal([
      {
        property: "discountRules[3]",
        reason: "is a second rule for product 33, like discountRules[1]; which one applies would be ambiguous, so give each target one rule",
      },
      {
        property: "discountRules[4]",
        reason: 'is a second rule for the whole store (type "all"), like discountRules[0]; which one applies would be ambiguous, so give each target one rule',
      },
      {
        property: "discountRules[5]",
        reason: "is a second rule for category 33, like discountRules[2]; which one applies would be ambiguous, so give each target one rule",
      },
    ]);
  });

  // A program during preview: values that depend on resources not created yet are unknown.
  const partlyUnknown = {
    name: "G",
    categoryAccess: { type: unknown, categories: [1] },
    discountRules: [
      { type: unknown, method: "price", amount: 1, productId: 3 },
      { type: "product", productId: unknown, method: "price", amount: 1 },
      { type: "product", productId: unknown, method: "price", amount: 2 },
      { type: "all", method: "percent", amount: unknown },
      { type: "all", method: "percent", amount: 120 },
    ],
  };
  const unknownCategories = { name: "G", categoryAccess: { type: "specific", categories: unknown } };
  const unknownCategoryIds = { name: "G", categoryAccess: { type: "specific", categories: [unknown, unknown] } };
  const unknownOtherId = {
    name: "G",
    discountRules: [
      { type: "all", method: "percent", amount: 1, productId: unknown },
      { type: "all", method: "price", amount: 2 },
    ],
  };
  const knownFailures = [
    { property: "discountRules[4].amount", reason: 'must be at most 100 when method is "percent"' },
    {
      property: "discountRules[4]",
      reason: 'is a second rule for the whole store (type "all"), like discountRules[3]; which one applies would be ambiguous, so give each target one rule',
    },
  ];

  it("reports the schema's failures at unknown values as they are, but never an unknown value as a repeat", () => {
    // The schema sees the unknown marker as a string; check (below) drops the failures at unknown paths. The rules
    // about repeats (same target twice, repeated categories) must not compare unknown values with each other.
    expect(check(partlyUnknown)).to.deep.equal([
      { property: "categoryAccess.type", reason: 'must be one of "all", "specific", "none"' },
      { property: "discountRules[0].type", reason: 'must be one of "all", "product", "category", "price_list"' },
      { property: "discountRules[1].productId", reason: "must be a positive integer (a product id)" },
      { property: "discountRules[2].productId", reason: "must be a positive integer (a product id)" },
      { property: "discountRules[3].amount", reason: "must be a finite number, not negative" },
      ...knownFailures,
    ]);
    expect(check(unknownCategories)).to.deep.equal([{ property: "categoryAccess.categories", reason: "must be array" }]);
    expect(check(unknownCategoryIds)).to.deep.equal([
      { property: "categoryAccess.categories[0]", reason: "must be a positive integer (a category id)" },
      { property: "categoryAccess.categories[1]", reason: "must be a positive integer (a category id)" },
    ]);
    // Whether the first rule is for the whole store is not known until its productId is: no repeat either.
    expect(check(unknownOtherId)).to.deep.equal([
      { property: "discountRules[0].productId", reason: "must be a positive integer (a product id)" },
      { property: "discountRules[0].productId", reason: 'is only allowed when type is "product" (type is "all")' },
    ]);
  });

  it("check does not judge values that are not known yet (preview), but still judges the known ones", async () => {
    const provider = await configuredProvider((stack) => customerGroupAdapter(stack, {}, {}), {});
    const checked = (news: Record<string, unknown>) => provider.check({}, { ...news, __provider: "stub" });
    expect(await checked(partlyUnknown)).to.deep.equal({ inputs: partlyUnknown, failures: knownFailures });
    // Nothing to report: the inputs pass through untouched, to be judged when they are known.
    expect(await checked(unknownCategories)).to.deep.equal({ inputs: unknownCategories });
    expect(await checked(unknownCategoryIds)).to.deep.equal({ inputs: unknownCategoryIds });
    expect(await checked(unknownOtherId)).to.deep.equal({ inputs: unknownOtherId });
  });

  it("takes a price-list rule alone, and refuses it beside other rules, with a method or amount, or without its id, naming the rule", () => {
    expect(rules({ type: "price_list", priceListId: 3 })).to.deep.equal([]);
    expect(check({ name: "G", isGroupForGuests: true })).to.deep.equal([]);
    expect(rules({ type: "all", method: "percent", amount: 5 }, { type: "price_list", priceListId: 3 })).to.deep.equal([
      {
        property: "discountRules[1]",
        reason: "is a price-list rule, which must be the group's only rule (BigCommerce refuses it beside other rules); this group declares 2 rules",
      },
    ]);
    expect(rules({ type: "price_list", priceListId: 3, method: "percent", amount: 5 })).to.deep.equal([
      { property: "discountRules[0].method", reason: 'is not allowed with type "price_list" (the price list sets the prices)' },
      { property: "discountRules[0].amount", reason: 'is not allowed with type "price_list" (the price list sets the prices)' },
    ]);
    expect(rules({ type: "price_list" })).to.deep.equal([{ property: "discountRules[0].priceListId", reason: "is required" }]);
    expect(rules({ type: "price_list", priceListId: 0 })).to.deep.equal([
      { property: "discountRules[0].priceListId", reason: "must be a positive integer (a price list id)" },
    ]);
    expect(rules({ type: "all", method: "percent", amount: 5, priceListId: 3 })).to.deep.equal([
      { property: "discountRules[0].priceListId", reason: 'is only allowed when type is "price_list" (type is "all")' },
    ]);
    expect(rules({ type: "all" })).to.deep.equal([
      { property: "discountRules[0].method", reason: "is required" },
      { property: "discountRules[0].amount", reason: "is required" },
    ]);
    expect(check({ name: "G", isGroupForGuests: "yes" })).to.deep.equal([{ property: "isGroupForGuests", reason: "must be boolean" }]);
  });
});
