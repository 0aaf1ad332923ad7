// Unit tests: BigCommerce groups normalized (4-decimal amounts, rule order, absent vs empty), PUT bodies, and the overwrite warning.

import { expect } from "chai";
import { changedFields, overwriteWarning, toUpdateBody } from "../../provider/bigcommerce/changes";
import { GroupInputs, GroupState, normalizeInputs, observedInputs } from "../../provider/bigcommerce/model";
import { stateOfGroup, toCreateBody, WireGroup } from "../../provider/bigcommerce/wire";

const wholesaleRules = [
  { type: "all" as const, method: "percent" as const, amount: 2.5 },
  { type: "product" as const, productId: 33, method: "percent" as const, amount: 5 },
  { type: "category" as const, categoryId: 7, method: "price" as const, amount: 12 },
];

const wire: WireGroup = {
  id: 4,
  name: "Wholesale",
  is_default: false,
  category_access: { type: "specific", categories: [12, 7] },
  discount_rules: [
    { type: "product", method: "percent", amount: "5.0000", product_id: 33 },
    { type: "category", method: "price", amount: "12.0000", category_id: 7 },
    { type: "all", method: "percent", amount: "2.5000" },
  ],
  date_created: "Tue, 20 Nov 2012 00:00:00 +0000",
};

const all = ["isDefault", "categoryAccess", "discountRules"] as const;

/** Paths (`discount_rules[0].product_id`) of the keys whose value is undefined: such a key is not what the store is sent. */
function undefinedPaths(value: unknown, path = "(body)"): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => undefinedPaths(v, `${path}[${i}]`));
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => (v === undefined ? [`${path}.${k}`] : undefinedPaths(v, `${path}.${k}`)));
  }
  return [];
}
const stateOf = (group: WireGroup, managed: readonly ("isDefault" | "categoryAccess" | "discountRules" | "isGroupForGuests")[] = all): GroupState =>
  stateOfGroup(group, "abc123", managed).state;

