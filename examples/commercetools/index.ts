// A commercetools project's customer groups: loyalty tiers that carry a custom type, and a B2B group taken over
// from what the Merchant Center already has.

import * as pulumi from "@pulumi/pulumi";
import * as cg from "pulumi-customer-groups";

const config = new pulumi.Config();
// A Type whose resourceTypeIds include "customer-group", with a String field `tier` and a Boolean field `vip`.
const groupType = config.get("groupType") ?? "group-fields";

const gold = new cg.commercetools.CustomerGroup("gold", {
  name: "Gold",
  key: "gold",
  custom: { type: { key: groupType }, fields: { tier: "gold", vip: true } },
});

const silver = new cg.commercetools.CustomerGroup("silver", {
  name: "Silver",
  key: "silver",
  custom: { type: { key: groupType }, fields: { tier: "silver" } },
});

// Most projects already have a B2B group: adopt it by key instead of failing on the duplicate.
const b2b = new cg.commercetools.CustomerGroup("b2b", { name: "B2B Partners", key: "b2b-partners", adopt: true });

export const groups = {
  gold: { id: gold.id, version: gold.version },
  silver: { id: silver.id, version: silver.version },
  b2b: { id: b2b.id, version: b2b.version },
};
