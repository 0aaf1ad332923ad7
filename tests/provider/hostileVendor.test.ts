// Provider tests against a vendor that misbehaves (a local server): an answer sent one byte at a time, a body without
// end, paging that never ends or repeats, a 200 that is not JSON, is empty, is an error or a group without an id. Every
// call ends with an error naming the vendor and the request, and memory stays bounded.

import { expect } from "chai";
import { exportGroups } from "../../cli/export";
import { BigCommerceClient } from "../../provider/bigcommerce/client";
import { customerGroupAdapter as bigcommerceBackend } from "../../provider/bigcommerce/customerGroup";
import { CommercetoolsClient } from "../../provider/commercetools/client";
import { RevCentClient } from "../../provider/revcent/client";
import { collectMembers } from "../../provider/revcent/members";
import { ApiError } from "../../provider/http/errors";
import { maxListedItems } from "../../provider/http/shape";
import { drip, endless, HostileServer, json, startHostileServer } from "../helpers/hostileServer";
import { checkedInputs } from "../helpers/lifecycle";
import { configuredProvider, failure } from "../helpers/provider";

const fast = { backoff: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 10, maxElapsedMs: 5_000 } };

/** The ApiError a call rejects with; fails the test when it resolves or rejects with something else. */
async function refusal(call: Promise<unknown>): Promise<ApiError> {
  const error = await failure(call);
  expect(error, "the call should have failed").to.be.instanceOf(ApiError);
  return error as ApiError;
}

/** The largest growth of the process's resident memory while `call` runs, in MB. */
async function peakGrowthMb<T>(call: () => Promise<T>): Promise<number> {
  const start = process.memoryUsage().rss;
  let peak = start;
  const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  try {
    await call().catch(() => undefined);
  } finally {
    clearInterval(sample);
  }
  return (Math.max(peak, process.memoryUsage().rss) - start) / 1e6;
}

