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
  it("max-discount: a percent rule above `percent`, a price or fixed rule above `amount`; nothing when not configured", () => {
    const props = {
      name: "Wholesale",
      discountRules: [
        { type: "all", method: "percent", amount: 40 },
        { type: "product", productId: 3, method: "fixed", amount: 12 },
        { type: "price_list", priceListId: 3 },
      ],
    };
    expect(resourceViolations(maxDiscount, bc, "wholesale", props, { percent: 25, amount: 10 })).to.deep.equal([
      "max-discount: 'Wholesale' (bigcommerce resource 'wholesale') discountRules[0] takes 40% (percent), above the largest allowed, 25%.",
      "max-discount: 'Wholesale' (bigcommerce resource 'wholesale') discountRules[1] takes 12 (fixed), above the largest allowed, 10.",
    ]);
    expect(resourceViolations(maxDiscount, bc, "wholesale", props, { percent: 40, amount: 12 })).to.deep.equal([]);
    expect(resourceViolations(maxDiscount, bc, "wholesale", props)).to.deep.equal([]);
    expect(resourceViolations(maxDiscount, ct, "gold", { name: "Gold" }, { percent: 1 })).to.deep.equal([]);
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

  it("ships the pack with the package's version", () => {
    const root = path.resolve(__dirname, "../../..");
    const version = (file: string) => (JSON.parse(fs.readFileSync(path.join(root, file), "utf8")) as { version: string }).version;
    expect(version("policy/package.json")).to.equal(version("package.json"));
  });
});
