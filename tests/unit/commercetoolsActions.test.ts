// Unit tests: update actions computed from one commercetools group to another.

import { expect } from "chai";
import { plain, say } from "../../provider/text";
import type { CustomerGroupUpdateAction } from "@commercetools/platform-sdk";
import { changedProperties, toUpdateActions } from "../../provider/commercetools/actions";
import { desiredShape, GroupShape, normalizeInputs, observedInputs } from "../../provider/commercetools/model";
import { validateGroup } from "../../provider/commercetools/validation";
import { fieldsOfActions } from "../../provider/commercetools/review";
import { toDraft } from "../../provider/commercetools/wire";

const base: GroupShape = { name: "Gold", key: "gold", custom: { type: { key: "group-fields", id: "t1" }, fields: { tier: "1", vip: true } } };

describe("commercetools toUpdateActions", () => {
  const cases: { title: string; desired: GroupShape; actions: CustomerGroupUpdateAction[] }[] = [
    { title: "nothing changed", desired: base, actions: [] },
    { title: "name", desired: { ...base, name: "Platinum" }, actions: [{ action: "changeName", name: "Platinum" }] },
    { title: "key changed", desired: { ...base, key: "plat" }, actions: [{ action: "setKey", key: "plat" }] },
    { title: "key removed", desired: { ...base, key: undefined }, actions: [{ action: "setKey" }] },
    {
      title: "custom removed",
      desired: { ...base, custom: undefined },
      actions: [{ action: "setCustomType" }],
    },
    {
      title: "type changed (by key), with its fields",
      desired: { ...base, custom: { type: { key: "other" }, fields: { a: 1 } } },
      actions: [{ action: "setCustomType", type: { typeId: "type", key: "other" }, fields: { a: 1 } }],
    },
    {
      title: "type changed (by id), no fields",
      desired: { ...base, custom: { type: { id: "t2" }, fields: {} } },
      actions: [{ action: "setCustomType", type: { typeId: "type", id: "t2" } }],
    },
    {
      title: "same type named by id instead of key",
      desired: { ...base, custom: { type: { id: "t1" }, fields: { tier: "1", vip: true } } },
      actions: [],
    },
    {
      title: "field changed, added and removed",
      desired: { ...base, custom: { type: { key: "group-fields" }, fields: { tier: "2", discount: 5 } } },
      actions: [
        { action: "setCustomField", name: "discount", value: 5 },
        { action: "setCustomField", name: "tier", value: "2" },
        { action: "setCustomField", name: "vip" },
      ],
    },
    {
      title: "everything at once, batched",
      desired: { name: "P", key: undefined, custom: { type: { key: "group-fields" }, fields: { tier: "1" } } },
      actions: [{ action: "changeName", name: "P" }, { action: "setKey" }, { action: "setCustomField", name: "vip" }],
    },
  ];
  for (const c of cases) {
    it(c.title, () => expect(toUpdateActions(base, c.desired)).to.deep.equal(c.actions));
  }

  it("adds a custom type to a group that had none", () => {
    const plain: GroupShape = { name: "Gold" };
    expect(toUpdateActions(plain, { name: "Gold", custom: { type: { key: "group-fields" }, fields: { tier: "1" } } })).to.deep.equal([
      { action: "setCustomType", type: { typeId: "type", key: "group-fields" }, fields: { tier: "1" } },
    ]);
  });

  it("treats the platform's forms of a value as the same value", () => {
    const live: GroupShape = {
      name: "G",
      custom: {
        type: { id: "t1", key: "k" },
        fields: {
          price: { type: "centPrecision", currencyCode: "EUR", centAmount: 1250, fractionDigits: 2 },
          when: "2026-01-02T03:04:05.000Z",
          tags: ["b", "a"],
          ref: { typeId: "category", id: "c1", obj: { id: "c1", version: 3 } },
        },
      },
    };
    const desired: GroupShape = {
      name: "G",
      custom: {
        type: { key: "k" },
        fields: { price: { currencyCode: "EUR", centAmount: 1250 }, when: "2026-01-02T03:04:05Z", tags: ["a", "b"], ref: { typeId: "category", id: "c1" } },
      },
    };
    expect(toUpdateActions(live, desired)).to.deep.equal([]);
  });

  it("names the changed top-level properties", () => {
    expect(changedProperties(base, { ...base, name: "X", custom: undefined })).to.deep.equal(["name", "custom"]);
    expect(changedProperties(base, base)).to.deep.equal([]);
  });
});

