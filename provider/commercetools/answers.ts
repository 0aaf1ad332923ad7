// What commercetools' answers hold (the HTTP API reference's CustomerGroup, PagedQueryResponse, Type, token response),
// checked before anything is taken from them.

import { check, eachOf, firstProblem, isCount, isId, isRecord, isText, kindOf, Shape, subject } from "../http/shape";

const isVersion = (v: unknown) => typeof v === "number" && Number.isSafeInteger(v) && v >= 1;
const isOptionalText = (v: unknown) => v === undefined || isText(v);

/** A CustomerGroup: an id, a version and a name; a key when it has one; custom fields with their type's reference. */
export function customerGroupProblem(value: unknown, path = ""): string | undefined {
  if (!isRecord(value)) return `${subject(path)} is ${kindOf(value)}, not a customer group`;
  return firstProblem(
    () => check(value, "id", isId, "an id", path),
    () => check(value, "version", isVersion, "a version", path),
    () => check(value, "name", isText, "a name", path),
    () => check(value, "key", isOptionalText, "a key", path),
    () => check(value, "custom", (c) => c === undefined || (isRecord(c) && isRecord(c.type) && isId(c.type.id)), "custom fields with a type", path),
  );
}

/** A PagedQueryResponse of customer groups: `results`, at most `limit` of them, and `total` when asked for. */
export function groupPageShape(limit: number, withTotal: boolean): Shape {
  return (value) => {
    if (!isRecord(value)) return `the body is ${kindOf(value)}, not a page of customer groups`;
    const results = value.results;
    return firstProblem(
      () => check(value, "results", Array.isArray, "a list"),
      () => check(value, "total", (t) => (withTotal ? isCount(t) : t === undefined || isCount(t)), "a count"),
      () => ((results as unknown[]).length > limit ? `results holds ${(results as unknown[]).length} groups, more than the ${limit} asked for` : undefined),
      () => eachOf(results as unknown[], customerGroupProblem, "results"),
    );
  };
}

export const customerGroupShape: Shape = (value) => customerGroupProblem(value);

/** A query that asks only for the total (`limit=0&withTotal=true`). */
export const totalShape: Shape = (value) => (isRecord(value) ? check(value, "total", isCount, "a count") : `the body is ${kindOf(value)}, not a page`);

/** A Type: an id, and field definitions each with a name and a type. */
export function typeProblem(value: unknown, path = ""): string | undefined {
  if (!isRecord(value)) return `${subject(path)} is ${kindOf(value)}, not a type`;
  return firstProblem(
    () => check(value, "id", isId, "an id", path),
    () => check(value, "key", isOptionalText, "a key", path),
    () =>
      check(
        value,
        "fieldDefinitions",
        (d) => d === undefined || (Array.isArray(d) && d.every((f) => isRecord(f) && isText(f.name) && isRecord(f.type))),
        "a list of field definitions",
        path,
      ),
  );
}

export const typeShape: Shape = (value) => typeProblem(value);

/** A page of types: each with an id (its key is all that is read). */
export const typePageShape: Shape = (value) => {
  if (!isRecord(value)) return `the body is ${kindOf(value)}, not a page of types`;
  return firstProblem(
    () => check(value, "results", Array.isArray, "a list"),
    () =>
      eachOf(
        value.results as unknown[],
        (t, path) => (isRecord(t) ? check(t, "id", isId, "an id", path) : `${subject(path)} is ${kindOf(t)}, not a type`),
        "results",
      ),
  );
};

/** The auth server's client-credentials answer. */
export const tokenShape: Shape = (value) =>
  isRecord(value) ? check(value, "access_token", isId, "an access token") : `the body is ${kindOf(value)}, not a token`;
