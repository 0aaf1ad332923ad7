// End-to-end: the state version 0.1.0 wrote (tests/fixtures/state-0.1.0) still works with this provider: it imports,
// shows no change for the unchanged program, refreshes, takes a one-field change with exactly one request, and destroys.
// Only behaviour is asserted (changes, requests, live groups), never the shape of the state a newer provider writes.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { Stack } from "@pulumi/pulumi/automation";
import { LoggedRequest, Sandbox, startSandbox } from "../../sandbox";
import { declare, Declared, TestStack } from "./harness";
import { Backend, backends, credentials, fixtureDir, newFixtureStack, readFixture, sandboxOptions, StateFixture } from "./fixtureStack";

const version = "0.1.0";

interface StateResource {
  urn: string;
  type: string;
  id?: string;
  outputs?: Record<string, unknown>;
}

interface Expected {
  method: string;
  path: string;
  body: unknown;
}

/** What a step of the test needs to know about the fixture and the running sandbox. */
interface Context {
  fixture: StateFixture;
  sandbox: Sandbox;
  /** Resource name in the program → the group's id, as the fixture's stack outputs recorded it. */
  ids: Record<string, string>;
  /** A group's outputs as 0.1.0 recorded them. */
  recorded(name: string): Record<string, unknown>;
  /** The requests to this backend since the log was last cleared that change something. */
  writes(): Promise<LoggedRequest[]>;
}

/** Per backend: the one-field change of the program, what it must send, and what must hold afterwards. */
interface BackendCase {
  change: {
    title: string;
    group: string;
    program(program: Declared): Declared;
    /** The write requests `up` must send, in order; none for RevCent, whose API cannot change groups. */
    writes(ctx: Context): Expected[];
    /** The live group holds what the program now says. */
    check(ctx: Context): Promise<void>;
  };
  /** What the state's outputs must still hold for each group after `up`. */
  outputs(ctx: Context, name: string, outputs: Record<string, unknown>, id: string): void;
  /** What must hold after `destroy`. */
  destroyed(ctx: Context): Promise<void>;
}

const isWrite = (r: LoggedRequest): boolean => r.method !== "GET" && !(r.vendor === "commercetools" && r.path === "/oauth/token");
/** The groups this stack created rather than adopted. */
const created = (program: Declared): string[] => Object.keys(program).filter((name) => program[name]!.args.adopt !== true);

type Rule = { type: string; product_id?: number; category_id?: number };
const byTarget = <R extends Rule>(rules: R[]): R[] =>
  [...rules].sort((a, b) => `${a.type}:${a.product_id ?? a.category_id ?? 0}`.localeCompare(`${b.type}:${b.product_id ?? b.category_id ?? 0}`));

