// Unit tests: config-repo files (cg.fromConfig's loader): every group checked as its resource checks it, every problem of
// every file at once with file:line:col, directories merged, duplicates refused; the shipped JSON Schema agrees.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Ajv from "ajv";
import { expect } from "chai";
import { ConfigFileError, invalidUtf8At, loadGroups, maxFileBytes } from "../../sdk/config/load";
import { groupsFileSchema } from "../../sdk/config/schema";

const dirs: string[] = [];
/** Writes the files into a new temporary directory and returns it. */
function tree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pcg-config-"));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}
/** The problems a load reports, with the temporary directory written as `.`. */
function problems(source: string): string[] {
  try {
    loadGroups(source);
  } catch (e) {
    expect(e).to.be.instanceOf(ConfigFileError);
    const root = fs.existsSync(source) && !fs.statSync(source).isDirectory() ? path.dirname(source) : source;
    return (e as ConfigFileError).problems.map((p) => p.split(root).join("."));
  }
  throw new Error("expected the load to fail");
}

const valid = `# yaml-language-server: $schema=./node_modules/pulumi-customer-groups/schema/groups.schema.json
commercetools:
  gold:
    name: Gold
    key: gold
    custom: { type: { key: group-fields }, fields: { tier: "1", vip: true } }
  b2b: { name: B2B Partners, key: b2b-partners, adopt: true, connection: eu }
bigcommerce:
  wholesale:
    name: Wholesale
    categoryAccess: { type: specific, categories: [7, 12] }
    discountRules:
      - { type: all, method: percent, amount: 2.5 }
      - { type: product, productId: 33, method: percent, amount: 5 }
revcent:
  vip: { name: VIP, enabled: true }
`;

