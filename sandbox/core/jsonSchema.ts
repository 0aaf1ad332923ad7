// One place that builds ajv instances, with the formats the vendor documents use (ajv itself knows none of them).
import { Ajv, type ErrorObject, type Options } from "ajv";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function createAjv(options: Options = {}): Ajv {
  // strict is off because the RevCent seeds use OpenAPI-isms (untyped objects, "title" on items) that ajv's strict mode rejects.
  const ajv = new Ajv({ allErrors: true, strict: false, ...options });
  ajv.addFormat("unix-time", { type: "number", validate: (n: number) => Number.isInteger(n) && n >= 0 });
  ajv.addFormat("int32", { type: "number", validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
  ajv.addFormat("integer", { type: "number", validate: (n: number) => Number.isInteger(n) });
  ajv.addFormat("float", { type: "number", validate: (n: number) => Number.isFinite(n) });
  ajv.addFormat("email", EMAIL);
  ajv.addFormat("date-time", { type: "string", validate: (s: string) => !Number.isNaN(Date.parse(s)) && /^\d{4}-\d\d-\d\dT/.test(s) });
  return ajv;
}

/** "/discount_rules/0/amount" → "discount_rules[0].amount" */
export function fieldPath(instancePath: string, child?: string): string {
  const parts = instancePath.split("/").filter((p) => p !== "");
  if (child !== undefined) parts.push(child);
  let out = "";
  for (const p of parts) out += /^\d+$/.test(p) ? `[${p}]` : out === "" ? p : `.${p}`;
  return out;
}

/** Human-readable lines for ajv errors, one per problem, skipping the noise ajv adds for if/then and anyOf branches. */
export function describeErrors(errors: readonly ErrorObject[] | null | undefined): string[] {
  const out: string[] = [];
  for (const e of errors ?? []) {
    const p = e.params as Record<string, unknown>;
    switch (e.keyword) {
      case "if":
        continue;
      case "required":
        out.push(`The field '${fieldPath(e.instancePath, String(p.missingProperty))}' is required.`);
        break;
      case "additionalProperties":
        out.push(`The field '${fieldPath(e.instancePath, String(p.additionalProperty))}' is not supported.`);
        break;
      case "enum":
        out.push(`The field '${fieldPath(e.instancePath)}' must be one of: ${(p.allowedValues as unknown[]).join(", ")}.`);
        break;
      case "type":
        out.push(`The field '${fieldPath(e.instancePath)}' must be of type ${String(p.type)}.`);
        break;
      case "false schema":
        out.push(`The field '${fieldPath(e.instancePath)}' is not allowed here.`);
        break;
      default:
        out.push(`The field '${fieldPath(e.instancePath) || "(body)"}' is invalid: ${e.message ?? e.keyword}.`);
    }
  }
  return [...new Set(out)];
}
