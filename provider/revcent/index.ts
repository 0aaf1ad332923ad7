// The RevCent backend, as the rest of the code sees it: its descriptor (see ../backend.ts). RevCent's API only reads.

import type { BackendDescriptor } from "../backend";
import { fieldChanges } from "../fieldDrift";
import { reached, resourceProvider } from "../lifecycle";
import type { ClientOptions } from "./client";
import { customerGroupAdapter } from "./customerGroup";
import { toSnake } from "./keys";
import { exportEntries } from "./export";
import { review } from "./review";
import { revcentMembersSchema } from "./membersSchema";
import { revcentCustomerGroupSchema } from "./schema";
import { CustomerGroup } from "./sdk";
import { revcentSettingKeys } from "./settings";
import type { CustomerGroupArgs } from "./types";
import { validateGroup } from "./validation";
import type { WireGroup } from "./wire";

export const revcent: BackendDescriptor<CustomerGroupArgs, WireGroup, CustomerGroup> = {
  name: "revcent",
  title: "RevCent",
  resourceType: "pulumi-nodejs:dynamic/revcent:CustomerGroup",
  settingKeys: revcentSettingKeys,
  // No scope: RevCent names no account in its API.
  creates: false,
  identity: (args) => customerGroupAdapter(() => undefined, {}, {}).identity(args as never),
  declare: (name, args, opts) => new CustomerGroup(name, args, opts),
  argumentSchema: revcentCustomerGroupSchema,
  otherSchemas: { revcentMembers: revcentMembersSchema },
  validate: validateGroup,
  // Only the group's own fields, as the API answers them: the name, description, enabled and qualifiers.
  wireSeed: ({ groupId: _id, adopt: _adopt, connection: _connection, ...group }: CustomerGroupArgs & { adopt?: boolean }) => toSnake(group) as object,
  provider: (clientOptions, env) => resourceProvider((stack) => customerGroupAdapter(stack, clientOptions as ClientOptions | undefined, env)),
  export: {
    async read(reach) {
      const { client } = reached(customerGroupAdapter, reach);
      const { groups } = await client.listGroups();
      // The endpoint is what tells one account apart (and holds no secret once reduced to its origin).
      return { scope: `account at ${new URL(client.settings.apiUrl).origin}`, live: groups };
    },
    entries: exportEntries,
    note: "RevCent groups are always adopted (by name, or by groupId where groups share a name); nothing is ever written to RevCent.",
  },
  review,
  describeDrift: fieldChanges,
  sample: {
    args: (i) => ({ name: `Group ${i}`, enabled: true, qualifierMethod: "none" }),
    seed: (i) => ({ name: `Group ${i}`, enabled: true, qualifier_method: "none" }),
  },
};
