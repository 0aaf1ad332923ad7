// Bounds on the size of a resource's arguments, checked before anything else reads them: a program that builds a huge or
// runaway-deep value (a loop gone wrong) gets one clear failure at once, instead of a check that takes minutes and gigabytes.

import { CheckFailure, childPath } from "./checkFailure";

/** Far above any real customer group (a few fields, rules and categories) and far below what slows `check` down. */
export const inputLimits = { depth: 32, arrayItems: 10_000, values: 100_000 };

/** The first limit the arguments exceed, as a failure at the path where it happens; empty when they are within all limits. */
export function sizeFailures(args: Record<string, unknown>): CheckFailure[] {
  let values = 0;
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: args, path: "", depth: 0 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (++values > inputLimits.values) {
      return [{ property: path || "(inputs)", reason: `the arguments hold more than ${inputLimits.values.toLocaleString("en")} values` }];
    }
    if (value === null || typeof value !== "object") continue;
    if (depth >= inputLimits.depth) return [{ property: path, reason: `is nested more than ${inputLimits.depth} levels deep` }];
    if (Array.isArray(value)) {
      if (value.length > inputLimits.arrayItems) {
        return [{ property: path, reason: `has ${value.length.toLocaleString("en")} items; at most ${inputLimits.arrayItems.toLocaleString("en")}` }];
      }
      value.forEach((item, i) => stack.push({ value: item, path: childPath(path, i), depth: depth + 1 }));
    } else {
      for (const [key, item] of Object.entries(value)) stack.push({ value: item, path: childPath(path, key), depth: depth + 1 });
    }
  }
  return [];
}
