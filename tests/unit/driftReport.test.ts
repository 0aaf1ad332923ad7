// Unit tests of `drift`'s pure parts: the field comparison, reading the engine's events of a refresh preview, and the
// text and JSON reports.

import type { EngineEvent, OpType } from "@pulumi/pulumi/automation";
import { expect } from "chai";
import os from "node:os";
import { DriftReport, driftOfEvents, hasDrift, liveArguments, renderJson, renderText, runDrift, summaryLine, undeclaredGroups } from "../../cli/drift";
import { fieldChanges } from "../../provider/fieldDrift";
import { run } from "../../cli/main";

const ctType = "pulumi-nodejs:dynamic/commercetools:CustomerGroup";
const bcType = "pulumi-nodejs:dynamic/bigcommerce:CustomerGroup";
const urn = (type: string, name: string) => `urn:pulumi:prod::shop::${type}::${name}`;
const provider = "exports.handler = __f0;";

/** A step event as the engine sends it (only what drift reads). */
function step(op: OpType, type: string, name: string, old?: { inputs: object; outputs?: object }, declared?: object, id = "1"): EngineEvent {
  const u = urn(type, name);
  return {
    sequence: 0,
    timestamp: 0,
    resourcePreEvent: {
      metadata: {
        op,
        urn: u,
        type,
        provider: "",
        ...(old ? { old: { type, urn: u, id, parent: "", provider: "", inputs: old.inputs, outputs: old.outputs ?? {} } } : {}),
        ...(declared ? { new: { type, urn: u, id: "", parent: "", provider: "", inputs: declared, outputs: {} } } : {}),
      },
    },
  } as EngineEvent;
}

describe("drift: field comparison", () => {
  it("reports each differing leaf by its dotted path, arrays as one value, and leaves __provider out", () => {
    const live = {
      __provider: "a",
      name: "Gold (renamed)",
      custom: { type: { key: "group-fields" }, fields: { tier: "3", vip: true } },
      discountRules: [{ type: "all", method: "percent", amount: 3 }],
    };
    const declared = {
      __provider: "b",
      name: "Gold",
      custom: { type: { key: "group-fields" }, fields: { tier: "1", vip: true } },
      discountRules: [{ type: "all", method: "percent", amount: 2.5 }],
    };
    expect(fieldChanges(live, declared)).to.deep.equal([
      { path: "custom.fields.tier", live: "3", declared: "1" },
      { path: "discountRules", live: [{ type: "all", method: "percent", amount: 3 }], declared: [{ type: "all", method: "percent", amount: 2.5 }] },
      { path: "name", live: "Gold (renamed)", declared: "Gold" },
    ]);
  });

  it("finds nothing when the values are equal, whatever the key order", () => {
    expect(fieldChanges({ a: { x: 1, y: [1, { z: 2 }] }, b: null }, { b: null, a: { y: [1, { z: 2 }], x: 1 } })).to.deep.equal([]);
  });

  it("tells a field missing on one side, and an object replaced by a scalar, as whole values", () => {
    expect(fieldChanges({ key: "gold" }, { custom: { fields: { tier: "1" } } })).to.deep.equal([
      { path: "custom", declared: { fields: { tier: "1" } } },
      { path: "key", live: "gold" },
    ]);
    expect(fieldChanges({ qualifiers: "none" }, { qualifiers: { a: 1 } })).to.deep.equal([{ path: "qualifiers", live: "none", declared: { a: 1 } }]);
  });
});

