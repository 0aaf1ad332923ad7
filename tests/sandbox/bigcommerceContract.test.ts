// The BigCommerce contract (specs/bigcommerce/customer-groups.contract.json): what it admits and refuses, and that the
// provider's own bodies and the sandbox's own answers hold to it, so that either side leaving it fails a test.
import { expect } from "chai";
import { toUpdateBody } from "../../provider/bigcommerce/changes";
import { normalizeInputs } from "../../provider/bigcommerce/model";
import { stateOfGroup, toCreateBody } from "../../provider/bigcommerce/wire";
import { validateAnswer, validateCreate, validateUpdate } from "../../sandbox/bigcommerce/schema";
import { startSandbox } from "../../sandbox/index";

describe("sandbox: the BigCommerce contract", () => {
  const ordinary = [
    { type: "all" as const, method: "percent" as const, amount: 2.5 },
    { type: "product" as const, productId: 33, method: "price" as const, amount: 5 },
    { type: "category" as const, categoryId: 7, method: "fixed" as const, amount: 1.25 },
  ];

  it("admits every body the provider builds: creates and updates, ordinary rules, a price list, the flags", () => {
    const programs = [
      { name: "Retail" },
      { name: "Wholesale", isDefault: true, categoryAccess: { type: "specific" as const, categories: [12, 7] }, discountRules: ordinary },
      { name: "B2B", isGroupForGuests: true, categoryAccess: { type: "none" as const }, discountRules: [{ type: "price_list" as const, priceListId: 3 }] },
      { name: "Empty", discountRules: [] },
    ];
    const current = stateOfGroup({ id: 1, name: "Old", is_default: false, category_access: { type: "all" }, discount_rules: [] }, "s", []).state;
    for (const program of programs) {
      const inputs = normalizeInputs(program);
      expect(validateCreate(toCreateBody(inputs)), JSON.stringify(validateCreate.errors)).to.equal(true);
      expect(validateUpdate(toUpdateBody(current, inputs)), JSON.stringify(validateUpdate.errors)).to.equal(true);
    }
  });

  it("refuses what the reference does not allow: unknown fields, a rule with another type's fields, a price list with a method or beside other rules", () => {
    const refused = [
      { name: "A", colour: "red" },
      { name: "A", discount_rules: [{ type: "all", method: "percent", amount: 5, product_id: 3 }] },
      { name: "A", discount_rules: [{ type: "price_list", price_list_id: 3, method: "percent" }] },
      {
        name: "A",
        discount_rules: [
          { type: "price_list", price_list_id: 3 },
          { type: "all", method: "percent", amount: 5 },
        ],
      },
      { name: "A", discount_rules: [{ type: "price_list" }] },
      { name: "A", is_group_for_guests: "yes" },
    ];
    for (const body of refused) expect(validateCreate(body), JSON.stringify(body)).to.equal(false);
  });

  it("holds answers to the reference's form: dates like 2023-07-17 06:30:41, amounts as 4-decimal strings, the guest flag", async () => {
    const good = {
      id: 1,
      name: "A",
      is_default: false,
      category_access: { type: "all" },
      discount_rules: [{ type: "all", method: "percent", amount: "5.0000" }],
      date_created: "2023-07-17 06:30:41",
      date_modified: "2023-07-25 01:15:19",
      is_group_for_guests: false,
    };
    expect(validateAnswer(good)).to.equal(true);
    expect(validateAnswer({ ...good, date_created: "Tue, 20 Nov 2012 00:00:00 +0000" })).to.equal(false);
    expect(validateAnswer({ ...good, discount_rules: [{ type: "all", method: "percent", amount: 5 }] })).to.equal(false);
    expect(validateAnswer({ ...good, is_group_for_guests: undefined })).to.equal(false);
    // And every answer the sandbox gives is checked against it (one that were not would be a 500).
    const sb = await startSandbox();
    try {
      const created = await sb.bigcommerce.createGroup({ name: "B2B", discount_rules: [{ type: "price_list", price_list_id: 3 }] } as never);
      expect(validateAnswer(created)).to.equal(true);
    } finally {
      await sb.close();
    }
  });
});
