// The registry of commercetools Types (custom field definitions) that customer groups can reference.
import { isPlainObject } from "../core/http";
import { uuid } from "../core/ids";
import { ctErrors } from "./errors";
import { parseQuery, runQuery, type PagedQueryResponse } from "./query";

/** Fields of a type a query predicate may name at the top level. */
const TYPE_FIELDS: ReadonlySet<string> = new Set(["id", "key", "name", "version", "createdAt", "lastModifiedAt", "resourceTypeIds"]);

export type CtFieldTypeName =
  "Boolean" | "String" | "LocalizedString" | "Enum" | "LocalizedEnum" | "Number" | "Money" | "Date" | "Time" | "DateTime" | "Reference" | "Set";

export interface CtFieldType {
  name: CtFieldTypeName;
  /** For Set. */
  elementType?: CtFieldType;
  /** For Enum / LocalizedEnum. */
  values?: { key: string; label: string | Record<string, string> }[];
  /** For Reference. */
  referenceTypeId?: string;
}

export interface CtFieldDefinition {
  name: string;
  label: Record<string, string>;
  required: boolean;
  type: CtFieldType;
  inputHint: "SingleLine" | "MultiLine";
}

export interface CtType {
  id: string;
  version: number;
  key: string;
  name: Record<string, string>;
  resourceTypeIds: string[];
  fieldDefinitions: CtFieldDefinition[];
  createdAt: string;
  lastModifiedAt: string;
}

export interface CtFieldDefinitionDraft {
  name: string;
  type: CtFieldType;
  required?: boolean;
  label?: Record<string, string>;
  inputHint?: "SingleLine" | "MultiLine";
}

export interface CtTypeDraft {
  key: string;
  name?: Record<string, string>;
  resourceTypeIds?: string[];
  fieldDefinitions: CtFieldDefinitionDraft[];
}

const FIELD_TYPES = new Set<string>([
  "Boolean",
  "String",
  "LocalizedString",
  "Enum",
  "LocalizedEnum",
  "Number",
  "Money",
  "Date",
  "Time",
  "DateTime",
  "Reference",
  "Set",
]);

/** The type every fresh sandbox has, so demos can set custom fields without setup. */
export const SEED_TYPE: CtTypeDraft = {
  key: "group-fields",
  name: { en: "Customer group fields" },
  resourceTypeIds: ["customer-group"],
  fieldDefinitions: [
    { name: "tier", type: { name: "String" }, label: { en: "Tier" } },
    { name: "vip", type: { name: "Boolean" }, label: { en: "VIP" } },
    { name: "discountPercent", type: { name: "Number" }, label: { en: "Discount percent" } },
    { name: "tags", type: { name: "Set", elementType: { name: "String" } }, label: { en: "Tags" } },
  ],
};

export class TypeRegistry {
  private types: CtType[] = [];

  constructor() {
    this.reset();
  }

  reset(): void {
    this.types = [];
    this.add(SEED_TYPE);
  }

  list(): CtType[] {
    return structuredClone(this.types);
  }

  load(types: readonly CtType[]): void {
    this.types = structuredClone([...types]);
  }

  get(id: string): CtType | undefined {
    return this.types.find((t) => t.id === id);
  }

  /** GET /types/{id} or /types/key={key}, as the platform answers it. */
  getByRef(ref: { id: string } | { key: string }): CtType {
    const found = this.types.find((t) => ("id" in ref ? t.id === ref.id : t.key === ref.key));
    if (!found) throw "id" in ref ? ctErrors.notFoundById(ref.id) : ctErrors.notFoundByKey(ref.key);
    return structuredClone(found);
  }

  /** GET /types with the platform's query parameters. */
  query(params: URLSearchParams): PagedQueryResponse<CtType> {
    return runQuery(this.types, parseQuery(params, TYPE_FIELDS));
  }

  /** Adds a type from an untrusted draft (admin API); throws CtError on a bad draft. */
  add(input: unknown): CtType {
    const draft = checkTypeDraft(input);
    if (this.types.some((t) => t.key === draft.key)) throw ctErrors.invalidInput(`A type with key '${draft.key}' already exists.`);
    const now = new Date().toISOString();
    const type: CtType = {
      id: uuid(),
      version: 1,
      key: draft.key,
      name: draft.name ?? { en: draft.key },
      resourceTypeIds: draft.resourceTypeIds ?? ["customer-group"],
      fieldDefinitions: draft.fieldDefinitions.map((d) => ({
        name: d.name,
        label: d.label ?? { en: d.name },
        required: d.required ?? false,
        type: d.type,
        inputHint: d.inputHint ?? "SingleLine",
      })),
      createdAt: now,
      lastModifiedAt: now,
    };
    this.types.push(type);
    return structuredClone(type);
  }

