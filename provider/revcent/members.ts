// The customers of a RevCent customer group created in a date range of any length: 90-day windows, every page, each customer once.

import type { CheckFailure } from "../checkFailure";
import { schemaFailures } from "../schemas/validate";
import { Paging, type Page } from "./client";
import { isPlainObject } from "../canonical";
import { loadOperation } from "./spec";
import type { WireCustomer } from "./wire";
import type { CustomerStatusFilter, Member, Members, MetadataFilter } from "./types";
import { unixSeconds } from "./unixSeconds";

/** "The difference between date_start and date_end cannot exceed a 90 day period." */
export const maxWindowSeconds = 90 * 24 * 60 * 60;

/** Unix seconds beyond this (the year 5138) are taken for milliseconds by mistake. */
const implausibleSeconds = 1e11;

export interface MembersArgs {
  /** The 20-character id of the customer group. */
  customerGroupId: string;
  /** Start of the range (customers created at or after it): unix seconds or a Date. */
  dateStart: number | Date;
  /** End of the range (customers created at or before it): unix seconds or a Date. */
  dateEnd: number | Date;
  statusFilter?: CustomerStatusFilter[];
  campaignFilter?: string[];
  productFilter?: string[];
  metadataFilter?: MetadataFilter[];
}

/** One GetCustomers date window; both ends are included. */
export interface Window {
  dateStart: number;
  dateEnd: number;
}

/** Every reason the arguments cannot be used, each named by argument; nothing is sent when there is one. */
export function validateMembersArgs(args: Record<string, unknown>): CheckFailure[] {
  const failures = schemaFailures("revcentMembers", args);
  for (const name of ["dateStart", "dateEnd"] as const) {
    const value = args[name];
    if (value === undefined) continue;
    const reason = dateProblem(value);
    if (reason) failures.push({ property: name, reason });
  }
  const start = args.dateStart;
  const end = args.dateEnd;
  if (start !== undefined && end !== undefined && !dateProblem(start) && !dateProblem(end)) {
    const s = unixSeconds(start as number | Date);
    const e = unixSeconds(end as number | Date);
    if (s > e) failures.push({ property: "dateEnd", reason: `must not be before dateStart (dateStart ${s}, dateEnd ${e}, in unix seconds)` });
  }
  return failures;
}

function dateProblem(value: unknown): string | undefined {
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? "is an invalid Date" : value.getTime() < 0 ? "must not be before 1970" : undefined;
  }
  if (typeof value !== "number" || !Number.isFinite(value)) return "must be a unix timestamp in seconds (a whole number) or a Date";
  if (!Number.isInteger(value)) return `must be a unix timestamp in whole seconds (got ${value})`;
  if (value < 0) return "must not be before 1970 (a unix timestamp in seconds, at least 0)";
  if (value >= implausibleSeconds) return `must be in seconds, not milliseconds (got ${value}; did you mean ${Math.floor(value / 1000)}?)`;
  return undefined;
}

/**
 * [dateStart, dateEnd] (both included) as consecutive windows that each span at most 90 days
 * (`date_end - date_start <= 90 * 86400`), with no gap and no overlap: each window starts one second after the last ended.
 */
export function windows(dateStart: number, dateEnd: number): Window[] {
  const out: Window[] = [];
  for (let start = dateStart; ;) {
    const end = Math.min(start + maxWindowSeconds, dateEnd);
    out.push({ dateStart: start, dateEnd: end });
    if (end >= dateEnd) return out;
    start = end + 1;
  }
}

/**
 * The query of one window (without `limit` and `page`), each parameter encoded as GetCustomers declares it: `form` with
 * `explode` repeats the name for each value (`status_filter=enabled&status_filter=blocked`), `deepObject` names each
 * member of each item (`metadata_filter[0][name]=tier&metadata_filter[0][value]=gold`).
 */
export function membersQuery(args: MembersArgs, window: Window): URLSearchParams {
  const values: Record<string, unknown> = {
    date_start: window.dateStart,
    date_end: window.dateEnd,
    customer_group_filter: [args.customerGroupId],
    status_filter: args.statusFilter,
    campaign_filter: args.campaignFilter,
    product_filter: args.productFilter,
    metadata_filter: args.metadataFilter,
  };
  return encodeQuery("GetCustomers", values);
}

/** Encodes parameter values by the styles of the seed's parameter definitions, in the seed's order. */
export function encodeQuery(operation: "GetCustomers" | "GetCustomerGroups", values: Record<string, unknown>): URLSearchParams {
  const query = new URLSearchParams();
  for (const p of loadOperation(operation).parameters) {
    const value = values[p.name];
    if (p.in !== "query" || value === undefined) continue;
    const style = p.style ?? "form";
    const explode = p.explode ?? style === "form";
    if (style === "deepObject") {
      const items = Array.isArray(value) ? value : [value];
      items.forEach((item, i) => {
        const prefix = Array.isArray(value) ? `${p.name}[${i}]` : p.name;
        if (isPlainObject(item)) for (const [k, v] of Object.entries(item)) query.append(`${prefix}[${k}]`, String(v));
      });
    } else if (Array.isArray(value)) {
      if (explode) for (const v of value) query.append(p.name, String(v));
      else query.append(p.name, value.map(String).join(","));
    } else {
      query.append(p.name, String(value));
    }
  }
  return query;
}

/** Reads one page of GetCustomers for a query (without limit and page). */
export type FetchCustomers = (query: URLSearchParams, page: number) => Promise<Page<WireCustomer>>;

/** Every page of every window, each customer once (by id, first seen wins), in the order RevCent returned them. */
export async function collectMembers(fetch: FetchCustomers, args: MembersArgs): Promise<Members> {
  const seen = new Set<string>();
  const customers: Member[] = [];
  for (const window of windows(unixSeconds(args.dateStart), unixSeconds(args.dateEnd))) {
    const query = membersQuery(args, window);
    const paging = new Paging("GET /v2/customers");
    for (let page = 1; ; page++) {
      const batch = await fetch(query, page);
      for (const wire of batch.results) {
        const member = memberOf(wire);
        const key = member.id !== "" ? member.id : JSON.stringify(wire);
        if (seen.has(key)) continue;
        seen.add(key);
        customers.push(member);
      }
      if (paging.last(batch, page)) break;
    }
  }
  return { count: customers.length, customers };
}

/** The customer's id, email, names and status, as far as RevCent sent them. */
export function memberOf(wire: WireCustomer): Member {
  const member: Member = { id: typeof wire.id === "string" ? wire.id : "" };
  if (typeof wire.email === "string") member.email = wire.email;
  if (typeof wire.first_name === "string") member.firstName = wire.first_name;
  if (typeof wire.last_name === "string") member.lastName = wire.last_name;
  if (typeof wire.status === "string") member.status = wire.status as Member["status"];
  return member;
}
