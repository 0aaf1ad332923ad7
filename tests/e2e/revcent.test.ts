// End-to-end: RevCent groups adopted and watched through the real Pulumi engine, and the member queries, against the sandbox.

import fs from "node:fs";
import path from "node:path";
import { expect } from "chai";
import { Stack } from "@pulumi/pulumi/automation";
import { Sandbox, startSandbox } from "../../sandbox";
import { declare, newStack, TestStack } from "./harness";

const apiKey = "e2e-revcent-key-93b1f0";
const DAY = 86_400;

describe("e2e: RevCent through the Pulumi engine", function () {
  this.timeout(240_000);
  let sandbox: Sandbox;
  let test: TestStack;
  let stack: Stack;
  let vipId: string;
  const T0 = 1_760_000_000;

  const vipQualifiers = { specificValues: { values: { lifetimeValue: { enabled: true, min: 500, max: 100000 } } } };
  const vip = { backend: "revcent" as const, args: { name: "VIP", enabled: true, qualifierMethod: "specific_values", qualifiers: vipQualifiers } };

  before(async () => {
    sandbox = await startSandbox({ revcent: { apiKey } });
    const seeded = await sandbox.revcent.seedGroups([
      ...Array.from({ length: 59 }, (_, i) => ({ name: `Group ${i + 1}` })),
      {
        name: "VIP",
        description: "Best customers",
        enabled: true,
        qualifier_method: "specific_values",
        qualifiers: { specific_values: { values: { lifetime_value: { enabled: true, min: 500, max: 100000 } } } },
      },
    ] as never);
    vipId = seeded.find((g) => g.name === "VIP")!.id;
    // 70 members over 200 days, and 5 customers of another group.
    await sandbox.revcent.seedCustomers([
      ...Array.from({ length: 70 }, (_, i) => ({
        email: `vip${i}@example.com`,
        first_name: "V",
        last_name: String(i),
        created_date_unix: T0 + i * 2 * DAY + 1,
        customer_group: [{ id: vipId }],
      })),
      ...Array.from({ length: 5 }, (_, i) => ({ email: `other${i}@example.com`, created_date_unix: T0 + i * DAY, customer_group: [{ id: seeded[0]!.id }] })),
    ] as never);
    test = await newStack("rc", { "revcent:apiKey": { value: apiKey, secret: true }, "revcent:apiUrl": { value: sandbox.config.revcent.apiUrl } });
    stack = test.stack;
    await declare(stack, { vip });
  });
  after(async () => {
    await test?.remove();
    await sandbox?.close();
  });

  it("adopts the group among 60 on three pages; a preview right after shows no change", async () => {
    await sandbox.clearRequests();
    const up = await stack.up();
    expect(up.summary.resourceChanges).to.deep.include({ create: 2 });
    expect((await stack.outputs()).ids.value).to.deep.equal({ vip: vipId });
    const pages = (await sandbox.requests()).filter((r) => r.path === "/v2/customer_groups").map((r) => r.query.page);
    expect(pages).to.deep.equal(["1", "2", "3"]);
    expect((await stack.preview({ refresh: true })).changeSummary).to.deep.equal({ same: 2 });
  });

  it("the member queries run in the program: 200 days in three windows, each customer once", async () => {
    await stack.setConfig("members", { value: JSON.stringify({ customerGroupId: vipId, dateStart: T0, dateEnd: T0 + 200 * DAY }) });
    await sandbox.clearRequests();
    await stack.up();
    const outputs = await stack.outputs();
    expect(outputs.memberCount.value).to.equal(70);
    expect(outputs.groupCount.value).to.equal(60);
    const windows = new Set((await sandbox.requests()).filter((r) => r.path === "/v2/customers").map((r) => `${r.query.date_start}-${r.query.date_end}`));
    expect(windows.size).to.equal(3);
    await stack.removeConfig("members");
  });

  it("preview --refresh shows a qualifier changed in RevCent; up fails naming the live and declared values", async () => {
    await sandbox.revcent.editGroup(vipId, {
      qualifiers: { specific_values: { values: { lifetime_value: { enabled: true, min: 500, max: 50000 } } } },
    } as never);
    expect((await stack.preview()).changeSummary, "without refresh the engine cannot know").to.deep.equal({ same: 2 });
    const drift = await stack.preview({ refresh: true, diff: true });
    expect(drift.changeSummary).to.deep.equal({ same: 1, update: 1 });
    expect(drift.stdout).to.match(/max\s*:\s*50000 => 100000/);
    // The refresh recorded the live group: a plain preview now warns that up will refuse the declaration.
    await stack.refresh();
    const plain = await stack.preview();
    expect(plain.stdout).to.include(
      `RevCent customer group 'VIP' (id ${vipId}): RevCent's API cannot change customer groups: \`pulumi up\` fails for this group until the group in RevCent holds the declared values`,
    );
    expect(plain.stdout).to.include("qualifiers.specificValues.values.lifetimeValue.max: live 50000, declared 100000.");
    const error = await stack.up({ refresh: true }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.message).to.include("qualifiers.specificValues.values.lifetimeValue.max: live 50000, declared 100000");
    expect(error?.message).to.include("Change the group in RevCent to match the declaration, or change the declaration");
  });

  it("converges once the declaration says what RevCent holds", async () => {
    const agreed = { ...vip, args: { ...vip.args, qualifiers: { specificValues: { values: { lifetimeValue: { enabled: true, min: 500, max: 50000 } } } } } };
    await declare(stack, { vip: agreed });
    await stack.up({ refresh: true });
    expect((await stack.preview({ refresh: true })).changeSummary).to.deep.equal({ same: 2 });
  });

  it("keeps the API key out of the state; destroy stops tracking and leaves the group in RevCent", async () => {
    const state = fs.readFileSync(path.join(test.stateDir, ".pulumi/stacks/e2e-customer-groups/rc.json"), "utf8");
    expect(state).to.not.include(apiKey);
    await sandbox.clearRequests();
    const destroyed = await stack.destroy();
    expect(destroyed.stdout).to.match(/stays in RevCent/);
    expect((await sandbox.revcent.groups()).some((g) => g.id === vipId)).to.equal(true);
    expect(await sandbox.requests()).to.deep.equal([]);
  });
});
