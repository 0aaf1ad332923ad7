// The whole program of a config repo: the customer groups are data, in groups.yaml, edited in pull requests.

import * as cg from "pulumi-customer-groups";

const groups = cg.fromConfig("groups.yaml");

export const ids = {
  gold: groups.commercetools.gold.id,
  wholesale: groups.bigcommerce.wholesale.groupId,
  vip: groups.revcent.vip.groupId,
};
