// The HTTP server: dispatches to the admin API or a vendor, applying faults, logging vendor requests and persisting changes.
import { setMaxListeners } from "node:events";
import { timingSafeEqual } from "node:crypto";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { handleAdmin } from "./admin/routes";
import { handleBigCommerce } from "./bigcommerce/routes";
import { handleCommercetools } from "./commercetools/routes";
import { faultResponse } from "./core/faultResponses";
import { FaultSet } from "./core/faults";
import { BodyTooLargeError, header, isJsonContentType, jsonResponse, queryToObject, readBody, type SandboxRequest, type SandboxResponse } from "./core/http";
import { readJsonFile, writeJsonFile } from "./core/persist";
import { RequestLog } from "./core/requestLog";
import type { Throttle } from "./core/throttle";
import { vendorOf, type Vendor } from "./core/vendor";
import type { RateLimiter } from "./bigcommerce/rateLimit";
import type { ResolvedOptions } from "./options";
import { handleRevcent } from "./revcent/routes";
import { SandboxState } from "./state";

const MAX_BODY_BYTES = 5 * 1024 * 1024;

/** BigCommerce's customer-groups endpoints: "The default rate limit for this endpoint is 40 concurrent requests." */
const BC_MAX_CONCURRENT = 40;

export class SandboxServer {
  readonly state: SandboxState;
  readonly log = new RequestLog();
  readonly faults = new FaultSet();
  private readonly server = http.createServer((req, res) => void this.onRequest(req, res));
  private readonly closing = new AbortController();
  private closed = false;
  url = "";

