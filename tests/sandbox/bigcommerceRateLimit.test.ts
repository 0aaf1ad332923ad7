// BigCommerce rate limiting in the sandbox: the X-Rate-Limit-* headers and 429 once the window's quota is spent.
import { expect } from "chai";
import { startSandbox, type Sandbox } from "../../sandbox/index";
import { FakeClock } from "../helpers/fakeClock";
import { bcApi, http, type HttpResult } from "./helpers";

const HEADERS = ["x-rate-limit-requests-quota", "x-rate-limit-requests-left", "x-rate-limit-time-window-ms", "x-rate-limit-time-reset-ms"];

function rateHeaders(res: HttpResult): Record<string, number> {
  const out: Record<string, number> = {};
  for (const h of HEADERS) {
    const v = res.headers.get(h);
    expect(v, `${h} on ${res.status}`).to.match(/^\d+$/);
    out[h] = Number(v);
  }
  return out;
}

describe("sandbox: bigcommerce rate limit", () => {
  let sb: Sandbox;
  // The window runs on this clock, so a test moves time instead of waiting for it.
  const clock = new FakeClock();
  before(async () => {
    sb = await startSandbox({ bigcommerce: { rateLimit: { quota: 3, windowMs: 60000 } }, clock });
  });
  after(() => sb.close());
  beforeEach(() => sb.reset());

  it("puts the four X-Rate-Limit headers on every response, errors and 204 included", async () => {
    const api = bcApi(sb);
    rateHeaders(await api("GET", ""));
    rateHeaders(await api("GET", "/42"));
    rateHeaders(await bcApi(sb, "wrong")("GET", ""));
    rateHeaders(await http(`${sb.url}/stores/unknown/v2/customer_groups`));
  });

  it("counts requests down and answers 429 with the headers once the quota is spent", async () => {
    const api = bcApi(sb);
    const lefts: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await api("GET", "/count");
      expect(res.status).to.equal(200);
      lefts.push(rateHeaders(res)["x-rate-limit-requests-left"]!);
    }
    expect(lefts).to.deep.equal([2, 1, 0]);
    clock.advance(1500);
    const limited = await api("POST", "", { name: "Too many" });
    expect(limited.status).to.equal(429);
    expect(rateHeaders(limited)).to.deep.equal({
      "x-rate-limit-requests-quota": 3,
      "x-rate-limit-requests-left": 0,
      "x-rate-limit-time-window-ms": 60000,
      "x-rate-limit-time-reset-ms": 58500,
    });
    expect(limited.json).to.deep.equal([
      { status: 429, message: "You have exceeded the request quota for this time window. Retry after X-Rate-Limit-Time-Reset-Ms." },
    ]);
    expect(await sb.bigcommerce.groups()).to.have.length(0);
  });

  it("serves again once a new window starts (driven through the admin API, no waiting)", async () => {
    const api = bcApi(sb);
    for (let i = 0; i < 3; i++) await api("GET", "/count");
    expect((await api("GET", "/count")).status).to.equal(429);
    await sb.bigcommerce.resetRateLimitWindow();
    const res = await api("GET", "/count");
    expect(res.status).to.equal(200);
    expect(rateHeaders(res)["x-rate-limit-requests-left"]).to.equal(2);
  });

  it("takes a new quota and window from the admin API", async () => {
    expect(await sb.bigcommerce.setRateLimit({ quota: 1, windowMs: 5000 })).to.deep.equal({ quota: 1, windowMs: 5000 });
    const api = bcApi(sb);
    expect((await api("GET", "/count")).status).to.equal(200);
    const limited = await api("GET", "/count");
    expect(limited.status).to.equal(429);
    expect(rateHeaders(limited)["x-rate-limit-time-window-ms"]).to.equal(5000);
  });

  it("allows 150 requests per 30 s by default, a Standard or Plus store's quota", async () => {
    const own = await startSandbox({ clock });
    try {
      expect(await own.bigcommerce.rateLimit()).to.deep.equal({ quota: 150, windowMs: 30000 });
      const api = bcApi(own);
      const statuses: number[] = [];
      for (let i = 0; i < 151; i++) statuses.push((await api("GET", "/count")).status);
      expect(statuses.filter((s) => s === 200)).to.have.length(150);
      expect(statuses[150]).to.equal(429);
      clock.advance(30_000);
      const served = await api("GET", "/count");
      expect(served.status).to.equal(200);
      expect(rateHeaders(served)).to.deep.equal({
        "x-rate-limit-requests-quota": 150,
        "x-rate-limit-requests-left": 149,
        "x-rate-limit-time-window-ms": 30000,
        "x-rate-limit-time-reset-ms": 30000,
      });
    } finally {
      await own.close();
    }
  });

  it("rolls the window when windowMs has passed on the sandbox's clock", async () => {
    const api = bcApi(sb);
    for (let i = 0; i < 3; i++) expect((await api("GET", "/count")).status).to.equal(200);
    clock.advance(59_999);
    const limited = await api("GET", "/count");
    expect(limited.status).to.equal(429);
    expect(rateHeaders(limited)["x-rate-limit-time-reset-ms"]).to.equal(1);
    clock.advance(1);
    const served = await api("GET", "/count");
    expect(served.status).to.equal(200);
    expect(rateHeaders(served)).to.include({ "x-rate-limit-requests-left": 2, "x-rate-limit-time-reset-ms": 60000 });
  });
});
