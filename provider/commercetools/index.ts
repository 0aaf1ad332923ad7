// The commercetools backend, as the rest of the code sees it: its descriptor (see ../backend.ts).

import type { BackendDescriptor } from "../backend";
import { countEach } from "../customerCounts";
import { say, value } from "../text";
import { driftInWords } from "../fieldDrift";
import { reached, resourceProvider } from "../lifecycle";
import type { ClientOptions } from "./client";
import { customerGroupAdapter } from "./customerGroup";
import { exportEntries, type ListedGroup, readGroups } from "./export";
import { inWords, review } from "./review";
import { commercetoolsCustomerGroupSchema } from "./schema";
import { CustomerGroup } from "./sdk";
import { commercetoolsSettingKeys } from "./settings";
import type { CustomerGroupArgs } from "./types";
import { validateGroup } from "./validation";
import { GroupInputs, normalizeInputs } from "./model";
import { toDraft } from "./wire";

export const commercetools: BackendDescriptor<CustomerGroupArgs, ListedGroup, CustomerGroup> = {
  name: "commercetools",
  title: "commercetools",
  resourceType: "pulumi-nodejs:dynamic/commercetools:CustomerGroup",
  settingKeys: commercetoolsSettingKeys,
  // The only identity a group has beyond its id is the project it lives in.
  scope: { noun: "project", setting: commercetoolsSettingKeys.projectKey, property: "projectKey" },
  creates: true,
  identity: (args) => customerGroupAdapter(() => undefined, {}, {}).identity(args as never),
  declare: (name, args, opts) => new CustomerGroup(name, args, opts),
  argumentSchema: () => commercetoolsCustomerGroupSchema,
  validate: validateGroup,
  wireSeed: (args) => toDraft(normalizeInputs(args as GroupInputs)),
  provider: (clientOptions, env) => resourceProvider((stack) => customerGroupAdapter(stack, clientOptions as ClientOptions | undefined, env)),
  export: {
    async read(reach, purpose) {
      const { client } = reached(customerGroupAdapter, reach);
      return { scope: `project '${client.projectKey}'`, live: await readGroups(client, purpose) };
    },
    entries: exportEntries,
    note: "`adopt: true` makes `pulumi up` take these groups over as they are, without changing them.",
  },
  countCustomers: async (reach, groupIds) => {
    const { client } = reached(customerGroupAdapter, reach);
    return countEach(
      groupIds,
      (id) => client.countCustomers(id),
      say`the API client may not read customers: grant ${value(`view_customers:${client.projectKey}`)}`,
    );
  },
  review,
  describeDrift: driftInWords(inWords),
  sample: {
    args: (i, changed) =>
      changed
        ? { name: `Group ${i}+`, key: `group-${i}`, custom: { type: { key: "group-fields" }, fields: { tier: "2" } } }
        : { name: `Group ${i}`, key: `group-${i}`, custom: { type: { key: "group-fields" }, fields: { tier: "1", vip: true } } },
  },
};