describe("a misbehaving vendor: every call ends with an error naming the request, in bounded memory", function () {
  this.timeout(30_000);
  let server: HostileServer;
  const bigcommerce = (options: object = {}) =>
    new BigCommerceClient({ storeHash: "s1", accessToken: "t-123456", apiUrl: server.url }, { ...fast, ...options });
  const commercetools = (options: object = {}) =>
    new CommercetoolsClient(
      { projectKey: "p1", clientId: "c", clientSecret: "secret-123456", scopes: "manage_customer_groups:p1", apiUrl: server.url, authUrl: server.url },
      { ...fast, ...options },
    );
  const revcent = () => new RevCentClient({ apiKey: "key-123456", apiUrl: server.url }, fast);
  /** commercetools' token endpoint answers; every other request goes to `then`. */
  const withToken =
    (then: Parameters<HostileServer["handle"]>[0]): Parameters<HostileServer["handle"]>[0] =>
    (request, response, url) =>
      url.pathname === "/oauth/token" ? json(response, 200, { access_token: "token-123456", expires_in: 3600 }) : then(request, response, url);
  const ctGroup = (i: number) => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    version: 1,
    name: `G${i}`,
    createdAt: "",
    lastModifiedAt: "",
  });

  before(async () => (server = await startHostileServer()));
  after(() => server.close());
  beforeEach(() => (server.requests.length = 0));

  describe("time and size", () => {
    it("an answer sent one byte at a time ends at the deadline of the whole exchange (timeoutSeconds), retried once as a read", async () => {
      server.handle((_, response) => drip(response, 50));
      const error = await refusal(bigcommerce({ timeoutMs: 400 }).get(7));
      expect(error.message).to.equal(
        "bigcommerce: GET /stores/s1/v2/customer_groups/7 failed, ETIMEDOUT: no response from " + `${server.url} (no complete answer within 0.4 s)`,
      );
      expect(server.requests).to.deep.equal(["GET /stores/s1/v2/customer_groups/7", "GET /stores/s1/v2/customer_groups/7"]);
    });

    it("a body without end is cut at 32 MiB and refused, not retried; the process grows by less than 256 MB", async () => {
      server.handle(withToken((_, response) => endless(response)));
      let error: ApiError | undefined;
      const growth = await peakGrowthMb(async () => (error = await refusal(commercetools({ timeoutMs: 20_000 }).listAll())));
      expect(error!.message).to.equal(
        "commercetools: GET /p1/customer-groups failed, AnswerTooLarge: the answer is larger than 32 MiB; nothing of it was used",
      );
      expect(server.requests.filter((r) => !r.startsWith("POST /oauth"))).to.have.length(1);
      expect(growth).to.be.below(256);
    });
  });

  describe("a 200 that is not what the reference describes", () => {
    it("an HTML page: the error names the vendor, the request and quotes the page", async () => {
      server.handle((_, response) =>
        response.writeHead(200, { "Content-Type": "text/html" }).end("<html><body>\n<h1>Service temporarily unavailable</h1></body></html>"),
      );
      const error = await refusal(bigcommerce().list());
      expect(error.message).to.equal(
        "bigcommerce: GET /stores/s1/v2/customer_groups failed, HTTP 200, UnexpectedAnswer: the answer is not what bigcommerce's API reference describes: " +
          "the body is not JSON: '<html><body> <h1>Service temporarily unavailable</h1></body></html>'",
      );
    });

    it("an empty body, an error object, a group without an id, an id of the wrong type", async () => {
      const cases: [unknown, string][] = [
        [undefined, "the body is empty, not a customer group"],
        [{ statusCode: 500, message: "internal" }, "id is missing"],
        [{ name: "Gold", version: 3 }, "id is missing"],
        [{ id: 42, version: 3, name: "Gold" }, "id is a number, not an id"],
        [{ id: "g1", version: "3", name: "Gold" }, "version is text, not a version"],
      ];
      for (const [body, problem] of cases) {
        server.handle(withToken((_, response) => (body === undefined ? response.writeHead(200).end() : json(response, 200, body))));
        const error = await refusal(commercetools().getById("g1"));
        expect(error.message).to.equal(
          `commercetools: GET /p1/customer-groups/g1 failed, HTTP 200, UnexpectedAnswer: the answer is not what commercetools' API reference describes: ${problem}`,
        );
      }
      server.handle((_, response) => json(response, 200, [{ id: 1, name: "A" }, { name: "B" }]));
      expect((await refusal(bigcommerce().list())).message).to.match(/describes: page\[1\]\.id is missing$/);
      server.handle((_, response) => json(response, 200, { meta: {} }));
      expect((await refusal(bigcommerce().countCustomers(1))).message).to.match(/describes: the body has no meta\.pagination \(it is an object\)$/);
    });

    it("through the provider: a create answered with a group without an id is looked up, not recorded, and fails naming the request", async () => {
      server.handle((request, response) => (request.method === "POST" ? json(response, 200, { name: "Gold" }) : json(response, 200, [])));
      const config = { "bigcommerce:storeHash": "s1", "bigcommerce:accessToken": "t-123456", "bigcommerce:apiUrl": server.url };
      const provider = await configuredProvider((stack) => bigcommerceBackend(stack, fast, {}), config);
      const inputs = await checkedInputs(provider, { name: "Gold" });
      const error = await failure(provider.create(inputs));
      expect(error?.message).to.match(/^bigcommerce: POST \/stores\/s1\/v2\/customer_groups failed, HTTP 200, UnexpectedAnswer: .*describes: id is missing/);
      // Each answer was lost as far as the provider knows: looked up by name (not found) before the create was sent again,
      // four creates in all (the lifecycle's createRetry); nothing was recorded.
      const create = "POST /stores/s1/v2/customer_groups";
      const lookup = "GET /stores/s1/v2/customer_groups?name=Gold&page=1&limit=250";
      expect(server.requests).to.deep.equal([create, lookup, create, lookup, create, lookup, create]);
    });
  });

  describe("paging that never ends or repeats", () => {
    it("commercetools: a total beyond what is listed is refused on the first page; a repeated page on the second", async () => {
      server.handle(withToken((_, response) => json(response, 200, { limit: 500, count: 500, offset: 0, total: 1e12, results: [ctGroup(1)] })));
      expect((await refusal(commercetools().listAll())).message).to.match(
        new RegExp(`describes: the project says it holds 1000000000000 customer groups; the provider lists at most ${maxListedItems}$`),
      );
      expect(server.requests.filter((r) => r.startsWith("GET"))).to.have.length(1);
      server.requests.length = 0;
      const page = Array.from({ length: 2 }, (_, i) => ctGroup(i + 1));
      server.handle(withToken((_, response) => json(response, 200, { limit: 2, count: 2, offset: 0, total: 5, results: page })));
      expect((await refusal(commercetools({ pageSize: 2 }).listAll())).message).to.match(
        /describes: a page answered groups out of id order .*: a page was repeated$/,
      );
      expect(server.requests.filter((r) => r.startsWith("GET"))).to.have.length(2);
    });

    it("BigCommerce: a repeated page is refused; full pages without end stop at the most the provider lists", async () => {
      server.handle((_, response) =>
        json(response, 200, [
          { id: 1, name: "A" },
          { id: 2, name: "B" },
        ]),
      );
      expect((await refusal(bigcommerce({ pageSize: 2 }).list())).message).to.match(/describes: group 1 was answered again on page 2: a page was repeated$/);
      let next = 0;
      server.handle((_, response) =>
        json(
          response,
          200,
          Array.from({ length: 250 }, () => ({ id: ++next, name: `G${next}` })),
        ),
      );
      server.requests.length = 0;
      const growth = await peakGrowthMb(async () => {
        const error = await refusal(bigcommerce().list());
        expect(error.message).to.match(new RegExp(`describes: the store answered more than ${maxListedItems} groups, the most the provider lists$`));
      });
      expect(server.requests).to.have.length(maxListedItems / 250 + 1);
      expect(growth).to.be.below(256);
    });

    it("RevCent: total_pages of 1e9 is refused on the first page; pages stop at the first page's total_pages whatever later pages say", async () => {
      const envelope = (page: number, totalPages: number, results: unknown[], more: object = {}) => ({
        code: 1,
        current_page: page,
        total_pages: totalPages,
        results,
        ...more,
      });
      server.handle((_, response) => json(response, 200, envelope(0, 1e9, [{ id: "a", name: "A" }])));
      expect((await refusal(revcent().listGroups())).message).to.match(
        /describes: total_pages is 1000000000; the provider reads at most 2000 pages \(50000 items\)$/,
      );
      expect(server.requests).to.have.length(1);
      server.handle((_, response) => json(response, 200, envelope(1, 3, [{ id: "a", name: "A" }], { total_count: 1 })));
      expect((await refusal(revcent().listGroups(true))).message).to.match(/describes: total_pages 3 does not fit total_count 1 at 25 a page$/);
      // current_page stuck at 0 and total_pages growing with each page: three pages, as the first said.
      let served = 0;
      server.handle((_, response) => {
        served++;
        json(
          response,
          200,
          envelope(
            0,
            2 + served,
            Array.from({ length: 25 }, (_, i) => ({ id: `${served}-${i}`, name: `G${served}-${i}` })),
          ),
        );
      });
      server.requests.length = 0;
      expect((await revcent().listGroups(true)).groups).to.have.length(75);
      expect(server.requests).to.have.length(3);
      server.handle((_, response) => json(response, 200, envelope(1, 2, [{ id: "a", name: "A" }])));
      expect((await refusal(revcent().listGroups(true))).message).to.match(/describes: group 'a' was answered again on page 2: a page was repeated$/);
    });

    it("RevCent members: the same bounds, and a result that is not a customer is refused", async () => {
      const client = revcent();
      const args = { customerGroupId: "g1", dateStart: new Date("2026-01-01"), dateEnd: new Date("2026-01-02") };
      server.handle((_, response) => json(response, 200, { code: 1, current_page: 1, total_pages: 1e9, results: [{ id: "c1" }] }));
      expect((await refusal(collectMembers((q, p) => client.customers(q, p), args))).message).to.match(/GET \/v2\/customers .*total_pages is 1000000000/);
      server.handle((_, response) => json(response, 200, { code: 1, current_page: 1, total_pages: 1, results: ["c1"] }));
      expect((await refusal(collectMembers((q, p) => client.customers(q, p), args))).message).to.match(/describes: results\[0\] is text, not a customer$/);
    });
  });

  it("export of a store that answers a 200 HTML page fails naming the request, and makes no file", async () => {
    server.handle((_, response) => response.writeHead(200, { "Content-Type": "text/html" }).end("<h1>Service temporarily unavailable</h1>"));
    const env = { BIGCOMMERCE_STORE_HASH: "s1", BIGCOMMERCE_ACCESS_TOKEN: "t-123456", BIGCOMMERCE_API_URL: server.url };
    const error = await refusal(exportGroups({ backend: "bigcommerce", stack: () => undefined, env, clientOptions: fast }));
    expect(error.message).to.equal(
      "bigcommerce: GET /stores/s1/v2/customer_groups failed, HTTP 200, UnexpectedAnswer: the answer is not what bigcommerce's API reference describes: " +
        "the body is not JSON: '<h1>Service temporarily unavailable</h1>'",
    );
  });
});
