// Provider tests: names people really use (other scripts, emoji, quotes, backslashes, %, &, the longest allowed) round-trip
// exactly on every backend: create, refresh without drift, adoption by name alone and together, the look-up after a lost
// create; names with whitespace at either end, control characters or one character too many fail in check, before any request.

import { expect } from "chai";
import { customerGroupAdapter as commercetoolsBackend } from "../../provider/commercetools/customerGroup";
import { customerGroupAdapter as bigcommerceBackend } from "../../provider/bigcommerce/customerGroup";
import { customerGroupAdapter as revcentBackend } from "../../provider/revcent/customerGroup";
import { startSandbox, type Sandbox } from "../../sandbox";
import { checkedInputs } from "../helpers/lifecycle";
import { sandboxConfig } from "../helpers/sandboxConfig";
import { configuredProvider, Props, Provider, warningsOf } from "../helpers/provider";

const fast = { backoff: { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 20, maxElapsedMs: 5000 } };

const hostile = [
  "Größe XL",
  "日本語の会員",
  "VIP 🎉🦄",
  'Say "cheese"',
  "O'Brien's",
  "back\\slash and \\\\ two",
  "50% off & more",
  "a+b=c #1 ?x=/y",
  "“curly” ‘quotes’ and  two  spaces",
  "👍🏽 at both ends 👍🏽",
];

interface Case {
  backend: "commercetools" | "bigcommerce";
  maxLength: number;
  provider(sandbox: Sandbox): Promise<Provider>;
  groups(sandbox: Sandbox): Promise<{ id: string; name: string }[]>;
}

const cases: Case[] = [
  {
    backend: "commercetools",
    maxLength: 256,
    provider: (sandbox) => configuredProvider((stack) => commercetoolsBackend(stack, fast, {}), sandboxConfig(sandbox, "commercetools")),
    groups: async (sandbox) => (await sandbox.commercetools.groups()).map((g) => ({ id: g.id, name: g.name })),
  },
  {
    backend: "bigcommerce",
    maxLength: 255,
    provider: (sandbox) => configuredProvider((stack) => bigcommerceBackend(stack, fast, {}), sandboxConfig(sandbox, "bigcommerce")),
    groups: async (sandbox) => (await sandbox.bigcommerce.groups()).map((g) => ({ id: String(g.id), name: g.name })),
  },
];