describe("drift: reading a refresh preview's events", () => {
  const goldOld = { inputs: { __provider: provider, name: "Gold", key: "gold" }, outputs: { projectKey: "shop-eu", connection: "eu", name: "Gold" } };
  const wholesaleOld = { inputs: { __provider: provider, name: "Wholesale" }, outputs: { storeHash: "abc123", name: "Wholesale" } };

  it("counts the groups in the stack and finds none drifted when every step is `same`", () => {
    const events = [
      step("refresh", "pulumi:pulumi:Stack", "shop-prod"),
      step("refresh", ctType, "gold", goldOld, goldOld.inputs),
      step("refresh", bcType, "wholesale", wholesaleOld, wholesaleOld.inputs),
      step("same", ctType, "gold", goldOld, goldOld.inputs),
      step("same", bcType, "wholesale", wholesaleOld, wholesaleOld.inputs),
    ];
    expect(driftOfEvents(events)).to.deep.equal({ groups: 2, drifted: [] });
  });

  it("reports an update after the refresh as fields, and a create of a group in the stack as gone, with place and connection", () => {
    const live = { inputs: { __provider: provider, name: "Gold (renamed)", key: "gold" }, outputs: goldOld.outputs };
    const events = [
      step("refresh", ctType, "gold", goldOld, goldOld.inputs),
      step("refresh", bcType, "wholesale", wholesaleOld, wholesaleOld.inputs),
      step("update", ctType, "gold", live, goldOld.inputs),
      step("create", bcType, "wholesale", undefined, wholesaleOld.inputs),
    ];
    expect(driftOfEvents(events)).to.deep.equal({
      groups: 2,
      drifted: [
        { urn: urn(bcType, "wholesale"), backend: "bigcommerce", name: "wholesale", scope: { kind: "store", id: "abc123" }, gone: true, fields: [] },
        {
          urn: urn(ctType, "gold"),
          backend: "commercetools",
          name: "gold",
          connection: "eu",
          scope: { kind: "project", id: "shop-eu" },
          fields: [{ path: "name", live: "Gold (renamed)", declared: "Gold", text: "live 'Gold (renamed)', declared 'Gold'" }],
        },
      ],
    });
  });

  it("does not count a group only in the program (not created yet) nor one the program no longer declares, nor other types", () => {
    const events = [
      step("refresh", ctType, "gold", goldOld, goldOld.inputs),
      step("refresh", ctType, "old", goldOld, goldOld.inputs),
      step("refresh", "aws:s3/bucket:Bucket", "b", { inputs: { a: 1 } }, { a: 2 }),
      step("same", ctType, "gold", goldOld, goldOld.inputs),
      step("create", ctType, "new", undefined, { name: "New" }),
      step("delete", ctType, "old", goldOld),
      step("update", "aws:s3/bucket:Bucket", "b", { inputs: { a: 1 } }, { a: 2 }),
    ];
    expect(driftOfEvents(events)).to.deep.equal({ groups: 1, drifted: [] });
  });

  it("keeps a secret as the engine shows it, [secret]", () => {
    const events = [
      step("refresh", ctType, "gold", goldOld, goldOld.inputs),
      step("update", ctType, "gold", { inputs: { name: "[secret]" }, outputs: {} }, { name: "Gold" }),
    ];
    expect(driftOfEvents(events).drifted[0]!.fields).to.deep.equal([
      { path: "name", live: "[secret]", declared: "Gold", text: "live '[secret]', declared 'Gold'" },
    ]);
  });

  it("compares BigCommerce rule sets rule by rule, in the store's words", () => {
    const rules = (all: number, product?: number) => [
      { type: "all", method: "percent", amount: all },
      ...(product !== undefined ? [{ type: "product", productId: 7, method: "percent", amount: product }] : []),
    ];
    const old = {
      inputs: { name: "Trade", discountRules: rules(2.5) },
      outputs: { name: "Trade", storeHash: "abc123", discountRules: rules(2.5), managed: ["discountRules"] },
    };
    const events = [
      step("refresh", bcType, "trade", old, old.inputs),
      step("update", bcType, "trade", { inputs: { name: "Trade", discountRules: rules(9, 5) }, outputs: {} }, { name: "Trade", discountRules: rules(2.5) }),
    ];
    const [trade] = driftOfEvents(events).drifted;
    expect(trade!.fields.map((f) => `${f.path}: ${f.text}`)).to.deep.equal([
      "discount on the whole store: live 9 % off, declared 2.5 % off",
      "discount on product 7: live 5 % off, declared (none)",
    ]);
    expect(renderText({ stack: "prod", checkedAt: "", groups: 1, drifted: [trade!] })).to.include(
      "  discount on the whole store: live 9 % off, declared 2.5 % off\n",
    );
  });
});

