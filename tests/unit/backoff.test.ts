// Unit tests: retry waits.

import { expect } from "chai";
import { BackoffPolicy, jitteredDelayMs, nextDelayMs, serverRequestedDelayMs } from "../../provider/http/backoff";

const policy: BackoffPolicy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1000, maxElapsedMs: 5000 };

describe("backoff", () => {
  it("reads Retry-After in seconds and as an HTTP date", () => {
    expect(serverRequestedDelayMs({ "Retry-After": "3" })).to.equal(3000);
    const now = Date.parse("2026-11-21T10:00:00Z");
    expect(serverRequestedDelayMs({ "retry-after": "Sat, 21 Nov 2026 10:00:05 GMT" }, now)).to.equal(5000);
    expect(serverRequestedDelayMs({ "retry-after": "soon" })).to.equal(undefined);
    expect(serverRequestedDelayMs({})).to.equal(undefined);
  });

  it("prefers BigCommerce's X-Rate-Limit-Time-Reset-Ms", () => {
    expect(serverRequestedDelayMs({ "X-Rate-Limit-Time-Reset-Ms": "1500", "Retry-After": "9" })).to.equal(1500);
  });

  it("grows exponentially within [ceiling/2, ceiling], capped", () => {
    expect(jitteredDelayMs(policy, 1, () => 0)).to.equal(50);
    expect(jitteredDelayMs(policy, 1, () => 1)).to.equal(100);
    expect(jitteredDelayMs(policy, 3, () => 1)).to.equal(400);
    expect(jitteredDelayMs(policy, 10, () => 1)).to.equal(1000);
  });

  it("stops after maxAttempts and when the time budget would be exceeded", () => {
    expect(nextDelayMs(policy, 3, 0, undefined, () => 0)).to.equal(200);
    expect(nextDelayMs(policy, 4, 0, undefined, () => 0)).to.equal(undefined);
    expect(nextDelayMs(policy, 1, 4990, undefined, () => 0)).to.equal(undefined);
  });

  it("honours a server-requested wait, with a little jitter", () => {
    expect(nextDelayMs(policy, 1, 0, 2000, () => 0)).to.equal(2000);
    expect(nextDelayMs(policy, 1, 0, 2000, () => 1)).to.equal(2100);
    expect(nextDelayMs(policy, 1, 0, 6000, () => 0)).to.equal(undefined);
  });
});
