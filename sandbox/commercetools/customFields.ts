// Custom fields on a customer group: checking values against the Type's field definitions, as the platform does.
import { isPlainObject } from "../core/http";
import { ctErrors } from "./errors";
import type { CtFieldType, CtType } from "./types";

export interface CtCustomFields {
  /** Always stored as a Reference by id, even when the draft named the type by key. */
  type: { typeId: "type"; id: string };
  fields: Record<string, unknown>;
}

function valueFits(type: CtFieldType, value: unknown): boolean {
  switch (type.name) {
    case "Boolean":
      return typeof value === "boolean";
    case "Number":
      return typeof value === "number" && Number.isFinite(value);
    case "String":
    case "Date":
    case "Time":
    case "DateTime":
      return typeof value === "string";
    case "LocalizedString":
      return isPlainObject(value) && Object.values(value).every((v) => typeof v === "string");
    case "Enum":
    case "LocalizedEnum":
      return typeof value === "string" && (type.values ?? []).some((v) => v.key === value);
    case "Set":
      return Array.isArray(value) && type.elementType !== undefined && value.every((v) => valueFits(type.elementType!, v));
    case "Money":
      return isPlainObject(value) && typeof value.currencyCode === "string" && Number.isInteger(value.centAmount);
    case "Reference":
      return isPlainObject(value) && typeof value.typeId === "string" && typeof value.id === "string";
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
