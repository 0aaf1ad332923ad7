// Custom fields on a customer group: checking values against the Type's field definitions, as the platform does.
import { isPlainObject } from "../core/http";
import { ctErrors } from "./errors";
import type { CtFieldType, CtType } from "./types";

export interface CtCustomFields {
  /** Always stored as a Reference by id, even when the draft named the type by key. */
  type: { typeId: "type"; id: string };
  fields: Record<string, unknown>;
}

/** `YYYY-MM-DD` naming a day that exists. */
function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function valueFits(type: CtFieldType, value: unknown): boolean {
  switch (type.name) {
    case "Boolean":
      return typeof value === "boolean";
    case "Number":
      return typeof value === "number" && Number.isFinite(value);
    case "String":
      return typeof value === "string";
    // The platform's formats: a calendar date, a time of day, an ISO 8601 date and time with a zone.
    case "Date":
      return typeof value === "string" && isCalendarDate(value);
    case "Time":
      return typeof value === "string" && /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?$/.test(value);
    case "DateTime":
      return (
        typeof value === "string" &&
        /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) &&
        isCalendarDate(value.slice(0, 10))
      );
    case "LocalizedString":
      return isPlainObject(value) && Object.values(value).every((v) => typeof v === "string");
    case "Enum":
    case "LocalizedEnum":
      return typeof value === "string" && (type.values ?? []).some((v) => v.key === value);
    case "Set":
      return Array.isArray(value) && type.elementType !== undefined && value.every((v) => valueFits(type.elementType!, v));
    case "Money":
      return isPlainObject(value) && typeof value.currencyCode === "string" && /^[A-Z]{3}$/.test(value.currencyCode) && Number.isInteger(value.centAmount);
    case "Reference":
      return (
        isPlainObject(value) &&
        typeof value.typeId === "string" &&
        (type.referenceTypeId === undefined || value.typeId === type.referenceTypeId) &&
        typeof value.id === "string"
      );
  }
}

/** Checks one field's value; the value is stored exactly as given. */
export function checkFieldValue(type: CtType, name: string, value: unknown): void {
  const def = type.fieldDefinitions.find((d) => d.name === name);
  if (!def) {
    throw ctErrors.invalidField(name, value, `The field '${name}' is not defined in the type '${type.key}'.`);
  }
  if (!valueFits(def.type, value)) {
    throw ctErrors.invalidField(name, value, `The value '${JSON.stringify(value)}' is not valid for field '${name}'.`);
  }
}

/** Builds the stored custom fields from a type and a draft's fields object (null entries are dropped). */
export function buildCustomFields(type: CtType, fields: unknown, path: string): CtCustomFields {
  if (fields !== undefined && fields !== null && !isPlainObject(fields)) throw ctErrors.invalidJson(`${path} -> fields: must be an object`);
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields ?? {})) {
    if (value === null || value === undefined) continue;
    checkFieldValue(type, name, value);
    out[name] = value;
  }
  for (const def of type.fieldDefinitions) {
    if (def.required && !(def.name in out)) throw ctErrors.requiredField(def.name);
  }
  return { type: { typeId: "type", id: type.id }, fields: out };
}
