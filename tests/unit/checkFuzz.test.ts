// Property-based test of `check` for the three resources: random arguments (wrong types, deep nesting, huge arrays, unknown
// and prototype-named fields, control characters, values not known yet) never make it throw or write (it reads a custom type at most), and every
// failure names a property path of the input and a reason; random valid arguments pass. Seeded: PCG_FUZZ_SEED replays a run.

import http from "node:http";
import { AddressInfo } from "node:net";
import { expect } from "chai";
import { customerGroupAdapter as commercetoolsBackend } from "../../provider/commercetools/customerGroup";
import { customerGroupAdapter as bigcommerceBackend } from "../../provider/bigcommerce/customerGroup";
import { customerGroupAdapter as revcentBackend } from "../../provider/revcent/customerGroup";
import { configuredProvider, Props, Provider } from "../helpers/provider";

const seed = Number(process.env.PCG_FUZZ_SEED ?? 20261122);
const casesPerBackend = 300;
/** The value Pulumi gives a property not known yet, during preview. */
const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** mulberry32: a small, fast, seedable generator; plenty for picking test cases. */
function generator(start: number) {
  let state = start >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  return { next, int, pick };
}
type Random = ReturnType<typeof generator>;

const strings = [
  "",
  " ",
  "Gold",
  "Größe",
  "日本語",
  "🎉",
  'a"b',
  "a\\b",
  "%&+#?/",
  "\u0000",
  "\n",
  "x".repeat(10_000),
  unknown,
  "all",
  "specific",
  "percent",
  "7",
];
const keys = ["__proto__", "constructor", "toString", "hasOwnProperty", "", "é", "a.b", "[0]", "unknownField"];

function randomValue(r: Random, depth: number, fields: readonly string[]): unknown {
  switch (r.int(depth > 3 ? 9 : 12)) {
    case 0:
      return undefined;
    case 1:
      return null;
    case 2:
      return r.next() < 0.5;
    case 3:
      return r.pick([0, -1, 1.5, 7, 2 ** 53, NaN, Infinity, -Infinity, -0, 1e308]);
    case 4:
    case 5:
    case 6:
      return r.pick(strings);
    case 7:
      return unknown;
    case 8:
      return r.pick([[], {}, [unknown]]);
    case 9: {
      const length = r.next() < 0.05 ? 100_000 : r.int(5);
      const element = randomValue(r, depth + 1, fields);
      return Array.from({ length }, (_, i) => (i < 5 ? randomValue(r, depth + 1, fields) : element));
    }
    case 10:
      return r.next() < 0.1 ? deeplyNested(200, randomValue(r, 4, fields)) : randomObject(r, depth + 1, fields);
    default:
      return randomObject(r, depth + 1, fields);
  }
}

function randomObject(r: Random, depth: number, fields: readonly string[]): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (let i = r.int(5); i > 0; i--) {
    // Own properties, even for `__proto__`, as JSON.parse makes them.
    Object.defineProperty(object, r.pick([...fields, ...keys]), { value: randomValue(r, depth, fields), enumerable: true, writable: true, configurable: true });
  }
  return object;
}

function deeplyNested(levels: number, leaf: unknown): unknown {
  let value = leaf;
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
}

/** Replaces the value at a random place of `valid` (or adds a field there) with a random one. */
function mutated(r: Random, valid: Props, fields: readonly string[]): Props {
  const copy = structuredClone(valid) as Props;
  let target: Record<string, unknown> = copy;
  for (let step = r.int(3); step > 0; step--) {
    const children = Object.entries(target).filter(([, v]) => v !== null && typeof v === "object");
    if (children.length === 0) break;
    target = r.pick(children)[1] as Record<string, unknown>;
  }
  const key = Array.isArray(target) ? String(r.int(target.length + 1)) : r.pick([...Object.keys(target), ...fields, ...keys]);
  Object.defineProperty(target, key, { value: randomValue(r, 1, fields), enumerable: true, writable: true, configurable: true });
  return copy;
}

