// One HTTP client per vendor endpoint: keep-alive, timeouts, bounded retries with backoff, vendor errors as ApiError.

import http from "node:http";
import https from "node:https";
import type { AxiosInstance, AxiosResponse } from "axios";
import type * as axiosModule from "axios";
import { BackoffPolicy, defaultBackoff, nextDelayMs, serverRequestedDelayMs } from "./backoff";
import { exitIfEngineGone } from "../engineWatch";
import { ApiError } from "./errors";

export type Method = "GET" | "POST" | "PUT" | "DELETE";

export interface Request {
  method: Method;
  /** Path below the base URL, starting with "/". */
  path: string;
  /** Query parameters; a URLSearchParams is sent as it is (repeated names, bracketed names). */
  query?: Record<string, string | number | boolean | undefined> | URLSearchParams;
  body?: unknown;
  headers?: Record<string, string>;
  /**
   * True when sending the request twice is harmless (reads, deletes, version-checked updates).
   * A request that is not idempotent is resent only when the server certainly did not apply it (429, refused connection).
   */
  idempotent: boolean;
}

export interface Response<T> {
  status: number;
  data: T;
  headers: Record<string, string>;
}

/** What a vendor's error payload says, in the provider's terms. */
export interface VendorError {
  code?: string;
  message: string;
}

export interface TransportOptions {
  backend: string;
  baseUrl: string;
  /** Reads the vendor's error payload. */
  parseError: (status: number, body: unknown) => VendorError;
  /** Response header that carries the vendor's request id. */
  correlationHeader?: string;
  timeoutMs?: number;
  backoff?: BackoffPolicy;
  /**
   * Paces every attempt, retries included (BigCommerce's per-store quota): `acquire` before each one is sent, `settle`
   * with the answer when it has finished. A gate also owns the wait after a 429: it holds every request of the store until the window
   * turns, so a throttled request is retried through it rather than after a backoff of its own.
   */
  gate?: Gate;
}

/** See TransportOptions.gate. */
export interface Gate {
  /** Waits until the request may go; answers a ticket that `settle` gets back (which window it was counted in). */
  acquire(): Promise<number>;
  /** The request has finished, with the store's answer (any status) or without one (a network error). */
  settle(ticket: number, response?: Pick<Response<unknown>, "status" | "headers">): void;
}

// Status codes that mean "not done, try again later".
const retryableStatuses = new Set([429, 502, 503, 504]);
// Network failures where the request may have reached the server; ECONNREFUSED is the one where it certainly did not.
const networkCodes = new Set(["ECONNRESET", "ETIMEDOUT", "ECONNABORTED", "EPIPE", "ECONNREFUSED", "EAI_AGAIN", "ERR_BAD_RESPONSE"]);

const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * axios, loaded with the first request: a preview that sends none (check and diff only) does without it, and loading it
 * is a third of the provider's start (some 30 ms).
 */
function loadAxios(): typeof axiosModule.default {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require("axios") as typeof axiosModule).default;
}

export class Transport {
  private instance: AxiosInstance | undefined;

  constructor(private readonly options: TransportOptions) {}

  private get axios(): AxiosInstance {
    const options = this.options;
    return (this.instance ??= loadAxios().create({
      baseURL: options.baseUrl,
      timeout: options.timeoutMs ?? 30_000,
      httpAgent: agents.http,
      httpsAgent: agents.https,
      // Statuses are ours to judge, so that every vendor error goes through parseError.
      validateStatus: () => true,
      maxRedirects: 0,
      headers: { Accept: "application/json", "User-Agent": "pulumi-customer-groups" },
    }));
  }

  /** Sends a request, retrying what is safe to retry; a non-2xx answer becomes an ApiError. */
  async send<T>(request: Request): Promise<Response<T>> {
    const policy = this.options.backoff ?? defaultBackoff;
    const started = Date.now();
    const operation = `${request.method} ${request.path}`;
    for (let attempt = 1; ; attempt++) {
      let response: AxiosResponse | undefined;
      let networkError: (Error & { code?: string }) | undefined;
      const gate = this.options.gate;
      const ticket = (await gate?.acquire()) ?? 0;
      // A killed run sends nothing more (the gate may have held this request for a while).
      exitIfEngineGone();
      try {
        response = await this.axios.request({
          method: request.method,
          url: request.path,
          params: request.query,
          data: request.body,
          headers: request.headers,
        });
      } catch (e) {
        networkError = e as Error & { code?: string };
      }

      if (response) {
        const headers = flattenHeaders(response.headers);
        const result: Response<T> = { status: response.status, data: response.data as T, headers };
        gate?.settle(ticket, result);
        if (response.status < 300) return result;
        // The gate has seen the 429 and holds the store's requests until its window turns: go straight back to it.
        if (gate && response.status === 429 && attempt < policy.maxAttempts) continue;
        const retryable = retryableStatuses.has(response.status) && (request.idempotent || response.status === 429);
        if (retryable) {
          const delay = nextDelayMs(policy, attempt, Date.now() - started, serverRequestedDelayMs(headers));
          if (delay !== undefined) {
            await sleep(delay);
            continue;
          }
        }
        throw this.apiError(operation, response.status, response.data, headers, !request.idempotent && response.status >= 500);
      }

      gate?.settle(ticket);
      const code = networkError?.code ?? "";
      const certainlyNotSent = code === "ECONNREFUSED";
      if (networkCodes.has(code) && (request.idempotent || certainlyNotSent)) {
        const delay = nextDelayMs(policy, attempt, Date.now() - started, undefined);
        if (delay !== undefined) {
          await sleep(delay);
          continue;
        }
      }
      throw new ApiError(
        { backend: this.options.backend, status: 0, code: code || undefined, operation, mayHaveCommitted: !certainlyNotSent },
        `no response from ${this.options.baseUrl} (${networkError?.message ?? "unknown network error"})`,
      );
    }
  }

  private apiError(operation: string, status: number, body: unknown, headers: Record<string, string>, mayHaveCommitted: boolean): ApiError {
    const vendor = this.options.parseError(status, body);
    const header = this.options.correlationHeader?.toLowerCase();
    return new ApiError(
      {
        backend: this.options.backend,
        status,
        code: vendor.code,
        correlationId: header ? headers[header] : undefined,
        operation,
        body,
        mayHaveCommitted,
      },
      vendor.message,
    );
  }
}

function flattenHeaders(headers: AxiosResponse["headers"]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (v !== undefined && v !== null) out[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : String(v);
  }
  return out;
}
