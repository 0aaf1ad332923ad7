// End-to-end: a store that misbehaves once the stack is converged, through the commands a user runs (`drift`, `review
// --refresh`, `pulumi preview --refresh`): an answer sent one byte at a time ends at the connection's timeoutSeconds,
// a 200 HTML page is refused; each run ends with exit 1 and an error naming the request, and nothing is recorded.

import http from "node:http";
import { AddressInfo } from "node:net";
import { expect } from "chai";
import { Sandbox, startSandbox } from "../../sandbox";
import { declare, e2eProject, newStack, runBin, TestStack } from "./harness";

type Mode = "pass" | "drip" | "html";

/** A store in front of the sandbox: passes requests on, or misbehaves as `mode` says. */
async function misbehavingStore(target: string): Promise<{ url: string; mode: Mode; close(): Promise<void> }> {
  const store = { url: "", mode: "pass" as Mode, close: (): Promise<void> => Promise.resolve() };
  const timers = new Set<NodeJS.Timeout>();
  const server = http.createServer((request, response) => {
    if (store.mode === "html") {
      response.writeHead(200, { "Content-Type": "text/html" }).end("<html><h1>Service temporarily unavailable</h1></html>");
      return;
    }
    if (store.mode === "drip") {
      response.writeHead(200, { "Content-Type": "application/json" });
      response.write("[");
      const timer = setInterval(() => response.write(" "), 100);
      timers.add(timer);
      response.on("close", () => clearInterval(timer));
      return;
    }
    const forwarded = http.request(`${target}${request.url}`, { method: request.method, headers: request.headers }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    request.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  store.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  store.close = () => {
    for (const timer of timers) clearInterval(timer);
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return store;
}

describe("e2e: a misbehaving store, through drift, review and preview", function () {
  // The deadline this test sets: every run must end well within it (each request's own is 1 s).
  this.timeout(180_000);
  let sandbox: Sandbox;
  let store: Awaited<ReturnType<typeof misbehavingStore>>;
  let test: TestStack;

  before(async () => {
    sandbox = await startSandbox();
    store = await misbehavingStore(sandbox.url);
    test = await newStack("hostile", {
      "bigcommerce:storeHash": { value: sandbox.config.bigcommerce.storeHash },
      "bigcommerce:accessToken": { value: sandbox.config.bigcommerce.accessToken, secret: true },
      "bigcommerce:apiUrl": { value: store.url },
      "bigcommerce:timeoutSeconds": { value: "1" },
    });
    await declare(test.stack, { vip: { backend: "bigcommerce", args: { name: "VIP", discountRules: [{ type: "all", method: "percent", amount: 10 }] } } });
    await test.stack.up();
  });
  after(async () => {
    await test?.remove();
    await store?.close();
    await sandbox?.close();
  });
  afterEach(() => (store.mode = "pass"));

  it("an answer sent a byte at a time: drift exits 1 naming the request and the deadline; the state keeps the group as it was", async () => {
    const before = await test.stack.exportStack();
    store.mode = "drip";
    const run = await runBin(e2eProject(), test.stateDir, ["drift", "--stack", "hostile"]);
    expect(run.code, run.stderr).to.equal(1);
    expect(run.stderr).to.match(
      /bigcommerce: GET \/stores\/sandbox\/v2\/customer_groups\S* failed, ETIMEDOUT: no response from http:\/\/127\.0\.0\.1:\d+ \(no complete answer within 1 s\)/,
    );
    store.mode = "pass";
    expect((await test.stack.exportStack()).deployment.resources).to.deep.equal(before.deployment.resources);
  });

  it("a 200 HTML page: review --refresh exits 1 and pulumi preview --refresh fails, each naming the request and quoting the page", async () => {
    store.mode = "html";
    const run = await runBin(e2eProject(), test.stateDir, ["review", "--stack", "hostile", "--refresh"]);
    expect(run.code, run.stderr).to.equal(1);
    const refused =
      /bigcommerce: GET \/stores\/sandbox\/v2\/customer_groups\S* failed, HTTP 200, UnexpectedAnswer: the answer is not what bigcommerce's API reference describes: the body is not JSON: '<html><h1>Service temporarily unavailable<\/h1><\/html>'/;
    expect(run.stderr).to.match(refused);
    const preview = await test.stack.preview({ refresh: true }).then(
      () => "",
      (e: Error) => e.message,
    );
    expect(preview).to.match(refused);
  });
});
