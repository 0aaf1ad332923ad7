// Provider tests under load: the commercetools and RevCent providers against the sandbox's load throttle (429, 503) and a
// 503 after a committed create, over real HTTP. The provider waits in real time (Retry-After), so windows are short.

import { expect } from "chai";
import { customerGroupAdapter as commercetoolsBackend } from "../../provider/commercetools/customerGroup";
import { ApiError } from "../../provider/http/errors";
import type { BackoffPolicy } from "../../provider/http/backoff";
import { customerGroupAdapter as revcentBackend } from "../../provider/revcent/customerGroup";
import { startSandbox, type LoggedRequest, type Sandbox, type SandboxOptions } from "../../sandbox";
import { checkedInputs, createdGroup } from "../helpers/lifecycle";
import { sandboxConfig } from "../helpers/sandboxConfig";
import { configuredProvider, failure, Props, Provider } from "../helpers/provider";

/** Room for a few one-second Retry-After waits; the jitter added to a server's wait is at most baseDelayMs. */
const patient: BackoffPolicy = { maxAttempts: 6, baseDelayMs: 20, maxDelayMs: 2000, maxElapsedMs: 10_000 };
/** Gives up after 3 attempts within a few tens of milliseconds. */
const brief: BackoffPolicy = { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 40, maxElapsedMs: 1000 };

