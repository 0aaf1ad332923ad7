// Validation of cg.revcent.CustomerGroup's arguments: the seed's own schema, then the rules its descriptions state in words.

import { CheckFailure, childPath } from "../checkFailure";
import { schemaFailures } from "../schemas/validate";
import { isUnknown } from "../unknowns";
import { camelKey } from "./keys";
import { isPlainObject } from "../canonical";

/** Every reason the arguments cannot be used, each with its property path. Values not known yet are not judged. */
export function validateGroup(news: Record<string, unknown>): CheckFailure[] {
  return [
    ...selectorFailures(news),
    ...schemaFailures("revcent", news).map(camelCaseHint),
    ...rangeFailures(news.qualifiers, "qualifiers"),
    ...methodFailures(news.qualifierMethod, news.qualifiers),
  ];
}

/** RevCent's own snake_case names are a likely mistake: say which name the argument has. */
function camelCaseHint(failure: CheckFailure): CheckFailure {
  const last = failure.property.split(".").pop() ?? "";
  if (!failure.reason.startsWith("is not a known argument") || !last.includes("_")) return failure;
  return { ...failure, reason: `is not a known argument (arguments are in camelCase: ${camelKey(last)})` };
}

/** Exactly one of `name` and `groupId` says which group to adopt. */
function selectorFailures(news: Record<string, unknown>): CheckFailure[] {
  const hasName = news.name !== undefined;
  const hasId = news.groupId !== undefined;
  if (!hasName && !hasId) {
    return [{ property: "name", reason: "is required: give the name of the RevCent customer group to adopt, or its 20-character id as groupId" }];
  }
  if (hasName && hasId) {
    return [{ property: "groupId", reason: "cannot be given together with name: the group is chosen by one of the two" }];
  }
  return [];
}

/** "a value equal to or greater than the min ... and equal to or less than the max": min must not be above max. */
function rangeFailures(value: unknown, path: string): CheckFailure[] {
  if (!isPlainObject(value)) return [];
  const failures: CheckFailure[] = [];
  const { min, max } = value;
  if (typeof min === "number" && typeof max === "number" && min > max) {
    failures.push({ property: `${path}.min`, reason: `must not be above max (min ${min}, max ${max}): no customer could qualify` });
  }
  for (const [k, v] of Object.entries(value)) failures.push(...rangeFailures(v, childPath(path, k)));
  return failures;
}

const sectionOf = { specific_values: "specificValues", customer_group: "customerGroup" } as const;

/** "The qualifiers depend on the qualifier_method": only the section of the declared method, and none with `none`. */
function methodFailures(method: unknown, qualifiers: unknown): CheckFailure[] {
  if (isUnknown(method) || !isPlainObject(qualifiers)) return [];
  if (method !== "specific_values" && method !== "customer_group" && method !== "none") return [];
  const failures: CheckFailure[] = [];
  for (const [m, section] of Object.entries(sectionOf)) {
    if (qualifiers[section] === undefined || m === method) continue;
    failures.push({
      property: `qualifiers.${section}`,
      reason:
        method === "none"
          ? 'must be left out when qualifierMethod is "none" (a group without qualifiers, whose customers are added by hand)'
          : `is only used when qualifierMethod is "${m}" (it is "${method}")`,
    });
  }
  return failures;
}
