// Pulumi's marker for values not known during preview (they depend on resources not yet created).

import { unknownValue } from "@pulumi/pulumi/runtime";

export { unknownValue };

export function isUnknown(value: unknown): boolean {
  return value === unknownValue;
}

export function containsUnknown(value: unknown): boolean {
  if (isUnknown(value)) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (value && typeof value === "object") return Object.values(value).some(containsUnknown);
  return false;
}
