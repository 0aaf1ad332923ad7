// The RevCent v2 API (read-only for customer groups): x-api-key, the code 1 / code 0 envelopes, paging at most 25 per page.

import { GroupReader, GroupReaderOptions } from "../groupReader";
import { BackoffPolicy } from "../http/backoff";
import { ApiError, isAnswered, unexpectedAnswer } from "../http/errors";
import { check, eachOf, firstProblem, isCount, isId, isRecord, isText, kindOf, maxListedItems, subject } from "../http/shape";
import { Transport, VendorError } from "../http/transport";
import type { WireCustomer, WireGroup } from "./wire";
import { RevCentSettings } from "./settings";

/** The most items RevCent returns per page (`limit` 1..25). */
export const maxPageSize = 25;

/** One page of a success envelope (`code: 1`). */
export interface Page<T> {
  results: T[];
  currentPage: number;
  totalPages: number;
  totalCount?: number;
  apiCallId?: string;
}

/** Reads RevCent's error envelope `{ code: 0, error_code, message, result }`; anything else as well as it can. */
export function parseRevCentError(status: number, body: unknown): VendorError {
  if (body && typeof body === "object" && !Array.isArray(body)) {
    const b = body as { error_code?: unknown; message?: unknown; result?: unknown };
    const code = typeof b.error_code === "string" && b.error_code !== "" ? b.error_code : undefined;
    const message = [b.message, b.result].find((m): m is string => typeof m === "string" && m.trim() !== "");
    if (code || message) return { code, message: message ?? `HTTP ${status}` };
  }
  if (typeof body === "string" && body.trim() !== "") return { message: body.trim().slice(0, 500) };
  return { message: `HTTP ${status}` };
}

export interface ClientOptions {
  backoff?: BackoffPolicy;
  timeoutMs?: number;
  /** How reads are gathered (see groupReader.ts). */
  reader?: GroupReaderOptions;
}

/** Every customer group, and how many pages it took. */
export interface GroupListing {
  groups: WireGroup[];
  pages: number;
}

export class RevCentClient {
  private readonly api: Transport;
  /** Reads and look-ups, answered from listings of every group shared by the callers of a burst (see groupReader.ts). */
  readonly reader: GroupReader<WireGroup>;
  /** Pages the last listing took (for messages). */
  private pagesListed = 0;

  constructor(
    readonly settings: RevCentSettings,
    options: ClientOptions = {},
  ) {
    this.api = new Transport({
      backend: "revcent",
      baseUrl: settings.apiUrl,
      parseError: parseRevCentError,
      backoff: options.backoff,
      timeoutMs: options.timeoutMs ?? settings.timeoutMs,
    });
    this.reader = new GroupReader<WireGroup>(
      {
        // The API reads groups only as a list: every look-up is answered from a listing.
        all: () => this.readAllGroups(),
        valueOf: (group, field) => (field === "id" ? group.id : field === "name" ? group.name : undefined),
        // There is nothing cheaper than another listing to confirm a miss with.
        listingMayMiss: false,
      },
      options.reader,
    );
  }

  /**
   * Every customer group, page by page (GET /v2/customer_groups, limit 25) until `current_page` reaches `total_pages`.
   * Callers of one burst share one listing; `fresh` asks for a listing started after the call.
   */
  async listGroups(fresh = false): Promise<GroupListing> {
    const groups = await this.reader.all(fresh);
    return { groups, pages: this.pagesListed };
  }

  private async readAllGroups(): Promise<WireGroup[]> {
    const groups: WireGroup[] = [];
    const paging = new Paging("GET /v2/customer_groups");
    const seen = new Set<string>();
    for (let page = 1; ; page++) {
      const batch = await this.page<WireGroup>("/customer_groups", new URLSearchParams({ limit: String(maxPageSize), page: String(page) }), groupProblem);
      for (const group of batch.results) {
        if (seen.has(group.id))
          throw unexpectedAnswer("revcent", "GET /v2/customer_groups", `group '${group.id}' was answered again on page ${page}: a page was repeated`);
        seen.add(group.id);
      }
      groups.push(...batch.results);
      if (paging.last(batch, page)) {
        this.pagesListed = page;
        return groups;
      }
    }
  }

  /** One page of GET /v2/customers; `query` holds everything but `limit` and `page`. */
  customers(query: URLSearchParams, page: number): Promise<Page<WireCustomer>> {
    const q = new URLSearchParams(query);
    q.set("limit", String(maxPageSize));
    q.set("page", String(page));
    return this.page<WireCustomer>("/customers", q, (value, path) => (isRecord(value) ? undefined : `${subject(path)} is ${kindOf(value)}, not a customer`));
  }

