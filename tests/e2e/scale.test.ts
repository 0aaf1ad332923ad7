// End-to-end: at 10, 100 and 500 groups, `pulumi preview --refresh` reads each store in pages, not one request per group.

import { expect } from "chai";
import { startSandbox, Sandbox, LoggedRequest } from "../../sandbox";
import { declare, Declared, newStack, sandboxSettings, TestStack } from "./harness";

const sizes = [10, 100, 500];

interface Case {
  backend: "commercetools" | "bigcommerce" | "revcent";
  /** Groups per page of the listing the provider reads the store with. */
  pageSize: number;
  /** The program's N groups (RevCent: groups seeded in the sandbox first, adopted by name). */
  declare: (sandbox: Sandbox, n: number) => Promise<Declared>;
}

const cases: Case[] = [
  {
    backend: "commercetools",
    pageSize: 500,
    declare: async (_sandbox, n) =>
      Object.fromEntries(Array.from({ length: n }, (_, i) => [`g${i}`, { backend: "commercetools", args: { name: `Group ${i}`, key: `group-${i}` } }])),
  },
  {
    backend: "bigcommerce",
    pageSize: 250,
    declare: async (_sandbox, n) =>
      Object.fromEntries(
        Array.from({ length: n }, (_, i) => [
          `g${i}`,
          { backend: "bigcommerce", args: { name: `Group ${i}`, discountRules: [{ type: "all", method: "percent", amount: 5 }] } },
        ]),
      ),
  },
  {
    backend: "revcent",
    pageSize: 25,
    declare: async (sandbox, n) => {
      const have = (await sandbox.revcent.groups()).length;
      if (have < n) {
        const more = Array.from({ length: n - have }, (_, i) => ({ name: `Group ${have + i}`, enabled: true, qualifier_method: "none" }));
        await sandbox.revcent.seedGroups(more as never);
      }
      return Object.fromEntries(Array.from({ length: n }, (_, i) => [`g${i}`, { backend: "revcent", args: { name: `Group ${i}` } }]));
    },
  },
];

for (const c of cases) {
  describe(`e2e: ${c.backend} refresh in pages at scale`, function () {
    this.timeout(600_000);
    let sandbox: Sandbox;
    let test: TestStack;

    const vendorRequests = async (): Promise<LoggedRequest[]> => (await sandbox.requests()).filter((r) => r.vendor === c.backend && r.path !== "/oauth/token");

    before(async () => {
      // The quota is not what this measures: a store on a plan without a low limit.
      sandbox = await startSandbox({ bigcommerce: { rateLimit: { quota: 1_000_000 } } });
      test = await newStack(`scale-${c.backend}`, sandboxSettings(sandbox, c.backend));
    });
    after(async () => {
      await test?.stack.destroy().catch(() => undefined);
      await test?.remove();
      await sandbox?.close();
    });

    for (const n of sizes) {
      it(`reads ${n} groups with at most ceil(${n} / ${c.pageSize}) + 1 requests, all GETs`, async () => {
        await declare(test.stack, await c.declare(sandbox, n));
        await test.stack.up();
        await sandbox.clearRequests();
        const preview = await test.stack.preview({ refresh: true });
        expect(preview.changeSummary).to.deep.equal({ same: n + 1 });
        const sent = await vendorRequests();
        expect(sent.every((r) => r.method === "GET")).to.equal(true);
        expect(sent.length).to.be.at.most(Math.ceil(n / c.pageSize) + 1);
        console.log(`      ${c.backend}: preview --refresh of ${n} groups sent ${sent.length} requests`);
      });
    }
  });
}
