// Custom field values compared by meaning: the platform answers in its own JSON forms (money with type and fraction digits,
// expanded references, normalized date-times, sets in any order), which must not read as drift.

import { canonicalJson, isPlainObject } from "../canonical";

/** True when the two values mean the same custom field value. */
export function sameFieldValue(a: unknown, b: unknown): boolean {
  return canonicalJson(canonical(a)) === canonicalJson(canonical(b));
}

const isoDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

function canonical(value: unknown): unknown {
  if (typeof value === "string" && isoDateTime.test(value)) {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? value : new Date(ms).toISOString();
  }
  if (Array.isArray(value)) {
    // Array field values are Sets on this platform: order carries no meaning.
    return value.map((v) => canonicalJson(canonical(v))).sort();
  }
  if (isPlainObject(value)) {
    const obj = { ...value };
    if (typeof obj.centAmount === "number" && typeof obj.currencyCode === "string") {
      // Money: the platform adds `type: "centPrecision"` and `fractionDigits`; the amount and currency are the meaning.
      if (obj.type === "centPrecision") delete obj.type;
      delete obj.fractionDigits;
    }
    if (typeof obj.typeId === "string" && typeof obj.id === "string") delete obj.obj; // an expanded reference
    const out: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(obj)) if (member !== undefined && member !== null) out[key] = canonical(member);
    return out;
  }
  return value;
}
