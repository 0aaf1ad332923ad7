// Test helper: an HTTP server on 127.0.0.1 that misbehaves as a test tells it: answers slowly, without end, out of shape.

import http from "node:http";
import { AddressInfo } from "node:net";

export type Handler = (request: http.IncomingMessage, response: http.ServerResponse, url: URL) => void;

export interface HostileServer {
  url: string;
  /** What answers the next requests. */
  handle(handler: Handler): void;
  /** `METHOD path?query` of every request received, in order. */
  requests: string[];
  close(): Promise<void>;
}

export async function startHostileServer(): Promise<HostileServer> {
  let handler: Handler = (_, response) => response.writeHead(404).end();
  const requests: string[] = [];
  const sockets = new Set<import("node:net").Socket>();
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    requests.push(`${request.method} ${url.pathname}${url.search}`);
    request.resume();
    request.on("end", () => handler(request, response, url));
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    handle: (next) => (handler = next),
    requests,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Answers JSON with this status. */
export function json(response: http.ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify(body));
}

/** Sends the headers, then one byte every `everyMs` until the client goes away: a body that never completes. */
export function drip(response: http.ServerResponse, everyMs: number): void {
  response.writeHead(200, { "Content-Type": "application/json" });
  response.write("[");
  const timer = setInterval(() => response.write(" "), everyMs);
  response.on("close", () => clearInterval(timer));
}

/** Sends a body without end, as fast as the client reads it. */
export function endless(response: http.ServerResponse): void {
  response.writeHead(200, { "Content-Type": "application/json" });
  const chunk = Buffer.alloc(64 * 1024, " ");
  response.write("[");
  const more = () => {
    while (!response.destroyed && response.write(chunk));
    if (!response.destroyed) response.once("drain", more);
  };
  more();
}
