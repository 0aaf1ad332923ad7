// `export` of commercetools groups: each live group in argument shape, adopted by key (or by name without one), so that
// `pulumi up` takes it over without changing it.

import type { CustomerGroup } from "@commercetools/platform-sdk";
import type { ExportEntry } from "../backend";
import { answerOf, ApiError } from "../http/errors";
import type { CommercetoolsClient } from "./client";
import type { CustomerGroupArgs } from "./types";

/** A live group as `export` read it: with its custom type's key, or why the type stays named by id. */
export type ListedGroup = CustomerGroup & { typeKey?: string; typeById?: string };

/**
 * Every group of the project; for a file, also the keys of the custom types they use (one query for up to 500 types),
 * since a key reads the same in every project while an id does not. Without `view_types` the types stay named by id.
 */
export async function readGroups(client: CommercetoolsClient, purpose: "export" | "listing"): Promise<ListedGroup[]> {
  const live = await client.listAll();
  const typeIds = live.flatMap((g) => (g.custom ? [g.custom.type.id] : []));
  if (purpose === "listing" || typeIds.length === 0) return live;
  try {
    const keys = await client.typeKeys(typeIds);
    return live.map((g) => {
      const key = g.custom && keys.get(g.custom.type.id);
      return key === undefined ? g : { ...g, typeKey: key };
    });
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    const why =
      `custom type named by id: its key could not be read (${answerOf(e)}); ` + `the API client needs the scope view_types:${client.projectKey} for that`;
    return live.map((g) => (g.custom ? { ...g, typeById: why } : g));
  }
}

export function exportEntries(live: readonly ListedGroup[], connection: string | undefined): ExportEntry<CustomerGroupArgs>[] {
  return live.map((group) => {
    const args: CustomerGroupArgs = { name: group.name };
    if (group.key !== undefined) args.key = group.key;
    if (connection !== undefined) args.connection = connection;
    args.adopt = true;
    // The fields are written as the platform holds them, so adopting them changes nothing.
    if (group.custom) {
      args.custom = { type: group.typeKey !== undefined ? { key: group.typeKey } : { id: group.custom.type.id }, fields: { ...group.custom.fields } };
    }
    return { nameFrom: group.key ?? group.name, id: group.id, args, ...(group.typeById !== undefined && { comment: [group.typeById] }) };
  });
}
