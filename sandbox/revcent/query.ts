// Query parameters of GetCustomerGroups / GetCustomers, read as the seeds declare them (form arrays, deepObject metadata), and the customer filters.
import { describeErrors } from "../core/jsonSchema";
import type { RcCustomer, RcMetadata } from "./model";
import { loadOperation, revcentValidators, type OperationName } from "./spec";

export interface RcGroupQuery {
  page: number;
  limit: number;
}

export interface RcCustomerQuery extends RcGroupQuery {
  date_start: number;
  date_end: number;
  campaign_filter?: string[];
  customer_group_filter?: string[];
  product_filter?: string[];
  status_filter?: ("enabled" | "disabled" | "blocked" | "fraud" | "chargeback")[];
  metadata_filter?: RcMetadata[];
}

/** The longest date_start..date_end span GetCustomers accepts. */
export const MAX_RANGE_SECONDS = 90 * 24 * 60 * 60;

export class RcQueryError extends Error {}

/** metadata_filter[0][name]=a&metadata_filter[0][value]=b → [{name: "a", value: "b"}] */
function deepObjectArray(query: URLSearchParams, name: string): Record<string, string>[] | undefined {
  const items = new Map<number, Record<string, string>>();
  const pattern = new RegExp(`^${name}\\[(\\d+)\\]\\[([A-Za-z_]+)\\]$`);
  for (const [key, value] of query) {
    const m = pattern.exec(key);
    if (!m) continue;
    const index = Number(m[1]);
    const item = items.get(index) ?? {};
    item[m[2]!] = value;
    items.set(index, item);
  }
  if (items.size === 0) return undefined;
  return [...items.entries()].sort(([a], [b]) => a - b).map(([, v]) => v);
}

/** Reads and validates the query against the operation's parameter schemas; parameters the seed does not declare are ignored. */
export function readQuery(name: "GetCustomerGroups", query: URLSearchParams): RcGroupQuery;
export function readQuery(name: "GetCustomers", query: URLSearchParams): RcCustomerQuery;
export function readQuery(name: OperationName, query: URLSearchParams): RcGroupQuery | RcCustomerQuery {
  const raw: Record<string, unknown> = {};
  for (const p of loadOperation(name).parameters) {
    if (p.in !== "query") continue;
    if (p.style === "deepObject") {
      const v = deepObjectArray(query, p.name);
      if (v !== undefined) raw[p.name] = v;
    } else if (p.schema.type === "array") {
      const all = query.getAll(p.name);
      if (all.length > 0) raw[p.name] = all;
    } else {
      const v = query.get(p.name);
      if (v !== null) raw[p.name] = v;
    }
  }
  const validate = revcentValidators(name).params;
  if (!validate(raw)) {
    throw new RcQueryError(
      describeErrors(validate.errors)
        .map((m) => m.replace(/^The field/, "The parameter"))
        .join(" "),
    );
  }
  const q = raw as unknown as RcCustomerQuery;
  if (q.page < 1) throw new RcQueryError("The parameter 'page' must be 1 or more.");
  if (name === "GetCustomers") {
    if (q.date_end < q.date_start) throw new RcQueryError("The parameter 'date_end' must not be before 'date_start'.");
    if (q.date_end - q.date_start > MAX_RANGE_SECONDS) {
      throw new RcQueryError("The difference between date_start and date_end cannot exceed a 90 day period.");
    }
  }
  return q;
}

function metadataMatches(customer: RcCustomer, filters: readonly RcMetadata[]): boolean {
  // Values are grouped by name: every name must match, and one of its values is enough.
  const byName = new Map<string, string[]>();
  for (const f of filters) byName.set(f.name, [...(byName.get(f.name) ?? []), f.value]);
  const own = customer.metadata ?? [];
  return [...byName].every(([name, values]) => own.some((m) => m.name === name && (values.includes("METADATA_NAME_EXISTS") || values.includes(m.value))));
}

function count(customer: RcCustomer, section: string): number {
  const s = customer.lifetime_value?.[section] as { num?: unknown } | undefined;
  return typeof s?.num === "number" ? s.num : 0;
}

function statusMatches(customer: RcCustomer, statuses: readonly string[]): boolean {
  return statuses.some((s) => {
    switch (s) {
      case "enabled":
        return customer.status === "Enabled";
      case "disabled":
        return customer.status === "Disabled";
      case "blocked":
        return customer.status === "Blocked" || customer.blocked === true;
      case "fraud":
        return count(customer, "fraud_detection") > 0;
      default:
        return count(customer, "chargeback") > 0;
    }
  });
}

/** Customers created within the date window that pass every given filter (within one filter, any value matches). */
export function filterCustomers(all: readonly RcCustomer[], q: RcCustomerQuery): RcCustomer[] {
  return all.filter(
    (c) =>
      c.created_date_unix >= q.date_start &&
      c.created_date_unix <= q.date_end &&
      (q.campaign_filter === undefined || q.campaign_filter.includes(c.campaign_id ?? "")) &&
      (q.customer_group_filter === undefined || (c.customer_group ?? []).some((g) => q.customer_group_filter!.includes(g.id))) &&
      (q.product_filter === undefined || (c.products_purchased ?? []).some((p) => q.product_filter!.includes(p.id))) &&
      (q.status_filter === undefined || statusMatches(c, q.status_filter)) &&
      (q.metadata_filter === undefined || metadataMatches(c, q.metadata_filter)),
  );
}