/** Whether `path` (`discountRules[2].amount`, `custom.fields["a.b"]`) names a value in `input`, or a missing one whose parent is there. */
function pathIsIn(input: unknown, path: string): boolean {
  const segments = path.match(/\["(?:[^"\\]|\\.)*"\]|\[\d+\]|[^.[\]]+/g) ?? [];
  let value: unknown = input;
  for (const [i, segment] of segments.entries()) {
    const key = segment.startsWith('["') ? (JSON.parse(segment.slice(1, -1)) as string) : segment.startsWith("[") ? Number(segment.slice(1, -1)) : segment;
    if (value === null || typeof value !== "object") return false;
    if (!Object.prototype.hasOwnProperty.call(value, key)) return i === segments.length - 1;
    value = (value as Record<string | number, unknown>)[key];
  }
  return segments.length > 0;
}

/** The input for a failure message: its beginning, and something even when it is too large to print whole. */
function printed(input: unknown): string {
  try {
    return (JSON.stringify(input) ?? "undefined").slice(0, 300);
  } catch {
    return `(too large to print; keys ${Object.keys(input as object).join(", ")})`;
  }
}

interface Case {
  backend: string;
  make(config: Record<string, string>): Promise<Provider>;
  config(url: string): Record<string, string>;
  fields: readonly string[];
  /** Valid arguments, varied by the generator. */
  valid(r: Random): Props;
}

const cases: Case[] = [
  {
    backend: "commercetools",
    make: (config) => configuredProvider((stack) => commercetoolsBackend(stack, {}, {}), config),
    config: (url) => ({
      "commercetools:projectKey": "fuzz",
      "commercetools:clientId": "fuzz-client",
      "commercetools:clientSecret": "fuzz-secret-value",
      "commercetools:apiUrl": url,
      "commercetools:authUrl": url,
    }),
    fields: ["name", "key", "custom", "type", "fields", "id", "adopt", "connection"],
    valid: (r) => ({
      name: r.pick(["Gold", "Größe 🎉", 'Say "hi"', "back\\slash"]),
      ...(r.next() < 0.5 ? { key: r.pick(["gold", "a_b-C9"]) } : {}),
      ...(r.next() < 0.5 ? { custom: { type: r.next() < 0.5 ? { key: "group-fields" } : { id: "t-1" }, fields: { tier: r.pick(["1", 2, true]) } } } : {}),
      ...(r.next() < 0.3 ? { adopt: r.next() < 0.5 } : {}),
    }),
  },
  {
    backend: "bigcommerce",
    make: (config) => configuredProvider((stack) => bigcommerceBackend(stack, {}, {}), config),
    config: (url) => ({ "bigcommerce:storeHash": "fuzz", "bigcommerce:accessToken": "fuzz-token-value", "bigcommerce:apiUrl": url }),
    fields: [
      "name",
      "isDefault",
      "categoryAccess",
      "type",
      "categories",
      "discountRules",
      "method",
      "amount",
      "productId",
      "categoryId",
      "adopt",
      "connection",
    ],
    valid: (r) => ({
      name: r.pick(["Wholesale", "日本語", "50% & more"]),
      ...(r.next() < 0.5 ? { isDefault: r.next() < 0.5 } : {}),
      ...(r.next() < 0.5
        ? { categoryAccess: r.pick([{ type: "all" }, { type: "none" }, { type: "specific", categories: [1 + r.int(50), 60 + r.int(50)] }]) }
        : {}),
      ...(r.next() < 0.5
        ? {
            discountRules: [
              { type: "all", method: r.pick(["percent", "price", "fixed"]), amount: r.int(100) },
              { type: "product", productId: 1 + r.int(99), method: "percent", amount: 5 },
            ],
          }
        : {}),
    }),
  },
  {
    backend: "revcent",
    make: (config) => configuredProvider((stack) => revcentBackend(stack, {}, {}), config),
    config: (url) => ({ "revcent:apiKey": "fuzz-key-value", "revcent:apiUrl": url }),
    fields: ["name", "enabled", "qualifierMethod", "qualifiers", "specificValues", "values", "lifetimeValue", "min", "max", "connection"],
    valid: (r) => ({
      name: r.pick(["VIP", "Größe", "🎉 fans"]),
      ...(r.next() < 0.5 ? { enabled: r.next() < 0.5 } : {}),
    }),
  },
];

