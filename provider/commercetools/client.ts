// The commercetools HTTP API for customer groups: OAuth2 client-credentials token, typed requests, 401 re-authentication.

import type {
  CustomerGroup,
  CustomerGroupDraft,
  CustomerGroupPagedQueryResponse,
  CustomerGroupUpdateAction,
  Type,
  TypePagedQueryResponse,
} from "@commercetools/platform-sdk";
import { GroupReader, GroupReaderOptions } from "../groupReader";
import { BackoffPolicy } from "../http/backoff";
import { isBadRequest, isNotFound, isUnauthorized, unexpectedAnswer } from "../http/errors";
import { registerSecret } from "../http/redact";
import { maxListedItems, Shape } from "../http/shape";
import { Request, Transport, VendorError } from "../http/transport";
import { customerGroupShape, groupPageShape, tokenShape, totalShape, typePageShape, typeShape } from "./answers";
import { CommercetoolsSettings } from "./settings";

interface CachedToken {
  accessToken: string;
  /** Epoch ms after which the token is no longer used. */
  renewAt: number;
}

// Tokens are shared by every client of the process with the same credentials: the engine runs many resources in one provider process.
const tokenCache = new Map<string, Promise<CachedToken>>();

/** Reads commercetools' error payload: `{ statusCode, message, errors: [{ code, message }] }`, and the OAuth form `{ error, error_description }`. */
export function parseCommercetoolsError(status: number, body: unknown): VendorError {
  const b = (body ?? {}) as { message?: string; errors?: { code?: string; message?: string }[]; error?: string; error_description?: string };
  const first = Array.isArray(b.errors) ? b.errors[0] : undefined;
  const code = first?.code ?? b.error;
  const message = first?.message ?? b.message ?? b.error_description ?? (typeof body === "string" && body ? body : `HTTP ${status}`);
  return { code, message };
}

export interface ClientOptions {
  backoff?: BackoffPolicy;
  timeoutMs?: number;
  /** Groups asked for per page when listing them all (the API allows up to 500). */
  pageSize?: number;
  /** How reads are gathered (see groupReader.ts). */
  reader?: GroupReaderOptions;
}

/**
 * The longest `where` predicate sent in one query, URL-encoded. The platform refuses requests whose URL and headers
 * exceed about 15 KB; this leaves room for the rest of the URL and the headers.
 */
export const maxPredicateLength = 12_000;

/** The fields lookups use, as the group holds them. */
function valueOf(group: CustomerGroup, field: string): string | undefined {
  if (field === "id") return group.id;
  if (field === "key") return group.key;
  if (field === "name") return group.name;
  return undefined;
}

