// RevCent customer groups as the team expects them to be. RevCent's API cannot write groups: Pulumi adopts them,
// `pulumi preview --refresh` shows where RevCent differs from this file, and `pulumi up` fails until they agree.

import * as pulumi from "@pulumi/pulumi";
import * as cg from "pulumi-customer-groups";

const config = new pulumi.Config();
// How far back to count the VIP group's customers (the query is split into RevCent's 90-day windows).
const memberDays = config.getNumber("memberDays") ?? 200;

// Customers who spent between 500 and 100,000 in their lifetime. Only the values written here are compared;
// the rest of the group (its description, its other qualifiers) is RevCent's business.
const vip = new cg.revcent.CustomerGroup("vip", {
  name: "VIP",
  enabled: true,
  qualifierMethod: "specific_values",
  qualifiers: {
    specificValues: {
      values: {
        lifetimeValue: { enabled: true, min: 500, max: 100000 },
        numChargeback: { enabled: true, min: 0, max: 0 },
      },
    },
  },
});

// Everyone who is not a VIP: a group defined by other groups, here by the VIP group's id.
const regulars = new cg.revcent.CustomerGroup("regulars", {
  name: "Regulars",
  qualifierMethod: "customer_group",
  qualifiers: { customerGroup: { notInCustomerGroup: [vip.groupId] } },
});

// A group whose customers are added by hand: it must have no qualifiers at all.
const manual = new cg.revcent.CustomerGroup("manual", {
  name: "Hand-picked",
  qualifierMethod: "none",
});

export const groupIds = { vip: vip.groupId, regulars: regulars.groupId, manual: manual.groupId };
// Everything RevCent holds about the VIP group, declared or not.
export const vipQualifiers = vip.qualifiers;

// Queries run in the program, with the stack's revcent:apiKey: how many groups the account has, and how many
// customers of the VIP group were created in the last `memberDays` days (only the count is exported, not the emails).
export const groupCount = cg.revcent.getCustomerGroupsOutput().apply((groups) => groups.length);
const now = new Date();
export const recentVipMembers = cg.revcent
  .getCustomerGroupMembersOutput({
    customerGroupId: vip.groupId,
    dateStart: new Date(now.getTime() - memberDays * 86_400_000),
    dateEnd: now,
  })
  .apply((members) => members.count);
