// Unit tests: the per-store limiter holds requests back when BigCommerce's quota runs low, on an injected clock.

import { expect } from "chai";
import { RateLimiter } from "../../provider/bigcommerce/rateLimit";

function clock() {
  const c = {
    now: 1_000_000,
    slept: [] as number[],
    sleep: async (ms: number) => {
      c.slept.push(ms);
      c.now += ms;
    },
  };
  return c;
}

const headers = (left: number, resetMs: number, quota = 150) => ({
  "x-rate-limit-requests-left": String(left),
  "x-rate-limit-time-reset-ms": String(resetMs),
  "x-rate-limit-requests-quota": String(quota),
  "x-rate-limit-time-window-ms": "30000",
});

describe("BigCommerce rate limiter", () => {
  it("lets requests go at once while the quota is unknown or ample", async () => {
    const c = clock();
    const limiter = new RateLimiter({ threshold: 5, marginMs: 0, now: () => c.now, sleep: c.sleep });
    await limiter.acquire();
    limiter.observe({ status: 200, headers: headers(100, 20_000) });
    for (let i = 0; i < 10; i++) await limiter.acquire();
    expect(c.slept).to.deep.equal([]);
    expect(limiter.snapshot().left).to.equal(90);
  });

  it("waits for the window to reset when few requests are left, then starts from the full quota", async () => {
    const c = clock();
    const limiter = new RateLimiter({ threshold: 5, marginMs: 50, now: () => c.now, sleep: c.sleep });
    limiter.observe({ status: 200, headers: headers(7, 12_000) });
    await limiter.acquire(); // 7 -> 6
    await limiter.acquire(); // 6 -> 5
    expect(c.slept).to.deep.equal([]);
    await limiter.acquire(); // 5 is at the threshold: wait for the window
    expect(c.slept).to.deep.equal([12_050]);
    expect(limiter.snapshot().left).to.equal(149);
  });

  it("holds back every concurrent request of the store, not only the one that saw the low figure", async () => {
    const c = clock();
    let timers: { at: number; wake: () => void }[] = [];
    const sleep = (ms: number) => new Promise<void>((wake) => timers.push({ at: c.now + ms, wake }));
    const limiter = new RateLimiter({ threshold: 3, marginMs: 0, now: () => c.now, sleep });
    limiter.observe({ status: 200, headers: headers(3, 5_000, 10) });
    const released: number[] = [];
    const waiting = [1, 2, 3, 4].map((n) => limiter.acquire().then(() => released.push(n)));
    await Promise.resolve();
    expect(released).to.deep.equal([]);
    expect(timers.map((t) => t.at - c.now)).to.deep.equal([5_000, 5_000, 5_000, 5_000]);
    c.now += 5_000;
    const due = timers;
    timers = [];
    due.forEach((t) => t.wake());
    await Promise.all(waiting);
    expect(released).to.deep.equal([1, 2, 3, 4]);
    expect(limiter.snapshot().left).to.equal(6);
  });

  it("treats a 429 as an empty window and keeps the lowest figure of a window against late answers", async () => {
    const c = clock();
    const limiter = new RateLimiter({ threshold: 2, marginMs: 0, now: () => c.now, sleep: c.sleep });
    limiter.observe({ status: 200, headers: headers(50, 10_000) });
    limiter.observe({ status: 200, headers: headers(10, 9_000) });
    limiter.observe({ status: 200, headers: headers(40, 9_500) }); // sent earlier, answered later
    expect(limiter.snapshot().left).to.equal(10);
    limiter.observe({ status: 429, headers: headers(0, 4_000) });
    await limiter.acquire();
    expect(c.slept).to.deep.equal([4_000]);
  });

  it("sends one request alone until the store has answered, so a parallel burst does not spend an unknown quota", async () => {
    const c = clock();
    const limiter = new RateLimiter({ threshold: 1, marginMs: 0, now: () => c.now, sleep: c.sleep });
    const order: string[] = [];
    await limiter.acquire();
    order.push("first");
    const others = [2, 3, 4].map((n) => limiter.acquire().then(() => order.push(`request ${n}`)));
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).to.deep.equal(["first"]);
    limiter.observe({ status: 201, headers: headers(3, 1_000, 4) });
    await Promise.all(others);
    // 3 left: two go (3 -> 2 -> 1), the third waits for the next window at the threshold of 1.
    expect(order).to.deep.equal(["first", "request 2", "request 3", "request 4"]);
    expect(c.slept).to.deep.equal([1_000]);
    expect(limiter.snapshot().left).to.equal(3);
  });

  it("lets the next request go alone when the first one got no answer at all", async () => {
    const limiter = new RateLimiter();
    await limiter.acquire();
    const second = limiter.acquire();
    limiter.settle(0); // the first failed on the network
    await second; // now the second is the one that goes alone
    let third = false;
    const waiting = limiter.acquire().then(() => (third = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(third).to.equal(false);
    limiter.observe({ status: 200, headers: {} });
    await waiting;
    expect(third).to.equal(true);
  });

  it("ignores responses without the headers", async () => {
    const c = clock();
    const limiter = new RateLimiter({ threshold: 2, now: () => c.now, sleep: c.sleep });
    limiter.observe({ status: 200, headers: {} });
    limiter.observe({ status: 200, headers: { "x-rate-limit-requests-left": "soon", "x-rate-limit-time-reset-ms": "1000" } });
    await limiter.acquire();
    expect(c.slept).to.deep.equal([]);
    expect(limiter.snapshot()).to.deep.equal({ left: undefined, resetAt: 0 });
  });

  it("uses the whole quota by default: the last request of the window goes, the next one waits for the reset", async () => {
    const c = clock();
    const limiter = new RateLimiter({ marginMs: 0, now: () => c.now, sleep: c.sleep });
    limiter.observe({ status: 200, headers: headers(2, 9_000) });
    await limiter.acquire();
    await limiter.acquire();
    expect(c.slept).to.deep.equal([]);
    await limiter.acquire();
    expect(c.slept).to.deep.equal([9_000]);
  });

  it("holds every request after a 429 without the quota headers, for its Retry-After or a moment", async () => {
    const c = clock();
    const limiter = new RateLimiter({ marginMs: 0, throttledMs: 700, now: () => c.now, sleep: c.sleep });
    limiter.observe({ status: 429, headers: { "retry-after": "3" } });
    await limiter.acquire();
    expect(c.slept).to.deep.equal([3_000]);
    limiter.observe({ status: 429, headers: {} });
    await limiter.acquire();
    expect(c.slept).to.deep.equal([3_000, 700]);
  });

  it("lets at most maxInFlight requests of a store out at once; a finished one lets the next go", async () => {
    const limiter = new RateLimiter({ maxInFlight: 3 });
    await limiter.acquire();
    limiter.observe({ status: 200, headers: {} });
    await limiter.acquire();
    await limiter.acquire();
    let fourth = false;
    const waiting = limiter.acquire().then(() => (fourth = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(fourth).to.equal(false);
    limiter.settle(0);
    await waiting;
    expect(fourth).to.equal(true);
  });

  it("counts down from the quota when the window turns: the first answers of the new window only lower the estimate", async () => {
    const c = clock();
    const limiter = new RateLimiter({ marginMs: 0, now: () => c.now, sleep: c.sleep });
    limiter.observe({ status: 200, headers: headers(0, 1_000, 20) });
    // The window turns: 20 requests go at once, the 21st waits.
    const sent = await Promise.all(Array.from({ length: 20 }, () => limiter.acquire()));
    expect(c.slept).to.deep.equal([1_000]);
    expect(new Set(sent)).to.deep.equal(new Set([1]));
    // The store has counted only the first when it answers it: 19 left by its count, none by this side's.
    limiter.settle(1, { status: 200, headers: headers(19, 3_000, 20) });
    expect(limiter.snapshot().left).to.equal(0);
    await limiter.acquire();
    expect(c.slept).to.deep.equal([1_000, 3_000]);
  });

  it("does not read an answer to a request sent before the window turned (it tells how that window ended)", async () => {
    const c = clock();
    const limiter = new RateLimiter({ marginMs: 0, now: () => c.now, sleep: c.sleep });
    limiter.observe({ status: 200, headers: headers(1, 1_000, 20) });
    const late = await limiter.acquire(); // the last of window 0
    await limiter.acquire(); // waits for the window to turn
    const current = await limiter.acquire();
    expect([late, current]).to.deep.equal([0, 1]);
    // The late answer reports window 0 spent and about to end: it must not end window 1 here.
    limiter.settle(late, { status: 200, headers: headers(0, 5, 20) });
    expect(limiter.snapshot()).to.deep.equal({ left: 18, resetAt: 0 });
    limiter.settle(current, { status: 200, headers: headers(18, 999, 20) });
    expect(limiter.snapshot()).to.deep.equal({ left: 18, resetAt: c.now + 999 });
    // A 429 to a late request still holds every request: the store says its window has not turned.
    limiter.settle(late, { status: 429, headers: headers(0, 400, 20) });
    expect(limiter.snapshot()).to.deep.equal({ left: 0, resetAt: c.now + 400 });
  });
});
