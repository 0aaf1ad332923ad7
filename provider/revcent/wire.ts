// The RevCent wire format (GetCustomerGroups, GetCustomers: snake_case) to the provider's camelCase terms.

import { toCamel } from "./keys";
import { AdoptedBy, canonical, GroupState } from "./model";
import type { CustomerGroupInfo, QualifierMethod } from "./types";

/** A group as RevCent answers it; nothing in it is trusted beyond `id` and `name`. */
export interface WireGroup {
  id: string;
  name: string;
  description?: unknown;
  enabled?: unknown;
  qualifier_method?: unknown;
  qualifiers?: unknown;
  created_date_unix?: unknown;
  updated_date_unix?: unknown;
  [other: string]: unknown;
}

/** A customer as RevCent answers it; only the fields the package reports are named. */
export interface WireCustomer {
  id?: unknown;
  email?: unknown;
  first_name?: unknown;
  last_name?: unknown;
  status?: unknown;
  [other: string]: unknown;
}

/** A live group in the package's form: camelCase, sets sorted; fields RevCent did not send stay absent. */
export function groupInfo(wire: WireGroup): CustomerGroupInfo {
  const info: CustomerGroupInfo = { id: wire.id, name: wire.name };
  if (wire.description !== undefined) info.description = wire.description as string;
  if (wire.enabled !== undefined) info.enabled = wire.enabled as boolean;
  if (wire.qualifier_method !== undefined) info.qualifierMethod = wire.qualifier_method as QualifierMethod;
  info.qualifiers = canonical(toCamel(wire.qualifiers ?? {})) as CustomerGroupInfo["qualifiers"];
  if (wire.created_date_unix !== undefined) info.createdDateUnix = wire.created_date_unix as number;
  if (wire.updated_date_unix !== undefined) info.updatedDateUnix = wire.updated_date_unix as number;
  return info;
}

/** The live group as state, adopted as `adoptedBy`, with the expectations `declared` recorded. */
export function stateOfGroup(wire: WireGroup, adoptedBy: AdoptedBy, declared: string[]): GroupState {
  const { id, qualifiers, ...rest } = groupInfo(wire);
  return { groupId: id, ...rest, qualifiers: (qualifiers ?? {}) as Record<string, unknown>, adoptedBy, declared: [...declared].sort() };
}
