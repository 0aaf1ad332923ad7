// Unit tests: a commercetools group's custom fields judged against their Type before anything is sent, as the platform
// judges them: field names (with the nearest name), value types, required fields.

import { expect } from "chai";
import type { Type } from "@commercetools/platform-sdk";
import { customFieldFailures } from "../../provider/commercetools/customFields";

const type = {
  id: "t1",
  key: "group-fields",
  fieldDefinitions: [
    { name: "tier", type: { name: "String" }, required: true },
    { name: "vip", type: { name: "Boolean" }, required: false },
    { name: "rate", type: { name: "Number" }, required: false },
    { name: "label", type: { name: "LocalizedString" }, required: false },
    { name: "level", type: { name: "Enum", values: [{ key: "gold" }, { key: "silver" }] }, required: false },
    { name: "band", type: { name: "LocalizedEnum", values: [{ key: "a" }] }, required: false },
    { name: "since", type: { name: "Date" }, required: false },
    { name: "opens", type: { name: "Time" }, required: false },
    { name: "until", type: { name: "DateTime" }, required: false },
    { name: "credit", type: { name: "Money" }, required: false },
    { name: "owner", type: { name: "Reference", referenceTypeId: "customer" }, required: false },
    { name: "tags", type: { name: "Set", elementType: { name: "String" } }, required: false },
    { name: "days", type: { name: "Set", elementType: { name: "Date" } }, required: false },
  ],
} as unknown as Type;

describe("commercetools custom fields against their type", () => {
  it("accepts a value of each type", () => {
    expect(
      customFieldFailures(type, {
        tier: "1",
        vip: true,
        rate: 2.5,
        label: { en: "Gold", de: "Gold" },
        level: "gold",
        band: "a",
        since: "2026-02-28",
        opens: "09:30:00.000",
        until: "2026-12-07T14:00:00.000Z",
        credit: { currencyCode: "EUR", centAmount: 1000 },
        owner: { typeId: "customer", id: "c1" },
        tags: ["a", "b"],
        days: ["2026-01-01"],
      }),
    ).to.deep.equal([]);
  });

  it("refuses a field the type does not define, naming the nearest, a value of another type, and a required field left out", () => {
    expect(customFieldFailures(type, { teir: "1" })).to.deep.equal([
      {
        property: "custom.fields.teir",
        reason:
          "is not a field of the type 'group-fields' (its fields: tier, vip, rate, label, level, band, since, opens, until, credit, owner, tags, days). Did you mean 'tier'?",
      },
      { property: "custom.fields", reason: "must have the field 'tier': the type 'group-fields' requires it" },
    ]);
    const wrong = customFieldFailures(type, {
      tier: 1,
      vip: "yes",
      level: "bronze",
      since: "2026-02-30",
      opens: "25:00",
      until: "2026-12-07 14:00",
      credit: { currencyCode: "euro", centAmount: 10.5 },
      owner: { typeId: "product", id: "p1" },
      tags: ["a", 2],
    });
    expect(wrong.map((f) => f.property)).to.deep.equal([
      "custom.fields.tier",
      "custom.fields.vip",
      "custom.fields.level",
      "custom.fields.since",
      "custom.fields.opens",
      "custom.fields.until",
      "custom.fields.credit",
      "custom.fields.owner",
      "custom.fields.tags",
    ]);
    expect(wrong[0]!.reason).to.equal("must be a string (the type 'group-fields' defines it as String), not 1");
    expect(wrong[2]!.reason).to.equal("must be one of the keys 'gold', 'silver' (the type 'group-fields' defines it as Enum), not \"bronze\"");
    expect(wrong[3]!.reason).to.equal("must be a date, YYYY-MM-DD (the type 'group-fields' defines it as Date), not \"2026-02-30\"");
    expect(wrong[7]!.reason).to.equal(
      'must be a reference { typeId: "customer", id } (the type \'group-fields\' defines it as Reference), not {"typeId":"product","id":"p1"}',
    );
    expect(wrong[8]!.reason).to.equal("must be a list of a string (the type 'group-fields' defines it as Set), not [\"a\",2]");
  });
});
