// JSON Schema validation of resource inputs, with the validators ajv compiled when the package was built (compile.ts);
// failures named by property path.

import type { ErrorObject, ValidateFunction } from "ajv";
import { CheckFailure, childPath } from "../checkFailure";
import { didYouMean } from "../nearest";
import { nameCharacterProblem } from "./names";

let validators: Record<string, ValidateFunction> | undefined;

function built(): Record<string, ValidateFunction> {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require("./compiled.js") as Record<string, ValidateFunction>;
  } catch (e) {
    if ((e as { code?: string }).code !== "MODULE_NOT_FOUND") throw e;
    throw new Error("pulumi-customer-groups: the argument validators (provider/schemas/compiled.js) were not built; `npm run build` builds them", { cause: e });
  }
}

/** Validates `value` against the schema named `name` (a backend's name, or one of its otherSchemas); an empty list means valid. */
export function schemaFailures(name: string, value: unknown): CheckFailure[] {
  const validate = (validators ??= built())[name];
  if (!validate) throw new Error(`no schema is named '${name}'`);
  if (validate(value)) return [];
  return dedupe((validate.errors ?? []).filter((e) => !isCascade(e)).map(toFailure));
}

/** `/discountRules/2/productId` -> `discountRules[2].productId`. */
export function propertyPath(pointer: string, child?: string): string {
  const parts = pointer
    .split("/")
    .slice(1)
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
  if (child !== undefined) parts.push(child);
  return parts.reduce(childPath, "");
}

function toFailure(error: ErrorObject): CheckFailure {
  const params = error.params as { missingProperty?: string; additionalProperty?: string; allowedValues?: unknown[] };
  if (error.keyword === "required") {
    return { property: propertyPath(error.instancePath, params.missingProperty), reason: "is required" };
  }
  if (error.keyword === "additionalProperties") {
    // A typo (`categoryAcess`) gets the nearest argument of the same object.
    const known = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
    const meant = didYouMean(params.additionalProperty ?? "", known);
    return { property: propertyPath(error.instancePath, params.additionalProperty), reason: `is not a known argument${meant ? `. ${meant}` : ""}` };
  }
  const reason = (error.parentSchema as { reason?: string } | undefined)?.reason;
  const property = propertyPath(error.instancePath) || "(inputs)";
  // A name or key refused for an invisible character or white space at an end: which character, and where.
  const unseen =
    error.keyword === "pattern" && /(^|\.)(name|key)$/.test(property) && typeof error.data === "string" ? nameCharacterProblem(error.data) : undefined;
  if (unseen) return { property, reason: unseen };
  if (reason) return { property, reason };
  if (error.keyword === "enum") return { property, reason: `must be one of ${(params.allowedValues ?? []).map((v) => JSON.stringify(v)).join(", ")}` };
  return { property, reason: error.message ?? "is invalid" };
}

// oneOf/anyOf/if report a summary besides the specific errors beneath them; the specific ones say more.
function isCascade(error: ErrorObject): boolean {
  return error.keyword === "oneOf" || error.keyword === "anyOf" || error.keyword === "if";
}

function dedupe(failures: CheckFailure[]): CheckFailure[] {
  const seen = new Set<string>();
  return failures.filter((f) => {
    const key = `${f.property}\u0000${f.reason}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
