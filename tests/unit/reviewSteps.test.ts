// Unit tests: `review` reads a preview's steps as a reviewer needs them: each group once (a refresh is not a second group),
// titled as the store knows it, a rename's adopt-and-delete pair as one warning, an argument that stops being managed,
// a change that undoes an edit made in the store, and a group deleted in the store; values in --json as JSON values.

import fs from "node:fs";
import path from "node:path";
import Ajv from "ajv";
import { expect } from "chai";
import type { EngineEvent, OpType, StepEventMetadata } from "@pulumi/pulumi/automation";
import { deleteGuardOf, type GroupReview, inContext, refuseDelete, reviewSteps } from "../../cli/review";
import { plain } from "../../provider/text";
import { renderMarkdown, reviewJson } from "../../cli/reviewReport";

const bc = "pulumi-nodejs:dynamic/bigcommerce:CustomerGroup";
const ct = "pulumi-nodejs:dynamic/commercetools:CustomerGroup";
const urn = (type: string, name: string) => `urn:pulumi:prod::repo::${type}::${name}`;
const state = (id: string, outputs: Record<string, unknown>, inputs: Record<string, unknown> = {}) => ({
  type: "",
  urn: "",
  custom: true,
  delete: false,
  id,
  parent: "",
  protect: false,
  inputs,
  outputs,
  provider: "",
});

function step(op: OpType, type: string, name: string, old?: ReturnType<typeof state>, news?: Record<string, unknown>): EngineEvent {
  const metadata = { op, urn: urn(type, name), type, provider: "", ...(old ? { old } : {}), ...(news ? { new: state("", {}, news) } : {}) };
  return { sequence: 0, timestamp: 0, resourcePreEvent: { metadata: metadata as StepEventMetadata } };
}

const trade = { name: "Trade Accounts", storeHash: "abc", groupId: 7, isDefault: false, categoryAccess: { type: "all" }, managed: ["discountRules"] };
const rules = (amount: number) => [{ type: "all", method: "percent", amount }];
// The stack config names the store, as a config repo's does; no adoption is looked up (no live settings).
const reviewed = (events: EngineEvent[]) => reviewSteps("prod", events, (key) => (key === "bigcommerce:storeHash" ? "abc" : undefined), {}, false);
/** The report as `--json` gives it (texts in plain words), and as Markdown. */
type Plain = Omit<GroupReview, "fields" | "warnings"> & { fields: { field: string; before?: unknown; after?: unknown; text: string }[]; warnings: string[] };
const review = async (events: EngineEvent[]) => {
  const report = await reviewed(events);
  const json = JSON.parse(JSON.stringify(reviewJson(report))) as { summary: typeof report.summary; groups: Plain[]; notes: Plain[] };
  return { ...json, markdown: renderMarkdown(report) };
};

