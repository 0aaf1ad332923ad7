// End-to-end: each example project, installed the way a user installs it, runs through the engine against the sandbox.

import { expect } from "chai";
import { Sandbox, startSandbox } from "../../sandbox";
import { installProject, newStack, TestStack } from "./harness";

describe("e2e: the examples work as documented", function () {
  this.timeout(300_000);
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox();
  });
  after(() => sandbox?.close());

  const examples: { name: string; config: () => Record<string, { value: string; secret?: boolean }>; groups: () => Promise<string[]> }[] = [
    {
      name: "commercetools",
      config: () => ({
        "commercetools:projectKey": { value: sandbox.config.commercetools.projectKey },
        "commercetools:clientId": { value: sandbox.config.commercetools.clientId },
        "commercetools:clientSecret": { value: sandbox.config.commercetools.clientSecret, secret: true },
        "commercetools:apiUrl": { value: sandbox.url },
        "commercetools:authUrl": { value: sandbox.url },
      }),
      groups: async () => (await sandbox.commercetools.groups()).map((g) => g.name).sort(),
    },
    {
      name: "bigcommerce",
      config: () => ({
        "bigcommerce:storeHash": { value: sandbox.config.bigcommerce.storeHash },
        "bigcommerce:accessToken": { value: sandbox.config.bigcommerce.accessToken, secret: true },
        "bigcommerce:apiUrl": { value: sandbox.url },
      }),
      groups: async () => (await sandbox.bigcommerce.groups()).map((g) => g.name).sort(),
    },
  ];

  for (const example of examples) {
    it(`examples/${example.name}: up, a no-op preview after a refresh, destroy`, async () => {
      let test: TestStack | undefined;
      try {
        test = await newStack("example", example.config(), installProject({ example: example.name }));
        const up = await test.stack.up();
        expect(up.summary.result).to.equal("succeeded");
        expect((await example.groups()).length).to.equal((up.summary.resourceChanges?.create ?? 0) - 1);
        expect((await test.stack.preview({ refresh: true })).changeSummary).to.not.have.any.keys("create", "update", "delete", "replace");
        await test.stack.destroy();
        expect(await example.groups()).to.deep.equal([]);
      } finally {
        await test?.remove();
      }
    });
  }
});
