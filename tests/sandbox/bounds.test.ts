// Sandbox tests: what a web page, a runaway client or a hostile rule can do to a sandbox that runs in CI. The admin API
// answers only its own host, the bearer of its token, and JSON; the request log is bounded; fault patterns match in
// linear time; the persist file is its owner's alone.

import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { startSandbox, type Sandbox } from "../../sandbox/index";
import { parseFaultRule } from "../../sandbox/core/faults";
import { maxEntries, maxOneBodyBytes, RequestLog } from "../../sandbox/core/requestLog";
import { admin, http as fetchJson } from "./helpers";

/** A raw request with the headers given as they are (fetch would not send another Host). */
function raw(url: string, headers: Record<string, string>, method = "GET", body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method, headers }, (response) => {
      let text = "";
      response.on("data", (chunk: Buffer) => (text += chunk.toString()));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, text }));
    });
    request.on("error", reject);
    request.end(body);
  });
}

describe("sandbox: bounds against a hostile caller", () => {
  let sb: Sandbox;
  let dir: string;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "pcg-sandbox-bounds-"));
    sb = await startSandbox({ persistFile: path.join(dir, "state.json") });
  });
  after(async () => {
    await sb.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("the admin API needs the token, its own Host and JSON; what it refuses changes nothing", async () => {
    const port = new URL(sb.url).port;
    const token = sb.config.adminToken;
    expect(token).to.match(/^[A-Za-z0-9_-]{32}$/);
    const config = `${sb.url}/__admin/config`;
    expect((await raw(config, {})).status).to.equal(401);
    expect((await raw(config, { authorization: "Bearer wrong-token-of-the-same-length-00" })).status).to.equal(401);
    expect(JSON.parse((await raw(config, {})).text)).to.deep.equal({
      error: "the admin API needs the sandbox's admin token: Authorization: Bearer <token> (printed at start; SANDBOX_ADMIN_TOKEN)",
    });
    // A page served from elsewhere, reaching the port through DNS rebinding, sends its own Host: refused, token or not.
    const foreign = await raw(config, { host: `attacker.example:${port}`, authorization: `Bearer ${token}` });
    expect(foreign.status).to.equal(403);
    expect(foreign.text).to.not.include("sandbox-secret");
    expect((await raw(config, { host: `localhost:${port}`, authorization: `Bearer ${token}` })).status).to.equal(200);
    // A form or text/plain body is what a page can send without asking: refused.
    const created = await raw(
      `${sb.url}/__admin/bigcommerce/sandbox/customer-groups`,
      { authorization: `Bearer ${token}`, "content-type": "text/plain" },
      "POST",
      '{"name":"From a page"}',
    );
    expect(created.status).to.equal(415);
    expect(await sb.bigcommerce.groups()).to.deep.equal([]);
    const reset = await fetchJson(`${sb.url}/__admin/reset`, { method: "POST" });
    expect(reset.status).to.equal(401);
    expect((await fetchJson(`${sb.url}/__admin/reset`, admin(token, { method: "POST" }))).status).to.equal(204);
  });

  it("the request log keeps a body of up to 64 KB; a larger one is described, not kept", async () => {
    await sb.clearRequests();
    const big = JSON.stringify({ name: "x".repeat(maxOneBodyBytes) });
    await fetch(`${sb.url}/stores/sandbox/v2/customer_groups`, {
      method: "POST",
      headers: { "x-auth-token": "wrong", "content-type": "application/json" },
      body: big,
    });
    const [logged] = await sb.requests();
    expect(logged!.body).to.equal(`(a body of ${big.length} bytes, not kept: the log keeps bodies of up to 65536 bytes, 33554432 in all)`);
  });

  it("the request log keeps the newest 20,000 requests, numbered on, and waits by arrivals", async () => {
    const log = new RequestLog();
    for (let i = 0; i < maxEntries + 5; i++) log.add({ vendor: "revcent", method: "GET", path: `/v2/${i}`, query: {}, body: null });
    const entries = log.list();
    expect(entries).to.have.length(maxEntries);
    expect(entries[0]).to.include({ seq: 6, path: "/v2/5" });
    expect(entries[entries.length - 1]).to.include({ seq: maxEntries + 5 });
    await log.waitFor(maxEntries + 5, new AbortController().signal);
  });

  it("a fault pattern matches in linear time (^/(a+)+$ on a long path), and one that cannot is refused", async () => {
    expect(parseFaultRule({ status: 503, pathPattern: "(a)\\1" })).to.match(/^pathPattern is not a regular expression that matches in linear time: /);
    await sb.injectFault({ status: 503, pathPattern: "^/(a+)+$", count: 1 });
    // With a backtracking engine this path takes longer than the age of the universe; here it is answered.
    const answer = await fetch(`${sb.url}/${"a".repeat(64)}!`);
    expect(answer.status).to.equal(401);
    expect((await sb.faults()).map((f) => f.remaining)).to.deep.equal([1]);
    await sb.clearFaults();
  });

  it("writes the persist file for its owner only (it holds credentials and live tokens)", async () => {
    await sb.bigcommerce.createGroup({ name: "Persisted" });
    expect(fs.statSync(path.join(dir, "state.json")).mode & 0o777).to.equal(0o600);
  });
});