const cases: Record<Backend, BackendCase> = {
  commercetools: {
    change: {
      title: "a changed custom field is one update, sent as one setCustomField against the recorded version",
      group: "gold",
      program: (program) => {
        const gold = structuredClone(program.gold!);
        (gold.args.custom as { fields: Record<string, unknown> }).fields.tier = "2";
        return { ...program, gold };
      },
      writes: ({ ids, recorded }) => [
        {
          method: "POST",
          path: `/${credentials.commercetools.projectKey}/customer-groups/${ids.gold}`,
          body: { version: recorded("gold").version, actions: [{ action: "setCustomField", name: "tier", value: "2" }] },
        },
      ],
      async check({ sandbox, ids, recorded }) {
        const live = await sandbox.commercetools.getGroup(ids.gold!);
        expect(live.custom?.fields).to.deep.equal({ tier: "2", vip: true, tags: ["b", "a"] });
        expect(live.version).to.equal((recorded("gold").version as number) + 1);
      },
    },
    outputs({ recorded }, name, outputs) {
      expect(outputs.projectKey, name).to.equal(credentials.commercetools.projectKey);
      expect(outputs.version, name).to.equal((recorded(name).version as number) + (name === "gold" ? 1 : 0));
    },
    async destroyed({ fixture, sandbox, ids }) {
      const left = (await sandbox.commercetools.groups()).map((g) => g.id);
      for (const name of created(fixture.program)) expect(left, name).to.not.include(ids[name]);
    },
  },
  bigcommerce: {
    change: {
      title: "a changed rule amount is one update, sent as one PUT of the whole rule set",
      group: "wholesale",
      program: (program) => {
        const wholesale = structuredClone(program.wholesale!);
        const rules = wholesale.args.discountRules as { productId?: number; amount: number }[];
        rules.find((r) => r.productId === 33)!.amount = 7.5;
        return { ...program, wholesale };
      },
      writes: ({ ids }) => [
        {
          method: "PUT",
          path: `/stores/${credentials.bigcommerce.storeHash}/v2/customer_groups/${ids.wholesale}`,
          body: {
            discount_rules: [
              { type: "all", method: "percent", amount: 2.5 },
              { type: "category", method: "price", amount: 12, category_id: 7 },
              { type: "product", method: "percent", amount: 7.5, product_id: 33 },
              { type: "product", method: "fixed", amount: 3.25, product_id: 34 },
            ],
          },
        },
      ],
      async check({ sandbox, ids }) {
        const live = await sandbox.bigcommerce.getGroup(Number(ids.wholesale));
        expect(byTarget(live.discount_rules).map((r) => [r.type, r.method, r.amount])).to.deep.equal([
          ["all", "percent", "2.5000"],
          ["category", "price", "12.0000"],
          ["product", "percent", "7.5000"],
          ["product", "fixed", "3.2500"],
        ]);
        expect(live.category_access).to.deep.equal({ type: "specific", categories: [7, 12] });
      },
    },
    outputs(_ctx, name, outputs, id) {
      expect(outputs.groupId, name).to.equal(Number(id));
      expect(outputs.storeHash, name).to.equal(credentials.bigcommerce.storeHash);
    },
    async destroyed({ fixture, sandbox, ids }) {
      const left = (await sandbox.bigcommerce.groups()).map((g) => String(g.id));
      for (const name of created(fixture.program)) expect(left, name).to.not.include(ids[name]);
    },
  },
  revcent: {
    change: {
      // A value declared as RevCent holds it changes nothing (no change is no change); one no longer declared is an
      // update that sends nothing, so that the state stops comparing it.
      title: "an expectation no longer declared is one update that sends nothing, and RevCent keeps the value",
      group: "wholesale",
      program: (program) => {
        const { enabled: _, ...args } = program.wholesale!.args;
        return { ...program, wholesale: { ...program.wholesale!, args } };
      },
      writes: () => [],
      async check({ sandbox, ids }) {
        const live = (await sandbox.revcent.groups()).find((g) => g.id === ids.wholesale);
        expect(live?.enabled).to.equal(false);
      },
    },
    outputs(_ctx, name, outputs, id) {
      expect(outputs.groupId, name).to.equal(id);
    },
    async destroyed({ fixture, sandbox, writes }) {
      expect(await writes()).to.deep.equal([]);
      expect(await sandbox.revcent.groups()).to.deep.equal(fixture.sandbox.revcent.groups);
    },
  },
};