  /** Resolves a draft's ResourceIdentifier to a Type usable on customer groups. */
  resolve(identifier: unknown, path: string): CtType {
    if (!isPlainObject(identifier)) throw ctErrors.invalidJson(`${path}: Missing required value`);
    const { typeId, id, key } = identifier;
    if (typeId !== undefined && typeId !== "type") throw ctErrors.invalidJson(`${path} -> typeId: must be 'type'`);
    if (id !== undefined && typeof id !== "string") throw ctErrors.invalidJson(`${path} -> id: must be a string`);
    if (key !== undefined && typeof key !== "string") throw ctErrors.invalidJson(`${path} -> key: must be a string`);
    if (id === undefined && key === undefined) {
      throw ctErrors.invalidInput(`A resource identifier of type 'type' needs an id or a key (${path}).`);
    }
    const found = this.types.find((t) => (id !== undefined ? t.id === id : t.key === key));
    // Given both, the real platform insists that they name the same resource.
    if (!found || (key !== undefined && found.key !== key)) {
      throw ctErrors.referencedNotFound("type", id !== undefined ? { id: id as string } : { key: key as string });
    }
    if (!found.resourceTypeIds.includes("customer-group")) {
      throw ctErrors.invalidInput(`The type '${found.key}' is not defined for resources of type 'customer-group'.`);
    }
    return found;
  }
}

function checkFieldType(input: unknown, path: string): CtFieldType {
  if (!isPlainObject(input) || typeof input.name !== "string" || !FIELD_TYPES.has(input.name)) {
    throw ctErrors.invalidJson(`${path} -> name: must be one of ${[...FIELD_TYPES].join(", ")}`);
  }
  const out: CtFieldType = { name: input.name as CtFieldTypeName };
  if (out.name === "Set") out.elementType = checkFieldType(input.elementType, `${path} -> elementType`);
  if (out.name === "Enum" || out.name === "LocalizedEnum") {
    if (!Array.isArray(input.values) || input.values.some((v) => !isPlainObject(v) || typeof v.key !== "string")) {
      throw ctErrors.invalidJson(`${path} -> values: must be an array of {key, label}`);
    }
    out.values = input.values as CtFieldType["values"];
  }
  if (out.name === "Reference") {
    if (typeof input.referenceTypeId !== "string") throw ctErrors.invalidJson(`${path} -> referenceTypeId: Missing required value`);
    out.referenceTypeId = input.referenceTypeId;
  }
  return out;
}

function checkTypeDraft(input: unknown): CtTypeDraft {
  if (!isPlainObject(input)) throw ctErrors.invalidJson("TypeDraft must be an object");
  const { key, name, resourceTypeIds, fieldDefinitions } = input;
  if (typeof key !== "string" || !/^[A-Za-z0-9_-]{2,256}$/.test(key)) throw ctErrors.invalidJson("key: Invalid key");
  if (name !== undefined && !isPlainObject(name)) throw ctErrors.invalidJson("name: must be a LocalizedString");
  if (resourceTypeIds !== undefined && (!Array.isArray(resourceTypeIds) || resourceTypeIds.some((r) => typeof r !== "string"))) {
    throw ctErrors.invalidJson("resourceTypeIds: must be an array of strings");
  }
  if (!Array.isArray(fieldDefinitions)) throw ctErrors.invalidJson("fieldDefinitions: Missing required value");
  const seen = new Set<string>();
  const defs = fieldDefinitions.map((d: unknown, i): CtFieldDefinitionDraft => {
    const path = `fieldDefinitions -> [${i}]`;
    if (!isPlainObject(d) || typeof d.name !== "string" || !/^[A-Za-z0-9_-]{2,36}$/.test(d.name)) {
      throw ctErrors.invalidJson(`${path} -> name: Invalid field name`);
    }
    if (seen.has(d.name)) throw ctErrors.invalidInput(`The field definition '${d.name}' is defined twice.`);
    seen.add(d.name);
    if (d.required !== undefined && typeof d.required !== "boolean") throw ctErrors.invalidJson(`${path} -> required: must be a boolean`);
    if (d.label !== undefined && !isPlainObject(d.label)) throw ctErrors.invalidJson(`${path} -> label: must be a LocalizedString`);
    const hint = d.inputHint;
    if (hint !== undefined && hint !== "SingleLine" && hint !== "MultiLine") throw ctErrors.invalidJson(`${path} -> inputHint: invalid`);
    const out: CtFieldDefinitionDraft = { name: d.name, type: checkFieldType(d.type, `${path} -> type`) };
    if (d.required !== undefined) out.required = d.required;
    if (d.label !== undefined) out.label = d.label as Record<string, string>;
    if (hint !== undefined) out.inputHint = hint;
    return out;
  });
  const draft: CtTypeDraft = { key, fieldDefinitions: defs };
  if (name !== undefined) draft.name = name as Record<string, string>;
  if (resourceTypeIds !== undefined) draft.resourceTypeIds = resourceTypeIds as string[];
  return draft;
}