describe("review steps", () => {
  it("counts each group once with --refresh, and titles it as the store knows it", async () => {
    const recorded = { ...trade, discountRules: rules(15) };
    const report = await review([
      step("refresh", bc, "trade", state("7", recorded)),
      step("refresh", bc, "retail", state("8", { name: "Retail", storeHash: "abc", managed: [] })),
      step("update", bc, "trade", state("7", recorded), { name: "Trade Accounts", discountRules: rules(12.5) }),
      step("same", bc, "retail", state("8", { name: "Retail", storeHash: "abc", managed: [] }), { name: "Retail" }),
    ]);
    expect(report.summary).to.deep.equal({ create: 0, adopt: 0, update: 1, replace: 0, delete: 0, unchanged: 1 });
    const [group] = report.groups;
    expect(group).to.deep.include({ name: "trade", scope: { kind: "store", id: "abc" }, group: { name: "Trade Accounts", id: "7" }, action: "update" });
    expect(group!.fields).to.deep.equal([
      {
        field: "discount on the whole store",
        before: { type: "all", method: "percent", amount: 15 },
        after: { type: "all", method: "percent", amount: 12.5 },
        text: "15 % off → 12.5 % off",
      },
    ]);
    const { markdown } = report;
    expect(markdown).to.include("1 of 2 groups change; the 1 unchanged are not listed.");
    expect(markdown).to.include("#### `Trade Accounts` (id `7`, resource `trade`): update (store `abc`)");
    expect(markdown).to.include("- discount on the whole store: 15 % off → 12.5 % off");
    expect(markdown).to.include("The PUT replaces the group's 1 discount rule with the 1 rule declared");
  });

  it("shows a rename (the new name adopts the group the old name held) as one warning naming both; no DELETE", async () => {
    const report = await review([
      step("create", bc, "trade", undefined, { name: "Trade Accounts", adopt: true, discountRules: rules(15) }),
      step("delete", bc, "trade-accounts", state("7", { ...trade, discountRules: rules(15) })),
    ]);
    const deleted = report.groups.find((g) => g.name === "trade-accounts")!;
    expect(deleted.requests).to.deep.equal([]);
    expect(deleted.warnings).to.deep.equal([
      "`trade` takes over this group in the same run, so this looks like a rename of `trade-accounts` to `trade`: `pulumi up` refuses to delete " +
        "the group and fails, and the group stays. To rename without a request, declare the old name on `trade`: `previousName: trade-accounts` " +
        'in the data file, or `aliases: [{ name: "trade-accounts" }]` in TypeScript.',
    ]);
    expect(report.groups.find((g) => g.name === "trade")!.warnings.join()).to.not.include("rename");
  });

  it("a delete lists the reads pulumi up sends before it: the customer count only where the group may not go with its customers", async () => {
    const id = "5f0c";
    const report = await review([
      step("delete", ct, "silver", state(id, { name: "Silver", projectKey: "shop", version: 4, managed: [] })),
      step("delete", ct, "bronze", state("6a1d", { name: "Bronze", projectKey: "shop", version: 2, managed: [], deleteWithCustomers: true })),
    ]);
    const where = encodeURIComponent(`customerGroup(id="${id}") or customerGroupAssignments(customerGroup(id="${id}"))`);
    expect(report.groups.find((g) => g.name === "silver")!.requests).to.deep.equal([
      { method: "GET", path: `/shop/customers?where=${where}&limit=0&withTotal=true` },
      { method: "DELETE", path: `/shop/customer-groups/${id}?version=4` },
    ]);
    expect(report.groups.find((g) => g.name === "bronze")!.requests).to.deep.equal([{ method: "DELETE", path: "/shop/customer-groups/6a1d?version=2" }]);
  });

  it("a delete of a group no other resource keeps is an ordinary delete, worded like an update", async () => {
    const report = await review([
      step("create", bc, "vip", undefined, { name: "VIP", adopt: true }),
      step("delete", bc, "clearance-only", state("12", { name: "Clearance Only", storeHash: "abc", isDefault: false, discountRules: rules(30), managed: [] })),
    ]);
    const deleted = report.groups.find((g) => g.name === "clearance-only")!;
    expect(deleted.group).to.deep.equal({ name: "Clearance Only", id: "12" });
    // The read that stops a blind delete and the customer count come first (the group does not allow deleting customers).
    expect(deleted.requests).to.deep.equal([
      { method: "GET", path: "/stores/abc/v2/customer_groups/12" },
      { method: "GET", path: "/stores/abc/v3/customers?customer_group_id:in=12&limit=1" },
      { method: "DELETE", path: "/stores/abc/v2/customer_groups/12" },
    ]);
    expect(deleted.fields.map((f) => `${f.field}: ${f.text}`)).to.deep.equal([
      "name: 'Clearance Only' → (none)",
      "default group: no → (none)",
      "discount on the whole store: 30 % off → (none)",
    ]);
  });

  it("warns when a change makes a group the store's default group", async () => {
    const report = await review([
      step("update", bc, "retail", state("8", { name: "Retail", storeHash: "abc", isDefault: false, managed: ["isDefault"] }), {
        name: "Retail",
        isDefault: true,
      }),
      step("create", bc, "vip", undefined, { name: "VIP", isDefault: true }),
    ]);
    for (const group of report.groups) {
      expect(group.warnings[0], group.name).to.match(/^Makes '(Retail|VIP)' the store's default group: customers who sign up join it from now on/);
    }
    expect(report.groups.find((g) => g.name === "retail")!.fields.map((f) => `${f.field}: ${f.text}`)).to.deep.equal(["default group: no → yes"]);
  });

  it("creates use the update's words, not JSON", async () => {
    const report = await review([
      step("create", ct, "gold", undefined, { name: "Gold", key: "gold", custom: { type: { key: "group-fields" }, fields: { tier: "1" } } }),
    ]);
    expect(report.groups[0]!.fields.map((f) => `${f.field}: ${f.text}`)).to.deep.equal([
      "name: (none) → 'Gold'",
      "key: (none) → 'gold'",
      "custom type: (none) → 'group-fields'",
      "custom field tier: (none) → '1'",
    ]);
    expect(report.groups[0]!.group).to.deep.equal({ name: "Gold" });
    expect(report.markdown).to.include("#### `Gold` (new, resource `gold`): create");
  });

  it("lists an argument the program stops declaring as no longer managed, kept by the store, and counts the group as changed", async () => {
    const report = await review([step("update", bc, "trade", state("7", { ...trade, discountRules: rules(15) }), { name: "Trade Accounts" })]);
    expect(report.summary.update).to.equal(1);
    expect(report.groups[0]!.fields).to.deep.equal([
      { field: "discount on the whole store", before: { type: "all", method: "percent", amount: 15 }, text: "no longer managed; the store keeps 15 % off" },
    ]);
    expect(report.groups[0]!.requests).to.deep.equal([]);
  });

  it("with --refresh, says when a change undoes an edit made in the store, and when a group was deleted in the store", async () => {
    const recorded = { ...trade, discountRules: rules(15) };
    const edited = { ...trade, discountRules: rules(9) };
    const report = await review([
      step("refresh", bc, "trade", state("7", recorded)),
      step("update", bc, "trade", state("7", edited), { name: "Trade Accounts", discountRules: rules(15) }),
      step("refresh", bc, "retail", state("8", { name: "Retail", storeHash: "abc", managed: [] })),
      step("create", bc, "retail", undefined, { name: "Retail" }),
    ]);
    const updated = report.groups.find((g) => g.name === "trade")!;
    expect(updated.fields.map((f) => f.text)).to.deep.equal(["9 % off → 15 % off (undoes an edit made in the store)"]);
    expect(updated.warnings).to.include(
      "Undoes an edit made in the store since the last `pulumi up` (discount on the whole store): the program's values are set again. " +
        "Change the data file instead if the store's values should stay.",
    );
    const recreated = report.groups.find((g) => g.name === "retail")!;
    expect(recreated.action).to.equal("create");
    expect(recreated.warnings).to.deep.equal(["Deleted in the store since the last `pulumi up` (it was 'Retail', id 8); this run creates it again."]);
    expect(report.summary).to.deep.include({ create: 1, update: 1, adopt: 0 });
    // --json: what the shipped schema describes.
    const schema = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../../schema/review.schema.json"), "utf8"));
    const validate = new Ajv({ allErrors: true }).compile(schema);
    const { markdown: _, ...json } = report;
    expect(validate(json), JSON.stringify(validate.errors)).to.equal(true);
  });

  it("reviews a group moved to another store as leaving one and arriving in the other: both named, the requests against each, titled with the group that goes", async () => {
    const configured = (key: string) => ({ "bigcommerce:connections": JSON.stringify({ a: { storeHash: "store-a" }, b: { storeHash: "store-b" } }) })[key];
    const report = await reviewSteps(
      "prod",
      [
        step(
          "replace",
          bc,
          "staff",
          state("5", {
            name: "Staff",
            storeHash: "store-a",
            groupId: 5,
            connection: "a",
            isDefault: false,
            categoryAccess: { type: "all" },
            discountRules: [],
            managed: [],
          }),
          { name: "Staff", connection: "b" },
        ),
      ].map((e) => ({ ...e, resourcePreEvent: { metadata: { ...e.resourcePreEvent!.metadata, keys: ["connection"] } } })),
      configured,
      {},
      false,
    );
    const [moved] = report.groups;
    expect(moved).to.deep.include({
      action: "replace",
      group: { name: "Staff", id: "5" },
      connection: "b",
      scope: { kind: "store", id: "store-b" },
      from: { connection: "a", scope: { kind: "store", id: "store-a" } },
      to: { connection: "b", scope: { kind: "store", id: "store-b" } },
    });
    expect(moved!.requests).to.deep.equal([
      { method: "GET", path: "/stores/store-a/v2/customer_groups/5" },
      { method: "GET", path: "/stores/store-a/v3/customers?customer_group_id:in=5&limit=1" },
      { method: "DELETE", path: "/stores/store-a/v2/customer_groups/5" },
      { method: "POST", path: "/stores/store-b/v2/customer_groups", body: { name: "Staff" } },
    ]);
    const json = JSON.parse(JSON.stringify(reviewJson(report))) as { groups: Plain[] };
    expect(json.groups[0]!.warnings[0]).to.equal(
      "Moved from store 'store-a' to store 'store-b': the group 'Staff' is deleted in store 'store-a' (its customers there lose it), then created in store 'store-b', where it starts without customers.",
    );
    const markdown = renderMarkdown(report);
    expect(markdown).to.include("| BigCommerce | store `store-a` → store `store-b` | `Staff` (id `5`, resource `staff`) | **move** ⚠️ |");
    expect(markdown).to.include("#### `Staff` (id `5`, resource `staff`): moves from store `store-a` to store `store-b` (replace)");
  });

  it("a value now declared that the store already holds changes nothing: the group is unchanged, with a note; dropping one is noted too", async () => {
    const partners = { name: "Partners", key: "partners-key", projectKey: "shop", version: 2, managed: [] };
    const report = await review([
      step("same", ct, "partners", state("p1", partners, { name: "Partners", adopt: true }), { name: "Partners", adopt: true, key: "partners-key" }),
      step("same", ct, "gold", state("g1", { ...partners, name: "Gold", key: "gold" }, { name: "Gold", key: "gold" }), { name: "Gold" }),
      step("same", ct, "silver", state("s1", { ...partners, name: "Silver" }, { name: "Silver" }), { name: "Silver" }),
    ]);
    expect(report.summary).to.deep.include({ update: 0, unchanged: 3 });
    expect(report.groups).to.deep.equal([]);
    expect(report.notes.map((n) => [n.name, n.fields.map((f) => `${f.field}: ${f.text}`)])).to.deep.equal([
      ["gold", ["key: no longer managed; the store keeps 'gold'"]],
      ["partners", ["key: now managed (already 'partners-key')"]],
    ]);
    expect(report.markdown).to.include("- `Partners` (id `p1`, resource `partners`): key now managed (already `partners-key`)");
  });

  it("warns of a declared name that passes for another (a Cyrillic letter, a full-width one)", async () => {
    const report = await review([
      step("create", bc, "decoy", undefined, { name: "Wholes\u0430le" }),
      step("create", bc, "wide", undefined, { name: "\uFF37holesale" }),
      step("create", bc, "fine", undefined, { name: "Größe Kunden 日本" }),
    ]);
    const warnings = Object.fromEntries(report.groups.map((g) => [g.name, g.warnings]));
    expect(warnings.decoy).to.deep.equal([
      "The name 'Wholesаle' has letters that pass for Latin ones (Cyrillic U+0430 at character 7): it can pass for another group's name. Check it is the one meant.",
    ]);
    expect(warnings.wide![0]).to.include("(a form of 'W', U+FF37 at character 1)");
    expect(warnings.fine).to.deep.equal([]);
  });

  it("marks a violation of a group the change does not touch as already in the store; a stack policy's counts as the change's", () => {
    const stackUrn = "urn:pulumi:prod::repo::pulumi:pulumi:Stack::repo-prod";
    const events = [
      step("same", bc, "vip", state("1", { name: "VIP", storeHash: "abc", managed: [] }), { name: "VIP" }),
      step("update", bc, "trade", state("7", { ...trade, discountRules: rules(15) }), { name: "Trade Accounts", discountRules: rules(40) }),
      {
        sequence: 0,
        timestamp: 0,
        resourcePreEvent: { metadata: { op: "same", urn: stackUrn, type: "pulumi:pulumi:Stack", provider: "" } as StepEventMetadata },
      },
    ];
    const marked = inContext(
      [
        { policy: "max-discount", level: "mandatory", urn: urn(bc, "vip"), message: "30%" },
        { policy: "max-discount", level: "mandatory", urn: urn(bc, "trade"), message: "40%" },
        { policy: "protected-groups", level: "mandatory", urn: stackUrn, message: "gone" },
      ],
      events,
    );
    expect(marked.map((v) => [v.message, v.existing ?? false])).to.deep.equal([
      ["30%", true],
      ["40%", false],
      ["gone", false],
    ]);
  });

  it("words each rule by what its method means: a percentage off, an amount off, a fixed price (the price itself)", async () => {
    const report = await review([
      step("create", bc, "outlet", undefined, {
        name: "Outlet",
        discountRules: [
          { type: "all", method: "percent", amount: 5 },
          { type: "category", categoryId: 7, method: "fixed", amount: 0.01 },
          { type: "product", productId: 33, method: "price", amount: 12 },
        ],
      }),
    ]);
    expect(report.groups[0]!.fields.map((f) => `${f.field}: ${f.text}`)).to.deep.equal([
      "name: (none) → 'Outlet'",
      "discount on the whole store: (none) → 5 % off",
      "discount on category 7: (none) → fixed price 0.01",
      "discount on product 33: (none) → 12.00 off",
    ]);
  });

  it("shows a delete pulumi up refuses as refused, sending nothing: customers without deleteWithCustomers, or the store's default group", async () => {
    const silver = { name: "Silver", key: "silver", projectKey: "shop", version: 3, managed: [] };
    const report = await reviewed([
      step("delete", ct, "silver", state("s1", silver)),
      step("delete", ct, "bronze", state("b1", { ...silver, name: "Bronze", key: "bronze", deleteWithCustomers: true })),
      step("delete", bc, "retail", state("8", { name: "Retail", storeHash: "abc", groupId: 8, isDefault: true, managed: ["isDefault"] })),
    ]);
    const byName = Object.fromEntries(report.groups.map((g) => [g.name, g]));
    // Counted as the review counts them (one read per group): 4 in Silver, 2 in Bronze.
    byName.silver!.customers = 4;
    byName.bronze!.customers = 2;
    byName.retail!.customers = 0;
    // The review runs this once the counts are in; here it runs again on the counted groups, as on a fresh report.
    for (const g of report.groups) {
      g.refused = undefined;
      g.warnings = g.warnings.filter((w) => !plain(w).startsWith("`pulumi up`"));
      if (g.requests.length === 0) g.requests = [{ method: "DELETE", path: `/x/${g.name}` }];
    }
    const outputs: Record<string, Record<string, unknown>> = {
      silver,
      bronze: { ...silver, deleteWithCustomers: true },
      retail: { isDefault: true },
    };
    for (const g of report.groups) refuseDelete(g, deleteGuardOf(g, outputs[g.name]!, {}), true);
    expect(plain(byName.silver!.refused!)).to.equal(
      "it holds 4 customers, who would lose its prices and discounts: declare `deleteWithCustomers: true` on the group and merge that first, then remove it",
    );
    expect(byName.silver!.requests).to.deep.equal([]);
    expect(byName.bronze!.refused).to.equal(undefined);
    expect(byName.bronze!.requests).to.have.length(1);
    expect(plain(byName.retail!.refused!)).to.match(/^it is the store's default group, which is deleted only once another group takes the role/);
    const markdown = renderMarkdown(report);
    expect(markdown).to.include("#### `Silver` (id `s1`, resource `silver`): delete, refused: `pulumi up` sends nothing (project `shop`)");
    expect(markdown).to.include("| **delete (refused)** ⚠️ |");
    expect(markdown).to.include("> **Warning:** `pulumi up` refuses this delete, and sends nothing for this group: it holds 4 customers");
  });
});