describe("providers under load (the sandbox's throttle)", function () {
  let sandbox: Sandbox | undefined;
  // A sandbox per test: a provider process caches commercetools tokens per auth URL, and a reset would revoke them.
  const start = async (options: SandboxOptions = {}): Promise<Sandbox> => (sandbox = await startSandbox(options));
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });

  const commercetools = (sb: Sandbox, backoff: BackoffPolicy): Promise<Provider> => {
    return configuredProvider((stack) => commercetoolsBackend(stack, { backoff }, {}), sandboxConfig(sb, "commercetools"));
  };
  const revcent = (sb: Sandbox, backoff: BackoffPolicy): Promise<Provider> =>
    configuredProvider((stack) => revcentBackend(stack, { backoff }, {}), {
      "revcent:apiKey": sb.config.revcent.apiKey,
      "revcent:apiUrl": sb.config.revcent.apiUrl,
    });

  /** The vendor's requests but the commercetools token requests. */
  const apiRequests = async (sb: Sandbox): Promise<LoggedRequest[]> => (await sb.requests()).filter((r) => r.path !== "/oauth/token");
  const line = (r: LoggedRequest) => `${r.method} ${r.path} ${r.status}`;

  describe("commercetools", () => {
    const collection = "/demo-project/customer-groups";

    it("creates 30 groups at once through a 429 throttle: each exactly once, every throttled POST sent again after Retry-After", async () => {
      const sb = await start({ commercetools: { throttle: { limit: 10, windowMs: 1000, status: 429, retryAfterSeconds: 1 } } });
      const provider = await commercetools(sb, patient);
      const names = Array.from({ length: 30 }, (_, i) => `Load ${String(i + 1).padStart(2, "0")}`);
      const inputs = await Promise.all(names.map((name, i) => checkedInputs(provider, { name, key: `load-${i + 1}` })));

      const created = await Promise.all(inputs.map((i) => provider.create(i)));

      expect(created.map((c) => (c.outs as Props).name)).to.deep.equal(names);
      const live = await sb.commercetools.groups();
      expect(live.map((g) => g.name).sort()).to.deep.equal(names);
      expect(live.map((g) => g.id).sort()).to.deep.equal(created.map((c) => c.id).sort());
      const requests = await apiRequests(sb);
      const throttled = requests.filter((r) => r.status === 429);
      expect(throttled.length, "the throttle refused some POSTs").to.be.at.least(1);
      expect(throttled.every((r) => r.method === "POST" && r.faults.join() === "throttle:429")).to.equal(true);
      // A 429 was not applied, so no lookup is needed: the requests are the POSTs, 30 served and each throttled one again.
      expect(requests.every((r) => r.method === "POST" && r.path === collection)).to.equal(true);
      expect(requests.length).to.equal(30 + throttled.length);
      const served = requests.filter((r) => r.status === 201).map((r) => (r.body as { groupName: string }).groupName);
      expect(served.sort()).to.deep.equal(names);
      expect(
        (await sb.requests()).filter((r) => r.path === "/oauth/token").map((r) => r.status),
        "one token, not throttled",
      ).to.deep.equal([200]);
    });

    it("after a 503 on a create, looks the group up before sending it again: takes over the group that was made, sends again the one that was not", async () => {
      const sb = await start();
      const provider = await commercetools(sb, patient);
      // The gateway answered 503, but the project made the group.
      await sb.injectFault({ vendor: "commercetools", method: "POST", pathPattern: "/customer-groups$", status: 503, afterCommit: true });
      const committed = await createdGroup(provider, { name: "Committed", key: "committed" });
      // The project was too busy to make it.
      await sb.injectFault({ vendor: "commercetools", method: "POST", pathPattern: "/customer-groups$", status: 503 });
      const refused = await createdGroup(provider, { name: "Refused" });

      expect((await apiRequests(sb)).map(line)).to.deep.equal([
        `POST ${collection} 503`,
        `GET ${collection}/key=committed 200`,
        `POST ${collection} 503`,
        `GET ${collection} 200`,
        `POST ${collection} 201`,
      ]);
      const live = await sb.commercetools.groups();
      expect(live.map((g) => [g.id, g.name, g.key])).to.deep.equal([
        [committed.id, "Committed", "committed"],
        [refused.id, "Refused", undefined],
      ]);
      expect(committed.outs).to.include({ name: "Committed", key: "committed", version: 1 });
    });

    it("fails a create the throttle never lets through with an ApiError naming the 429, after the policy's attempts", async () => {
      const sb = await start({ commercetools: { throttle: { limit: 0, windowMs: 1000, status: 429 } } });
      const provider = await commercetools(sb, brief);
      const error = await failure(createdGroup(provider, { name: "Never", key: "never" }));
      expect(error).to.be.instanceOf(ApiError);
      expect((error as ApiError).status).to.equal(429);
      expect(error?.message).to.equal(`commercetools: POST ${collection} failed, HTTP 429, TooManyRequests: Too many requests.`);
      expect((await apiRequests(sb)).map(line)).to.deep.equal(Array.from({ length: brief.maxAttempts }, () => `POST ${collection} 429`));
      expect(await sb.commercetools.groups()).to.deep.equal([]);
    });
  });

  describe("RevCent", () => {
    const pageOf = (r: LoggedRequest) => Number(r.query.page);

    it("refreshes adopted groups through a 503 and then a 429 throttle: every page read, the live values returned", async () => {
      const sb = await start();
      const seeded = await sb.revcent.seedGroups(Array.from({ length: 60 }, (_, i) => ({ name: `Group ${String(i + 1).padStart(2, "0")}` })));
      const adopting = await revcent(sb, patient);
      // One group on each of the three pages.
      const adopted = await Promise.all(["Group 02", "Group 30", "Group 55"].map((name) => createdGroup(adopting, { name })));
      const idOf = (name: string) => seeded.find((g) => g.name === name)!.id;
      expect(adopted.map((a) => a.id)).to.deep.equal([idOf("Group 02"), idOf("Group 30"), idOf("Group 55")]);

      for (const status of [503, 429] as const) {
        await sb.revcent.editGroup(idOf("Group 55"), { description: `Edited before the ${status} refresh` });
        await sb.revcent.setThrottle({ limit: 2, windowMs: 1000, status, retryAfterSeconds: 1 });
        await sb.clearRequests();
        // Each Pulumi command runs its own provider process (a provider may answer a burst of reads from one listing).
        const refreshing = await revcent(sb, patient);

        const reads = await Promise.all(adopted.map((a) => refreshing.read(a.id, a.outs)));

        expect(reads.map((r) => [r.id, (r.props as Props).name])).to.deep.equal([
          [idOf("Group 02"), "Group 02"],
          [idOf("Group 30"), "Group 30"],
          [idOf("Group 55"), "Group 55"],
        ]);
        expect((reads[2]!.props as Props).description).to.equal(`Edited before the ${status} refresh`);
        const requests = await sb.requests();
        const throttled = requests.filter((r) => r.faults.includes(`throttle:${status}`));
        expect(throttled.length, `the throttle refused some pages with ${status}`).to.be.at.least(1);
        expect(throttled.every((r) => r.status === status)).to.equal(true);
        // The three reads share one listing: pages 1 to 3, each served once, plus every refused attempt.
        expect(requests.every((r) => r.method === "GET" && r.path === "/v2/customer_groups")).to.equal(true);
        expect(requests.length).to.equal(3 + throttled.length);
        expect(requests.filter((r) => r.status === 200).map(pageOf)).to.deep.equal([1, 2, 3]);
      }
    });

    it("fails a refresh the throttle never lets through with an ApiError naming the 503, after the policy's attempts", async () => {
      const sb = await start();
      await sb.revcent.seedGroups([{ name: "VIP" }]);
      const { id, outs } = await createdGroup(await revcent(sb, brief), { name: "VIP" });
      await sb.revcent.setThrottle({ limit: 0, windowMs: 1000, status: 503 });
      await sb.clearRequests();
      const error = await failure((await revcent(sb, brief)).read(id, outs));
      expect(error).to.be.instanceOf(ApiError);
      expect((error as ApiError).status).to.equal(503);
      expect(error?.message).to.match(/^revcent: GET \/v2\/customer_groups failed, HTTP 503, server_error: Service unavailable\. \(correlation id \w+\)$/);
      expect((await sb.requests()).map(line)).to.deep.equal(Array.from({ length: brief.maxAttempts }, () => "GET /v2/customer_groups 503"));
    });
  });
});
