// Unit tests: the file `export` writes from groups as each vendor answers them: header, arguments per backend, comments on
// what the provider cannot read or `check` would refuse, and the summary line.

import { expect } from "chai";
import { parse, parseDocument, YAMLMap } from "yaml";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { exportedGroups, exportFrom, renderGroupsFile, schemaModeline, summaryLine, takenNames } from "../../cli/export";
import { resourceNameOf } from "../../sdk/config/format";
import type { CustomerGroup } from "@commercetools/platform-sdk";
import type { WireGroup as BigCommerceWireGroup } from "../../provider/bigcommerce/wire";
import type { WireGroup as RevCentWireGroup } from "../../provider/revcent/wire";

/** The comment right above a group's line in the file (its lines without `# `), or undefined. */
function commentAbove(text: string, name: string): string | undefined {
  const lines = text.split("\n");
  const at = lines.indexOf(`  ${name}:`);
  expect(at, `group ${name} in the file`).to.be.greaterThan(0);
  const comment: string[] = [];
  for (let i = at - 1; i >= 0 && lines[i]!.startsWith("  # "); i--) comment.unshift(lines[i]!.slice(4));
  return comment.length > 0 ? comment.join("\n") : undefined;
}

describe("export: the file", () => {
  const wholesale: BigCommerceWireGroup = {
    id: 4,
    name: "Wholesale",
    is_default: false,
    category_access: { type: "specific", categories: [12, 7] },
    discount_rules: [
      { type: "product", method: "percent", amount: "5.0000", product_id: 33 },
      { type: "category", method: "price", amount: "12.0000", category_id: 7 },
      { type: "all", method: "percent", amount: "2.5000" },
    ],
    date_created: "Tue, 20 Nov 2012 00:00:00 +0000",
  };
  // The rule of BigCommerce's own "Get Customer Group" example, type and method swapped.
  const student: BigCommerceWireGroup = {
    id: 3,
    name: "Student Discounts",
    is_default: true,
    category_access: { type: "all" },
    discount_rules: [
      { type: "percent", method: "all", amount: "5.0000" },
      { type: "all", method: "price", amount: "1.5000" },
    ],
  };

  it("writes BigCommerce groups in the provider's own form, with adopt: true, one rule a line", () => {
    const groups = exportedGroups("bigcommerce", [wholesale]);
    expect(groups).to.deep.equal([
      {
        name: "wholesale",
        args: {
          name: "Wholesale",
          adopt: true,
          isDefault: false,
          isGroupForGuests: false,
          categoryAccess: { type: "specific", categories: [7, 12] },
          discountRules: [
            { type: "all", method: "percent", amount: 2.5 },
            { type: "category", method: "price", amount: 12, categoryId: 7 },
            { type: "product", method: "percent", amount: 5, productId: 33 },
          ],
        },
      },
    ]);
    const text = renderGroupsFile("bigcommerce", groups, ["header"]);
    expect(text).to.include("    categoryAccess: { type: specific, categories: [ 7, 12 ] }\n");
    expect(text).to.include("      - { type: all, method: percent, amount: 2.5 }\n");
    expect(parse(text)).to.deep.equal({ bigcommerce: { wholesale: groups[0]!.args } });
    expect(commentAbove(text, "wholesale")).to.equal(undefined);
  });

  it("writes a price-list group and the store's guest group as the provider reads them", () => {
    const b2b: BigCommerceWireGroup = {
      id: 11,
      name: "B2B",
      is_default: false,
      category_access: { type: "all" },
      discount_rules: [{ type: "price_list", price_list_id: 3 }],
      is_group_for_guests: true,
    };
    const [group] = exportedGroups("bigcommerce", [b2b]);
    expect(group!.args).to.deep.equal({
      name: "B2B",
      adopt: true,
      isDefault: false,
      isGroupForGuests: true,
      categoryAccess: { type: "all" },
      discountRules: [{ type: "price_list", priceListId: 3 }],
    });
    expect(renderGroupsFile("bigcommerce", [group!], ["header"])).to.include("      - { type: price_list, priceListId: 3 }\n");
  });

  it("leaves out a field the provider cannot read, so adoption does not touch it, and shows it in a comment as the store holds it", () => {
    const oddAccess: BigCommerceWireGroup = { id: 8, name: "Odd Access", is_default: false, category_access: { type: "some" }, discount_rules: "none" };
    const groups = exportedGroups("bigcommerce", [student, wholesale, oddAccess], "eu");
    const text = renderGroupsFile("bigcommerce", groups, ["header"]);
    const file = parse(text) as { bigcommerce: Record<string, Record<string, unknown>> };

    // The rules are left out (not managed: `pulumi up` adopts without touching them); what is readable is declared.
    expect(file.bigcommerce["student-discounts"]).to.deep.equal({
      name: "Student Discounts",
      connection: "eu",
      adopt: true,
      isDefault: true,
      isGroupForGuests: false,
      categoryAccess: { type: "all" },
    });
    const studentComment = commentAbove(text, "student-discounts")!;
    expect(studentComment).to.include("The provider cannot read part of this group; it is left out, so `pulumi up` leaves it as the store holds it:");
    expect(studentComment).to.include('discountRules: [{"type":"percent","method":"all","amount":"5.0000"},{"type":"all","method":"price","amount":"1.5000"}]');
    expect(studentComment).to.include(`bigcommerce customer group 3 ('Student Discounts'): discount rule 0 is not understood`);
    expect(studentComment).to.include("Declare it here (for discountRules, the complete set) to replace it.");
    // As written, the group passes its resource's check: nothing in the comment says `pulumi up` would refuse it.
    expect(studentComment).to.not.include("refuses");

    expect(file.bigcommerce["odd-access"]).to.deep.equal({ name: "Odd Access", connection: "eu", adopt: true, isDefault: false, isGroupForGuests: false });
    const oddComment = commentAbove(text, "odd-access")!;
    expect(oddComment).to.include('categoryAccess: {"type":"some"}').and.include('discountRules: "none"');
    expect(oddComment).to.include("category_access is not understood").and.include("discount_rules is not a list");

    expect(commentAbove(text, "wholesale")).to.equal(undefined);
    expect(file.bigcommerce.wholesale!.connection).to.equal("eu");
  });

  it("writes commercetools groups with the key when there is one, and the custom type by id with the fields as they are", () => {
    const gold = {
      id: "1c0a",
      version: 3,
      name: "Gold",
      key: "gold",
      custom: {
        type: { typeId: "type", id: "3f2e-type" },
        fields: { tier: "1", vip: true, tags: ["b", "a"], price: { centAmount: 100, currencyCode: "EUR" } },
      },
      createdAt: "",
      lastModifiedAt: "",
    } as unknown as CustomerGroup;
    const plain = { id: "2d1b", version: 1, name: "Plain Group", createdAt: "", lastModifiedAt: "" } as CustomerGroup;
    const groups = exportedGroups("commercetools", [plain, gold]);
    expect(groups).to.deep.equal([
      {
        name: "gold",
        args: {
          name: "Gold",
          key: "gold",
          adopt: true,
          custom: { type: { id: "3f2e-type" }, fields: { tier: "1", vip: true, tags: ["b", "a"], price: { centAmount: 100, currencyCode: "EUR" } } },
        },
      },
      { name: "plain-group", args: { name: "Plain Group", adopt: true } },
    ]);
    const text = renderGroupsFile("commercetools", groups, ["header"]);
    // A string that looks like a number stays a string.
    expect(text).to.include('tier: "1"');
    expect(parse(text)).to.deep.equal({ commercetools: { gold: groups[0]!.args, "plain-group": groups[1]!.args } });
  });

  it("writes RevCent groups without adopt, by groupId where names repeat, and comments on live data `check` would refuse", () => {
    const live: RevCentWireGroup[] = [
      { id: "aaaaaaaaaaaaaaaaaaaa", name: "Twice", description: "first", enabled: true, qualifier_method: "none", qualifiers: {} },
      { id: "bbbbbbbbbbbbbbbbbbbb", name: "Twice", description: "second", enabled: false, qualifier_method: "none", qualifiers: {} },
      {
        id: "cccccccccccccccccccc",
        name: "Upside Down",
        enabled: true,
        qualifier_method: "specific_values",
        qualifiers: { specific_values: { values: { lifetime_value: { enabled: true, min: 900, max: 100 } } } },
      },
    ];
    const groups = exportedGroups("revcent", live);
    expect(groups.map((g) => [g.name, g.args])).to.deep.equal([
      ["twice", { groupId: "aaaaaaaaaaaaaaaaaaaa", description: "first", enabled: true, qualifierMethod: "none" }],
      ["twice-2", { groupId: "bbbbbbbbbbbbbbbbbbbb", description: "second", enabled: false, qualifierMethod: "none" }],
      [
        "upside-down",
        {
          name: "Upside Down",
          enabled: true,
          qualifierMethod: "specific_values",
          qualifiers: { specificValues: { values: { lifetimeValue: { enabled: true, max: 100, min: 900 } } } },
        },
      ],
    ]);
    const text = renderGroupsFile("revcent", groups, ["header"]);
    expect(commentAbove(text, "twice")).to.equal("'Twice': 2 RevCent groups have this name, so this one is adopted by its id.");
    // Where a YAML parser puts it: the first group's comment goes to the map, the others' to their keys.
    const revcent = parseDocument(text).get("revcent") as YAMLMap;
    expect([revcent.commentBefore, (revcent.items[1]!.key as { commentBefore?: string }).commentBefore]).to.deep.equal([
      " 'Twice': 2 RevCent groups have this name, so this one is adopted by its id.",
      " 'Twice': 2 RevCent groups have this name, so this one is adopted by its id.",
    ]);
    expect(commentAbove(text, "upside-down")).to.include("qualifiers.specificValues.values.lifetimeValue.min must not be above max");
    expect(text).to.not.match(/\badopt:/);
  });

  it("starts with the schema line, then where and when the groups came from; the summary line names the same place", async () => {
    const exported = exportFrom(
      "revcent",
      { scope: "account at https://api.revcent.example", live: [{ id: "aaaaaaaaaaaaaaaaaaaa", name: "VIP", enabled: true }] },
      {
        connection: "eu",
        now: new Date("2026-03-04T05:06:07.890Z"),
      },
    );
    expect(exported.text.split("\n").slice(0, 4)).to.deep.equal([
      `# ${schemaModeline()}`,
      "# Exported by `pulumi-customer-groups export` from revcent account at https://api.revcent.example (connection 'eu') on 2026-03-04T05:06:07Z: 1 group.",
      "# RevCent groups are always adopted (by name, or by groupId where groups share a name); nothing is ever written to RevCent.",
      "",
    ]);
    expect(schemaModeline()).to.equal("yaml-language-server: $schema=./node_modules/pulumi-customer-groups/schema/groups.schema.json");
    expect(parse(exported.text)).to.deep.equal({ revcent: { vip: { name: "VIP", connection: "eu", enabled: true } } });
    expect(summaryLine(exported, "groups.yaml")).to.equal("exported 1 revcent group (account at https://api.revcent.example, connection 'eu') to groups.yaml");
    expect(summaryLine({ ...exported, backend: "commercetools", count: 40, scope: "project 'demo-project'", connection: undefined }, "stdout")).to.equal(
      "exported 40 commercetools groups (project 'demo-project') to stdout",
    );
  });

  it("points $schema at the package from the file's directory", () => {
    expect(schemaModeline()).to.equal("yaml-language-server: $schema=./node_modules/pulumi-customer-groups/schema/groups.schema.json");
    expect(schemaModeline("/repo/groups", "/repo")).to.equal("yaml-language-server: $schema=../node_modules/pulumi-customer-groups/schema/groups.schema.json");
    expect(schemaModeline("/repo/groups/eu", "/repo")).to.equal(
      "yaml-language-server: $schema=../../node_modules/pulumi-customer-groups/schema/groups.schema.json",
    );
    const exported = exportFrom("revcent", { scope: "account", live: [] }, { fileDirectory: "/repo/groups", projectDirectory: "/repo" });
    expect(exported.text.split("\n")[0]).to.equal("# yaml-language-server: $schema=../node_modules/pulumi-customer-groups/schema/groups.schema.json");
  });

  it("spells out letters that have no base letter in resource names: Größe Kunden -> groesse-kunden", () => {
    expect(resourceNameOf("Größe Kunden")).to.equal("groesse-kunden");
    expect(resourceNameOf("Søren & Œuvre Æble")).to.equal("soren-oeuvre-aeble");
    expect(resourceNameOf("Łódź Café")).to.equal("lodz-cafe");
    expect(resourceNameOf("日本語")).to.equal("group");
  });

  it("writes an empty map for a backend without groups", async () => {
    const exported = exportFrom("revcent", { scope: "account at https://api.revcent.example", live: [] }, { now: new Date(0) });
    expect(exported.count).to.equal(0);
    expect(parse(exported.text)).to.deep.equal({ revcent: {} });
  });

  it("into a directory that already declares a name: the connection prefixes it (eu-vip), the header says so, and cg.fromConfig reads both files", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cg-export-dir-"));
    try {
      fs.writeFileSync(path.join(dir, "us.yaml"), "bigcommerce:\n  vip: { name: VIP, connection: us }\n  wholesale: { name: Wholesale, connection: us }\n");
      fs.writeFileSync(path.join(dir, "broken.yaml"), "bigcommerce: [\n");
      const taken = takenNames(dir, "bigcommerce", path.join(dir, "eu.yaml"));
      expect([...taken].sort()).to.deep.equal(["vip", "wholesale"]);
      const vip: BigCommerceWireGroup = { id: 8, name: "VIP", is_default: false, category_access: { type: "all" }, discount_rules: [] };
      const exported = exportFrom(
        "bigcommerce",
        { scope: "store 'eu'", live: [vip, { ...wholesale, id: 9 }, { ...vip, id: 10, name: "Outlet" }] },
        {
          connection: "eu",
          taken,
          now: new Date(0),
        },
      );
      expect(Object.keys((parse(exported.text) as { bigcommerce: object }).bigcommerce)).to.deep.equal(["outlet", "eu-vip", "eu-wholesale"]);
      expect(exported.renamed).to.deep.equal([
        { from: "vip", to: "eu-vip" },
        { from: "wholesale", to: "eu-wholesale" },
      ]);
      expect(exported.text).to.include("# Other files of the directory declare vip, wholesale, so these groups are named eu-vip, eu-wholesale here.\n");
      // Without a connection, a number tells them apart.
      expect(exportFrom("bigcommerce", { scope: "store 'x'", live: [vip] }, { taken }).renamed).to.deep.equal([{ from: "vip", to: "vip-2" }]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("writes a comment quoting the store on comment lines only: a line break in a value starts no YAML", () => {
    const text = renderGroupsFile(
      "bigcommerce",
      [{ name: "x", args: { name: "X" } as never, comment: ["from the store: a\rb: injected\nc: too"] }],
      ["header"],
    );
    expect(parse(text)).to.deep.equal({ bigcommerce: { x: { name: "X" } } });
    expect(text).to.include("# from the store: a\\rb: injected\\nc: too");
  });

  it("says in words that a fixed rule or a price list sets prices and takes nothing off", () => {
    const outlet: BigCommerceWireGroup = {
      id: 5,
      name: "Outlet",
      is_default: false,
      category_access: { type: "all" },
      discount_rules: [{ type: "category", method: "fixed", amount: "0.0100", category_id: 7 }],
    };
    const text = exportFrom("bigcommerce", { scope: "store 'x'", live: [outlet] }).text;
    expect(commentAbove(text, "outlet")).to.equal("Sets prices, takes nothing off: category 7 at fixed price 0.01.");
  });
});
