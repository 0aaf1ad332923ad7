// End-to-end: named connections through the real engine, against two sandboxes (two commercetools projects, two
// BigCommerce stores): groups land where declared, moves between connections, a missing connection, no secret in the state.

import fs from "node:fs";
import path from "node:path";
import { expect } from "chai";
import { Stack } from "@pulumi/pulumi/automation";
import { Sandbox, startSandbox } from "../../sandbox";
import { declare, Declared, newStack, TestStack } from "./harness";

const secrets = { eu: "eu-secret-61c0a9", us: "us-secret-2e77d4", uk: "uk-token-90b1f3", usStore: "us-token-44d8e2" };

describe("e2e: named connections through the Pulumi engine", function () {
  this.timeout(300_000);
  let eu: Sandbox;
  let us: Sandbox;
  let test: TestStack;
  let stack: Stack;
  let program: Declared;

  const writes = async (s: Sandbox) => (await s.requests()).filter((r) => r.method !== "GET" && r.path !== "/oauth/token");
  const names = async (s: Sandbox) => ({
    commercetools: (await s.commercetools.groups()).map((g) => g.name).sort(),
    bigcommerce: (await s.bigcommerce.groups()).map((g) => g.name).sort(),
  });
  const clear = async () => {
    await eu.clearRequests();
    await us.clearRequests();
  };

  before(async () => {
    eu = await startSandbox({
      commercetools: { projectKey: "shop-eu", clientId: "eu-client", clientSecret: secrets.eu },
      bigcommerce: { storeHash: "store-uk", accessToken: secrets.uk },
    });
    us = await startSandbox({
      commercetools: { projectKey: "shop-us", clientId: "us-client", clientSecret: secrets.us },
      bigcommerce: { storeHash: "store-us", accessToken: secrets.usStore },
    });
    // The default settings reach the EU project, as the stack did before it named connections.
    test = await newStack("connections", {
      "commercetools:projectKey": { value: "shop-eu" },
      "commercetools:clientId": { value: "eu-client" },
      "commercetools:clientSecret": { value: secrets.eu, secret: true },
      "commercetools:apiUrl": { value: eu.url },
      "commercetools:authUrl": { value: eu.url },
    });
    stack = test.stack;
    const ct = (name: string, s: Sandbox, secret: string) => ({
      [`commercetools:connections.${name}.projectKey`]: { value: s.config.commercetools.projectKey },
      [`commercetools:connections.${name}.clientId`]: { value: s.config.commercetools.clientId },
      [`commercetools:connections.${name}.clientSecret`]: { value: secret, secret: true },
      [`commercetools:connections.${name}.apiUrl`]: { value: s.url },
      [`commercetools:connections.${name}.authUrl`]: { value: s.url },
    });
    const bc = (name: string, s: Sandbox, token: string) => ({
      [`bigcommerce:connections.${name}.storeHash`]: { value: s.config.bigcommerce.storeHash },
      [`bigcommerce:connections.${name}.accessToken`]: { value: token, secret: true },
      [`bigcommerce:connections.${name}.apiUrl`]: { value: s.url },
    });
    await stack.setAllConfig({ ...ct("eu", eu, secrets.eu), ...ct("us", us, secrets.us), ...bc("uk", eu, secrets.uk), ...bc("us", us, secrets.usStore) }, true);
    program = {
      gold: { backend: "commercetools", args: { name: "Gold", key: "gold" } },
      "gold-us": { backend: "commercetools", args: { connection: "us", name: "Gold", key: "gold" } },
      students: { backend: "commercetools", args: { connection: "eu", name: "Students" } },
      "wholesale-uk": { backend: "bigcommerce", args: { connection: "uk", name: "Wholesale", discountRules: [{ type: "all", method: "percent", amount: 5 }] } },
      "wholesale-us": { backend: "bigcommerce", args: { connection: "us", name: "Wholesale" } },
    };
    await declare(stack, program);
  });
  after(async () => {
    await test?.remove();
    await eu?.close();
    await us?.close();
  });

  it("up puts each group in the project or store of its connection; a preview right after shows no change", async () => {
    const up = await stack.up();
    expect(up.summary.resourceChanges).to.deep.include({ create: 6 });
    expect(await names(eu)).to.deep.equal({ commercetools: ["Gold", "Students"], bigcommerce: ["Wholesale"] });
    expect(await names(us)).to.deep.equal({ commercetools: ["Gold"], bigcommerce: ["Wholesale"] });
    expect((await stack.preview()).changeSummary).to.deep.equal({ same: 6 });
  });

  it("a group moved from the default settings to a named connection of the same project is kept, not replaced", async () => {
    program = { ...program, gold: { backend: "commercetools", args: { connection: "eu", name: "Gold", key: "gold" } } };
    await declare(stack, program);
    const preview = await stack.preview({ diff: true });
    expect(preview.changeSummary).to.deep.equal({ same: 5, update: 1 });
    await clear();
    await stack.up();
    expect([...(await writes(eu)), ...(await writes(us))]).to.deep.equal([]);
    expect((await stack.preview({ refresh: true })).changeSummary).to.deep.equal({ same: 6 });
  });

  it("a group moved to another project's connection is replaced: created there, deleted in the old project", async () => {
    program = { ...program, students: { backend: "commercetools", args: { connection: "us", name: "Students" } } };
    await declare(stack, program);
    const preview = await stack.preview({ diff: true });
    expect(preview.changeSummary).to.deep.equal({ same: 5, replace: 1 });
    await clear();
    await stack.up();
    expect((await writes(eu)).map((r) => r.method)).to.deep.equal(["DELETE"]);
    expect((await writes(us)).map((r) => `${r.method} ${r.path}`)).to.deep.equal(["POST /shop-us/customer-groups"]);
    expect(await names(eu)).to.deep.include({ commercetools: ["Gold"] });
    expect(await names(us)).to.deep.include({ commercetools: ["Gold", "Students"] });
    expect((await stack.preview({ refresh: true })).changeSummary).to.deep.equal({ same: 6 });
  });

  it("a connection that is not configured fails the preview with what to set, before any request", async () => {
    await declare(stack, { ...program, "gold-apac": { backend: "commercetools", args: { connection: "apac", name: "Gold", key: "gold" } } });
    await clear();
    const error = await stack.preview().then(
      () => undefined,
      (e: Error) => e,
    );
    expect(String(error)).to.include("gold-apac");
    expect(String(error)).to.include("commercetools connection 'apac' is not configured.");
    expect(String(error)).to.include("Missing settings of 'apac':");
    expect(String(error)).to.include("- commercetools:connections.apac.projectKey");
    expect(String(error)).to.include(
      "`pulumi config set --secret --path commercetools:connections.apac.clientSecret <value>`, or the environment variable CTP_CLIENT_SECRET_APAC",
    );
    expect(String(error)).to.include("Configured commercetools connections: (the default, without `connection`), eu, us.");
    expect([...(await eu.requests()), ...(await us.requests())]).to.deep.equal([]);
    await declare(stack, program);
  });

  it("keeps every connection's secrets out of the state file", async () => {
    const state = fs.readFileSync(path.join(test.stateDir, ".pulumi/stacks/e2e-customer-groups/connections.json"), "utf8");
    for (const secret of Object.values(secrets)) expect(state).to.not.include(secret);
    const resources = (JSON.parse(state).checkpoint.latest.resources as { urn: string; outputs?: Record<string, unknown> }[]).filter((r) =>
      r.urn.includes("CustomerGroup::"),
    );
    const recorded = Object.fromEntries(
      resources.map((r) => [r.urn.split("::").pop(), [r.outputs?.connection, r.outputs?.projectKey ?? r.outputs?.storeHash]]),
    );
    expect(recorded).to.deep.equal({
      gold: ["eu", "shop-eu"],
      "gold-us": ["us", "shop-us"],
      students: ["us", "shop-us"],
      "wholesale-uk": ["uk", "store-uk"],
      "wholesale-us": ["us", "store-us"],
    });
  });

  it("destroy removes every group from every project and store", async () => {
    await stack.destroy();
    for (const s of [eu, us]) expect(await names(s)).to.deep.equal({ commercetools: [], bigcommerce: [] });
  });
});