  /**
   * Sends one GET below `/v2` and reads the success envelope, each result checked by `item`; the error envelope (any
   * HTTP status) becomes an ApiError.
   */
  private async page<T>(path: string, query: URLSearchParams, item: (value: unknown, path: string) => string | undefined): Promise<Page<T>> {
    const operation = `GET /v2${path}`;
    let data: unknown;
    let status: number;
    try {
      const response = await this.api.send<unknown>({
        method: "GET",
        path: `/v2${path}`,
        query,
        headers: { "x-api-key": this.settings.apiKey, Accept: "application/json" },
        idempotent: true,
      });
      data = response.data;
      status = response.status;
    } catch (e) {
      if (isAnswered(e)) throw this.envelopeError(operation, e.status, e.body);
      throw e;
    }
    const body = (data && typeof data === "object" && !Array.isArray(data) ? data : {}) as Record<string, unknown>;
    if (body.code === 0) throw this.envelopeError(operation, status, data);
    const results = body.results;
    const currentPage = body.current_page;
    const totalPages = body.total_pages;
    if (body.code !== 1 || !Array.isArray(results) || !isCount(currentPage) || !isCount(totalPages)) {
      throw new ApiError(
        { backend: "revcent", status, code: "UnexpectedAnswer", operation, body: data },
        "the answer is not RevCent's success envelope (expected code 1 with results, current_page and total_pages): " + JSON.stringify(data).slice(0, 300),
      );
    }
    const problem =
      results.length > maxPageSize ? `results holds ${results.length} items, more than the ${maxPageSize} asked for` : eachOf(results, item, "results");
    if (problem !== undefined) throw unexpectedAnswer("revcent", operation, problem);
    return {
      results: results as T[],
      currentPage,
      totalPages,
      totalCount: isCount(body.total_count) ? body.total_count : undefined,
      apiCallId: typeof body.api_call_id === "string" ? body.api_call_id : undefined,
    };
  }

  /** An ApiError from the error envelope, with RevCent's `api_call_id` as the correlation id and a hint for a refused key. */
  private envelopeError(operation: string, status: number, body: unknown): ApiError {
    const vendor = parseRevCentError(status, body);
    const apiCallId = (body as { api_call_id?: unknown } | undefined)?.api_call_id;
    let message = vendor.message;
    if (status === 401 || status === 403) {
      message += " Check revcent:apiKey (REVCENT_API_KEY): it must be an API key of the RevCent account, sent in the x-api-key header.";
    }
    return new ApiError(
      { backend: "revcent", status, code: vendor.code, correlationId: typeof apiCallId === "string" ? apiCallId : undefined, operation, body },
      message,
    );
  }
}

/**
 * Whether `page` (the one asked for) was the last: `current_page` has reached `total_pages`. An empty page, or a server
 * that keeps answering the same `current_page`, also ends the paging rather than looping.
 */
export function lastPage(batch: Page<unknown>, page: number): boolean {
  return Math.max(batch.currentPage, page) >= batch.totalPages || batch.results.length === 0;
}

/**
 * One listing's pages, bounded by its first: `total_pages` must fit `total_count` (when sent) and `maxListedItems`, and
 * no more pages are read than the first one said, whatever later pages say.
 */
export class Paging {
  private bound: number | undefined;

  constructor(private readonly operation: string) {}

  /** Whether `batch`, the page asked for as `page`, is the last one to read; throws when the paging cannot be RevCent's. */
  last(batch: Page<unknown>, page: number): boolean {
    if (this.bound === undefined) {
      const { totalPages, totalCount } = batch;
      const mostPages = Math.ceil(maxListedItems / maxPageSize);
      if (totalPages > mostPages) {
        throw unexpectedAnswer(
          "revcent",
          this.operation,
          `total_pages is ${totalPages}; the provider reads at most ${mostPages} pages (${maxListedItems} items)`,
        );
      }
      if (totalCount !== undefined && totalPages > Math.max(1, Math.ceil(totalCount / maxPageSize))) {
        throw unexpectedAnswer("revcent", this.operation, `total_pages ${totalPages} does not fit total_count ${totalCount} at ${maxPageSize} a page`);
      }
      this.bound = totalPages;
    }
    return page >= this.bound || lastPage(batch, page);
  }
}

/** A group: an id and a name (nothing else of it is trusted). */
function groupProblem(value: unknown, path: string): string | undefined {
  if (!isRecord(value)) return `${subject(path)} is ${kindOf(value)}, not a customer group`;
  return firstProblem(
    () => check(value, "id", isId, "an id", path),
    () => check(value, "name", isText, "a name", path),
  );
}