  constructor(readonly options: ResolvedOptions) {
    // Every held request (latency) and every waiting log reader listens for the close: no limit on how many wait at once.
    setMaxListeners(0, this.closing.signal);
    this.state = new SandboxState(options);
    if (options.persistFile !== undefined) {
      const saved = readJsonFile(options.persistFile);
      if (saved !== undefined) this.state.load(saved);
    }
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      // Loopback only: the sandbox holds fake credentials and must not be reachable from the network.
      this.server.listen(this.options.port, "127.0.0.1", () => {
        this.server.off("error", reject);
        resolve();
      });
    });
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    return this.url;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // Ends pending latencies and waits on the request log at once.
    this.closing.abort();
    const done = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await done;
  }

  save(): void {
    if (this.options.persistFile !== undefined) writeJsonFile(this.options.persistFile, this.state.snapshot());
  }

  /** Aborted when the sandbox closes. */
  get closingSignal(): AbortSignal {
    return this.closing.signal;
  }

  /** Waits `ms` on the sandbox's clock, or until the sandbox closes. */
  private delay(ms: number): Promise<void> {
    const signal = this.closing.signal;
    if (signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        signal.removeEventListener("abort", done);
        resolve();
      };
      signal.addEventListener("abort", done, { once: true });
      this.options.clock.sleep(ms, signal).then(done, done);
    });
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      let body: Buffer;
      try {
        body = await readBody(req, MAX_BODY_BYTES);
      } catch (err) {
        if (err instanceof BodyTooLargeError) return send(res, jsonResponse(413, { message: err.message }));
        throw err;
      }
      const request: SandboxRequest = { method: req.method ?? "GET", path: url.pathname, query: url.searchParams, headers: req.headers, body };
      if (request.path === "/__admin" || request.path.startsWith("/__admin/")) {
        const refused = this.adminRefusal(request);
        if (refused) return send(res, refused);
        const response = await handleAdmin(request, this);
        if (this.closed) return;
        if (request.method !== "GET") this.save();
        return send(res, response);
      }
      await this.handleVendor(request, vendorOf(request.path), res);
    } catch (err) {
      if (!res.headersSent && !res.destroyed) send(res, jsonResponse(500, { message: `sandbox error: ${(err as Error).message}` }));
    }
  }

  /**
   * Why an admin request is refused, or undefined: the admin API changes every store and reads the credentials, so it
   * answers only its own host (a web page elsewhere cannot reach it through DNS rebinding), only the bearer of the
   * admin token, and only JSON bodies (a form or text/plain body is what a page can send without asking).
   */
  private adminRefusal(req: SandboxRequest): SandboxResponse | undefined {
    const port = new URL(this.url).port;
    const host = header(req, "host") ?? "";
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      return jsonResponse(403, { error: `the admin API answers requests to 127.0.0.1:${port} only, not to Host '${host.slice(0, 100)}'` });
    }
    const given = /^Bearer (.+)$/.exec(header(req, "authorization") ?? "")?.[1] ?? "";
    const expected = Buffer.from(this.options.adminToken);
    if (given.length !== expected.length || !timingSafeEqual(Buffer.from(given), expected)) {
      return jsonResponse(401, {
        error: "the admin API needs the sandbox's admin token: Authorization: Bearer <token> (printed at start; SANDBOX_ADMIN_TOKEN)",
      });
    }
    if (req.body.length > 0 && !isJsonContentType(req)) {
      return jsonResponse(415, { error: "the admin API takes JSON only (Content-Type: application/json)" });
    }
    return undefined;
  }

  /** BigCommerce requests in flight, by store hash (the reference: "40 concurrent requests" per endpoint). */
  private readonly bcInFlight = new Map<string, number>();

  private async handleVendor(req: SandboxRequest, vendor: Vendor, res: ServerResponse): Promise<void> {
    if (vendor !== "bigcommerce") return this.handleVendorRequest(req, vendor, res);
    const store = req.path.split("/")[2] ?? "";
    const inFlight = (this.bcInFlight.get(store) ?? 0) + 1;
    this.bcInFlight.set(store, inFlight);
    try {
      if (inFlight > BC_MAX_CONCURRENT) {
        const entry = this.log.add({ vendor, method: req.method, path: req.path, query: queryToObject(req.query), body: bodyForLog(req) });
        entry.faults.push("concurrency:429");
        entry.status = 429;
        return send(res, faultResponse(vendor, { status: 429, retryAfterSeconds: 1 }, this.limiterOf(req)));
      }
      await this.handleVendorRequest(req, vendor, res);
    } finally {
      this.bcInFlight.set(store, (this.bcInFlight.get(store) ?? 1) - 1);
    }
  }

  private async handleVendorRequest(req: SandboxRequest, vendor: Vendor, res: ServerResponse): Promise<void> {
    const entry = this.log.add({ vendor, method: req.method, path: req.path, query: queryToObject(req.query), body: bodyForLog(req) });
    const latency = this.faults.takeLatency(vendor, req.method, req.path);
    if (latency) {
      entry.faults.push(`latency:${latency.latencyMs}`);
      await this.delay(latency.latencyMs);
      if (this.closed) return;
    }
    let response: SandboxResponse;
    // Load throttling comes before the rest: a refused request reaches neither a fault rule nor the vendor.
    const throttled = this.throttleOf(vendor)?.take(vendor === "commercetools" && req.path === "/oauth/token");
    if (throttled) {
      entry.faults.push(`throttle:${throttled.status}`);
      entry.status = throttled.status;
      return send(res, faultResponse(vendor, { status: throttled.status, retryAfterSeconds: throttled.retryAfterSeconds }, this.limiterOf(req)));
    }
    const statusFault = this.faults.takeStatus(vendor, req.method, req.path);
    if (statusFault) {
      entry.faults.push(`status:${statusFault.status}`);
      if (statusFault.afterCommit) {
        // The change is applied; the client hears only the failure.
        entry.faults.push("afterCommit");
        this.dispatch(vendor, req);
        if (req.method !== "GET" && req.method !== "HEAD") this.save();
      }
      response = faultResponse(vendor, statusFault, this.limiterOf(req));
    } else {
      const partial = this.faults.takePartialCreate(vendor, req.method, req.path);
      if (partial) entry.faults.push("partialCreate");
      response = this.dispatch(vendor, req, partial !== undefined);
      if (req.method !== "GET" && req.method !== "HEAD") this.save();
    }
    entry.status = response.status;
    if (!statusFault && this.faults.takeDrop(vendor, req.method, req.path)) {
      // The change is committed; the client never learns it, as when a response is lost on the way.
      entry.faults.push("dropResponseAfterCommit");
      res.socket?.destroy();
      return;
    }
    send(res, response);
  }

  private throttleOf(vendor: Vendor): Throttle | undefined {
    if (vendor === "commercetools") return this.state.ctThrottle;
    if (vendor === "revcent") return this.state.rcThrottle;
    return undefined;
  }

  /** The quota of the BigCommerce store a path names (the first store's for any other path). */
  private limiterOf(req: SandboxRequest): RateLimiter {
    return (this.state.bcStores.get(req.path.split("/")[2] ?? "") ?? this.state.firstStore).limiter;
  }

  private dispatch(vendor: Vendor, req: SandboxRequest, partialCreate = false): SandboxResponse {
    const s = this.state;
    switch (vendor) {
      case "commercetools":
        return handleCommercetools(req, s.ctAuth, s.ctProjects);
      case "bigcommerce":
        return handleBigCommerce(req, s.bcStores, partialCreate);
      case "revcent":
        return handleRevcent(req, this.options.revcent, s.rc);
    }
  }
}

function send(res: ServerResponse, response: SandboxResponse): void {
  res.writeHead(response.status, response.headers);
  res.end(response.body);
}

function bodyForLog(req: SandboxRequest): unknown {
  const text = req.body.toString("utf8");
  if (text === "") return null;
  const type = String(req.headers["content-type"] ?? "");
  if (type.includes("application/x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(text));
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
