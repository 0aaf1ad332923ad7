// Unit tests: the policy pack's policies (policy/policies.ts) judged without the engine: what each reports, and that a
// policy whose properties are not configured checks nothing.

import fs from "node:fs";
import path from "node:path";
import { expect } from "chai";
import type { ResourceValidationArgs, StackValidationArgs } from "@pulumi/policy";
import { maxDiscount, namePattern, protectedGroups, requiredKey } from "../../policy/policies";

const bc = "pulumi-nodejs:dynamic/bigcommerce:CustomerGroup";
const ct = "pulumi-nodejs:dynamic/commercetools:CustomerGroup";

/** The violations a resource policy reports for one resource under a configuration. */
function resourceViolations(policy: { validateResource?: unknown }, type: string, name: string, props: Record<string, unknown>, config: object = {}): string[] {
  const found: string[] = [];
  const args = { type, name, props, urn: `urn:pulumi:s::p::${type}::${name}`, getConfig: () => config } as unknown as ResourceValidationArgs;
  (policy.validateResource as (a: ResourceValidationArgs, r: (m: string) => void) => void)(args, (m) => found.push(m));
  return found;
}

describe("the policy pack's policies", () => {
  it("max-discount bounds each rule by what it means: percent off, amount off, the price a fixed rule sets, the price lists; nothing when not configured", () => {
    const wholesale = (rules: object[], more: object = {}) => ({ name: "Wholesale", discountRules: rules, ...more });
    const said = (props: object, config: object) => resourceViolations(maxDiscount, bc, "wholesale", props as Record<string, unknown>, config);
    const prefix = "max-discount: 'Wholesale' (bigcommerce resource 'wholesale') ";
    const rules = [
      { type: "all", method: "percent", amount: 40 },
      { type: "product", productId: 3, method: "price", amount: 60 },
      { type: "category", categoryId: 7, method: "fixed", amount: 0.01 },
    ];
    // A fixed price of 0.01 is no small discount: it is the price. Without minFixedPrice it cannot be bounded, so it is refused.
    expect(said(wholesale(rules), { percent: 25, amount: 50 })).to.deep.equal([
      `${prefix}discountRules[0] takes 40 % off, above the largest allowed, 25 %.`,
      `${prefix}discountRules[1] takes 60.00 off, above the largest allowed, 50.00 off.`,
      `${prefix}discountRules[2] sets a fixed price of 0.01, which percent and amount cannot bound (a fixed price is what the product costs, not what is taken off): set minFixedPrice, the smallest price a fixed rule may set.`,
    ]);
    expect(said(wholesale(rules), { percent: 40, amount: 60, minFixedPrice: 5 })).to.deep.equal([
      `${prefix}discountRules[2] sets a fixed price of 0.01, below the smallest allowed, 5.00.`,
    ]);
    // A harmless fixed price of 60 passes, whatever `amount` is.
    expect(said(wholesale([{ type: "category", categoryId: 7, method: "fixed", amount: 60 }]), { amount: 10, minFixedPrice: 5 })).to.deep.equal([]);
    // A price list: only those listed.
    const priceList = wholesale([{ type: "price_list", priceListId: 7 }]);
    expect(said(priceList, { percent: 25, priceLists: [1, 2] })).to.deep.equal([
      `${prefix}discountRules[0] takes its prices from price list 7, which is not an allowed price list (1, 2).`,
    ]);
    expect(said(priceList, { percent: 25 })).to.deep.equal([
      `${prefix}discountRules[0] takes its prices from price list 7, which max-discount cannot bound: list the allowed price lists in priceLists.`,
    ]);
    expect(said(priceList, { priceLists: [7] })).to.deep.equal([]);
    // Not configured: nothing; other backends: nothing.
    expect(said(wholesale(rules), {})).to.deep.equal([]);
    expect(resourceViolations(maxDiscount, ct, "gold", { name: "Gold" }, { percent: 1 })).to.deep.equal([]);
  });

  it("max-discount holds the store's default and guest groups to storeWidePercent and storeWideAmount, saying whom they reach", () => {
    const said = (props: object, config: object) => resourceViolations(maxDiscount, bc, "retail", props as Record<string, unknown>, config);
    const allowed = { name: "Retail", discountRules: [{ type: "all", method: "percent", amount: 25 }] };
    expect(said(allowed, { percent: 25, storeWidePercent: 10 })).to.deep.equal([]);
    expect(said({ ...allowed, isDefault: true }, { percent: 25, storeWidePercent: 10 })).to.deep.equal([
      "max-discount: 'Retail' (bigcommerce resource 'retail') discountRules[0] takes 25 % off on the store's default group, which every new customer joins, above the largest allowed there, 10 %.",
    ]);
    expect(said({ ...allowed, isGroupForGuests: true }, { storeWidePercent: 10 })).to.deep.equal([
      "max-discount: 'Retail' (bigcommerce resource 'retail') discountRules[0] takes 25 % off on the store's guest group, whose prices every shopper who is not signed in gets, above the largest allowed there, 10 %.",
    ]);
    const priced = { name: "Retail", isDefault: true, discountRules: [{ type: "all", method: "price", amount: 5 }] };
    expect(said(priced, { storeWideAmount: 2 })).to.have.length(1);
    expect(said(priced, { storeWideAmount: 5 })).to.deep.equal([]);
  });

  it("required-key: a commercetools group without a key; name-pattern: a name outside the pattern, nothing without one", () => {
    expect(resourceViolations(requiredKey, ct, "gold", { name: "Gold" })).to.deep.equal([
      "required-key: 'Gold' (commercetools resource 'gold') declares no key.",
    ]);
    expect(resourceViolations(requiredKey, ct, "gold", { name: "Gold", key: "gold" })).to.deep.equal([]);
    expect(resourceViolations(requiredKey, bc, "w", { name: "W" })).to.deep.equal([]);
    expect(resourceViolations(namePattern, bc, "w", { name: "wholesale" }, { pattern: "^[A-Z]" })).to.deep.equal([
      "name-pattern: 'wholesale' (bigcommerce resource 'w') does not match the pattern /^[A-Z]/.",
    ]);
    expect(resourceViolations(namePattern, bc, "w", { name: "wholesale" })).to.deep.equal([]);
  });

  it("protected-groups: a listed group the stack no longer declares, or declares under another name", () => {
    const stackViolations = (resources: { type: string; props: Record<string, unknown> }[], groups: object[]) => {
      const found: string[] = [];
      const args = {
        resources: resources.map((r, i) => ({ ...r, urn: `urn:${i}`, name: `r${i}` })),
        getConfig: () => ({ groups }),
      } as unknown as StackValidationArgs;
      (protectedGroups.validateStack as (a: StackValidationArgs, r: (m: string) => void) => void)(args, (m) => found.push(m));
      return found;
    };
    const gold = { type: ct, props: { name: "Gold", key: "gold" } };
    expect(stackViolations([gold], [{ backend: "commercetools", key: "gold" }])).to.deep.equal([]);
    expect(stackViolations([], [{ backend: "commercetools", key: "gold" }])).to.deep.equal([
      "protected-groups: the commercetools group with key 'gold' is protected, and the program no longer declares it: this run would delete it.",
    ]);
    expect(stackViolations([gold], [{ backend: "commercetools", key: "gold", name: "Gold Club" }])).to.deep.equal([
      "protected-groups: the commercetools group with key 'gold' is protected under the name 'Gold Club', and the program renames it to 'Gold'.",
    ]);
    expect(stackViolations([{ type: bc, props: { name: "Wholesale", connection: "eu" } }], [{ backend: "bigcommerce", name: "Wholesale" }])).to.have.length(1);
    expect(stackViolations([gold], [])).to.deep.equal([]);
  });

  it("protected-groups follows the group: a rename or re-key of the resource that holds it is refused, naming whoever takes its name", () => {
    const stackViolations = (resources: { type: string; name: string; props: Record<string, unknown> }[], groups: object[]) => {
      const found: string[] = [];
      const args = { resources: resources.map((r) => ({ ...r, urn: `urn:${r.name}` })), getConfig: () => ({ groups }) } as unknown as StackValidationArgs;
      (protectedGroups.validateStack as (a: StackValidationArgs, r: (m: string) => void) => void)(args, (m) => found.push(m));
      return found;
    };
    const protectedWholesale = [{ backend: "bigcommerce", name: "Wholesale", connection: "eu" }];
    // The pull request renames the protected group and adds a decoy under its name.
    const renamed = { type: bc, name: "wholesale", props: { name: "Wholesale Old", connection: "eu", renamedFrom: { name: "Wholesale" } } };
    const decoy = { type: bc, name: "decoy", props: { name: "Wholesale", connection: "eu" } };
    expect(stackViolations([renamed, decoy], protectedWholesale)).to.deep.equal([
      "protected-groups: the bigcommerce group 'Wholesale' (connection eu) is protected, and resource 'wholesale', which holds it, renames it to 'Wholesale Old', while resource 'decoy' declares a group under its name. Protection follows the group: keep its name, or change the policy configuration first, in its own pull request.",
    ]);
    expect(stackViolations([renamed], protectedWholesale)).to.have.length(1);
    // A re-key, by key.
    const rekeyed = { type: ct, name: "wholesale", props: { name: "Wholesale", key: "wholesale-old", renamedFrom: { name: "Wholesale", key: "wholesale" } } };
    expect(
      stackViolations([rekeyed, { type: ct, name: "decoy", props: { name: "Decoy", key: "wholesale" } }], [{ backend: "commercetools", key: "wholesale" }])[0],
    ).to.match(
      /^protected-groups: the commercetools group with key 'wholesale' is protected, and resource 'wholesale', which holds it, re-keys it to 'wholesale-old', while resource 'decoy' declares a group under its key\./,
    );
    // Two resources declaring it at once: one takes over what the other holds.
    expect(stackViolations([decoy, { ...decoy, name: "wholesale" }], protectedWholesale)).to.deep.equal([
      "protected-groups: the bigcommerce group 'Wholesale' (connection eu) is protected, and 2 resources declare it ('decoy', 'wholesale'): one of them takes over a group the other holds.",
    ]);
    // Another group renamed, or the protected one kept: nothing.
    expect(
      stackViolations([decoy, { type: bc, name: "vip", props: { name: "VIP+", connection: "eu", renamedFrom: { name: "VIP" } } }], protectedWholesale),
    ).to.deep.equal([]);
  });

  it("ships the pack with the package's version", () => {
    const root = path.resolve(__dirname, "../../..");
    const version = (file: string) => (JSON.parse(fs.readFileSync(path.join(root, file), "utf8")) as { version: string }).version;
    expect(version("policy/package.json")).to.equal(version("package.json"));
  });
});