describe("config-repo files", () => {
  after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it("keeps null (a key or custom type removed on purpose) and a price-list rule as the resources take them", () => {
    const dir = tree({
      "groups.yaml":
        "commercetools:\n  gold: { name: Gold, key: null, custom: ~ }\nbigcommerce:\n  b2b:\n    name: B2B\n    isGroupForGuests: true\n    discountRules: [{ type: price_list, priceListId: 3 }]\n",
    });
    const { groups } = loadGroups(path.join(dir, "groups.yaml"));
    expect(groups.commercetools.gold).to.deep.equal({ name: "Gold", key: null, custom: null });
    expect(groups.bigcommerce.b2b).to.deep.equal({ name: "B2B", isGroupForGuests: true, discountRules: [{ type: "price_list", priceListId: 3 }] });
  });

  it("reads every backend's groups with exactly their resources' arguments; an empty file declares nothing", () => {
    const dir = tree({ "groups.yaml": valid, "empty.yaml": "", "comments.yml": "# nothing yet\n", "sections.yaml": "bigcommerce:\nrevcent:\n" });
    const { groups, origins } = loadGroups(path.join(dir, "groups.yaml"));
    expect(groups.commercetools).to.deep.equal({
      gold: { name: "Gold", key: "gold", custom: { type: { key: "group-fields" }, fields: { tier: "1", vip: true } } },
      b2b: { name: "B2B Partners", key: "b2b-partners", adopt: true, connection: "eu" },
    });
    expect(groups.bigcommerce.wholesale!.discountRules).to.have.length(2);
    expect(groups.revcent).to.deep.equal({ vip: { name: "VIP", enabled: true } });
    expect(origins.bigcommerce.wholesale).to.deep.include({ line: 9, col: 3 });
    for (const file of ["empty.yaml", "comments.yml", "sections.yaml"]) {
      expect(loadGroups(path.join(dir, file)).groups, file).to.deep.equal({ commercetools: {}, bigcommerce: {}, revcent: {} });
    }
  });

  it("reads JSON as well, and merges a directory of files (nested, in name order, other files ignored)", () => {
    const dir = tree({
      "groups/a.json": JSON.stringify({ commercetools: { gold: { name: "Gold" } } }),
      "groups/eu/b.yaml": "commercetools:\n  silver: { name: Silver }\nbigcommerce:\n  retail: { name: Retail }\n",
      "groups/README.md": "not groups",
    });
    const { groups } = loadGroups(path.join(dir, "groups"));
    expect(Object.keys(groups.commercetools)).to.deep.equal(["gold", "silver"]);
    expect(groups.bigcommerce).to.deep.equal({ retail: { name: "Retail" } });
  });

  it("reports every problem of every file at once, each with file, line, column, the argument's path and the reason", () => {
    const dir = tree({
      "a.yaml": `commercetools:
  gold:
    name: Gold
    key: "no spaces allowed"
    colour: gold
bigcommerce:
  wholesale:
    name: Wholesale
    discountRules:
      - { type: all, method: percent, amount: 2.5 }
      - { type: product, method: percent, amount: 5 }
      - { type: category, categoryId: 7, method: percent, amount: 120 }
shopify:
  x: { name: X }
`,
      "b.yaml": `revcent:
  vip: { name: VIP, enabled: "yes", connection: "EU West" }
  "bad name": { name: Bad }
  list: [1, 2]
`,
    });
    expect(problems(dir)).to.deep.equal([
      "./a.yaml:4:5 commercetools.gold.key: must be 2 to 256 characters of A-Z, a-z, 0-9, '_' and '-', or null to remove the key",
      "./a.yaml:5:5 commercetools.gold.colour: is not a known argument",
      './a.yaml:11:9 bigcommerce.wholesale.discountRules[1].productId: is required when type is "product"',
      './a.yaml:12:59 bigcommerce.wholesale.discountRules[2].amount: must be at most 100 when method is "percent"',
      "./a.yaml:13:1 shopify: is not a backend (one of commercetools, bigcommerce, revcent)",
      "./b.yaml:2:21 revcent.vip.enabled: must be boolean",
      "./b.yaml:2:37 revcent.vip.connection: must be 1 to 32 characters of a-z, 0-9, '_' and '-', starting with a letter",
      "./b.yaml:3:3 revcent.bad name: is not a resource name: a letter or digit, then letters, digits, '_', '.' or '-' (at most 100)",
      "./b.yaml:4:9 revcent.list: must be a mapping of the resource's arguments",
    ]);
  });

  it("reports YAML syntax errors and duplicate keys with their position", () => {
    const dir = tree({
      "syntax.yaml": "commercetools:\n  gold: { name: Gold\n",
      "duplicate.yaml": "commercetools:\n  gold:\n    name: Gold\n    name: Golden\n",
    });
    const [syntax] = problems(path.join(dir, "syntax.yaml"));
    expect(syntax).to.match(/^\.\/syntax\.yaml:\d+:\d+ YAML syntax: /);
    expect(problems(path.join(dir, "duplicate.yaml"))).to.deep.equal([
      "./duplicate.yaml:4:5 the same key appears twice in one mapping (YAML keeps neither safely)",
    ]);
  });

  it("refuses what would fill memory or mislead, with file:line:col: an alias bomb, bytes that are not UTF-8, names every object has, an over-size file", () => {
    const bomb = [
      "a: &a [x, x, x, x, x, x, x, x, x, x]",
      ...Array.from(
        { length: 8 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10)
            .fill(`*${String.fromCharCode(97 + i)}`)
            .join(", ")}]`,
      ),
    ];
    const dir = tree({
      "bomb.yaml": `commercetools:
  gold:
    name: Gold
    custom: { type: { key: t }, fields: { f: "1" } }
x:
  ${bomb.join("\n  ")}
`,
      "reserved.yaml": "commercetools:\n  constructor: { name: A }\n  __proto__: { name: B }\n  gold: { name: Gold, previousName: prototype }\n",
      "big.yaml": "",
    });
    fs.writeFileSync(
      path.join(dir, "latin1.yaml"),
      Buffer.concat([Buffer.from("commercetools:\n  gold:\n    name: Gr"), Buffer.from([0xf6]), Buffer.from("n\n")]),
    );
    fs.truncateSync(path.join(dir, "big.yaml"), maxFileBytes + 1);
    expect(problems(path.join(dir, "bomb.yaml"))).to.deep.equal([
      "./bomb.yaml:7:10 YAML aliases (*name) expand to more than 100 copies of their anchors; write the values out",
    ]);
    expect(problems(path.join(dir, "latin1.yaml"))).to.deep.equal(["./latin1.yaml:3:13 is not UTF-8 text: byte 0xf6 at offset 35 (save the file as UTF-8)"]);
    const reason = "is a name every JavaScript object already has (constructor, __proto__, prototype, hasOwnProperty, toString, valueOf); choose another";
    expect(problems(path.join(dir, "reserved.yaml"))).to.deep.equal([
      `./reserved.yaml:2:3 commercetools.constructor: ${reason}`,
      "./reserved.yaml:3:3 commercetools.__proto__: is not a resource name: a letter or digit, then letters, digits, '_', '.' or '-' (at most 100)",
      "./reserved.yaml:4:23 commercetools.gold.previousName: must be the resource name the group had before (a letter or digit, then letters, digits, '_', '.' or '-')",
    ]);
    expect(problems(path.join(dir, "big.yaml"))).to.deep.equal([
      `./big.yaml:1:1 the file is ${maxFileBytes + 1} bytes, more than the ${maxFileBytes} a data file may hold; split it into a directory of files`,
    ]);
  });

  it("refuses a resource name declared in two files, and two entries for one group where names are unique", () => {
    const dir = tree({
      "a.yaml": "commercetools:\n  gold: { name: Gold }\n  eu-gold: { name: Gold, connection: eu }\n",
      "b.yaml": "commercetools:\n  gold: { name: Gold 2 }\n  golden: { name: Gold }\n",
    });
    expect(problems(dir)).to.deep.equal([
      "./b.yaml:2:3 commercetools.gold: is declared twice: also at ./a.yaml:2:3",
      "./b.yaml:3:13 commercetools.golden.name: 'Gold' is also the name of commercetools.gold (./a.yaml:2:3); group names are unique in a project, so the two would fight over one group",
    ]);
  });

  it("reads a group's previousName (the resource name before a rename) beside its arguments, and refuses one still declared", () => {
    const dir = tree({
      "a.yaml": "commercetools:\n  trade: { name: Trade Accounts, key: trade-accounts, adopt: true, previousName: trade-accounts }\n",
    });
    const loaded = loadGroups(dir);
    expect(loaded.groups.commercetools).to.deep.equal({ trade: { name: "Trade Accounts", key: "trade-accounts", adopt: true } });
    expect(loaded.previousNames.commercetools).to.deep.equal({ trade: "trade-accounts" });
    const wrong = tree({
      "a.yaml": "bigcommerce:\n  trade: { name: Trade, previousName: old-trade }\n  old-trade: { name: Old }\n  self: { name: Self, previousName: self }\n",
      "b.yaml": "bigcommerce:\n  odd: { name: Odd, previousName: 'not a name' }\n",
    });
    expect(problems(wrong)).to.deep.equal([
      "./a.yaml:4:23 bigcommerce.self.previousName: is the group's own name; give the name it had before the rename, or leave previousName out",
      "./b.yaml:2:21 bigcommerce.odd.previousName: must be the resource name the group had before (a letter or digit, then letters, digits, '_', '.' or '-')",
      "./a.yaml:2:25 bigcommerce.trade.previousName: 'old-trade' is still declared (./a.yaml:3:3); a previous name is one the files no longer declare (remove bigcommerce.old-trade, or leave previousName out)",
    ]);
  });

  it("reads protect per group and per file (Pulumi's protect option; a group's own wins), and refuses one that is not true or false", () => {
    const dir = tree({
      "a.yaml": "protect: true\nbigcommerce:\n  wholesale: { name: Wholesale }\n  outlet: { name: Outlet, protect: false }\n",
      "b.yaml": "commercetools:\n  gold: { name: Gold, protect: true }\n  silver: { name: Silver }\n",
    });
    const loaded = loadGroups(dir);
    expect(loaded.groups.bigcommerce).to.deep.equal({ wholesale: { name: "Wholesale" }, outlet: { name: "Outlet" } });
    expect(loaded.protect).to.deep.equal({ commercetools: { gold: true }, bigcommerce: { wholesale: true, outlet: false }, revcent: {} });
    const wrong = tree({ "a.yaml": "protect: yes please\nbigcommerce:\n  w: { name: W, protect: 1 }\n" });
    expect(problems(wrong)).to.deep.equal([
      "./a.yaml:1:1 protect: must be true or false (Pulumi's protect option for every group of this file)",
      "./a.yaml:3:17 bigcommerce.w.protect: must be true or false (Pulumi's protect option: no run deletes the group)",
    ]);
  });

  it("reads deleteWithCustomers as the group's argument on each backend that deletes, and refuses one that is not true or false", () => {
    const dir = tree({
      "a.yaml": "bigcommerce:\n  outlet: { name: Outlet, deleteWithCustomers: true }\ncommercetools:\n  silver: { name: Silver, deleteWithCustomers: false }\n",
    });
    const loaded = loadGroups(dir);
    expect(loaded.groups.bigcommerce).to.deep.equal({ outlet: { name: "Outlet", deleteWithCustomers: true } });
    expect(loaded.groups.commercetools).to.deep.equal({ silver: { name: "Silver", deleteWithCustomers: false } });
    const wrong = tree({ "a.yaml": "bigcommerce:\n  w: { name: W, deleteWithCustomers: yes }\nrevcent:\n  v: { name: V, deleteWithCustomers: true }\n" });
    expect(problems(wrong)).to.deep.equal([
      "./a.yaml:2:17 bigcommerce.w.deleteWithCustomers: must be true or false: whether a delete (pulumi up, destroy, a replacement or a move) may delete the group while it holds customers",
      "./a.yaml:4:17 revcent.v.deleteWithCustomers: is not a known argument",
    ]);
  });

  it("refuses two default groups in one store, naming both, across files; other stores and `false` are fine", () => {
    const dir = tree({
      "a.yaml":
        "bigcommerce:\n  retail: { name: Retail, isDefault: true }\n  eu-retail: { name: Retail, isDefault: true, connection: eu }\n  trade: { name: Trade, isDefault: false }\n",
      "b.yaml": "bigcommerce:\n  wholesale:\n    name: Wholesale\n    isDefault: true\n",
    });
    expect(problems(dir)).to.deep.equal([
      "./b.yaml:4:5 bigcommerce.wholesale.isDefault: bigcommerce.retail (./a.yaml:2:3) and bigcommerce.wholesale both set isDefault: true in the default connection's store; a store has one default group, so each run would take it from the other. Keep isDefault: true on one of them.",
    ]);
  });

  it("refuses two guest groups in one store the same way", () => {
    const dir = tree({
      "a.yaml": "bigcommerce:\n  guests: { name: Guests, isGroupForGuests: true }\n  visitors: { name: Visitors, isGroupForGuests: true }\n",
    });
    expect(problems(dir)).to.deep.equal([
      "./a.yaml:3:31 bigcommerce.visitors.isGroupForGuests: bigcommerce.guests (./a.yaml:2:3) and bigcommerce.visitors both set isGroupForGuests: true in the default connection's store; a store has one guest group, so each run would take it from the other. Keep isGroupForGuests: true on one of them.",
    ]);
  });

  it("finds the first byte that is not UTF-8: a stray byte, a cut sequence, an overlong form, a surrogate", () => {
    expect(invalidUtf8At(Buffer.from("Größe Kunden ✓ 😀", "utf8"))).to.equal(undefined);
    expect(invalidUtf8At(Buffer.from([0x61, 0x80]))).to.equal(1);
    expect(invalidUtf8At(Buffer.from([0x61, 0xe2, 0x9c]))).to.equal(1);
    expect(invalidUtf8At(Buffer.from([0xc0, 0xaf]))).to.equal(0);
    expect(invalidUtf8At(Buffer.from([0xed, 0xa0, 0x80]))).to.equal(0);
    expect(invalidUtf8At(Buffer.from([0xf4, 0x90, 0x80, 0x80]))).to.equal(0);
  });

  it("says which path does not exist", () => {
    const missing = path.join(os.tmpdir(), "pcg-no-such-groups.yaml");
    expect(() => loadGroups(missing)).to.throw(ConfigFileError, `${missing}: no such file or directory`);
  });

  it("ships a JSON Schema built from the resources' own schemas, which agrees with the loader", () => {
    const shipped = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../../schema/groups.schema.json"), "utf8"));
    expect(shipped, "schema/groups.schema.json is stale: run `npm run schema`").to.deep.equal(groupsFileSchema());
    const validate = new Ajv({ allErrors: true, strict: false }).compile(shipped);
    const dir = tree({ "ok.yaml": valid, "unknown.yaml": "commercetools:\n  gold: { name: Gold, colour: gold }\n" });
    expect(validate(loadGroups(path.join(dir, "ok.yaml")).groups), JSON.stringify(validate.errors)).to.equal(true);
    expect(validate({ commercetools: { gold: { name: "Gold", colour: "gold" } } })).to.equal(false);
    expect(problems(path.join(dir, "unknown.yaml"))).to.have.length(1);
  });
});