describe("BigCommerce normalization", () => {
  it("rounds amounts to the store's 4 decimals and orders rules and categories canonically", () => {
    const inputs = normalizeInputs({
      name: "Wholesale",
      categoryAccess: { type: "specific", categories: [12, 7] },
      discountRules: [
        { type: "product", productId: 40, method: "fixed", amount: 1.23456 },
        { type: "category", categoryId: 7, method: "price", amount: 12 },
        { type: "product", productId: 33, method: "percent", amount: 5 },
        { type: "all", method: "percent", amount: 2.5 },
      ],
    });
    expect(inputs).to.deep.equal({
      name: "Wholesale",
      categoryAccess: { type: "specific", categories: [7, 12] },
      discountRules: [
        { type: "all", method: "percent", amount: 2.5 },
        { type: "category", categoryId: 7, method: "price", amount: 12 },
        { type: "product", productId: 33, method: "percent", amount: 5 },
        { type: "product", productId: 40, method: "fixed", amount: 1.2346 },
      ],
    });
  });

  it("keeps absent arguments absent and an empty rule list empty", () => {
    expect(normalizeInputs({ name: "A" })).to.deep.equal({ name: "A" });
    expect(normalizeInputs({ name: "A", discountRules: [], isDefault: false, adopt: true })).to.deep.equal({
      name: "A",
      isDefault: false,
      discountRules: [],
      adopt: true,
    });
  });

  it('reads the store\'s "5.0000" strings as numbers, and the result equals the program', () => {
    const state = stateOf(wire);
    expect(state).to.deep.equal({
      groupId: 4,
      storeHash: "abc123",
      name: "Wholesale",
      isDefault: false,
      categoryAccess: { type: "specific", categories: [7, 12] },
      discountRules: [
        { type: "all", method: "percent", amount: 2.5 },
        { type: "category", categoryId: 7, method: "price", amount: 12 },
        { type: "product", productId: 33, method: "percent", amount: 5 },
      ],
      isGroupForGuests: false,
      managed: ["isDefault", "categoryAccess", "discountRules"],
    });
    const program = normalizeInputs({
      name: "Wholesale",
      isDefault: false,
      categoryAccess: { type: "specific", categories: [12, 7] },
      discountRules: [...wholesaleRules].reverse(),
    });
    expect(changedFields(state, program)).to.deep.equal([]);
    expect(observedInputs(state)).to.deep.equal(program);
  });

  it("compares amounts at 4 decimals", () => {
    const state = stateOf({ ...wire, discount_rules: [{ type: "all", method: "percent", amount: "5.0000" }] });
    const same = (amount: number) => changedFields(state, normalizeInputs({ name: "Wholesale", discountRules: [{ type: "all", method: "percent", amount }] }));
    expect(same(5)).to.deep.equal([]);
    expect(same(5.00004)).to.deep.equal([]);
    expect(same(5.0001)).to.deep.equal(["discountRules"]);
  });

  it("tells an absent rule list (not managed) from an empty one (no rules)", () => {
    const state = stateOf(wire);
    expect(changedFields(state, { name: "Wholesale" })).to.deep.equal([]);
    expect(changedFields(state, { name: "Wholesale", discountRules: [] })).to.deep.equal(["discountRules"]);
    expect(changedFields(stateOf({ ...wire, discount_rules: [] }), { name: "Wholesale", discountRules: [] })).to.deep.equal([]);
  });

  it("returns only the declared arguments as inputs, so a refresh shows drift only where the program has a say", () => {
    expect(observedInputs(stateOf(wire, ["discountRules"]))).to.deep.equal({ name: "Wholesale", discountRules: stateOf(wire).discountRules });
    expect(observedInputs({ ...stateOf(wire, []), adopt: true })).to.deep.equal({ name: "Wholesale", adopt: true });
  });

  it("keeps a rule it cannot understand (the documented example's swapped fields) and says so", () => {
    const documented: WireGroup = {
      id: 3,
      name: "Student Discounts",
      is_default: true,
      category_access: { type: "all" },
      discount_rules: [
        { type: "percent", method: true, amount: "5.0000" },
        { type: "all", method: "price", amount: "1.5000" },
      ],
    };
    const { state, problems } = stateOfGroup(documented, "abc123", ["discountRules"]);
    expect(state.discountRules).to.deep.equal([
      { type: "all", method: "price", amount: 1.5 },
      { type: "percent", method: true, amount: "5.0000" },
    ]);
    expect(problems).to.deep.equal([
      "bigcommerce customer group 3 ('Student Discounts'): discount rule 0 is not understood and is kept as the store sent it: " +
        '{"type":"percent","method":true,"amount":"5.0000"}. Expected type "all", "product" (with product_id) or "category" (with category_id), ' +
        'method "price", "percent" or "fixed", and a decimal amount; or type "price_list" with price_list_id.',
    ]);
    // It never equals a rule the program can declare, so a managed rule set shows a change and the next PUT replaces it.
    const program = normalizeInputs({
      name: "Student Discounts",
      discountRules: [
        { type: "all", method: "percent", amount: 5 },
        { type: "all", method: "price", amount: 1.5 },
      ],
    });
    expect(changedFields(state, program)).to.deep.equal(["discountRules"]);
  });

  it("reports unreadable category access and rules with a wrong target", () => {
    const { state, problems } = stateOfGroup(
      { ...wire, category_access: { type: "some" }, discount_rules: [{ type: "product", method: "price", amount: "1.0000" }] },
      "abc123",
      [],
    );
    expect(state.categoryAccess).to.deep.equal({ type: "some" });
    expect(state.discountRules).to.deep.equal([{ type: "product", method: "price", amount: "1.0000" }]);
    expect(problems).to.have.length(2);
    expect(problems[0]).to.match(/discount rule 0 is not understood/);
    expect(problems[1]).to.match(/category_access is not understood .*\{"type":"some"\}/);
  });

  it("ignores fields the store adds to a rule", () => {
    const { state, problems } = stateOfGroup(
      { ...wire, discount_rules: [{ id: 91, type: "all", method: "price", amount: "0.5000", product_id: null }] },
      "abc123",
      [],
    );
    expect(problems).to.deep.equal([]);
    expect(state.discountRules).to.deep.equal([{ type: "all", method: "price", amount: 0.5 }]);
  });

  it("ignores the other kind's id when the store sends it empty", () => {
    const { state, problems } = stateOfGroup(
      { ...wire, discount_rules: [{ type: "product", method: "fixed", amount: "3.0000", product_id: "33", category_id: 0 }] },
      "abc123",
      [],
    );
    expect(problems).to.deep.equal([]);
    expect(state.discountRules).to.deep.equal([{ type: "product", productId: 33, method: "fixed", amount: 3 }]);
  });
});

