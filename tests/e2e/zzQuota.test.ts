import { startSandbox } from "../../sandbox";
import { declare, newStack } from "./harness";

describe("scratch quota run", function () {
  this.timeout(900_000);
  it("300 BC creates at --parallel 32 under 150/30s", async () => {
    const sandbox = await startSandbox({ bigcommerce: { rateLimit: { quota: 150, windowMs: 30_000 } } });
    const test = await newStack("quota", {
      "bigcommerce:storeHash": { value: sandbox.config.bigcommerce.storeHash },
      "bigcommerce:accessToken": { value: sandbox.config.bigcommerce.accessToken, secret: true },
      "bigcommerce:apiUrl": { value: sandbox.url },
    });
    await declare(test.stack, Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`g${i}`, { backend: "bigcommerce", args: { name: `Group ${i}` } }])) as never);
    await sandbox.clearRequests();
    const t0 = Date.now();
    const up = await test.stack.up({ parallel: 32 });
    const wall = Date.now() - t0;
    const log = (await sandbox.requests()).filter((r) => r.vendor === "bigcommerce");
    const times = log.map((r) => Date.parse(r.time));
    const span = Math.max(...times) - Math.min(...times);
    console.log(JSON.stringify({ wall, span, requests: log.length, r429: log.filter((r) => r.status === 429).length, summary: up.summary.resourceChanges, ratio: span / 30000 }));
    await sandbox.bigcommerce.setRateLimit({ quota: 1000000 });
    await test.stack.destroy();
    await test.remove();
    await sandbox.close();
  });
});
