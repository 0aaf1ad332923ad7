// Query parameters of the platform's query endpoints (where, sort, limit, offset, withTotal) and the PagedQueryResponse they
// produce: "Query CustomerGroups" and "Query Types".
import { ctErrors } from "./errors";
import { checkFields, evaluate, GROUP_FIELDS, parsePredicate, type Predicate } from "./predicate";

export interface CtQuery {
  where: Predicate[];
  sort: { field: string; desc: boolean }[];
  limit: number;
  offset: number;
  withTotal: boolean;
}

const SORTABLE = new Set(["id", "key", "name", "version", "createdAt", "lastModifiedAt"]);

function intParam(params: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const raw = params.get(name);
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw)) throw ctErrors.invalidInput(`Malformed parameter: ${name}: '${raw}' is not a number.`);
  const n = Number(raw);
  if (n < min || n > max) throw ctErrors.invalidInput(`Malformed parameter: ${name}: must be between ${min} and ${max}, was ${n}.`);
  return n;
}

export interface PagedQueryResponse<T> {
  limit: number;
  offset: number;
  count: number;
  total?: number;
  results: T[];
}

/** `queryable`: the fields a predicate may name at the top level (the resource's own). */
export function parseQuery(params: URLSearchParams, queryable: ReadonlySet<string> = GROUP_FIELDS): CtQuery {
  // Several `where` parameters are combined with "and", as on the platform.
  const where = params.getAll("where").map((w) => {
    const p = parsePredicate(w);
    checkFields(p, w, queryable);
    return p;
  });
  const sort = params.getAll("sort").map((s) => {
    const m = /^\s*([A-Za-z]+)\s*(asc|desc)?\s*$/i.exec(s);
    if (!m || !SORTABLE.has(m[1]!)) throw ctErrors.invalidInput(`Malformed parameter: sort: '${s}'.`);
    return { field: m[1]!, desc: (m[2] ?? "asc").toLowerCase() === "desc" };
  });
  const withTotalRaw = params.get("withTotal");
  if (withTotalRaw !== null && withTotalRaw !== "true" && withTotalRaw !== "false") {
    throw ctErrors.invalidInput(`Malformed parameter: withTotal: '${withTotalRaw}' is not a boolean.`);
  }
  return {
    where,
    sort,
    limit: intParam(params, "limit", 20, 0, 500),
    offset: intParam(params, "offset", 0, 0, 10000),
    withTotal: withTotalRaw !== "false",
  };
}

export function runQuery<T extends object>(items: readonly T[], q: CtQuery): PagedQueryResponse<T> {
  const matching = items.filter((g) => q.where.every((p) => evaluate(p, g as Record<string, unknown>)));
  if (q.sort.length > 0) {
    matching.sort((a, b) => {
      for (const { field, desc } of q.sort) {
        const x = (a as Record<string, unknown>)[field] as string | number | undefined;
        const y = (b as Record<string, unknown>)[field] as string | number | undefined;
        if (x === y) continue;
        // Missing values sort last, whatever the direction.
        if (x === undefined) return 1;
        if (y === undefined) return -1;
        return (x < y ? -1 : 1) * (desc ? -1 : 1);
      }
      return 0;
    });
  }
  const results = structuredClone(matching.slice(q.offset, q.offset + q.limit));
  const total = q.withTotal ? { total: matching.length } : {};
  return { limit: q.limit, offset: q.offset, count: results.length, ...total, results };
}
