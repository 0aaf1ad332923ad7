// Provider tests at the scale of real projects: 1,000 commercetools groups (a project at its limit; the platform's default
// is 10,000 since May 2024) and 600 BigCommerce groups, seeded in one admin request each. Adoption by name, the look-up after a lost create and `export`
// find a group on any page, and each costs the requests counted here.

import { expect } from "chai";
import { exportGroups } from "../../cli/export";
import { customerGroupAdapter as commercetoolsBackend } from "../../provider/commercetools/customerGroup";
import { customerGroupAdapter as bigcommerceBackend } from "../../provider/bigcommerce/customerGroup";
import { startSandbox, type LoggedRequest, type Sandbox } from "../../sandbox";
import { checkedInputs } from "../helpers/lifecycle";
import { sandboxConfig } from "../helpers/sandboxConfig";
import { configuredProvider, failure, Props, Provider, warningsOf } from "../helpers/provider";

const fast = { backoff: { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 20, maxElapsedMs: 5000 } };

interface Case {
  backend: "commercetools" | "bigcommerce";
  /** Groups seeded before the tests; the last one is then created by the provider. */
  seeded: number;
  pageSize: number;
  seed(sandbox: Sandbox, count: number): Promise<unknown[]>;
  config(sandbox: Sandbox): Record<string, string>;
  provider(config: Record<string, string>): Promise<Provider>;
  names(sandbox: Sandbox): Promise<string[]>;
}

const cases: Case[] = [
  {
    backend: "commercetools",
    seeded: 999,
    pageSize: 500,
    seed: (sandbox, count) => sandbox.commercetools.seedGroups({ count }),
    config: (sandbox) => sandboxConfig(sandbox, "commercetools"),
    provider: (config) => configuredProvider((stack) => commercetoolsBackend(stack, fast, {}), config),
    names: async (sandbox) => (await sandbox.commercetools.groups()).map((g) => g.name),
  },
  {
    backend: "bigcommerce",
    seeded: 600,
    pageSize: 250,
    seed: (sandbox, count) => sandbox.bigcommerce.seedGroups({ count }),
    config: (sandbox) => sandboxConfig(sandbox, "bigcommerce"),
    provider: (config) => configuredProvider((stack) => bigcommerceBackend(stack, fast, {}), config),
    names: async (sandbox) => (await sandbox.bigcommerce.groups()).map((g) => g.name),
  },
];

for (const c of cases) {
  describe(`${c.backend} at ${c.seeded + 1} groups`, function () {
    this.timeout(60_000);
    let sandbox: Sandbox;
    let config: Record<string, string>;
    const all = Array.from({ length: c.seeded }, (_, i) => `Group ${i + 1}`);

    before(async () => {
      // A commercetools project with the limit of 1,000 groups it had before May 2024, so that the limit is reached quickly.
      sandbox = await startSandbox({ commercetools: { maxGroups: 1000 }, bigcommerce: { rateLimit: { quota: 1_000_000 } } });
      // One admin request for all of them.
      expect(await c.seed(sandbox, c.seeded)).to.have.length(c.seeded);
      config = c.config(sandbox);
    });
    after(() => sandbox.close());

    const vendorRequests = async (): Promise<LoggedRequest[]> => (await sandbox.requests()).filter((r) => r.vendor === c.backend && r.path !== "/oauth/token");
    const adopt = async (provider: Provider, name: string) => (await provider.create(await checkedInputs(provider, { name, adopt: true }))).outs as Props;

    it("adopts by name a group anywhere in the store, alone: one GET each", async () => {
      for (const name of ["Group 1", `Group ${Math.ceil(c.seeded / 2)}`, `Group ${c.seeded}`]) {
        const provider = await c.provider(config);
        await sandbox.clearRequests();
        expect((await adopt(provider, name)).name).to.equal(name);
        expect((await vendorRequests()).map((r) => r.method)).to.deep.equal(["GET"]);
      }
    });

    it(`adopts all ${c.seeded} together, each the right group, in at most ceil(${c.seeded} / ${c.pageSize}) + 1 GETs`, async () => {
      const provider = await c.provider(config);
      await sandbox.clearRequests();
      const adopted = await Promise.all(all.map((name) => adopt(provider, name)));
      expect(adopted.map((g) => g.name)).to.deep.equal(all);
      const sent = await vendorRequests();
      expect(sent.every((r) => r.method === "GET")).to.equal(true);
      expect(sent.length).to.be.at.most(Math.ceil(c.seeded / c.pageSize) + 1);
      console.log(`      ${c.backend}: ${c.seeded} adoptions together: ${sent.length} GETs`);
    });

    it(`exports all ${c.seeded} groups, each once, in ceil(${c.seeded} / ${c.pageSize}) GETs`, async () => {
      await sandbox.clearRequests();
      const exported = await exportGroups({ backend: c.backend, stack: (k) => config[k], env: {} });
      expect(exported.count).to.equal(c.seeded);
      const names = [...exported.text.matchAll(/^ {4}name: (.+)$/gm)].map((m) => m[1].replace(/^"|"$/g, ""));
      expect(names.sort()).to.deep.equal([...all].sort());
      expect((await vendorRequests()).length).to.equal(Math.ceil(c.seeded / c.pageSize));
    });

    it(`finds group number ${c.seeded + 1} after a create whose answer was lost, instead of creating it twice`, async () => {
      const provider = await c.provider(config);
      const name = `Group ${c.seeded + 1}`;
      await sandbox.injectFault({ vendor: c.backend, method: "POST", dropResponseAfterCommit: true });
      await sandbox.clearRequests();
      const { result } = await warningsOf(async () => provider.create(await checkedInputs(provider, { name })));
      expect((result.outs as Props).name).to.equal(name);
      expect((await vendorRequests()).map((r) => `${r.method} ${r.status}`)).to.deep.equal(["POST 201", "GET 200"]);
      const names = await c.names(sandbox);
      expect(names).to.have.length(c.seeded + 1);
      expect(names.filter((n) => n === name)).to.have.length(1);
    });

    if (c.backend === "commercetools") {
      it("refuses the 1,001st group with the platform's limit, clearly", async () => {
        const provider = await c.provider(config);
        const e = await failure(provider.create(await checkedInputs(provider, { name: "One too many" })));
        expect(e?.message).to.include("MaxResourceLimitExceeded");
        expect(e?.message).to.include("limit of 1000");
        expect(await c.names(sandbox)).to.have.length(1000);
      });
    }
  });
}