describe("BigCommerce request bodies", () => {
  it("creates with the name and the declared fields only, in snake_case", () => {
    expect(toCreateBody({ name: "Retail" })).to.deep.equal({ name: "Retail" });
    expect(undefinedPaths(toCreateBody({ name: "Retail" }))).to.deep.equal([]);
    expect(
      toCreateBody(normalizeInputs({ name: "W", isDefault: true, categoryAccess: { type: "specific", categories: [12, 7] }, discountRules: wholesaleRules })),
    ).to.deep.equal({
      name: "W",
      is_default: true,
      category_access: { type: "specific", categories: [7, 12] },
      discount_rules: [
        { type: "all", method: "percent", amount: 2.5 },
        { type: "category", category_id: 7, method: "price", amount: 12 },
        { type: "product", product_id: 33, method: "percent", amount: 5 },
      ],
    });
  });

  const current = stateOf(wire);
  const base: GroupInputs = normalizeInputs({
    name: "Wholesale",
    isDefault: false,
    categoryAccess: { type: "specific", categories: [7, 12] },
    discountRules: wholesaleRules,
  });
  const fullRules = (amountOfAll: number) => [
    { type: "all", method: "percent", amount: amountOfAll },
    { type: "category", category_id: 7, method: "price", amount: 12 },
    { type: "product", product_id: 33, method: "percent", amount: 5 },
  ];
  const cases: { title: string; desired: GroupInputs; body: object }[] = [
    { title: "nothing changed", desired: base, body: {} },
    { title: "rules reordered", desired: { ...base, discountRules: [...base.discountRules!].reverse() }, body: {} },
    { title: "nothing declared but the name", desired: { name: "Wholesale" }, body: {} },
    { title: "the name", desired: { ...base, name: "Trade" }, body: { name: "Trade" } },
    { title: "isDefault", desired: { ...base, isDefault: true }, body: { is_default: true } },
    { title: "category access", desired: { ...base, categoryAccess: { type: "none" } }, body: { category_access: { type: "none" } } },
    {
      title: "one amount: the whole rule set",
      desired: normalizeInputs({ ...base, discountRules: [{ ...wholesaleRules[0], amount: 3 }, wholesaleRules[1], wholesaleRules[2]] }),
      body: { discount_rules: fullRules(3) },
    },
    { title: "all rules removed", desired: { ...base, discountRules: [] }, body: { discount_rules: [] } },
    {
      title: "name and rules at once, access unchanged",
      desired: normalizeInputs({ ...base, name: "Trade", discountRules: [{ ...wholesaleRules[0], amount: 3 }, wholesaleRules[1], wholesaleRules[2]] }),
      body: { name: "Trade", discount_rules: fullRules(3) },
    },
    {
      title: "everything",
      desired: normalizeInputs({ name: "T", isDefault: true, categoryAccess: { type: "specific", categories: [7] }, discountRules: [] }),
      body: { name: "T", is_default: true, category_access: { type: "specific", categories: [7] }, discount_rules: [] },
    },
  ];
  cases.push(
    { title: "the guest flag", desired: { ...base, isGroupForGuests: true }, body: { is_group_for_guests: true } },
    {
      title: "ordinary rules to a price list: one PUT with the price list alone",
      desired: normalizeInputs({ ...base, discountRules: [{ type: "price_list", priceListId: 3 }] }),
      body: { discount_rules: [{ type: "price_list", price_list_id: 3 }] },
    },
  );
  for (const c of cases) {
    it(`PUT body: ${c.title}`, () => {
      const body = toUpdateBody(current, c.desired);
      expect(body).to.deep.equal(c.body);
      expect(undefinedPaths(body)).to.deep.equal([]);
    });
  }
});