for (const backend of backends) {
  describe(`e2e: the state ${version} wrote, ${backend}`, function () {
    this.timeout(300_000);
    const fixture = readFixture(version, backend);
    const resources = fixture.deployment.deployment.resources as StateResource[];
    const groupType = `pulumi-nodejs:dynamic/${backend}:CustomerGroup`;
    const nameOf = (r: StateResource) => r.urn.split("::").pop()!;
    const ids = resources.find((r) => r.type === "pulumi:pulumi:Stack")!.outputs!.ids as Record<string, string>;
    const recorded = (name: string) => resources.find((r) => r.type === groupType && nameOf(r) === name)!.outputs!;
    const groups = Object.keys(fixture.program).length;
    const backendCase = cases[backend];
    let dir: string;
    let sandbox: Sandbox;
    let test: TestStack;
    let stack: Stack;
    let ctx: Context;

    const writes = async () => (await sandbox.requests()).filter((r) => r.vendor === backend && isWrite(r));

    before(async () => {
      // The sandbox runs on a copy, so the fixture itself never changes.
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "pcg-fixture-"));
      const persistFile = path.join(dir, "sandbox.json");
      fs.copyFileSync(path.join(fixtureDir(version, backend), "sandbox.json"), persistFile);
      sandbox = await startSandbox(sandboxOptions(backend, persistFile));
      test = await newFixtureStack(backend, sandbox);
      stack = test.stack;
      await declare(stack, fixture.program);
      ctx = { fixture, sandbox, ids, recorded, writes };
    });
    after(async () => {
      await test?.remove();
      await sandbox?.close();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    it("the deployment imports into a new stack", async () => {
      expect(Object.keys(ids).sort()).to.deep.equal(Object.keys(fixture.program).sort());
      await stack.importStack(fixture.deployment);
      const imported = (await stack.exportStack()).deployment.resources as StateResource[];
      expect(imported.filter((r) => r.type === groupType).map((r) => [nameOf(r), r.id])).to.have.deep.members(Object.entries(ids));
    });

    it("preview of the unchanged program shows no change and sends no write", async () => {
      await sandbox.clearRequests();
      const preview = await stack.preview({ diff: true });
      expect(preview.changeSummary).to.deep.equal({ same: groups + 1 });
      expect(await writes()).to.deep.equal([]);
    });

    it("refresh finds no change and writes nothing; a preview after it still shows no change", async () => {
      await sandbox.clearRequests();
      const refresh = await stack.refresh();
      expect(refresh.summary.result).to.equal("succeeded");
      expect(refresh.summary.resourceChanges).to.deep.equal({ same: groups + 1 });
      expect(await writes()).to.deep.equal([]);
      expect((await stack.preview({ diff: true })).changeSummary).to.deep.equal({ same: groups + 1 });
    });

    it(backendCase.change.title, async () => {
      const { change } = backendCase;
      await declare(stack, change.program(fixture.program));
      const updated: string[] = [];
      const preview = await stack.preview({
        diff: true,
        onEvent: (e) => {
          const step = e.resourcePreEvent?.metadata;
          // The default provider's inputs are the stack config, so it changes with the program; only groups count here.
          if (step?.op === "update" && step.type === groupType) updated.push(step.urn);
        },
      });
      expect(preview.changeSummary).to.deep.equal({ same: groups, update: 1 });
      expect(updated.map((urn) => urn.split("::").pop())).to.deep.equal([change.group]);

      await sandbox.clearRequests();
      const up = await stack.up();
      expect(up.summary.resourceChanges).to.deep.equal({ same: groups, update: 1 });
      const sent = (await ctx.writes()).map((r) => ({ method: r.method, path: r.path, body: sortRules(r.body) }));
      expect(sent).to.deep.equal(change.writes(ctx).map((w) => ({ ...w, body: sortRules(w.body) })));
      await change.check(ctx);
      expect((await stack.preview()).changeSummary, "the change is applied").to.deep.equal({ same: groups + 1 });
    });

    it("after up, the state still holds each group's id and where it lives", async () => {
      const state = (await stack.exportStack()).deployment.resources as StateResource[];
      const mine = state.filter((r) => r.type === groupType);
      expect(mine.map(nameOf).sort()).to.deep.equal(Object.keys(ids).sort());
      for (const r of mine) {
        const name = nameOf(r);
        expect(r.id, name).to.equal(ids[name]);
        backendCase.outputs(ctx, name, r.outputs ?? {}, r.id!);
      }
    });

    it(backend === "revcent" ? "destroy stops tracking and leaves every RevCent group as it was" : "destroy leaves no group this stack created", async () => {
      await sandbox.clearRequests();
      await stack.destroy();
      await backendCase.destroyed(ctx);
    });
  });
}

/** BigCommerce's rules are a set, sent in whatever order the provider chooses: both sides are compared sorted by target. */
function sortRules(body: unknown): unknown {
  const rules = (body as { discount_rules?: Rule[] } | null)?.discount_rules;
  return rules ? { ...(body as object), discount_rules: byTarget(rules) } : body;
}
