// A group's custom fields checked against their commercetools Type before anything is sent, as the platform checks them:
// each field the type defines (a typo gets the nearest name), each value of the field's type (String, LocalizedString,
// Number, Boolean, Enum and LocalizedEnum keys, Date, Time, DateTime, Money, Reference, Set of each), every required field.

import type { FieldType, Type } from "@commercetools/platform-sdk";
import type { CheckFailure } from "../checkFailure";
import { didYouMean } from "../nearest";

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** `2026-12-07`: a calendar date. */
function isDate(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}
/** `14:00`, `14:00:00`, `14:00:00.000`. */
const isTime = (v: string): boolean => /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?$/.test(v);
/** `2026-12-07T14:00:00.000Z`, with a zone. */
function isDateTime(v: string): boolean {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}:\d{2})$/.exec(v);
  return m !== null && isDate(m[1]!) && isTime(m[2]!.replace(/(\.\d{3})\d+$/, "$1"));
}

/** What a value of this field type must be, in words, for the reason. */
function expected(type: FieldType): string {
  switch (type.name) {
    case "Boolean":
      return "true or false";
    case "Number":
      return "a number";
    case "String":
      return "a string";
    case "LocalizedString":
      return 'an object of strings by locale ({ "en": "…" })';
    case "Enum":
    case "LocalizedEnum":
      return `one of the keys ${type.values.map((v) => `'${v.key}'`).join(", ") || "(none)"}`;
    case "Date":
      return "a date, YYYY-MM-DD";
    case "Time":
      return "a time, hh:mm:ss.sss";
    case "DateTime":
      return "a date and time with a zone, YYYY-MM-DDThh:mm:ss.sssZ";
    case "Money":
      return "{ currencyCode: a 3-letter ISO 4217 code, centAmount: an integer }";
    case "Reference":
      return `a reference { typeId: "${type.referenceTypeId}", id }`;
    case "Set":
      return `a list of ${expected(type.elementType)}`;
  }
}

/** Whether a value fits a field type. */
function fits(type: FieldType, v: unknown): boolean {
  switch (type.name) {
    case "Boolean":
      return typeof v === "boolean";
    case "Number":
      return typeof v === "number" && Number.isFinite(v);
    case "String":
      return typeof v === "string";
    case "LocalizedString":
      return isObject(v) && Object.keys(v).length > 0 && Object.values(v).every((s) => typeof s === "string");
    case "Enum":
    case "LocalizedEnum":
      return typeof v === "string" && type.values.some((e) => e.key === v);
    case "Date":
      return typeof v === "string" && isDate(v);
    case "Time":
      return typeof v === "string" && isTime(v);
    case "DateTime":
      return typeof v === "string" && isDateTime(v);
    case "Money":
      return isObject(v) && typeof v.currencyCode === "string" && /^[A-Z]{3}$/.test(v.currencyCode) && Number.isInteger(v.centAmount);
    case "Reference":
      return isObject(v) && v.typeId === type.referenceTypeId && typeof v.id === "string" && v.id !== "";
    case "Set":
      return Array.isArray(v) && v.every((e) => fits(type.elementType, e));
  }
}

/** The reasons the declared fields cannot be sent with this type, each at `custom.fields.<name>` (or `custom.fields` for a missing one). */
export function customFieldFailures(type: Type, fields: Record<string, unknown>): CheckFailure[] {
  const failures: CheckFailure[] = [];
  const typeName = type.key !== undefined ? `'${type.key}'` : `id ${type.id}`;
  const defined = type.fieldDefinitions.map((d) => d.name);
  for (const [name, v] of Object.entries(fields)) {
    const definition = type.fieldDefinitions.find((d) => d.name === name);
    const at = `custom.fields.${name}`;
    if (!definition) {
      const meant = didYouMean(name, defined);
      failures.push({
        property: at,
        reason: `is not a field of the type ${typeName} (its fields: ${defined.join(", ") || "none"})${meant ? `. ${meant}` : ""}`,
      });
    } else if (!fits(definition.type, v)) {
      failures.push({
        property: at,
        reason: `must be ${expected(definition.type)} (the type ${typeName} defines it as ${definition.type.name}), not ${JSON.stringify(v)}`,
      });
    }
  }
  for (const d of type.fieldDefinitions) {
    if (d.required && fields[d.name] === undefined)
      failures.push({ property: "custom.fields", reason: `must have the field '${d.name}': the type ${typeName} requires it` });
  }
  return failures;
}