describe("drift: groups no resource declares", () => {
  it("lists, once per store, the live groups whose id no group of the stack holds; a store that cannot be listed is noted", async () => {
    const gold = { inputs: { name: "Gold" }, outputs: { name: "Gold", projectKey: "shop-eu", connection: "eu" } };
    const events = [
      step("refresh", ctType, "gold", gold, gold.inputs, "g1"),
      step("refresh", ctType, "silver", { ...gold, outputs: { ...gold.outputs, name: "Silver" } }, gold.inputs, "g2"),
      step("refresh", bcType, "retail", { inputs: {}, outputs: { name: "Retail", storeHash: "abc123" } }, {}, "3"),
    ];
    const listed: string[] = [];
    const report = await undeclaredGroups(events, async (backend, connection) => {
      listed.push(`${backend.name} ${connection ?? "(default)"}`);
      if (backend.name === "bigcommerce") throw new Error("HTTP 403: the token lacks the Customers scope");
      return [
        { name: "Gold", id: "g1" },
        { name: "Silver", id: "g2" },
        { name: "Made In Admin", id: "g9" },
      ];
    });
    expect(listed).to.deep.equal(["commercetools eu", "bigcommerce (default)"]);
    expect(report).to.deep.equal({
      undeclared: [{ backend: "commercetools", connection: "eu", scope: { kind: "project", id: "shop-eu" }, name: "Made In Admin", id: "g9" }],
      notListed: ["bigcommerce store 'abc123': HTTP 403: the token lacks the Customers scope"],
    });
    const text = renderText({ stack: "prod", checkedAt: "", groups: 3, drifted: [], ...report });
    expect(text).to.include(
      "Not declared by the stack (made outside Pulumi; `export` writes them for adoption):\n  commercetools 'Made In Admin' (id g9, project 'shop-eu', connection 'eu')",
    );
    expect(text).to.include("Not listed: bigcommerce store 'abc123': HTTP 403");
  });
});

describe("drift: reports", () => {
  const report: DriftReport = {
    stack: "prod",
    checkedAt: "2026-01-02T03:04:05.000Z",
    groups: 7,
    drifted: [
      {
        urn: "u1",
        backend: "bigcommerce",
        name: "wholesale",
        scope: { kind: "store", id: "abc123" },
        fields: [{ path: "isDefault", live: true, declared: false }],
      },
      { urn: "u2", backend: "commercetools", name: "silver", connection: "eu", scope: { kind: "project", id: "shop-eu" }, gone: true, fields: [] },
      { urn: "u3", backend: "revcent", name: "vip", fields: [{ path: "description", declared: "Best" }] },
    ],
  };

  it("prints the summary, then each group with its place and each field with its live and declared value", () => {
    expect(renderText(report)).to.equal(
      [
        "drift: 3 of 7 groups differ from the program (stack prod)",
        "",
        "bigcommerce wholesale (store 'abc123')",
        "  isDefault: live true, declared false",
        "",
        "commercetools silver (connection 'eu', project 'shop-eu')",
        "  gone: deleted outside Pulumi",
        "",
        "revcent vip",
        '  description: live (not set), declared "Best"',
        "",
      ].join("\n"),
    );
    expect(renderText({ ...report, drifted: [] })).to.equal("no drift: 7 groups match the program (stack prod)\n");
    expect(renderText({ ...report, groups: 1, drifted: [report.drifted[0]!] })).to.match(/^drift: 1 of 1 group differs from the program/);
  });

  it("says drift exactly when the exit code does: groups no resource declares are drift with --fail-on-undeclared only", async () => {
    const undeclared: DriftReport = { ...report, drifted: [], undeclared: [{ backend: "bigcommerce", name: "Made in the UI", id: "9" }] };
    expect(summaryLine(undeclared)).to.equal("no drift: 7 groups match the program (stack prod)");
    expect(hasDrift(undeclared)).to.equal(false);
    expect(summaryLine(undeclared, { failOnUndeclared: true })).to.equal(
      "drift: 1 group in the stores is not declared by the stack (--fail-on-undeclared); the 7 groups declared match the program (stack prod)",
    );
    expect(hasDrift(undeclared, { failOnUndeclared: true })).to.equal(true);
    expect(renderText(undeclared, { failOnUndeclared: true })).to.match(/^drift: 1 group in the stores is not declared/);
    expect(summaryLine(report, { failOnUndeclared: true })).to.match(/^drift: 3 of 7 groups differ/);
  });

  it("shows the live value of an argument the program declares that the state does not manage yet (declared when the store already held it)", () => {
    // Adopted without a key, the key then declared as the store held it (no change), then changed in the Merchant Center.
    const refreshed = {
      inputs: { __provider: provider, name: "Partners" },
      outputs: { name: "Partners", key: "edited-in-ui", managed: [], projectKey: "shop-eu" },
    };
    const declared = { name: "Partners", key: "partners-key" };
    const { drifted } = driftOfEvents([step("refresh", ctType, "partners", refreshed, declared), step("update", ctType, "partners", refreshed, declared)]);
    expect(drifted[0]!.fields).to.deep.equal([
      { path: "key", live: "edited-in-ui", declared: "partners-key", text: "live 'edited-in-ui', declared 'partners-key'" },
    ]);
    expect(liveArguments({ a: 1, q: { x: 1 } }, { a: 1, b: 2, q: { x: 1, y: 3 }, c: 4 }, { b: 0, q: { y: 0 }, __provider: "" })).to.deep.equal({
      a: 1,
      b: 2,
      q: { x: 1, y: 3 },
    });
  });

  it("gives JSON that parses back to the report", () => {
    expect(JSON.parse(renderJson(report))).to.deep.equal(report);
  });

  it("exits 2 on drift and 0 without, printing the report; 1 with the message when the preview fails", async () => {
    const io = () => {
      const o = { stdout: "", stderr: "", cwd: __dirname + "/../../..", now: () => new Date(report.checkedAt) };
      return { o, io: { ...o, stdout: (t: string) => (o.stdout += t), stderr: (t: string) => (o.stderr += t) } };
    };
    const stackOf = (events: EngineEvent[], fail?: Error) => async () => ({
      name: "prod",
      preview: async ({ onEvent }: { onEvent: (e: EngineEvent) => void }) => {
        events.forEach(onEvent);
        if (fail) throw fail;
      },
    });
    const gold = { inputs: { name: "Gold" }, outputs: {} };

    const clean = io();
    expect(await runDrift({}, clean.io, stackOf([step("refresh", ctType, "gold", gold, gold.inputs)]))).to.equal(0);
    expect(clean.o.stdout).to.equal("no drift: 1 group matches the program (stack prod)\n");

    const drifted = io();
    const events = [step("refresh", ctType, "gold", gold, gold.inputs), step("update", ctType, "gold", { inputs: { name: "X" } }, gold.inputs)];
    expect(await runDrift({ json: true }, drifted.io, stackOf(events))).to.equal(2);
    expect(JSON.parse(drifted.o.stdout)).to.deep.include({ stack: "prod", checkedAt: report.checkedAt, groups: 1 });

    const failed = io();
    const diagnostic = { diagnosticEvent: { severity: "error", message: "bigcommerce: GET /x failed, HTTP 503\n", urn: urn(bcType, "w"), color: "never" } };
    expect(await runDrift({}, failed.io, stackOf([diagnostic as EngineEvent], new Error("exit code 255")))).to.equal(1);
    expect(failed.o.stderr).to.equal("pulumi-customer-groups drift: the refresh preview of stack 'prod' failed:\nw: bigcommerce: GET /x failed, HTTP 503\n");
    expect(failed.o.stdout).to.equal("");
  });
});

