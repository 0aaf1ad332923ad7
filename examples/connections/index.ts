// One program, several stores: the same loyalty tiers in the EU and US commercetools projects, and the wholesale group
// of the UK BigCommerce store. Each resource names its connection; the credentials stay in the stack config.

import * as cg from "pulumi-customer-groups";

const regions = ["eu", "us"] as const;

export const gold = Object.fromEntries(
  regions.map((region) => {
    const group = new cg.commercetools.CustomerGroup(`gold-${region}`, { connection: region, name: "Gold", key: "gold" });
    return [region, { id: group.id, projectKey: group.projectKey }];
  }),
);

const wholesale = new cg.bigcommerce.CustomerGroup("wholesale-uk", {
  connection: "uk",
  name: "Wholesale",
  discountRules: [{ type: "all", method: "percent", amount: 5 }],
});

export const wholesaleUk = { id: wholesale.groupId, storeHash: wholesale.storeHash };
