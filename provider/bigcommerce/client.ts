// The BigCommerce v2 customer-groups API: X-Auth-Token, 204 as an empty list, paging, and one rate limiter per store.

import { GroupReader, GroupReaderOptions } from "../groupReader";
import { BackoffPolicy } from "../http/backoff";
import { isAuthFailure, isNotFound, unexpectedAnswer } from "../http/errors";
import { maxListedItems } from "../http/shape";
import { Request, Response, Transport, VendorError } from "../http/transport";
import { limiterFor, RateLimiter, RateLimiterOptions } from "./rateLimit";
import type { WireBody, WireGroup } from "./wire";
import { customerCountShape, customerGroupShape, groupListShape } from "./answers";
import { BigCommerceSettings } from "./settings";

/**
 * Reads BigCommerce's error payloads: v2's `[{ status, message }]`, v3's `{ status, title, detail, errors: { field: message } }`,
 * and a plain `{ error }` or text.
 */
export function parseBigCommerceError(status: number, body: unknown): VendorError {
  if (Array.isArray(body)) {
    const messages = body.map((e) => (e && typeof e === "object" ? (e as { message?: unknown }).message : e)).filter((m) => typeof m === "string" && m);
    if (messages.length > 0) return { message: messages.join(" ") };
  }
  if (body && typeof body === "object") {
    const b = body as { title?: unknown; detail?: unknown; message?: unknown; error?: unknown; errors?: unknown };
    const parts = [b.title, b.detail, b.message, b.error].filter((p): p is string => typeof p === "string" && p !== "");
    if (b.errors && typeof b.errors === "object" && !Array.isArray(b.errors)) {
      for (const [field, message] of Object.entries(b.errors)) parts.push(`${field}: ${String(message)}`);
    }
    if (parts.length > 0) return { message: parts.join("; ") };
  }
  if (typeof body === "string" && body.trim() !== "") return { message: body.trim().slice(0, 500) };
  return { message: `HTTP ${status}` };
}

/**
 * The store's 207 to a create: "The customer group was created, but the sitewide discount update failed. You may retry the
 * request." The group exists; the body is no group.
 */
export class PartialCreate extends Error {
  constructor(readonly storeMessage: string) {
    super(`the store created the group only in part (HTTP 207: ${storeMessage})`);
    this.name = "PartialCreate";
  }
}

export interface ClientOptions {
  backoff?: BackoffPolicy;
  timeoutMs?: number;
  /** Groups asked for per page when listing (the API allows up to 250). */
  pageSize?: number;
  /** Options of the store's shared rate limiter, used when the first client of a store makes it. */
  rateLimit?: RateLimiterOptions;
  /** How reads are gathered (see groupReader.ts). */
  reader?: GroupReaderOptions;
  /** Epoch milliseconds now, by which a group's age is judged (tests move it); default the system clock. */
  now?: () => number;
}

export class BigCommerceClient {
  private readonly api: Transport;
  private readonly limiter: RateLimiter;
  private readonly pageSize: number;
  /** Reads of a refresh and look-ups of adoption, coalesced into listings of the store (see groupReader.ts). */
  readonly reader: GroupReader<WireGroup>;

  constructor(
    readonly settings: BigCommerceSettings,
    options: ClientOptions = {},
  ) {
    this.limiter = limiterFor(`${settings.apiUrl}|${settings.storeHash}`, options.rateLimit);
    this.pageSize = options.pageSize ?? 250;
    this.api = new Transport({
      backend: "bigcommerce",
      baseUrl: settings.apiUrl,
      parseError: parseBigCommerceError,
      backoff: options.backoff,
      timeoutMs: options.timeoutMs ?? settings.timeoutMs,
      // Every attempt, retries included, goes through the store's limiter, which reads the quota from every answer.
      gate: this.limiter,
    });
    this.reader = new GroupReader<WireGroup>(
      {
        one: async (field, value) => {
          const group = field === "id" ? await this.get(Number(value)) : await this.findByName(value);
          return group ? [group] : [];
        },
        all: () => this.list(),
        valueOf: (group, field) => (field === "id" ? String(group.id) : field === "name" ? group.name : undefined),
        // Pages are numbered: a group deleted while the store is listed shifts the next page, which can then miss one.
        listingMayMiss: true,
      },
      options.reader,
    );
  }

  get storeHash(): string {
    return this.settings.storeHash;
  }