// Applies actions the way the platform does, to check that the computed actions really lead to the desired group.
function apply(group: GroupShape, actions: CustomerGroupUpdateAction[]): GroupShape {
  const g: GroupShape = structuredClone(group);
  for (const a of actions) {
    switch (a.action) {
      case "changeName":
        g.name = a.name;
        break;
      case "setKey":
        g.key = a.key;
        break;
      case "setCustomType":
        g.custom = a.type ? { type: { key: a.type.key, id: a.type.id }, fields: { ...(a.fields ?? {}) } } : undefined;
        break;
      case "setCustomField":
        if (!g.custom) throw new Error("setCustomField on a group without custom type");
        if (a.value === undefined) {
          if (!(a.name in g.custom.fields)) throw new Error(`InvalidOperation: removing missing field ${a.name}`);
          delete g.custom.fields[a.name];
        } else g.custom.fields[a.name] = a.value;
        break;
      default:
        throw new Error(`unexpected action ${(a as { action: string }).action}`);
    }
  }
  return g;
}

function rng(seed: number): () => number {
  // mulberry32: small, seeded, so a failure can be replayed.
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomGroup(r: () => number): GroupShape {
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const g: GroupShape = { name: pick(["A", "B", "C"]) };
  if (r() < 0.6) g.key = pick(["k1", "k2", "k3"]);
  if (r() < 0.7) {
    const fields: Record<string, unknown> = {};
    for (const f of ["tier", "vip", "rate", "tags"]) {
      if (r() < 0.5) fields[f] = pick<unknown>(["1", "2", true, false, 3.5, ["x", "y"], ["y"]]);
    }
    g.custom = { type: { key: pick(["t-a", "t-b"]) }, fields };
  }
  return g;
}

describe("commercetools toUpdateActions (property)", () => {
  it("applying the actions to the old group gives the new one, for 2000 random pairs", () => {
    const r = rng(20261121);
    for (let i = 0; i < 2000; i++) {
      const from = randomGroup(r);
      const to = randomGroup(r);
      const after = apply(from, toUpdateActions(from, to));
      expect(toUpdateActions(after, to), `case ${i}: ${JSON.stringify({ from, to })}`).to.deep.equal([]);
      expect(after.name).to.equal(to.name);
      expect(after.key).to.equal(to.key);
      expect(after.custom?.type.key).to.equal(to.custom?.type.key);
    }
  });
});

describe("commercetools key and custom removed on purpose (null)", () => {
  const inputs = normalizeInputs({ name: "Gold", key: null, custom: null });

  it("accepts null for key and custom only, and keeps it through normalization", () => {
    expect(validateGroup({ name: "Gold", key: null, custom: null })).to.deep.equal([]);
    expect(inputs).to.deep.equal({ name: "Gold", key: null, custom: null });
    expect(validateGroup({ name: "Gold", key: "" })[0]!.reason).to.include("or null to remove the key");
    expect(validateGroup({ name: null }).map((f) => f.property)).to.deep.equal(["name"]);
  });

  it("removes what the group has (setKey and setCustomType without a value), and sends nothing once it is gone", () => {
    const desired = desiredShape(base, inputs);
    expect(toUpdateActions(base, desired)).to.deep.equal([{ action: "setKey" }, { action: "setCustomType" }]);
    expect(toUpdateActions({ name: "Gold" }, desiredShape({ name: "Gold" }, inputs))).to.deep.equal([]);
    // A create sends neither.
    expect(toDraft(inputs)).to.deep.equal({ groupName: "Gold" });
  });

  it("reads a managed argument the group does not have as null, so a refresh of a removal shows no change", () => {
    const state = { name: "Gold", managed: ["key", "custom"] as ("key" | "custom")[], version: 2, projectKey: "p", createdAt: "", lastModifiedAt: "" };
    expect(observedInputs(state)).to.deep.equal({ name: "Gold", key: null, custom: null });
  });

  it("says in review words what is removed", () => {
    const actions = toUpdateActions(base, desiredShape(base, inputs));
    const texts = fieldsOfActions(actions, base as never, inputs as never).map((c) => plain(say`${c.field}: ${c.text}`));
    expect(texts).to.include("key: removes the key 'gold'");
    expect(texts).to.include("custom type: removes the custom type 'group-fields' and its fields");
  });
});