describe("drift: arguments", () => {
  const runCli = async (argv: string[]) => {
    const o = { code: -1, stdout: "", stderr: "" };
    o.code = await run(argv, { stdout: (t) => (o.stdout += t), stderr: (t) => (o.stderr += t), env: {}, cwd: os.tmpdir() });
    return o;
  };

  it("refuses unknown options, a missing value and a directory without a Pulumi project with exit code 64", async () => {
    for (const [argv, message] of [
      [["drift", "--backend", "x"], "unknown option --backend"],
      [["drift", "--stack"], "--stack needs a value"],
      [["drift", "--json", "extra"], "unexpected argument 'extra'"],
      [["drift"], "holds no Pulumi.yaml"],
      [["review", "--stak", "prod"], "unknown option --stak. Did you mean '--stack'?"],
      [["review"], "holds no Pulumi.yaml"],
    ] as const) {
      const result = await runCli([...argv]);
      expect(result.code, argv.join(" ")).to.equal(64);
      expect(result.stderr).to.include(message);
    }
  });

  it("is documented in --help with every option and its exit codes", async () => {
    const help = await runCli(["drift", "--help"]);
    expect(help.code).to.equal(0);
    for (const text of [
      "drift [--stack NAME] [--cwd DIR] [--json] [--out FILE] [--fail-on-undeclared]",
      "--stack NAME",
      "--cwd DIR",
      "--json",
      "--out FILE",
      "2 drift found",
    ]) {
      expect(help.stdout).to.include(text);
    }
  });
});