describe(`check under random input (seed ${seed}; PCG_FUZZ_SEED replays it)`, function () {
  this.timeout(60_000);
  let server: http.Server;
  let url: string;
  /** What check sent: only token requests and reads of custom types, never a write. */
  const received: string[] = [];
  const written = () => received.filter((r) => !/^(POST \/oauth\/token|GET \/[^/]+\/types\/)/.test(r));
  before(async () => {
    server = http.createServer((req, res) => {
      received.push(`${req.method} ${req.url}`);
      res.writeHead(500).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("cases the fuzz found: a value that cannot be printed, a field name with a dot, a huge array, a runaway nesting", async () => {
    const bigcommerce = await cases[1].make(cases[1].config(url));
    const unprintable = { toString: [] };
    const rules = [
      { type: "product", productId: unprintable, method: "percent", amount: 5 },
      { type: "product", productId: unprintable, method: "percent", amount: 5 },
    ];
    const failures = (
      await bigcommerce.check({}, { name: "W", discountRules: rules, categoryAccess: { type: "specific", categories: [unprintable, unprintable] } })
    ).failures;
    expect(failures?.map((f) => f.property)).to.deep.equal([
      "categoryAccess.categories[0]",
      "categoryAccess.categories[1]",
      "discountRules[0].productId",
      "discountRules[1].productId",
    ]);
    expect((await bigcommerce.check({}, { name: "W", "a.b": 1 })).failures).to.deep.equal([{ property: '["a.b"]', reason: "is not a known argument" }]);
    expect((await bigcommerce.check({}, { name: "W", discountRules: new Array(100_001).fill({}) })).failures).to.deep.equal([
      { property: "discountRules", reason: "has 100,001 items; at most 10,000" },
    ]);
    const commercetools = await cases[0].make(cases[0].config(url));
    const deep = (await commercetools.check({}, { name: "G", custom: { type: { key: "t" }, fields: { a: deeplyNested(200, 1) } } })).failures;
    expect(deep).to.have.length(1);
    expect(deep![0].reason).to.equal("is nested more than 32 levels deep");
    expect(deep![0].property).to.match(/^custom\.fields\.a(\.a)+$/);
    expect(written()).to.deep.equal([]);
  });

  for (const c of cases) {
    it(`${c.backend}: ${casesPerBackend} random inputs never throw, never write, and every failure has a path in the input and a reason`, async () => {
      const provider = await c.make(c.config(url));
      const r = generator(seed ^ c.backend.length);
      let failed = 0;
      for (let n = 0; n < casesPerBackend; n++) {
        const input = n % 2 === 0 ? mutated(r, c.valid(r), c.fields) : randomObject(r, 0, c.fields);
        const context = () => `seed ${seed}, ${c.backend} case ${n}: ${printed(input)}`;
        const result = await provider.check({}, input).catch((e: Error) => expect.fail(`check threw (${e.message}); ${context()}`));
        for (const failure of result.failures ?? []) {
          const ok = typeof failure.property === "string" && failure.property !== "" && typeof failure.reason === "string" && failure.reason !== "";
          if (!ok || !pathIsIn(input, failure.property)) expect.fail(`failure ${JSON.stringify(failure)} has no path of the input or no reason; ${context()}`);
        }
        if ((result.failures ?? []).length > 0) failed++;
      }
      expect(written(), "requests sent").to.deep.equal([]);
      expect(failed, "most random inputs are invalid").to.be.above(casesPerBackend / 2);
    });

    it(`${c.backend}: ${casesPerBackend} random valid inputs pass`, async () => {
      const provider = await c.make(c.config(url));
      const r = generator(seed + 1);
      for (let n = 0; n < casesPerBackend; n++) {
        const input = c.valid(r);
        const result = await provider.check({}, input);
        expect(result.failures ?? [], `seed ${seed}, case ${n}: ${JSON.stringify(input)}`).to.deep.equal([]);
      }
      expect(written()).to.deep.equal([]);
    });
  }
});