/** `values` in runs whose `field in (…)` predicate stays within the URL budget and one page. */
export function predicateChunks(field: string, values: string[], pageSize: number): string[][] {
  const chunks: string[][] = [];
  const empty = encodeURIComponent(`${field} in ()`).length;
  const separator = encodeURIComponent(", ").length;
  let chunk: string[] = [];
  let length = empty;
  for (const value of values) {
    const quoted = encodeURIComponent(JSON.stringify(value)).length;
    if (chunk.length > 0 && (length + separator + quoted > maxPredicateLength || chunk.length >= pageSize)) {
      chunks.push(chunk);
      chunk = [];
      length = empty;
    }
    length += (chunk.length > 0 ? separator : 0) + quoted;
    chunk.push(value);
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

export class CommercetoolsClient {
  private readonly api: Transport;
  private readonly auth: Transport;
  private readonly tokenKey: string;
  private readonly pageSize: number;
  /** Reads of a refresh and look-ups of adoption, coalesced (see groupReader.ts). */
  readonly reader: GroupReader<CustomerGroup>;
  /** Who reads types and customers: this client when its scopes grant it, else one with a token of its own (see `scoped`). */
  private readonly scopedClients = new Map<string, CommercetoolsClient>();
  /** Types by key or id, asked once per client (one run): many groups share one type. */
  private readonly types = new Map<string, Promise<Type | undefined>>();

  constructor(
    readonly settings: CommercetoolsSettings,
    private readonly options: ClientOptions = {},
  ) {
    const common = {
      backend: "commercetools" as const,
      parseError: parseCommercetoolsError,
      correlationHeader: "X-Correlation-ID",
      ...options,
      timeoutMs: options.timeoutMs ?? settings.timeoutMs,
    };
    this.api = new Transport({ ...common, baseUrl: settings.apiUrl });
    this.auth = new Transport({ ...common, baseUrl: settings.authUrl });
    this.tokenKey = `${settings.authUrl}|${settings.clientId}|${settings.scopes}`;
    this.pageSize = options.pageSize ?? 500;
    this.reader = new GroupReader<CustomerGroup>(
      {
        one: async (field, value) => {
          const group = field === "id" ? await this.getById(value) : field === "key" ? await this.getByKey(value) : await this.findByName(value);
          return group ? [group] : [];
        },
        some: (field, values) => this.query(`${field} in (${values.map((v) => JSON.stringify(v)).join(", ")})`),
        chunks: (field, values) => predicateChunks(field, values, this.pageSize),
        all: () => this.listAll(),
        valueOf,
        // Every query answers from one consistent read, and listAll pages by id: a listing misses no group.
        listingMayMiss: false,
      },
      options.reader,
    );
  }

  get projectKey(): string {
    return this.settings.projectKey;
  }

  /** GET by id; undefined when the group does not exist. */
  async getById(id: string): Promise<CustomerGroup | undefined> {
    return this.getOrUndefined(`/customer-groups/${encodeURIComponent(id)}`, customerGroupShape);
  }

  /** GET by key; undefined when no group has that key. */
  async getByKey(key: string): Promise<CustomerGroup | undefined> {
    return this.getOrUndefined(`/customer-groups/key=${encodeURIComponent(key)}`, customerGroupShape);
  }

  /** The group with this exact name (names are unique in a project), or undefined. */
  async findByName(name: string): Promise<CustomerGroup | undefined> {
    const page = await this.request<CustomerGroupPagedQueryResponse>({
      method: "GET",
      path: "/customer-groups",
      query: { where: `name=${JSON.stringify(name)}`, limit: 1, withTotal: false },
      idempotent: true,
      shape: groupPageShape(1, false),
    });
    return page.results[0];
  }

  /** The groups matching a query predicate (at most one page: callers keep the predicate within it). */
  async query(where: string): Promise<CustomerGroup[]> {
    const page = await this.request<CustomerGroupPagedQueryResponse>({
      method: "GET",
      path: "/customer-groups",
      query: { where, limit: this.pageSize, withTotal: false },
      idempotent: true,
      shape: groupPageShape(this.pageSize, false),
    });
    return page.results;
  }

  /**
   * Every group of the project, in id order. Pages by id (`where=id > "<last id>"`) rather than by offset, which the
   * platform caps at 10,000. Only the first page asks for the total (unfiltered, so exact), which saves asking for an
   * empty last page; it stops at the total or at a short page, so at most ⌈total / page size⌉ pages are read. A total
   * above `maxListedItems` or a page out of id order (one repeated) ends the listing with an error, nothing taken from it.
   */
  async listAll(): Promise<CustomerGroup[]> {
    const all: CustomerGroup[] = [];
    let total: number | undefined;
    for (let last: string | undefined; ;) {
      const first = last === undefined;
      const request: Request = {
        method: "GET",
        path: "/customer-groups",
        query: { sort: "id asc", limit: this.pageSize, withTotal: first, where: first ? undefined : `id > ${JSON.stringify(last)}` },
        idempotent: true,
        shape: groupPageShape(this.pageSize, first),
      };
      const page = await this.request<CustomerGroupPagedQueryResponse>(request);
      total ??= page.total;
      const unbounded = (problem: string) => unexpectedAnswer("commercetools", `GET ${this.path(request.path)}`, problem);
      if (total !== undefined && total > maxListedItems) {
        throw unbounded(`the project says it holds ${total} customer groups; the provider lists at most ${maxListedItems}`);
      }
      if (last !== undefined && page.results.length > 0 && !(page.results[0]!.id > last)) {
        throw unbounded(`a page answered groups out of id order (after '${last}', '${page.results[0]!.id}'): a page was repeated`);
      }
      all.push(...page.results);
      if (page.results.length < this.pageSize || (total !== undefined && all.length >= total)) return all;
      last = page.results[page.results.length - 1]!.id;
    }
  }

  /**
   * The id of the type with this key, or undefined when the project has none. Needs `view_types`: a client whose scopes
   * do not grant it asks for a token with that scope alone, which the platform refuses when the API client lacks it.
   */
  async typeIdOfKey(key: string): Promise<string | undefined> {
    return (await this.typeOf({ key }))?.id;
  }

  /**
   * The type named by key or by id, with its field definitions, or undefined when the project has none; read once per
   * client (a failed read is asked again next time). Needs `view_types`, asked for as `typeIdOfKey` does.
   */
  async typeOf(ref: { key?: string; id?: string }): Promise<Type | undefined> {
    const path = ref.key !== undefined ? `/types/key=${encodeURIComponent(ref.key)}` : `/types/${encodeURIComponent(ref.id ?? "")}`;
    let type = this.types.get(path);
    if (!type) {
      type = this.scoped("types").getOrUndefined<Type>(path, typeShape);
      this.types.set(path, type);
      type.catch(() => this.types.get(path) === type && this.types.delete(path));
    }
    return type;
  }

  /** The keys of these types by id (one query per predicate chunk); a type without a key is left out. Needs `view_types`. */
  async typeKeys(ids: readonly string[]): Promise<Map<string, string>> {
    const keys = new Map<string, string>();
    for (const chunk of predicateChunks("id", [...new Set(ids)], this.pageSize)) {
      const page = await this.scoped("types").request<TypePagedQueryResponse>({
        method: "GET",
        path: "/types",
        query: { where: `id in (${chunk.map((v) => JSON.stringify(v)).join(", ")})`, limit: this.pageSize, withTotal: false },
        idempotent: true,
        shape: typePageShape,
      });
      for (const type of page.results) if (type.key !== undefined) keys.set(type.id, type.key);
    }
    return keys;
  }

  /**
   * The customers in a group (its `customerGroup`, or one of its `customerGroupAssignments`): one query that asks only
   * for the total. Needs `view_customers`, asked for as `scoped` does.
   */
  async countCustomers(groupId: string): Promise<number> {
    const id = JSON.stringify(groupId);
    const page = await this.scoped("customers").request<{ total?: number }>({
      method: "GET",
      path: "/customers",
      query: { where: `customerGroup(id=${id}) or customerGroupAssignments(customerGroup(id=${id}))`, limit: 0, withTotal: true },
      idempotent: true,
      shape: totalShape,
    });
    return page.total!;
  }

  /**
   * A client that may read `resource` (`view_types`, `view_customers`): this one when its scopes grant it, else one that
   * asks for a token with that scope alone, which the platform refuses when the API client lacks it.
   */
  private scoped(resource: "types" | "customers"): CommercetoolsClient {
    const projectKey = this.settings.projectKey;
    let client = this.scopedClients.get(resource);
    if (!client) {
      const grants = ["manage_project", `view_${resource}`, `manage_${resource}`].map((p) => `${p}:${projectKey}`);
      const granted = this.settings.scopes.split(/\s+/).some((s) => grants.includes(s));
      client = granted ? this : new CommercetoolsClient({ ...this.settings, scopes: `view_${resource}:${projectKey}` }, this.options);
      this.scopedClients.set(resource, client);
    }
    return client;
  }

  /** POST the draft. Not resent after a lost answer: the caller looks the group up first. */
  async create(draft: CustomerGroupDraft): Promise<CustomerGroup> {
    return this.reader.written(
      this.request<CustomerGroup>({ method: "POST", path: "/customer-groups", body: draft, idempotent: false, shape: customerGroupShape }),
    );
  }

  /** One version-checked POST with every action; resending is safe because the version check refuses a second application. */
  async update(id: string, version: number, actions: CustomerGroupUpdateAction[]): Promise<CustomerGroup> {
    return this.reader.written(
      this.request<CustomerGroup>({
        method: "POST",
        path: `/customer-groups/${encodeURIComponent(id)}`,
        body: { version, actions },
        idempotent: true,
        shape: customerGroupShape,
      }),
    );
  }

  async delete(id: string, version: number): Promise<CustomerGroup> {
    return this.reader.written(
      this.request<CustomerGroup>({
        method: "DELETE",
        path: `/customer-groups/${encodeURIComponent(id)}`,
        query: { version },
        idempotent: true,
        shape: customerGroupShape,
      }),
      id,
    );
  }

  private async getOrUndefined<T>(path: string, shape: Shape): Promise<T | undefined> {
    try {
      return await this.request<T>({ method: "GET", path, idempotent: true, shape });
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  }

  /** Sends an API request under `/{projectKey}` with a bearer token; a 401 renews the token once. */
  private async request<T>(request: Request): Promise<T> {
    const path = this.path(request.path);
    for (let renewed = false; ; renewed = true) {
      const { accessToken, source } = await this.token();
      try {
        const response = await this.api.send<T>({ ...request, path, headers: { Authorization: `Bearer ${accessToken}` } });
        return response.data;
      } catch (e) {
        if (!isUnauthorized(e)) throw e;
        // A token the platform no longer accepts (expired early, revoked): a 401 applied nothing, so one new token and one more
        // try, writes included. Only the refused token is dropped: the requests refused with it all wait for one new token.
        if (!renewed) {
          if (tokenCache.get(this.tokenKey) === source) tokenCache.delete(this.tokenKey);
          continue;
        }
        throw e.withMessage(
          `the API refused a new access token too (${parseCommercetoolsError(e.status, e.body).message}). Check that the API client ` +
            `commercetools:clientId (CTP_CLIENT_ID) still exists and that commercetools:scopes grants manage_customer_groups:${this.settings.projectKey}.`,
        );
      }
    }
  }

  /** A path below the project: `/{projectKey}/customer-groups`. */
  private path(below: string): string {
    return `/${encodeURIComponent(this.settings.projectKey)}${below}`;
  }

  /** A token for these credentials, and the cache entry it came from. */
  private async token(): Promise<{ accessToken: string; source: Promise<CachedToken> }> {
    const cached = tokenCache.get(this.tokenKey);
    if (cached) {
      const token = await cached.catch(() => undefined);
      if (token && token.renewAt > Date.now()) return { accessToken: token.accessToken, source: cached };
      if (tokenCache.get(this.tokenKey) === cached) tokenCache.delete(this.tokenKey);
    }
    // One token request at a time per credentials, however many resources ask at once.
    let pending = tokenCache.get(this.tokenKey);
    if (!pending) {
      pending = this.fetchToken();
      tokenCache.set(this.tokenKey, pending);
      const made = pending;
      made.catch(() => tokenCache.get(this.tokenKey) === made && tokenCache.delete(this.tokenKey));
    }
    return { accessToken: (await pending).accessToken, source: pending };
  }

  private async fetchToken(): Promise<CachedToken> {
    const { clientId, clientSecret, scopes } = this.settings;
    const basic = Buffer.from(`${clientId}:${clientSecret}`).toString("base64");
    registerSecret(basic);
    try {
      const response = await this.auth.send<{ access_token: string; expires_in: number }>({
        method: "POST",
        path: "/oauth/token",
        body: new URLSearchParams({ grant_type: "client_credentials", scope: scopes }).toString(),
        headers: { Authorization: `Basic ${basic}`, "Content-Type": "application/x-www-form-urlencoded" },
        idempotent: true,
        shape: tokenShape,
      });
      const { access_token: accessToken, expires_in: expiresIn } = response.data;
      registerSecret(accessToken);
      // Renew a minute early (or at 90% of a short lifetime) so no request leaves with a token about to expire.
      const lifetimeMs = (Number(expiresIn) || 3600) * 1000;
      return { accessToken, renewAt: Date.now() + Math.min(lifetimeMs - 60_000, lifetimeMs * 0.9) };
    } catch (e) {
      // The auth server answers bad credentials with 401 and a bad scope or grant with 400.
      if (isUnauthorized(e) || isBadRequest(e)) {
        throw e.withMessage(
          `could not get an access token for client '${clientId}' with scopes '${scopes}': ${parseCommercetoolsError(e.status, e.body).message}. ` +
            "Check commercetools:clientId / commercetools:clientSecret (CTP_CLIENT_ID / CTP_CLIENT_SECRET), commercetools:scopes and commercetools:authUrl.",
        );
      }
      throw e;
    }
  }
}