  /**
   * Every group matching the filters, page by page until a short (or empty, 204) page. The v2 listing says no total,
   * so it is bounded by what it answers: a group seen twice (a page repeated) or more than `maxListedItems` groups end it
   * with an error, nothing taken from it.
   */
  async list(filter: { name?: string } = {}): Promise<WireGroup[]> {
    const all: WireGroup[] = [];
    const seen = new Set<number>();
    for (let page = 1; ; page++) {
      const batch = await this.request<WireGroup[] | undefined>({
        method: "GET",
        path: "",
        query: { ...filter, page, limit: this.pageSize },
        idempotent: true,
        shape: groupListShape(this.pageSize),
      });
      const groups = batch ?? [];
      const operation = `GET /stores/${this.storeHash}/v2/customer_groups?page=${page}`;
      for (const group of groups) {
        if (seen.has(group.id)) throw unexpectedAnswer("bigcommerce", operation, `group ${group.id} was answered again on page ${page}: a page was repeated`);
        seen.add(group.id);
      }
      all.push(...groups);
      if (all.length > maxListedItems)
        throw unexpectedAnswer("bigcommerce", operation, `the store answered more than ${maxListedItems} groups, the most the provider lists`);
      if (groups.length < this.pageSize) return all;
    }
  }

  /** The group with exactly this name (names are unique in a store), or undefined. */
  async findByName(name: string): Promise<WireGroup | undefined> {
    return (await this.list({ name })).find((g) => g.name === name);
  }

  /** GET by id; undefined when the group does not exist. */
  async get(id: number): Promise<WireGroup | undefined> {
    try {
      return await this.request<WireGroup>({ method: "GET", path: `/${id}`, idempotent: true, shape: customerGroupShape });
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  }

  /**
   * POST a new group. Not resent after a lost answer: the caller looks the group up by name first. A 207 rejects with
   * PartialCreate (and no listing of the store is trusted after it: the group exists but was not answered).
   */
  async create(body: WireBody): Promise<WireGroup> {
    const answer = this.exchange<WireGroup>({ method: "POST", path: "", body, idempotent: false, shape: customerGroupShape }).then((response) => {
      if (response.status !== 207) return response.data;
      const message = (response.data as { message?: unknown } | undefined)?.message;
      throw new PartialCreate(typeof message === "string" && message !== "" ? message : "no message");
    });
    return this.reader.written(answer);
  }

  /** PUT the given fields; resending is harmless because it overwrites them with the same values. */
  async update(id: number, body: WireBody): Promise<WireGroup> {
    return this.reader.written(this.request<WireGroup>({ method: "PUT", path: `/${id}`, body, idempotent: true, shape: customerGroupShape }));
  }

  /** DELETE by id (the store unassigns the group's customers). */
  async delete(id: number): Promise<void> {
    await this.reader.written(this.request<unknown>({ method: "DELETE", path: `/${id}`, idempotent: true }), String(id));
  }

  /**
   * The customers in a group, from the v3 Customers API (`customer_group_id:in`), asking for one per page: the answer's
   * `meta.pagination.total` is the count. Needs the API account's Customers scope (read).
   */
  async countCustomers(groupId: number): Promise<number> {
    const response = await this.api.send<{ meta?: { pagination?: { total?: number } } }>({
      method: "GET",
      path: `/stores/${encodeURIComponent(this.settings.storeHash)}/v3/customers`,
      query: { "customer_group_id:in": groupId, limit: 1 },
      headers: this.headers,
      idempotent: true,
      shape: customerCountShape,
    });
    return response.data.meta!.pagination!.total!;
  }

  /** What every request of the store carries: its token, and the answer's form. */
  private get headers(): Record<string, string> {
    return { "X-Auth-Token": this.settings.accessToken, Accept: "application/json" };
  }

  /** Sends a request below `/stores/{storeHash}/v2/customer_groups`; each attempt goes when the store's rate limiter lets it. */
  private async request<T>(request: Request): Promise<T> {
    return (await this.exchange<T>(request)).data;
  }

  /** The request's answer with its status (a 2xx; anything else rejects with an ApiError). */
  private async exchange<T>(request: Request): Promise<Response<T>> {
    try {
      return await this.api.send<T>({
        ...request,
        path: `/stores/${encodeURIComponent(this.settings.storeHash)}/v2/customer_groups${request.path}`,
        headers: this.headers,
      });
    } catch (e) {
      if (isAuthFailure(e)) {
        throw e.withMessage(
          `${parseBigCommerceError(e.status, e.body).message} Check bigcommerce:accessToken (BIGCOMMERCE_ACCESS_TOKEN): it must be an API account token ` +
            `of store '${this.settings.storeHash}' with the Customers scope set to modify.`,
        );
      }
      throw e;
    }
  }
}
