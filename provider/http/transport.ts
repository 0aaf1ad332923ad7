// One HTTP client per vendor endpoint: keep-alive, a deadline and a size limit per answer, bounded retries with backoff,
// vendor errors and answers that are not what the reference describes as ApiError.

import http from "node:http";
import https from "node:https";
import type { AxiosInstance, AxiosResponse } from "axios";
import type * as axiosModule from "axios";
import { BackoffPolicy, defaultBackoff, nextDelayMs, serverRequestedDelayMs } from "./backoff";
import { exitIfEngineGone } from "../engineWatch";
import { ApiError, unexpectedAnswer } from "./errors";

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
  /**
   * What a 2xx answer must be, as the vendor's reference describes it: undefined when it is, else what is wrong
   * (`results[3].id is missing`). An answer that is not is refused, and nothing is taken from it.
   */
  shape?: (data: unknown, status: number) => string | undefined;
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
  /** The deadline of one attempt, from sending to the answer's last byte (default `defaultTimeoutMs`). */
  timeoutMs?: number;
  /** The largest answer read, decompressed (default `maxAnswerBytes`); a larger one is refused unread. */
  maxAnswerBytes?: number;
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

/** One attempt's deadline unless a connection sets `timeoutSeconds`: the whole exchange, body included. */
export const defaultTimeoutMs = 30_000;
/** The largest answer read: a page of 500 commercetools groups with custom fields is well under 5 MB. */
export const maxAnswerBytes = 32 * 1024 * 1024;

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
      httpAgent: agents.http,
      httpsAgent: agents.https,
      // Statuses are ours to judge, so that every vendor error goes through parseError.
      validateStatus: () => true,
      maxRedirects: 0,
      // Read as text and parsed here, so that a body that is not JSON is told apart from one that is.
      responseType: "text",
      transformResponse: (data: unknown) => data,
      maxContentLength: this.maxAnswerBytes,
      headers: { Accept: "application/json", "User-Agent": "pulumi-customer-groups" },
    }));
  }

  private get maxAnswerBytes(): number {
    return this.options.maxAnswerBytes ?? maxAnswerBytes;
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
      // One deadline for the whole exchange: axios's own timeout restarts with every byte of a body sent slowly.
      const timeoutMs = this.options.timeoutMs ?? defaultTimeoutMs;
      const abort = new AbortController();
      const deadline = setTimeout(() => abort.abort(), timeoutMs);
      try {
        const answer = await this.axios.request<unknown>({
          method: request.method,
          url: request.path,
          params: request.query,
          data: request.body,
          headers: request.headers,
          signal: abort.signal,
        });
        response = answer;
      } catch (e) {
        networkError = e as Error & { code?: string };
        if (abort.signal.aborted) networkError = Object.assign(new Error(`no complete answer within ${timeoutMs / 1000} s`), { code: "ETIMEDOUT" });
        else if (/maxContentLength/.test(networkError.message)) {
          gate?.settle(ticket);
          throw new ApiError(
            { backend: this.options.backend, status: 0, code: "AnswerTooLarge", operation, mayHaveCommitted: !request.idempotent },
            `the answer is larger than ${this.maxAnswerBytes / (1024 * 1024)} MiB; nothing of it was used`,
          );
        }
      } finally {
        clearTimeout(deadline);
      }

      if (response) {
        const headers = flattenHeaders(response.headers);
        const status = response.status;
        const parsed = parsedBody(typeof response.data === "string" ? response.data : "");
        const result: Response<T> = { status, data: parsed.data as T, headers };
        gate?.settle(ticket, result);
        if (status < 300) {
          // A 2xx that is not what the reference describes (an HTML page, an error, a group without an id) is refused
          // whole; a write that got one may have been applied.
          const problem = parsed.problem ?? request.shape?.(parsed.data, status);
          if (problem === undefined) return result;
          throw unexpectedAnswer(this.options.backend, operation, problem, !request.idempotent, status);
        }
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
        throw this.apiError(operation, status, parsed.data, headers, !request.idempotent && status >= 500);
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

/**
 * An answer's body: undefined when empty (204, a DELETE), else its JSON; text that is not JSON stays text (an error page
 * is still worth quoting), with the problem a 2xx answer has then.
 */
function parsedBody(text: string): { data: unknown; problem?: string } {
  if (text.trim() === "") return { data: undefined };
  try {
    return { data: JSON.parse(text) as unknown };
  } catch {
    return { data: text, problem: `the body is not JSON: '${excerpt(text)}'` };
  }
}

/** The start of a text for a message, on one line. */
function excerpt(text: string, length = 120): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > length ? `${line.slice(0, length)}…` : line;
}

function flattenHeaders(headers: AxiosResponse["headers"]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (v !== undefined && v !== null) out[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : String(v);
  }
  return out;
}
