// The whole program of the GitOps config repo: the customer groups are data, in groups.yaml, changed through pull requests.

import * as cg from "pulumi-customer-groups";

const groups = cg.fromConfig("groups.yaml");

export const ids = {
  gold: groups.commercetools.gold.id,
  wholesale: groups.bigcommerce.wholesale.groupId,
  vip: groups.revcent.vip.groupId,
};
