// The one judgement of a resource's arguments before anything is sent, shared by `check`, the data files (`cg.fromConfig`)
// and the functions: the size bounds, the backend's own rules, the connection name, and values not known yet.

import { CheckFailure, childPath } from "./checkFailure";
import { connectionNameProblem } from "./config";
import { InputError } from "./errors";
import { sizeFailures } from "./inputLimits";
import { isUnknown } from "./unknowns";

/**
 * Every reason a resource's arguments (as given, `connection` included) cannot be used; the same judgement for `check`
 * and for config-repo files. `connection` is the lifecycle's own argument: the backend validates the rest. A value not
 * known yet (during preview) is judged when it is known: only failures about known values count.
 */
export function argumentFailures(validate: (args: Record<string, unknown>) => CheckFailure[], news: Record<string, unknown>): CheckFailure[] {
  const { connection, ...args } = news;
  const tooBig = sizeFailures(args);
  if (tooBig.length > 0) return tooBig;
  const unknownPaths = pathsOfUnknowns(args, "");
  const failures = validate(args).filter(
    (f) => !unknownPaths.some((p) => f.property === p || f.property.startsWith(`${p}.`) || f.property.startsWith(`${p}[`)),
  );
  const invalid = connection === undefined || isUnknown(connection) ? undefined : connectionNameProblem(connection);
  if (invalid !== undefined) failures.push({ property: "connection", reason: invalid });
  return failures;
}

/** Property paths (`custom.type`, `rules[2].amount`) of the values that are unknown. */
function pathsOfUnknowns(value: unknown, path: string): string[] {
  if (isUnknown(value)) return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => pathsOfUnknowns(v, childPath(path, i)));
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => pathsOfUnknowns(v, childPath(path, k)));
  }
  return [];
}

/** Throws an InputError listing the failures, for code paths that validate outside `check` (functions, adoption). */
export function assertValid(what: string, failures: CheckFailure[]): void {
  if (failures.length > 0) {
    throw new InputError(`invalid ${what}: ${failures.map((f) => `${f.property}: ${f.reason}`).join("; ")}`);
  }
}
