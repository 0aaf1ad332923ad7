// The BigCommerce backend (v2 API), as the rest of the code sees it: its descriptor (see ../backend.ts).

import type { BackendDescriptor } from "../backend";
import { countEach } from "../customerCounts";
import { say } from "../text";
import { driftInWords } from "../fieldDrift";
import { reached, resourceProvider } from "../lifecycle";
import type { ClientOptions } from "./client";
import { customerGroupAdapter } from "./customerGroup";
import { exportEntries } from "./export";
import { GroupInputs, normalizeInputs, roles } from "./model";
import { inWords, review } from "./review";
import { bigcommerceCustomerGroupSchema } from "./schema";
import { CustomerGroup } from "./sdk";
import { bigcommerceSettingKeys } from "./settings";
import type { CustomerGroupArgs } from "./types";
import { validateGroup } from "./validation";
import { toCreateBody, type WireGroup } from "./wire";

export const bigcommerce: BackendDescriptor<CustomerGroupArgs, WireGroup, CustomerGroup> = {
  name: "bigcommerce",
  title: "BigCommerce",
  resourceType: "pulumi-nodejs:dynamic/bigcommerce:CustomerGroup",
  settingKeys: bigcommerceSettingKeys,
  // The only identity a group has beyond its id is the store it lives in.
  scope: { noun: "store", setting: bigcommerceSettingKeys.storeHash, property: "storeHash" },
  creates: true,
  roles,
  // Standard and Plus stores; Pro stores 450 (BigCommerce: API rate limits).
  requestQuota: { requests: 150, windowMs: 30_000 },
  identity: (args) => customerGroupAdapter(() => undefined, {}, {}).identity(args as never),
  declare: (name, args, opts) => new CustomerGroup(name, args, opts),
  argumentSchema: () => bigcommerceCustomerGroupSchema,
  validate: validateGroup,
  wireSeed: (args) => toCreateBody(normalizeInputs(args as GroupInputs)),
  provider: (clientOptions, env) => resourceProvider((stack) => customerGroupAdapter(stack, clientOptions as ClientOptions | undefined, env)),
  export: {
    async read(reach) {
      const { client } = reached(customerGroupAdapter, reach);
      return { scope: `store '${client.storeHash}'`, live: await client.list() };
    },
    entries: exportEntries,
    note: "`adopt: true` makes `pulumi up` take these groups over as they are, without changing them.",
  },
  countCustomers: async (reach, groupIds) => {
    const { client } = reached(customerGroupAdapter, reach);
    return countEach(groupIds, (id) => client.countCustomers(Number(id)), say`the API account may not read customers: give it the Customers scope (read-only)`);
  },
  review,
  describeDrift: driftInWords(inWords),
  sample: {
    args: (i, changed) => ({
      name: `Group ${i}`,
      discountRules: [
        { type: "all", method: "percent", amount: changed ? 7.5 : 5 },
        { type: "product", productId: i + 1, method: "price", amount: 2 },
      ],
    }),
  },
};
