// Unit tests: commercetools CustomerGroup arguments are validated before anything is sent.

import { expect } from "chai";
import { propertyPath, schemaFailures } from "../../provider/schemas/validate";

const check = (v: unknown) => schemaFailures("commercetools", v);

describe("commercetools CustomerGroup validation", () => {
  it("accepts a full, valid group", () => {
    expect(check({ name: "Gold", key: "gold_1-x", custom: { type: { key: "group-fields" }, fields: { tier: "1", n: 2 } }, adopt: true })).to.deep.equal([]);
    expect(check({ name: "Gold", custom: { type: { id: "8f1c" } } })).to.deep.equal([]);
  });

  it("names each failing property and the reason", () => {
    expect(check({})).to.deep.equal([{ property: "name", reason: "is required" }]);
    expect(check({ name: "" })).to.deep.equal([
      {
        property: "name",
        reason:
          "must be 1 to 256 characters (an emoji counts as one), without control, bidirectional or zero-width characters, nor white space at either end (unique in the project)",
      },
    ]);
    expect(check({ name: "G", key: "a" })).to.deep.equal([
      { property: "key", reason: "must be 2 to 256 characters of A-Z, a-z, 0-9, '_' and '-', or null to remove the key" },
    ]);
    expect(check({ name: "G", key: "has space" })).to.have.length(1);
    expect(check({ name: "G", groupName: "x" })).to.deep.equal([{ property: "groupName", reason: "is not a known argument" }]);
    expect(check({ name: "G", custom: { fields: {} } })).to.deep.equal([{ property: "custom.type", reason: "is required" }]);
    expect(check({ name: "G", custom: { type: { key: "a1", id: "x" } } })).to.deep.equal([
      { property: "custom.type", reason: "must name the custom type by exactly one of `key` or `id`" },
    ]);
    expect(check({ name: "G", custom: { type: {} } })).to.deep.equal([
      { property: "custom.type", reason: "must name the custom type by exactly one of `key` or `id`" },
    ]);
    expect(check({ name: "G", custom: { type: { key: "ok" }, fields: { tier: null } } })).to.deep.equal([
      { property: "custom.fields.tier", reason: "must be a value; leave the field out to remove it" },
    ]);
    expect(check({ name: 5, adopt: "yes" })).to.deep.equal([
      {
        property: "name",
        reason:
          "must be 1 to 256 characters (an emoji counts as one), without control, bidirectional or zero-width characters, nor white space at either end (unique in the project)",
      },
      { property: "adopt", reason: "must be boolean" },
    ]);
  });

  it("writes JSON pointers as property paths", () => {
    expect(propertyPath("/discountRules/2/productId")).to.equal("discountRules[2].productId");
    expect(propertyPath("", "name")).to.equal("name");
    // A name that a dotted path could not tell apart is quoted.
    expect(propertyPath("/custom/fields", "a/b")).to.equal('custom.fields["a/b"]');
    expect(propertyPath("/custom/fields/a.b~1c")).to.equal('custom.fields["a.b/c"]');
    expect(propertyPath("/custom/fields/my-field")).to.equal("custom.fields.my-field");
  });
});
