// Unit tests (compile time): the SDK's argument types, derived from the provider's public types, accept what programs
// write (plain values, Outputs at any level, unions of objects) and refuse what the provider would refuse.

import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import type * as cg from "../../sdk";

// Type-level assertions: this file does not compile if an assignment below is refused, or an @ts-expect-error line is accepted.
const out = <T>(value: T): pulumi.Output<T> => pulumi.output(value) as pulumi.Output<T>;

const gold: cg.commercetools.CustomerGroupArgs = {
  name: out("Gold"),
  key: "gold",
  custom: { type: { key: out("group-fields") }, fields: { tier: out("1"), vip: true } },
};
const byId: cg.commercetools.CustomerGroupArgs = { name: "Gold", custom: out({ type: { id: "7f0c" } }) };
const inEu: cg.commercetools.CustomerGroupArgs = { connection: out("eu"), name: "Gold" };
// @ts-expect-error a custom type is named by key or id, not by name
const badType: cg.commercetools.CustomerGroupArgs = { name: "Gold", custom: { type: { name: "group-fields" } } };

const access = out<"all" | "specific" | "none">("specific");
const wholesale: cg.bigcommerce.CustomerGroupArgs = {
  name: "Wholesale",
  isDefault: out(false),
  categoryAccess: { type: access, categories: [7, out(12)] },
  discountRules: [
    { type: "all", method: "percent", amount: 2.5 },
    { type: "product", productId: out(33), method: out<"percent">("percent"), amount: 5 },
  ],
};
// @ts-expect-error an unknown rule method
const badMethod: cg.bigcommerce.CustomerGroupArgs = { name: "W", discountRules: [{ type: "all", method: "percentage", amount: 1 }] };

const vip: cg.revcent.CustomerGroupArgs = {
  name: "VIP",
  enabled: true,
  qualifierMethod: "specific_values",
  qualifiers: { specificValues: { values: { lifetimeValue: { enabled: true, min: out(500), max: 100000 } } } },
};
// @ts-expect-error qualifiers are camelCase
const snake: cg.revcent.CustomerGroupArgs = { name: "VIP", qualifiers: { specific_values: {} } };

describe("SDK argument types", () => {
  it("accept plain values and Outputs at every level, and refuse shapes the provider refuses (checked when compiling)", () => {
    expect([gold, byId, inEu, badType, wholesale, badMethod, vip, snake].every((args) => typeof args.name !== "undefined")).to.equal(true);
  });
});
