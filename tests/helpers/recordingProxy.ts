// Test helper: an HTTP proxy on 127.0.0.1 in front of a real server, recording every request and injecting faults.

import http from "node:http";
import { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: Record<string, string>;
  /** The request headers as they arrived on the wire (names in lower case). */
  headers: http.IncomingHttpHeaders;
  /** Parsed JSON body, the raw text when it is not JSON, undefined when empty. */
  body: unknown;
  status?: number;
}

export type FaultAction =
  /** Answer at once with this, without forwarding. */
  | { respond: { status: number; body?: unknown; headers?: Record<string, string> } }
  /** Forward the request, let the server apply it, then destroy the socket: a lost response. */
  | { dropResponse: true }
  /** Forward the request, let the server apply it, then never answer: a client left waiting until it is killed. */
  | { holdAfterCommit: true }
  /** Neither forward nor answer: a request still in flight when its client is killed. */
  | { hold: true };

export interface Fault {
  method?: string;
  path?: RegExp;
  /** Tested against the decoded query string. */
  query?: RegExp;
  /** How many matching requests it affects. */
  times: number;
  /** Matching requests let through untouched before it starts. */
  passFirst?: number;
  action: FaultAction;
}

export interface RecordingProxy {
  url: string;
  requests: RecordedRequest[];
  faults: Fault[];
  /** Requests whose path matches, in order. */
  matching(method: string, path: RegExp): RecordedRequest[];
  /** Runs before each request is forwarded (e.g. to change the store between two pages of a listing). */
  beforeForward?: (request: RecordedRequest) => Promise<void>;
  /** Runs when a request is held (`hold`, or `holdAfterCommit` once the server has applied it). */
  onHeld?: (request: RecordedRequest) => void;
  close(): Promise<void>;
}

export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const targetUrl = new URL(target);
  const requests: RecordedRequest[] = [];
  const faults: Fault[] = [];

  const proxy = {} as RecordingProxy;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const raw = Buffer.concat(chunks);
      const url = new URL(req.url ?? "/", "http://proxy");
      const record: RecordedRequest = {
        method: req.method ?? "GET",
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: { ...req.headers },
        body: parseBody(raw.toString("utf8")),
      };
      requests.push(record);

      const query = decodeURIComponent(url.search);
      const fault = faults.find(
        (f) => f.times > 0 && (!f.method || f.method === record.method) && (!f.path || f.path.test(record.path)) && (!f.query || f.query.test(query)),
      );
      const passes = (fault?.passFirst ?? 0) > 0;
      if (fault && passes) fault.passFirst!--;
      else if (fault) fault.times--;
      const applied = passes ? undefined : fault;
      if (applied && "hold" in applied.action) {
        proxy.onHeld?.(record);
        return;
      }
      if (applied && "respond" in applied.action) {
        const { status, body, headers } = applied.action.respond;
        record.status = status;
        res.writeHead(status, { "Content-Type": "application/json", ...headers });
        res.end(body === undefined ? "" : JSON.stringify(body));
        return;
      }

      await proxy.beforeForward?.(record);
      const upstream = http.request(
        { host: targetUrl.hostname, port: targetUrl.port, method: req.method, path: req.url, headers: { ...req.headers, host: targetUrl.host } },
        (up) => {
          record.status = up.statusCode;
          if (applied && "dropResponse" in applied.action) {
            up.resume();
            up.on("end", () => req.socket.destroy());
            return;
          }
          if (applied && "holdAfterCommit" in applied.action) {
            up.resume();
            up.on("end", () => proxy.onHeld?.(record));
            return;
          }
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      upstream.on("error", () => res.destroy());
      upstream.end(raw);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  Object.assign(proxy, {
    url: `http://127.0.0.1:${port}`,
    requests,
    faults,
    matching: (method: string, path: RegExp) => requests.filter((r) => r.method === method && path.test(r.path)),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
  return proxy;
}

function parseBody(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
