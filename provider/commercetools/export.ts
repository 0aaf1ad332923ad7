// `export` of commercetools groups: each live group in argument shape, adopted by key (or by name without one), so that
// `pulumi up` takes it over without changing it.

import type { CustomerGroup } from "@commercetools/platform-sdk";
import type { ExportEntry } from "../backend";
import type { CustomerGroupArgs } from "./types";

export function exportEntries(live: readonly CustomerGroup[], connection: string | undefined): ExportEntry<CustomerGroupArgs>[] {
  return live.map((group) => {
    const args: CustomerGroupArgs = { name: group.name };
    if (group.key !== undefined) args.key = group.key;
    if (connection !== undefined) args.connection = connection;
    args.adopt = true;
    // The platform answers the type by id only; the fields are written as it holds them, so adopting them changes nothing.
    if (group.custom) args.custom = { type: { id: group.custom.type.id }, fields: { ...group.custom.fields } };
    return { nameFrom: group.key ?? group.name, id: group.id, args };
  });
}
