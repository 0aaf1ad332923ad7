// What a vendor's answer must hold before anything is taken from it. Each check answers what is wrong, or undefined.

/** Checks a 2xx answer's body (see Request.shape). */
export type Shape = (data: unknown, status: number) => string | undefined;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** What a value is, for a message: `a string`, `an array`, `null`, `no body`. */
export function kindOf(value: unknown): string {
  if (value === undefined) return "empty";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return "text";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

export const isCount = (value: unknown): value is number => typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
export const isText = (value: unknown): value is string => typeof value === "string";
export const isId = (value: unknown): value is string => typeof value === "string" && value !== "";

/** What `path` (`results[3].`, or "" for the whole body) names in a message. */
export function subject(path: string): string {
  return path === "" ? "the body" : path.slice(0, -1);
}

/** `what` at `path` fails `test`: `results[3].id is missing` / `results[3].id is a number, not an id`. */
export function check(record: Record<string, unknown>, name: string, test: (v: unknown) => boolean, what: string, path = ""): string | undefined {
  if (test(record[name])) return undefined;
  const at = `${path}${name}`;
  return record[name] === undefined ? `${at} is missing` : `${at} is ${kindOf(record[name])}, not ${what}`;
}

/** The first problem of `checks`, run in order. */
export function firstProblem(...checks: (() => string | undefined)[]): string | undefined {
  for (const c of checks) {
    const problem = c();
    if (problem !== undefined) return problem;
  }
  return undefined;
}

/** An array whose every item passes `item` (each problem prefixed with its index). */
export function eachOf(items: unknown[], item: (value: unknown, path: string) => string | undefined, path: string): string | undefined {
  for (let i = 0; i < items.length; i++) {
    const problem = item(items[i], `${path}[${i}].`);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

/**
 * The most items a listing reads, whatever its pages say: beyond the platforms' own limits (commercetools' default is
 * 10,000 groups a project), and some 100 MB of groups at most, so that a listing that never ends cannot fill memory.
 */
export const maxListedItems = 50_000;
