// Validation of cg.commercetools.CustomerGroup's arguments: the JSON Schema says everything there is to say.

import type { CheckFailure } from "../checkFailure";
import { schemaFailures } from "../schemas/validate";

/** Every reason the arguments cannot be sent, each with its property path. */
export function validateGroup(news: Record<string, unknown>): CheckFailure[] {
  return schemaFailures("commercetools", news);
}
