// Customer counts for `review`: how many customers a group holds, read group by group; a refused read is "not counted".

import type { CustomerCounts } from "./backend";
import { answerOf, ApiError } from "./http/errors";
import { say, type Text, value } from "./text";

/** Counts each group's customers in turn; a refused permission (or any answered failure) is "not counted", saying why. */
export async function countEach(groupIds: readonly string[], count: (id: string) => Promise<number>, permission: Text): Promise<CustomerCounts> {
  const counts = new Map<string, number>();
  try {
    for (const id of groupIds) counts.set(id, await count(id));
    return { counts };
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    return { notCounted: say`${permission} (${value(answerOf(e))})` };
  }
}