for (const c of cases) {
  describe(`${c.backend}: names people really use`, () => {
    let sandbox: Sandbox;
    beforeEach(async () => (sandbox = await startSandbox({ bigcommerce: { rateLimit: { quota: 1_000_000 } } })));
    afterEach(() => sandbox.close());

    // The longest name, ending in an emoji: lengths count characters, so it is as long as a name of plain letters.
    const names = [...hostile, `${"L".repeat(c.maxLength - 1)}🎉`];
    const requests = async () => (await sandbox.requests()).filter((r) => r.vendor === c.backend && r.path !== "/oauth/token");
    const idsByName = async () => Object.fromEntries((await c.groups(sandbox)).map((g) => [g.name, g.id]));

    it(`round-trips ${names.length} names: create, refresh without drift, adoption alone and together`, async () => {
      const provider = await c.provider(sandbox);
      const inputs = await Promise.all(names.map((name) => checkedInputs(provider, { name })));
      const created = await Promise.all(inputs.map((i) => provider.create(i)));
      expect(Object.keys(await idsByName()).sort()).to.deep.equal([...names].sort());

      // A refresh of all of them (read together, as the engine does) shows every name as declared: no drift.
      const read = await Promise.all(created.map((g) => provider.read(g.id, g.outs as Props)));
      read.forEach((r, i) => expect(r.inputs, names[i]).to.deep.equal(inputs[i]));
      for (const [i, r] of read.entries()) expect((await provider.diff(r.id!, r.props as Props, inputs[i])).changes, names[i]).to.equal(false);

      // Adoption by name in another stack's provider: each alone, then all together (one query or listing for all).
      const ids = await idsByName();
      for (const name of names.slice(0, 3)) {
        const alone = await c.provider(sandbox);
        expect((await alone.create(await checkedInputs(alone, { name, adopt: true }))).id, name).to.equal(ids[name]);
      }
      const together = await c.provider(sandbox);
      await sandbox.clearRequests();
      const adopted = await Promise.all(names.map(async (name) => (await together.create(await checkedInputs(together, { name, adopt: true }))).id));
      expect(adopted).to.deep.equal(names.map((n) => ids[n]));
      expect((await requests()).every((r) => r.method === "GET")).to.equal(true);
      console.log(`      ${c.backend}: ${names.length} adoptions together: ${(await requests()).length} GET`);
      expect(await c.groups(sandbox)).to.have.length(names.length);
    });

    it("finds each of them by name after a create whose answer was lost, instead of creating it twice", async () => {
      const provider = await c.provider(sandbox);
      for (const name of names) {
        await sandbox.injectFault({ vendor: c.backend, method: "POST", dropResponseAfterCommit: true });
        const { result } = await warningsOf(async () => provider.create(await checkedInputs(provider, { name })));
        expect((result.outs as Props).name).to.equal(name);
      }
      const live = await c.groups(sandbox);
      expect(live.map((g) => g.name).sort()).to.deep.equal([...names].sort());
    });

    it("refuses in check, before any request, names with white space at either end, invisible characters, or too long, naming the character and where", async () => {
      const provider = await c.provider(sandbox);
      const rule = `must be 1 to ${c.maxLength} characters (an emoji counts as one), without control, bidirectional or zero-width characters, nor white space at either end`;
      const refused: [string, string][] = [
        [" Leading", "starts with white space (U+0020 SPACE)"],
        ["Trailing ", "ends with white space (U+0020 SPACE at character 9)"],
        ["Trailing\u00A0", "ends with white space (U+00A0 NO-BREAK SPACE at character 9)"],
        ["\tTab", "contains U+0009 CHARACTER TABULATION (a control character) at character 1"],
        ["new\nline", "contains U+000A LINE FEED (a line break) at character 4"],
        ["bell\u0007", "contains U+0007 (a control character) at character 5"],
        ["Whole\u202Esale", "contains U+202E RIGHT-TO-LEFT OVERRIDE (a bidirectional control, which reorders the text around it) at character 6"],
        ["\u2066Gold\u2069", "contains U+2066 LEFT-TO-RIGHT ISOLATE (a bidirectional control, which reorders the text around it) at character 1 and 1 more"],
        ["Go\u200Bld", "contains U+200B ZERO WIDTH SPACE (a zero-width character, which cannot be seen) at character 3"],
        ["Gold\uFEFF", "contains U+FEFF ZERO WIDTH NO-BREAK SPACE (byte order mark) (a zero-width character, which cannot be seen) at character 5"],
        ["a\u2028b", "contains U+2028 LINE SEPARATOR (a line break) at character 2"],
        ["a\u0085b", "contains U+0085 NEXT LINE (a line break) at character 2"],
        [`${"L".repeat(c.maxLength)}🎉`, rule],
        ["", rule],
      ];
      for (const [name, reason] of refused) {
        const result = await provider.check({}, { name });
        expect(result.failures, JSON.stringify(name)).to.have.length(1);
        expect(result.failures![0].property).to.equal("name");
        expect(result.failures![0].reason, JSON.stringify(name)).to.include(reason);
      }
      expect(await requests()).to.deep.equal([]);
    });
  });
}

describe("revcent: names people really use", () => {
  let sandbox: Sandbox;
  beforeEach(async () => (sandbox = await startSandbox()));
  afterEach(() => sandbox.close());

  it("adopts each group by its exact name and refreshes it without drift", async () => {
    await sandbox.revcent.seedGroups(hostile.map((name) => ({ name, enabled: true, qualifier_method: "none" })) as never);
    const provider = await configuredProvider((stack) => revcentBackend(stack, fast, {}), sandboxConfig(sandbox, "revcent"));
    const inputs = await Promise.all(hostile.map((name) => checkedInputs(provider, { name })));
    const adopted = await Promise.all(inputs.map((i) => provider.create(i)));
    const live = Object.fromEntries((await sandbox.revcent.groups()).map((g) => [g.name, g.id]));
    expect(adopted.map((a) => a.id)).to.deep.equal(hostile.map((n) => live[n]));
    const read = await Promise.all(adopted.map((a) => provider.read(a.id, a.outs as Props)));
    read.forEach((r, i) => expect((r.inputs as Props).name, hostile[i]).to.equal(hostile[i]));
  });
});
