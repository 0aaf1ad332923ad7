// Provider tests: tokens that expire mid-run and credentials revoked, against the sandbox over HTTP: one new commercetools
// token for a whole run, a 401 on a write sent once more, and a revoked BigCommerce token or RevCent key failing at once.

import { expect } from "chai";
import { customerGroupAdapter as commercetoolsBackend } from "../../provider/commercetools/customerGroup";
import { customerGroupAdapter as bigcommerceBackend } from "../../provider/bigcommerce/customerGroup";
import { customerGroupAdapter as revcentBackend } from "../../provider/revcent/customerGroup";
import { startSandbox, type Sandbox } from "../../sandbox";
import { checkedInputs, createdGroup } from "../helpers/lifecycle";
import { configuredProvider, failure, Props, Provider } from "../helpers/provider";
import { RecordedRequest, RecordingProxy, startRecordingProxy } from "../helpers/recordingProxy";

const fast = { backoff: { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 20, maxElapsedMs: 5000 } };

describe("tokens that expire and credentials that change", function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let proxy: RecordingProxy;
  beforeEach(async () => {
    sandbox = await startSandbox({ bigcommerce: { rateLimit: { quota: 1_000_000 } } });
    proxy = await startRecordingProxy(sandbox.url);
  });
  afterEach(async () => {
    await proxy.close();
    await sandbox.close();
  });

  describe("commercetools", () => {
    let provider: Provider;
    beforeEach(async () => {
      const ct = sandbox.config.commercetools;
      provider = await configuredProvider((stack) => commercetoolsBackend(stack, fast, {}), {
        "commercetools:projectKey": ct.projectKey,
        "commercetools:clientId": ct.clientId,
        "commercetools:clientSecret": ct.clientSecret,
        // A proxy of its own per test, so that no token cached by an earlier test is used.
        "commercetools:apiUrl": proxy.url,
        "commercetools:authUrl": proxy.url,
      });
    });
    const tokenRequests = () => proxy.requests.filter((r) => r.path === "/oauth/token");
    const creates = () => proxy.requests.filter((r) => r.method === "POST" && r.path.endsWith("/customer-groups"));

    it("a run of 200 creates whose token expires midway finishes, with one new token, each refused create sent once more", async () => {
      const names = Array.from({ length: 200 }, (_, i) => `Token ${String(i).padStart(3, "0")}`);
      const inputs = await Promise.all(names.map((name) => checkedInputs(provider, { name })));
      let seen = 0;
      proxy.beforeForward = async (request: RecordedRequest) => {
        // The token expires when the 100th create arrives: it and every create after it carry a token the platform refuses.
        if (request.method === "POST" && request.path.endsWith("/customer-groups") && ++seen === 100) await sandbox.commercetools.revokeTokens();
      };

      const created = await Promise.all(inputs.map((i) => provider.create(i)));

      expect(created.map((c) => (c.outs as Props).name)).to.deep.equal(names);
      expect((await sandbox.commercetools.groups()).map((g) => g.name).sort()).to.deep.equal(names);
      expect(tokenRequests().map((r) => r.status)).to.deep.equal([200, 200]);
      const refused = creates().filter((r) => r.status === 401);
      expect(refused.length, "creates refused with the expired token").to.be.at.least(1);
      expect(creates().filter((r) => r.status === 201)).to.have.length(200);
      expect(creates()).to.have.length(200 + refused.length);
      console.log(`      200 creates: ${refused.length} refused with the expired token and sent again; ${tokenRequests().length} token requests`);
    });

    it("a 401 on an update or a delete is sent once more with a new token, and applied once", async () => {
      const { id, outs, inputs } = await createdGroup(provider, { name: "Renewed" });
      await sandbox.commercetools.revokeTokens();
      const updated = await provider.update(id, outs, { ...inputs, name: "Renewed again" });
      expect((updated.outs as Props).version).to.equal(2);
      await sandbox.commercetools.revokeTokens();
      await provider.delete(id, updated.outs as Props);
      const writes = proxy.requests.filter((r) => r.method !== "GET" && r.path !== "/oauth/token").map((r) => `${r.method} ${r.status}`);
      expect(writes).to.deep.equal(["POST 201", "POST 401", "POST 200", "DELETE 401", "DELETE 200"]);
      // Three of its own, and one for view_customers, with which the delete counts the group's customers first.
      expect(tokenRequests()).to.have.length(4);
      expect(await sandbox.commercetools.groups()).to.deep.equal([]);
    });

    it("a second 401 with a new token fails, naming the settings to check", async () => {
      proxy.faults.push({
        method: "POST",
        path: /\/customer-groups$/,
        times: 2,
        action: {
          respond: { status: 401, body: { statusCode: 401, message: "invalid_token", errors: [{ code: "invalid_token", message: "invalid_token" }] } },
        },
      });
      const e = await failure(createdGroup(provider, { name: "Refused" }));
      expect(e?.message).to.include("the API refused a new access token too");
      expect(e?.message).to.include("commercetools:clientId (CTP_CLIENT_ID)");
      expect(e?.message).to.include(`manage_customer_groups:${sandbox.config.commercetools.projectKey}`);
      expect(creates().map((r) => r.status)).to.deep.equal([401, 401]);
      expect(tokenRequests()).to.have.length(2);
    });
  });

  describe("a revoked BigCommerce token or RevCent key fails at once, naming the setting", () => {
    it("BigCommerce: create, read, update and delete each fail after one request", async () => {
      const bc = sandbox.config.bigcommerce;
      const settings = { "bigcommerce:storeHash": bc.storeHash, "bigcommerce:apiUrl": proxy.url };
      const good = await configuredProvider((stack) => bigcommerceBackend(stack, fast, {}), { ...settings, "bigcommerce:accessToken": bc.accessToken });
      const { id, outs, inputs } = await createdGroup(good, { name: "Kept" });
      const revoked = await configuredProvider((stack) => bigcommerceBackend(stack, fast, {}), {
        ...settings,
        "bigcommerce:accessToken": "revoked-token-value-1",
      });
      proxy.requests.length = 0;
      const errors = [
        await failure(createdGroup(revoked, { name: "New" })),
        await failure(revoked.read(id, outs)),
        await failure(revoked.update(id, outs, { ...inputs, name: "Renamed" })),
        await failure(revoked.delete(id, outs)),
      ];
      for (const e of errors) {
        expect(e?.message).to.match(/^bigcommerce: \w+ \/stores\/\w+\/v2\/customer_groups\S* failed, HTTP 401/);
        expect(e?.message).to.include("Check bigcommerce:accessToken (BIGCOMMERCE_ACCESS_TOKEN)");
        expect(e?.message).to.not.include("revoked-token-value-1");
      }
      // The delete reads the group first (it never deletes blind): that read is its one request.
      expect(proxy.requests.map((r) => `${r.method} ${r.status}`)).to.deep.equal(["POST 401", "GET 401", "GET 401", "GET 401"]);
      expect((await sandbox.bigcommerce.groups()).map((g) => g.name)).to.deep.equal(["Kept"]);
    });

    it("RevCent: an adoption and a refresh each fail after one request", async () => {
      await sandbox.revcent.seedGroups([{ name: "VIP", enabled: true, qualifier_method: "none" }] as never);
      const good = await configuredProvider((stack) => revcentBackend(stack, fast, {}), {
        "revcent:apiKey": sandbox.config.revcent.apiKey,
        "revcent:apiUrl": proxy.url,
      });
      const { id, outs } = await createdGroup(good, { name: "VIP" });
      const revoked = await configuredProvider((stack) => revcentBackend(stack, fast, {}), {
        "revcent:apiKey": "revoked-key-value-1",
        "revcent:apiUrl": proxy.url,
      });
      proxy.requests.length = 0;
      const errors = [await failure(createdGroup(revoked, { name: "VIP" })), await failure(revoked.read(id, outs))];
      for (const e of errors) {
        expect(e?.message).to.match(/^revcent: GET \/v2\/customer_groups\S* failed, HTTP 401/);
        expect(e?.message).to.include("Check revcent:apiKey (REVCENT_API_KEY)");
        expect(e?.message).to.not.include("revoked-key-value-1");
      }
      expect(proxy.requests.map((r) => `${r.method} ${r.status}`)).to.deep.equal(["GET 401", "GET 401"]);
    });
  });
});