describe("BigCommerce overwrite warning", () => {
  const lastKnown = stateOf(wire);

  it("says nothing when the live group is as last known, or when the edited fields are not overwritten", () => {
    expect(overwriteWarning(lastKnown, stateOf(wire), { discount_rules: [] })).to.equal(undefined);
    const renamedInUi = stateOf({ ...wire, name: "Wholesale (UI)" });
    expect(overwriteWarning(lastKnown, renamedInUi, { discount_rules: [] })).to.equal(undefined);
    // The same rules in another order are no edit.
    const reordered = stateOf({ ...wire, discount_rules: [...(wire.discount_rules as unknown[])].reverse() });
    expect(overwriteWarning(lastKnown, reordered, { discount_rules: [] })).to.equal(undefined);
  });

  it("names the fields someone else changed that this update overwrites", () => {
    const live = stateOf({
      ...wire,
      name: "Wholesale (UI)",
      is_default: true,
      discount_rules: [{ type: "all", method: "percent", amount: "7.0000" }],
    });
    expect(overwriteWarning(lastKnown, live, { name: "Trade", discount_rules: [], category_access: { type: "none" } })).to.equal(
      "bigcommerce customer group 4 ('Wholesale (UI)') in store 'abc123' was changed outside Pulumi since it was last read (name, discountRules); " +
        "this update overwrites those changes with the program's values. Run `pulumi refresh` (or `pulumi up --refresh`) to see such changes before applying.",
    );
    expect(overwriteWarning(lastKnown, live, { is_default: false })).to.match(/\(isDefault\); this update overwrites that change/);
  });
});

describe("BigCommerce price lists and the guest group", () => {
  const priceListed: WireGroup = {
    id: 9,
    name: "B2B",
    is_default: false,
    category_access: { type: "all" },
    // As the reference answers it: type and price_list_id, no method, no amount.
    discount_rules: [{ type: "price_list", price_list_id: 3 }],
    date_created: "2023-07-17 06:30:41",
    date_modified: "2023-07-25 01:15:19",
    is_group_for_guests: true,
  };

  it("reads a price-list rule and the guest flag as the store answers them, and the program that declares them sees no change", () => {
    const { state, problems } = stateOfGroup(priceListed, "abc123", [...all, "isGroupForGuests"]);
    expect(problems).to.deep.equal([]);
    expect(state.discountRules).to.deep.equal([{ type: "price_list", priceListId: 3 }]);
    expect(state.isGroupForGuests).to.equal(true);
    const program = normalizeInputs({
      name: "B2B",
      isDefault: false,
      categoryAccess: { type: "all" },
      discountRules: [{ type: "price_list", priceListId: 3 }],
      isGroupForGuests: true,
    });
    expect(changedFields(state, program)).to.deep.equal([]);
    expect(observedInputs(state)).to.deep.equal(program);
    expect(changedFields(state, { ...program, discountRules: [{ type: "price_list", priceListId: 4 }] })).to.deep.equal(["discountRules"]);
  });

  it("creates with the price list alone and the guest flag, in the store's names", () => {
    expect(toCreateBody(normalizeInputs({ name: "B2B", discountRules: [{ type: "price_list", priceListId: 3 }], isGroupForGuests: false }))).to.deep.equal({
      name: "B2B",
      discount_rules: [{ type: "price_list", price_list_id: 3 }],
      is_group_for_guests: false,
    });
  });

  it("keeps a price-list rule it cannot read (no id, or a method beside it) and says so", () => {
    const { state, problems } = stateOfGroup(
      { ...priceListed, discount_rules: [{ type: "price_list", method: "percent", amount: "5.0000", price_list_id: 3 }] },
      "abc123",
      all,
    );
    expect(state.discountRules).to.deep.equal([{ type: "price_list", method: "percent", amount: "5.0000", priceListId: 3 }]);
    expect(problems).to.have.length(1);
    expect(problems[0]).to.include('or type "price_list" with price_list_id');
  });

  it("records the guest flag as unknown in state written before it was recorded, so that a program declaring it sends it once", () => {
    const old = { ...stateOf(wire) };
    delete old.isGroupForGuests;
    expect(changedFields(old, { name: "Wholesale", isGroupForGuests: false })).to.deep.equal(["isGroupForGuests"]);
    expect(toUpdateBody(old, { name: "Wholesale", isGroupForGuests: false })).to.deep.equal({ is_group_for_guests: false });
    expect(changedFields(old, { name: "Wholesale" })).to.deep.equal([]);
  });
});
