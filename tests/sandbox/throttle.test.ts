// The load throttle of commercetools and RevCent: past `limit` requests per fixed window, the vendor's own 429 or 503.
import { expect } from "chai";
import { SandboxAdminError, startSandbox, type Sandbox } from "../../sandbox/index";
import { FakeClock } from "../helpers/fakeClock";
import { basic, bcApi, ctApi, ctErrorOf, ctToken, http, rcApi } from "./helpers";

describe("sandbox: load throttle (commercetools, RevCent)", () => {
  let sb: Sandbox;
  // The windows run on this clock: a test moves it instead of waiting.
  const clock = new FakeClock();
  before(async () => {
    sb = await startSandbox({ clock });
  });
  after(() => sb.close());
  beforeEach(() => sb.reset());

  const groupsPage = () =>
    rcApi(sb)("customer_groups", [
      ["page", 1],
      ["limit", 25],
    ]);
  const tokenRequest = () =>
    http(`${sb.url}/oauth/token`, {
      method: "POST",
      headers: { authorization: basic("sandbox-client", "sandbox-secret"), "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=client_credentials",
    });

  it("answers commercetools requests past the limit with 429 TooManyRequests and Retry-After, applying nothing, until the window ends", async () => {
    const api = ctApi(sb, await ctToken(sb));
    expect(await sb.commercetools.setThrottle({ limit: 2, windowMs: 1000, retryAfterSeconds: 3 })).to.deep.equal({
      limit: 2,
      windowMs: 1000,
      status: 429,
      retryAfterSeconds: 3,
    });
    expect((await api("GET", "/customer-groups")).status).to.equal(200);
    expect((await api("POST", "/customer-groups", { groupName: "Served" })).status).to.equal(201);
    const refused = await api("POST", "/customer-groups", { groupName: "Refused" });
    expect(refused.status).to.equal(429);
    expect(refused.headers.get("retry-after")).to.equal("3");
    expect(refused.json).to.deep.equal({
      statusCode: 429,
      message: "Too many requests.",
      errors: [{ code: "TooManyRequests", message: "Too many requests." }],
    });
    // Token requests do not count unless includeAuth says so.
    expect((await tokenRequest()).status).to.equal(200);
    clock.advance(999);
    expect((await api("GET", "/customer-groups")).status).to.equal(429);
    clock.advance(1);
    expect((await api("POST", "/customer-groups", { groupName: "Refused" })).status).to.equal(201);
    expect((await sb.commercetools.groups()).map((g) => g.name)).to.deep.equal(["Served", "Refused"]);
    const log = (await sb.requests()).filter((r) => r.path !== "/oauth/token");
    expect(log.map((r) => [r.method, r.status, r.faults])).to.deep.equal([
      ["GET", 200, []],
      ["POST", 201, []],
      ["POST", 429, ["throttle:429"]],
      ["GET", 429, ["throttle:429"]],
      ["POST", 201, []],
    ]);
  });

  it("answers 503 ServiceUnavailable, without Retry-After unless asked; limit 0 refuses everything, token requests too with includeAuth", async () => {
    const api = ctApi(sb, await ctToken(sb));
    await sb.commercetools.setThrottle({ limit: 0, windowMs: 1000, status: 503, includeAuth: true });
    const token = await tokenRequest();
    expect(token.status).to.equal(503);
    expect(ctErrorOf(token)).to.deep.equal({ code: "ServiceUnavailable", message: "Service unavailable." });
    const get = await api("GET", "/customer-groups");
    expect(get.status).to.equal(503);
    expect(get.headers.get("retry-after")).to.equal(null);
    expect(ctErrorOf(get).code).to.equal("ServiceUnavailable");
    clock.advance(60_000);
    expect((await api("GET", "/customer-groups")).status).to.equal(503);
    expect((await sb.requests()).map((r) => [r.path, r.status, r.faults])).to.deep.equal([
      ["/oauth/token", 200, []],
      ["/oauth/token", 503, ["throttle:503"]],
      ["/demo-project/customer-groups", 503, ["throttle:503"]],
      ["/demo-project/customer-groups", 503, ["throttle:503"]],
    ]);
  });

  it("answers RevCent requests past the limit with 429 or 503 in its code 0 envelope", async () => {
    await sb.revcent.setThrottle({ limit: 1, windowMs: 5000, status: 503 });
    expect((await groupsPage()).status).to.equal(200);
    const unavailable = await groupsPage();
    expect(unavailable.status).to.equal(503);
    expect(unavailable.json).to.include({ code: 0, error_code: "server_error", message: "Service unavailable." });
    await sb.revcent.setThrottle({ limit: 1, windowMs: 5000, status: 429, retryAfterSeconds: 5 });
    expect((await groupsPage()).status, "a new throttle starts a new window").to.equal(200);
    const limited = await groupsPage();
    expect(limited.status).to.equal(429);
    expect(limited.headers.get("retry-after")).to.equal("5");
    expect(limited.json).to.include({ code: 0, error_code: "rate_limited", message: "Too many requests." });
    clock.advance(5000);
    expect((await groupsPage()).status).to.equal(200);
  });

  it("throttles each vendor apart, and never BigCommerce (whose quota is its rate limit)", async () => {
    const api = ctApi(sb, await ctToken(sb));
    await sb.commercetools.setThrottle({ limit: 0, windowMs: 1000 });
    expect((await api("GET", "/customer-groups")).status).to.equal(429);
    expect((await groupsPage()).status).to.equal(200);
    expect((await bcApi(sb)("GET", "/count")).status).to.equal(200);
    await sb.commercetools.clearThrottle();
    await sb.revcent.setThrottle({ limit: 0, windowMs: 1000 });
    expect((await api("GET", "/customer-groups")).status).to.equal(200);
    expect((await groupsPage()).status).to.equal(429);
  });

  it("uses fixed windows: one starts with the first request after the previous one ended, and a refused request does not count", async () => {
    const api = ctApi(sb, await ctToken(sb));
    await sb.commercetools.setThrottle({ limit: 2, windowMs: 1000 });
    const statusAfter = async (ms: number): Promise<number> => {
      clock.advance(ms);
      return (await api("GET", "/customer-groups")).status;
    };
    const statuses: number[] = [];
    // A window from t=0: two served, the third refused.
    for (const ms of [0, 500, 400]) statuses.push(await statusAfter(ms));
    // t=1000: the first window is over; a new one starts now, at the request.
    for (const ms of [100, 999, 0]) statuses.push(await statusAfter(ms));
    // t=2500: nothing since t=1999; the window of t=1000 ended at t=2000, and the next starts at t=2500, not at t=2000.
    for (const ms of [501, 900, 0, 99, 1]) statuses.push(await statusAfter(ms));
    expect(statuses).to.deep.equal([200, 200, 429, 200, 200, 429, 200, 200, 429, 429, 200]);
  });

  it("starts with the throttles of startSandbox's options and returns to them on reset; the admin API reads, replaces and removes them", async () => {
    const own = await startSandbox({
      commercetools: { projectKey: "throttled", throttle: { limit: 1, windowMs: 2000, includeAuth: true } },
      revcent: { throttle: { limit: 3, windowMs: 1000, status: 503 } },
      clock,
    });
    try {
      expect(own.config.commercetools).to.deep.equal({
        projectKey: "throttled",
        clientId: "sandbox-client",
        clientSecret: "sandbox-secret",
        apiUrl: own.url,
        authUrl: own.url,
      });
      expect(await own.commercetools.throttle()).to.deep.equal({ limit: 1, windowMs: 2000, status: 429, includeAuth: true });
      expect(await own.revcent.throttle()).to.deep.equal({ limit: 3, windowMs: 1000, status: 503 });
      await own.commercetools.clearThrottle();
      await own.revcent.setThrottle({ limit: 9, windowMs: 10 });
      expect(await own.commercetools.throttle()).to.equal(null);
      expect(await own.revcent.throttle()).to.deep.equal({ limit: 9, windowMs: 10, status: 429 });
      await own.reset();
      expect(await own.commercetools.throttle()).to.deep.equal({ limit: 1, windowMs: 2000, status: 429, includeAuth: true });
      expect(await own.revcent.throttle()).to.deep.equal({ limit: 3, windowMs: 1000, status: 503 });
      expect(await sb.commercetools.throttle(), "another sandbox is not affected").to.equal(null);
    } finally {
      await own.close();
    }
  });

  it("refuses an invalid throttle with 400 naming the field, from the admin API and from startSandbox", async () => {
    const refusal = async (send: () => Promise<unknown>): Promise<[number, string | undefined]> => {
      try {
        await send();
      } catch (e) {
        if (e instanceof SandboxAdminError) return [e.status, e.body?.error];
        throw e;
      }
      return [200, undefined];
    };
    const ct = (t: unknown) => refusal(() => sb.commercetools.setThrottle(t as never));
    const rc = (t: unknown) => refusal(() => sb.revcent.setThrottle(t as never));
    expect(await ct([])).to.deep.equal([400, "a throttle must be a JSON object: {limit, windowMs, status?, retryAfterSeconds?, includeAuth?}"]);
    expect(await ct({ windowMs: 1000 })).to.deep.equal([400, "limit must be an integer >= 0"]);
    expect(await ct({ limit: 1.5, windowMs: 1000 })).to.deep.equal([400, "limit must be an integer >= 0"]);
    expect(await ct({ limit: 1 })).to.deep.equal([400, "windowMs must be an integer >= 1"]);
    expect(await ct({ limit: 1, windowMs: 0 })).to.deep.equal([400, "windowMs must be an integer >= 1"]);
    expect(await ct({ limit: 1, windowMs: 1000, status: 500 })).to.deep.equal([400, "status must be one of 429, 503"]);
    expect(await ct({ limit: 1, windowMs: 1000, retryAfterSeconds: -1 })).to.deep.equal([400, "retryAfterSeconds must be an integer >= 0"]);
    expect(await ct({ limit: 1, windowMs: 1000, includeAuth: "yes" })).to.deep.equal([400, "includeAuth must be true or false"]);
    expect(await ct({ limit: 1, windowMs: 1000, burst: 2 })).to.deep.equal([400, "unknown throttle field 'burst'"]);
    expect(await rc({ limit: 1, windowMs: 1000, includeAuth: true })).to.deep.equal([
      400,
      "includeAuth applies to commercetools only (its OAuth token endpoint)",
    ]);
    expect(await sb.commercetools.throttle()).to.equal(null);
    expect(await sb.revcent.throttle()).to.equal(null);
    const started = await startSandbox({ revcent: { throttle: { limit: -1, windowMs: 1000 } } }).then(
      async (s) => {
        await s.close();
        return undefined;
      },
      (e: Error) => e.message,
    );
    expect(started).to.equal("revcent.throttle: limit must be an integer >= 0");
  });
});
