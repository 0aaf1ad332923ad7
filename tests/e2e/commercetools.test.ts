// End-to-end: commercetools customer groups through the real Pulumi engine, against the sandbox.

import fs from "node:fs";
import path from "node:path";
import { expect } from "chai";
import { Stack } from "@pulumi/pulumi/automation";
import { startSandbox, Sandbox, LoggedRequest } from "../../sandbox";
import { declare, Declared, e2eProject, newStack, repoRoot, runBin, TestStack } from "./harness";

const clientSecret = "e2e-ct-secret-7f3a9c";

describe("e2e: commercetools through the Pulumi engine", function () {
  this.timeout(240_000);
  let sandbox: Sandbox;
  let test: TestStack;
  let stack: Stack;
  const ids: Record<string, string> = {};

  const gold = {
    backend: "commercetools" as const,
    args: { name: "Gold", key: "gold", custom: { type: { key: "group-fields" }, fields: { tier: "1", vip: true, tags: ["b", "a"] } } },
  };
  const wholesale = { backend: "commercetools" as const, args: { name: "Wholesale", key: "wholesale" } };
  const students = { backend: "commercetools" as const, args: { name: "Students" } };
  let program: Declared = { gold, wholesale, students };

  const ctRequests = async (): Promise<LoggedRequest[]> => (await sandbox.requests()).filter((r) => r.vendor === "commercetools" && r.path !== "/oauth/token");
  const groupsNamed = async (name: string) => (await sandbox.commercetools.groups()).filter((g) => g.name === name);
  const refreshIds = async () => Object.assign(ids, (await stack.outputs()).ids?.value ?? {});

  before(async () => {
    sandbox = await startSandbox({ commercetools: { projectKey: "e2e-project", clientId: "e2e-client", clientSecret } });
    const ct = sandbox.config.commercetools;
    test = await newStack("ct", {
      "commercetools:projectKey": { value: ct.projectKey },
      "commercetools:clientId": { value: ct.clientId },
      "commercetools:clientSecret": { value: clientSecret, secret: true },
      "commercetools:apiUrl": { value: ct.apiUrl },
      "commercetools:authUrl": { value: ct.authUrl },
    });
    stack = test.stack;
    await declare(stack, program);
  });
  after(async () => {
    await test?.remove();
    await sandbox?.close();
  });

  it("up creates the declared groups; a preview right after shows no change", async () => {
    const up = await stack.up();
    expect(up.summary.resourceChanges).to.deep.include({ create: 4 });
    await refreshIds();
    const creates = (await ctRequests()).filter((r) => r.method === "POST" && r.path === "/e2e-project/customer-groups");
    expect(creates.map((r) => (r.body as { groupName: string }).groupName).sort()).to.deep.equal(["Gold", "Students", "Wholesale"]);
    const live = await sandbox.commercetools.getGroup(ids.gold);
    expect(live).to.deep.include({ name: "Gold", key: "gold" });
    expect(live.custom?.fields).to.deep.equal({ tier: "1", vip: true, tags: ["b", "a"] });

    const preview = await stack.preview({ diff: true });
    expect(preview.changeSummary).to.deep.equal({ same: 4 });
  });

  it("a changed field shows as exactly that change, and up sends one update request for it", async () => {
    program = {
      ...program,
      gold: { ...gold, args: { ...gold.args, custom: { type: { key: "group-fields" }, fields: { tier: "2", vip: true, tags: ["a", "b"] } } } },
    };
    await declare(stack, program);
    const preview = await stack.preview({ diff: true });
    expect(preview.changeSummary).to.deep.equal({ same: 3, update: 1 });
    expect(preview.stdout).to.match(/tier\s*:\s*"1" => "2"/);
    await sandbox.clearRequests();
    await stack.up();
    const sent = await ctRequests();
    // The changed custom fields are checked against their type first: one read of the type for the run.
    expect(sent.map((r) => `${r.method} ${r.path}`)).to.deep.equal([
      "GET /e2e-project/types/key=group-fields",
      `POST /e2e-project/customer-groups/${ids.gold}`,
    ]);
    expect((sent[1].body as { actions: unknown[] }).actions).to.deep.equal([{ action: "setCustomField", name: "tier", value: "2" }]);
    expect((await sandbox.commercetools.getGroup(ids.gold)).custom?.fields.tier).to.equal("2");
  });

  it("preview --refresh shows a change made in the admin UI; up --refresh converges it and recreates a deleted group", async () => {
    await sandbox.commercetools.editGroup(ids.wholesale, { name: "Wholesale (edited in UI)" });
    await sandbox.commercetools.deleteGroup(ids.students);
    const plain = await stack.preview();
    expect(plain.changeSummary, "without refresh the engine cannot know").to.deep.equal({ same: 4 });

    const drift = await stack.preview({ refresh: true, diff: true });
    expect(drift.changeSummary).to.deep.include({ update: 1, create: 1 });
    expect(drift.stdout).to.include('"Wholesale (edited in UI)" => "Wholesale"');

    await stack.up({ refresh: true });
    await refreshIds();
    expect((await sandbox.commercetools.getGroup(ids.wholesale)).name).to.equal("Wholesale");
    expect(await groupsNamed("Students")).to.have.length(1);
    expect((await stack.preview({ refresh: true })).changeSummary).to.deep.equal({ same: 4 });
  });

  it("adopts an existing group with adopt: true, without a duplicate, and then shows no change", async () => {
    const existing = await sandbox.commercetools.createGroup({ groupName: "Partners (old)", key: "partners" });
    program = { ...program, partners: { backend: "commercetools", args: { name: "Partners", key: "partners", adopt: true } } };
    await declare(stack, program);
    await sandbox.clearRequests();
    await stack.up();
    await refreshIds();
    expect(ids.partners).to.equal(existing.id);
    const sent = await ctRequests();
    expect(sent.filter((r) => r.method === "POST").map((r) => r.path)).to.deep.equal([`/e2e-project/customer-groups/${existing.id}`]);
    expect(await groupsNamed("Partners")).to.have.length(1);
    expect((await stack.preview({ refresh: true })).changeSummary).to.deep.equal({ same: 5 });
  });

  it("adoption never removes what the program does not mention: a group adopted by name keeps its key and custom fields", async () => {
    const existing = await sandbox.commercetools.createGroup({
      groupName: "Affiliates",
      key: "affiliates",
      custom: { type: { typeId: "type", key: "group-fields" }, fields: { tier: "3", vip: true } },
    });
    program = { ...program, affiliates: { backend: "commercetools", args: { name: "Affiliates", adopt: true } } };
    await declare(stack, program);
    await sandbox.clearRequests();
    await stack.up();
    await refreshIds();
    expect(ids.affiliates).to.equal(existing.id);
    expect(
      (await ctRequests()).map((r) => r.method),
      "one lookup by name, no write",
    ).to.deep.equal(["GET"]);
    const live = await sandbox.commercetools.getGroup(existing.id);
    expect(live).to.deep.include({ key: "affiliates", version: existing.version });
    expect(live.custom?.fields).to.deep.equal({ tier: "3", vip: true });
    const refreshed = await stack.preview({ refresh: true, diff: true });
    expect(refreshed.changeSummary).to.deep.equal({ same: 6 });
  });

  it("converges while the API throttles and loses a create response, with no duplicate", async () => {
    await sandbox.injectFault({ vendor: "commercetools", status: 429, retryAfterSeconds: 0, count: 3 });
    await sandbox.injectFault({
      vendor: "commercetools",
      method: "POST",
      pathPattern: "^/e2e-project/customer-groups$",
      dropResponseAfterCommit: true,
      count: 1,
    });
    await sandbox.injectFault({ vendor: "commercetools", method: "POST", pathPattern: "^/e2e-project/customer-groups/", status: 503, count: 1 });
    program = {
      ...program,
      resellers: { backend: "commercetools", args: { name: "Resellers", key: "resellers" } },
      wholesale: { ...wholesale, args: { ...wholesale.args, name: "Wholesale EU" } },
    };
    await declare(stack, program);
    await sandbox.clearRequests();
    await stack.up();
    await refreshIds();
    const log = await sandbox.requests();
    expect(
      log
        .filter((r) => r.faults.length > 0)
        .map((r) => r.faults[0])
        .sort(),
    ).to.deep.equal(["dropResponseAfterCommit", "status:429", "status:429", "status:429", "status:503"]);
    expect(await groupsNamed("Resellers")).to.have.length(1);
    expect((await sandbox.commercetools.getGroup(ids.wholesale)).name).to.equal("Wholesale EU");
    expect((await stack.preview({ refresh: true })).changeSummary).to.deep.equal({ same: 7 });
  });

  it("key: null and custom: null remove the key and the custom type on purpose, with one update; a refresh then shows no change", async () => {
    const removed: Declared = { ...program, gold: { ...gold, args: { name: "Gold", key: null, custom: null } } };
    program = removed;
    await declare(stack, program);
    const review = await runBin(e2eProject(), test.stateDir, ["review", "--stack", "ct"]);
    expect(review.code, review.stderr).to.equal(0);
    expect(review.stdout).to.include("- key: removes the key `gold`");
    expect(review.stdout).to.include("- custom type: removes the custom type `group-fields` and its fields");
    await sandbox.clearRequests();
    await stack.up();
    const sent = (await ctRequests()).filter((r) => r.method === "POST");
    expect(sent.map((r) => (r.body as { actions: unknown[] }).actions)).to.deep.equal([[{ action: "setKey" }, { action: "setCustomType" }]]);
    const live = await sandbox.commercetools.getGroup(ids.gold);
    expect(live.key).to.equal(undefined);
    expect(live.custom).to.equal(undefined);
    expect((await stack.preview({ refresh: true })).changeSummary).to.deep.equal({ same: 7 });
  });

  it("keeps credentials out of the state and the serialized provider small and portable", async () => {
    // The state file itself (the Automation API's exportStack decrypts secrets, so it cannot tell).
    const exported = fs.readFileSync(path.join(test.stateDir, ".pulumi/stacks/e2e-customer-groups/ct.json"), "utf8");
    expect(exported).to.not.include(clientSecret);
    // The engine records the stack config as the default provider's inputs; the secret is there only as ciphertext.
    expect(exported).to.match(/"commercetools:clientSecret":\s*\{\s*"4dabf18193072939515e22adb298388d":\s*"1b47061264138c4ac30d75fd1eb44270",\s*"ciphertext"/);
    expect(exported).to.not.include(Buffer.from(`e2e-client:${clientSecret}`).toString("base64"));
    expect(exported).to.not.match(/Bearer|access_token/);
    const resources = (JSON.parse(exported).checkpoint.latest.resources as { type: string; outputs?: Record<string, unknown> }[]).filter((r) =>
      r.type.startsWith("pulumi-nodejs:dynamic/"),
    );
    expect(resources).to.have.length(6);
    for (const r of resources) {
      const provider = String(r.outputs?.__provider);
      expect(provider.length, r.type).to.be.at.most(2048);
      expect(provider).to.not.include(repoRoot);
      expect(provider).to.include('require("pulumi-customer-groups/provider/commercetools")');
      expect(r.type).to.equal("pulumi-nodejs:dynamic/commercetools:CustomerGroup");
    }
  });

  it("destroy leaves no group behind", async () => {
    await stack.destroy();
    expect(await sandbox.commercetools.groups()).to.deep.equal([]);
  });
});
