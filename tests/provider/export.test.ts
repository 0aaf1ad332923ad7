// Provider tests: `export` against the sandbox over real HTTP: every group of each backend (all pages) in the file once, with
// exactly the arguments that adopt it without a write and refresh without a change, and no secret; also the compiled CLI.

import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { parse } from "yaml";
import { exportGroups, ExportResult } from "../../cli/export";
import { customerGroupAdapter as bigcommerceBackend } from "../../provider/bigcommerce/customerGroup";
import { validateGroup as validateBigCommerce } from "../../provider/bigcommerce/validation";
import { customerGroupAdapter as commercetoolsBackend } from "../../provider/commercetools/customerGroup";
import type { StackConfig } from "../../provider/config";
import { customerGroupAdapter as revcentBackend } from "../../provider/revcent/customerGroup";
import { validateGroup as validateRevCent } from "../../provider/revcent/validation";
import { schemaFailures } from "../../provider/schemas/validate";
import { Sandbox, SandboxOptions, startSandbox } from "../../sandbox";
import { resourceNamePattern } from "../../sdk/config/format";

import { checkedInputs } from "../helpers/lifecycle";
import { configuredProvider, Props, Provider, warningsOf } from "../helpers/provider";

const cli = path.resolve(__dirname, "../../cli/main.js");
const fast = { backoff: { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 20, maxElapsedMs: 5000 } };

// Credentials of this test's own, so that finding one in a file means it leaked.
const secrets = { clientSecret: "ct-secret-value-4242", accessToken: "bc-token-value-4242", apiKey: "rc-api-key-value-4242" };
const options: SandboxOptions = {
  commercetools: { projectKey: "export-project", clientId: "export-client", clientSecret: secrets.clientSecret },
  bigcommerce: { storeHash: "exportstore", accessToken: secrets.accessToken },
  revcent: { apiKey: secrets.apiKey },
};

type File = Record<string, Record<string, Props>>;

/** The comment right above a group's line in the file (its lines without `# `), or undefined. */
function commentAbove(text: string, name: string): string | undefined {
  const lines = text.split("\n");
  const at = lines.indexOf(`  ${name}:`);
  expect(at, `group ${name} in the file`).to.be.greaterThan(0);
  const comment: string[] = [];
  for (let i = at - 1; i >= 0 && lines[i]!.startsWith("  # "); i--) comment.unshift(lines[i]!.slice(4));
  return comment.length > 0 ? comment.join("\n") : undefined;
}

/** The file's groups of one backend, after checking what every export must hold: valid unique names, no secret. */
function groupsOf(exported: ExportResult): Record<string, Props> {
  for (const secret of Object.values(secrets)) expect(exported.text).to.not.include(secret);
  const file = parse(exported.text) as File;
  expect(Object.keys(file)).to.deep.equal([exported.backend]);
  const groups = file[exported.backend]!;
  expect(Object.keys(groups)).to.have.length(exported.count);
  for (const name of Object.keys(groups)) expect(name).to.match(new RegExp(resourceNamePattern));
  return groups;
}

/** The arguments without `connection`, as the lifecycle hands them to a backend's validation. */
const withoutConnection = ({ connection: _, ...args }: Props): Props => args;

describe("export (sandbox)", function () {
  let dir: string;
  let sandbox: Sandbox;
  let env: NodeJS.ProcessEnv;
  let config: Record<string, string>;
  const stack: StackConfig = () => undefined;
  let ctTypeId: string;
  let rcIds: Record<string, string[]>;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "cg-export-"));
    const persistFile = path.join(dir, "sandbox.json");
    const seeding = await startSandbox({ ...options, persistFile });

    // commercetools: 40 groups; 15 with a key and custom fields, 10 with a key only, 15 without a key (two of which
    // give the same resource name).
    const ct = await seeding.commercetools.seedGroups([
      ...Array.from({ length: 15 }, (_, i) => ({
        groupName: `Tier ${i + 1}`,
        key: `tier-${i + 1}`,
        custom: { type: { key: "group-fields" }, fields: { tier: String(i + 1), vip: i % 2 === 0, discountPercent: i + 0.5, tags: ["b", "a"] } },
      })),
      ...Array.from({ length: 10 }, (_, i) => ({ groupName: `Keyed ${i + 1}`, key: `keyed_${i + 1}` })),
      ...Array.from({ length: 13 }, (_, i) => ({ groupName: `Keyless ${i + 1}` })),
      { groupName: "Gold Club" },
      { groupName: "gold-club" },
    ]);
    ctTypeId = ct[0]!.custom!.type.id;

    // BigCommerce: 40 groups with every kind of rule and access, one default; "Student Discounts" is given the documented
    // example's swapped rule below, which the API refuses to store.
    await seeding.bigcommerce.seedGroups([
      { name: "Student Discounts", discount_rules: [{ type: "all", method: "percent", amount: 5 }] },
      {
        name: "Wholesale",
        category_access: { type: "specific", categories: [12, 7] },
        discount_rules: [
          { type: "product", product_id: 33, method: "percent", amount: 5 },
          { type: "category", category_id: 7, method: "price", amount: "12.0000" },
          { type: "all", method: "percent", amount: 2.5 },
        ],
      },
      { name: "Retail", is_default: true, category_access: { type: "none" } },
      ...Array.from({ length: 37 }, (_, i) => ({
        name: `Trade ${i + 1}`,
        discount_rules:
          i % 3 === 0
            ? []
            : i % 3 === 1
              ? [{ type: "product" as const, product_id: 100 + i, method: "fixed" as const, amount: 1.25 }]
              : [{ type: "category" as const, category_id: i, method: "price" as const, amount: 3 }],
      })),
    ]);

    // RevCent: 30 groups (two pages of 25), two with the same name, qualifiers of both methods.
    const rcFirst = await seeding.revcent.seedGroups([
      { name: "Twin", description: "the first" },
      { name: "Twin", description: "the second", enabled: false },
      {
        name: "VIP",
        description: "Best customers",
        qualifier_method: "specific_values",
        qualifiers: {
          specific_values: {
            filters: { campaign: [], metadata: [{ name: "tier", value: "gold" }] },
            values: { has_no_sales: false, lifetime_value: { enabled: true, min: 500, max: 100000 } },
            subscription_options: { enabled: false, status: ["trial", "active"] },
          },
        },
      },
      ...Array.from({ length: 26 }, (_, i) => ({ name: `Segment ${String(i + 1).padStart(2, "0")}` })),
    ]);
    const rcLast = await seeding.revcent.seedGroups([
      { name: "Both", qualifier_method: "customer_group", qualifiers: { customer_group: { in_all_customer_group: [rcFirst[3]!.id, rcFirst[2]!.id] } } },
    ]);
    rcIds = {};
    for (const g of [...rcFirst, ...rcLast]) rcIds[g.name] = [...(rcIds[g.name] ?? []), g.id];
    await seeding.close();

    // A rule no API call can store, as a real store may still hold it: written into the persisted state between two runs.
    const state = JSON.parse(fs.readFileSync(persistFile, "utf8")) as {
      bigcommerce: { stores: Record<string, { groups: { name: string; discount_rules: unknown[] }[] }> };
    };
    state.bigcommerce.stores
      .exportstore!.groups.find((g) => g.name === "Student Discounts")!
      .discount_rules.push({ type: "percent", method: "all", amount: 5 });
    fs.writeFileSync(persistFile, JSON.stringify(state));

    sandbox = await startSandbox({ ...options, persistFile });
    const c = sandbox.config;
    env = {
      CTP_PROJECT_KEY: c.commercetools.projectKey,
      CTP_CLIENT_ID: c.commercetools.clientId,
      CTP_CLIENT_SECRET: c.commercetools.clientSecret,
      CTP_API_URL: c.commercetools.apiUrl,
      CTP_AUTH_URL: c.commercetools.authUrl,
      BIGCOMMERCE_STORE_HASH: c.bigcommerce.storeHash,
      BIGCOMMERCE_ACCESS_TOKEN: c.bigcommerce.accessToken,
      BIGCOMMERCE_API_URL: c.bigcommerce.apiUrl,
      REVCENT_API_KEY: c.revcent.apiKey,
      REVCENT_API_URL: c.revcent.apiUrl,
    };
    config = {
      "commercetools:projectKey": c.commercetools.projectKey,
      "commercetools:clientId": c.commercetools.clientId,
      "commercetools:clientSecret": c.commercetools.clientSecret,
      "commercetools:apiUrl": c.commercetools.apiUrl,
      "commercetools:authUrl": c.commercetools.authUrl,
      "bigcommerce:storeHash": c.bigcommerce.storeHash,
      "bigcommerce:accessToken": c.bigcommerce.accessToken,
      "bigcommerce:apiUrl": c.bigcommerce.apiUrl,
      "revcent:apiKey": c.revcent.apiKey,
      "revcent:apiUrl": c.revcent.apiUrl,
    };
  });
  after(async () => {
    await sandbox?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => sandbox.clearRequests());

  /** The vendor's requests, as "GET /path?query" (the commercetools token requests left out). */
  async function lines(): Promise<string[]> {
    return (await sandbox.requests())
      .filter((r) => r.path !== "/oauth/token")
      .map((r) => {
        const query = new URLSearchParams(r.query as Record<string, string>).toString();
        return `${r.method} ${r.path}${query ? `?${decodeURIComponent(query.replace(/\+/g, " "))}` : ""}`;
      });
  }

  /**
   * Takes every group of the file over through the provider as `pulumi up` would (check, then create with adopt), then
   * refreshes it (read) and diffs the refreshed state against the file: no change. Returns the vendor requests it made.
   */
  async function adoptAll(provider: Provider, groups: Record<string, Props>): Promise<string[]> {
    await sandbox.clearRequests();
    for (const [name, args] of Object.entries(groups)) {
      const inputs = await checkedInputs(provider, args);
      const { id, outs } = await provider.create(inputs);
      const read = await provider.read(id, outs as Props);
      expect(read.inputs, `refreshed ${name}`).to.deep.equal(inputs);
      expect((await provider.diff(id, read.props as Props, inputs)).changes, `diff of ${name} after refresh`).to.equal(false);
    }
    return (await sandbox.requests()).map((r) => r.method).filter((m, i, all) => all.indexOf(m) === i);
  }

  describe("commercetools", () => {
    it("writes all 40 groups once, by key or name, with adopt: true, the custom type by key and the fields as the platform holds them, in two requests", async () => {
      const exported = await exportGroups({ backend: "commercetools", stack, env, now: new Date("2026-01-02T03:04:05Z") });
      // One page of 500, sorted by id, and the keys of the types they use; the token requests apart.
      expect(await lines()).to.deep.equal([
        "GET /export-project/customer-groups?sort=id asc&limit=500&withTotal=true",
        `GET /export-project/types?where=id in ("${ctTypeId}")&limit=500&withTotal=false`,
      ]);
      // The default scopes do not grant reading types: a token of its own asks for view_types alone.
      const tokens = (await sandbox.requests()).filter((r) => r.path === "/oauth/token").map((r) => (r.body as Record<string, string>).scope);
      expect(tokens).to.have.members(["manage_customer_groups:export-project", "view_types:export-project"]);
      expect(exported).to.include({ backend: "commercetools", count: 40, scope: "project 'export-project'" });
      expect(exported.text).to.include(
        "# Exported by `pulumi-customer-groups export` from commercetools project 'export-project' on 2026-01-02T03:04:05Z: 40 groups.",
      );

      const groups = groupsOf(exported);
      const live = await sandbox.commercetools.groups();
      expect(
        Object.values(groups)
          .map((g) => g.name as string)
          .sort(),
      ).to.deep.equal(live.map((g) => g.name).sort());
      for (const args of Object.values(groups)) {
        expect(args.adopt).to.equal(true);
        expect(schemaFailures("commercetools", args)).to.deep.equal([]);
      }
      expect(groups["tier-3"]).to.deep.equal({
        name: "Tier 3",
        key: "tier-3",
        adopt: true,
        custom: { type: { key: "group-fields" }, fields: { tier: "3", vip: true, discountPercent: 2.5, tags: ["b", "a"] } },
      });
      expect(commentAbove(exported.text, "tier-3")).to.equal(undefined);
      expect(groups["keyed-4"]).to.deep.equal({ name: "Keyed 4", key: "keyed_4", adopt: true });
      expect(groups["keyless-12"]).to.deep.equal({ name: "Keyless 12", adopt: true });
      expect(groups["gold-club"]).to.deep.equal({ name: "gold-club", adopt: true });
      expect(groups["gold-club-2"]).to.deep.equal({ name: "Gold Club", adopt: true });
    });

    it("pages by id past a full page, each page asking for the ids after the last one", async () => {
      const exported = await exportGroups({ backend: "commercetools", stack, env, clientOptions: { pageSize: 15 } });
      const ids = (await sandbox.commercetools.groups()).map((g) => g.id).sort();
      expect(await lines()).to.deep.equal([
        "GET /export-project/customer-groups?sort=id asc&limit=15&withTotal=true",
        `GET /export-project/customer-groups?sort=id asc&limit=15&withTotal=false&where=id > "${ids[14]}"`,
        `GET /export-project/customer-groups?sort=id asc&limit=15&withTotal=false&where=id > "${ids[29]}"`,
        `GET /export-project/types?where=id in ("${ctTypeId}")&limit=15&withTotal=false`,
      ]);
      expect(Object.keys(groupsOf(exported))).to.have.length(40);
    });

    it("is adopted by the provider with no write, the type's key read once for the 15 groups that name it, and refreshes without a change", async () => {
      const groups = groupsOf(await exportGroups({ backend: "commercetools", stack, env }));
      const provider = await configuredProvider((s) => commercetoolsBackend(s, fast, {}), config);
      expect(await adoptAll(provider, groups)).to.deep.equal(["GET"]);
      expect((await lines()).filter((l) => l.includes("/types"))).to.deep.equal(["GET /export-project/types/key=group-fields"]);
      const tier3 = (await sandbox.commercetools.groups()).find((g) => g.key === "tier-3")!;
      expect(tier3.version).to.equal(1);
    });

    it("names the type by id, saying why, when the API client may not read types; adopting that file writes nothing either", async () => {
      const copy = path.join(dir, "no-view-types.json");
      fs.copyFileSync(path.join(dir, "sandbox.json"), copy);
      const limited = await startSandbox({
        ...options,
        persistFile: copy,
        commercetools: { ...options.commercetools, permissions: ["manage_customer_groups"] },
      });
      try {
        const at = { ...env, CTP_API_URL: limited.config.commercetools.apiUrl, CTP_AUTH_URL: limited.config.commercetools.authUrl };
        const exported = await exportGroups({ backend: "commercetools", stack, env: at });
        const groups = groupsOf(exported);
        expect((groups["tier-3"]!.custom as Props).type).to.deep.equal({ id: ctTypeId });
        expect(commentAbove(exported.text, "tier-3")).to.equal(
          "custom type named by id: its key could not be read (HTTP 400 invalid_scope); the API client needs the scope view_types:export-project for that",
        );
        expect(commentAbove(exported.text, "keyed-4")).to.equal(undefined);
        await limited.clearRequests();
        const provider = await configuredProvider((s) => commercetoolsBackend(s, fast, {}), {
          ...config,
          "commercetools:apiUrl": at.CTP_API_URL!,
          "commercetools:authUrl": at.CTP_AUTH_URL!,
        });
        for (const args of Object.values(groups)) await provider.create(await checkedInputs(provider, args));
        expect((await limited.requests()).filter((r) => r.method !== "GET" && r.path !== "/oauth/token")).to.deep.equal([]);

        // A program that names the type by key cannot be compared with the group's type here: it is set again, once, and said.
        await limited.clearRequests();
        const byKey = { ...groups["tier-4"]!, custom: { ...(groups["tier-4"]!.custom as Props), type: { key: "group-fields" } } };
        const { warnings } = await warningsOf(async () => provider.create(await checkedInputs(provider, byKey)));
        const writes = (await limited.requests()).filter((r) => r.method === "POST" && r.path !== "/oauth/token");
        expect(writes.map((r) => (r.body as { actions: { action: string }[] }).actions.map((a) => a.action))).to.deep.equal([["setCustomType"]]);
        expect(warnings).to.have.length(1);
        expect(warnings[0]).to.match(/could not read custom type 'group-fields' .* the type and its fields are set again\. Grant view_types:export-project/);
      } finally {
        await limited.close();
      }
    });
  });

  describe("BigCommerce", () => {
    it("writes all 40 groups once in the provider's form; an unreadable rule set is left out and shown in a comment as the store holds it", async () => {
      const exported = await exportGroups({ backend: "bigcommerce", stack, env });
      expect(await lines()).to.deep.equal(["GET /stores/exportstore/v2/customer_groups?page=1&limit=250"]);
      expect(exported).to.include({ count: 40, scope: "store 'exportstore'" });
      const groups = groupsOf(exported);
      expect(
        Object.values(groups)
          .map((g) => g.name as string)
          .sort(),
      ).to.deep.equal((await sandbox.bigcommerce.groups()).map((g) => g.name).sort());

      expect(groups.wholesale).to.deep.equal({
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
      });
      expect(groups.retail).to.deep.equal({
        name: "Retail",
        adopt: true,
        isDefault: true,
        isGroupForGuests: false,
        categoryAccess: { type: "none" },
        discountRules: [],
      });
      expect(commentAbove(exported.text, "trade-2")).to.equal("Sets prices, takes nothing off: product 101 at fixed price 1.25.");
      expect(groups["trade-2"]).to.deep.equal({
        name: "Trade 2",
        adopt: true,
        isDefault: false,
        isGroupForGuests: false,
        categoryAccess: { type: "all" },
        discountRules: [{ type: "product", method: "fixed", amount: 1.25, productId: 101 }],
      });

      // The rules are left out (not managed), so adopting the group does not touch them.
      expect(groups["student-discounts"]).to.deep.equal({
        name: "Student Discounts",
        adopt: true,
        isDefault: false,
        isGroupForGuests: false,
        categoryAccess: { type: "all" },
      });
      const comment = commentAbove(exported.text, "student-discounts")!;
      expect(comment).to.include("The provider cannot read part of this group; it is left out, so `pulumi up` leaves it as the store holds it:");
      expect(comment).to.include('"type":"percent","method":"all","amount":"5.0000"');
      expect(comment).to.match(/bigcommerce customer group \d+ \('Student Discounts'\): discount rule 1 is not understood/);

      // Every group passes the resource's validation as written.
      for (const [name, args] of Object.entries(groups)) {
        expect(args.adopt).to.equal(true);
        expect(validateBigCommerce(args), name).to.deep.equal([]);
        // A rule that sets prices (fixed, a price list) is said so in words; other groups have no comment.
        const priced = ((args.discountRules ?? []) as { method?: string; type: string }[]).filter((r) => r.method === "fixed" || r.type === "price_list");
        if (name !== "student-discounts")
          expect(commentAbove(exported.text, name), name).to.equal(
            priced.length === 0 ? undefined : priced.map(() => commentAbove(exported.text, name)!.split("\n")[0]).join("\n"),
          );
      }
    });

    it("is adopted by the provider with no write, and refreshes without a change, the group with unreadable rules included", async () => {
      const groups = groupsOf(await exportGroups({ backend: "bigcommerce", stack, env }));
      const provider = await configuredProvider((s) => bigcommerceBackend(s, fast, {}), config);
      expect(await adoptAll(provider, groups)).to.deep.equal(["GET"]);
    });
  });

  describe("RevCent", () => {
    it("writes all 30 groups once without adopt, the two of the same name by groupId, on two pages", async () => {
      const exported = await exportGroups({ backend: "revcent", stack, env });
      expect(await lines()).to.deep.equal(["GET /v2/customer_groups?limit=25&page=1", "GET /v2/customer_groups?limit=25&page=2"]);
      expect(exported).to.include({ count: 30, scope: `account at ${sandbox.url}` });
      const groups = groupsOf(exported);

      const selectors = Object.values(groups).map((g) => (g.name ?? g.groupId) as string);
      expect(selectors.sort()).to.deep.equal([...Object.keys(rcIds).filter((n) => n !== "Twin"), ...rcIds.Twin!].sort());
      expect([groups.twin, groups["twin-2"]]).to.deep.equal(
        [
          { groupId: rcIds.Twin![0], description: "the first", enabled: true, qualifierMethod: "none" },
          { groupId: rcIds.Twin![1], description: "the second", enabled: false, qualifierMethod: "none" },
        ].sort((a, b) => (a.groupId! < b.groupId! ? -1 : 1)),
      );
      expect(commentAbove(exported.text, "twin-2")).to.equal("'Twin': 2 RevCent groups have this name, so this one is adopted by its id.");
      expect(groups.vip).to.deep.equal({
        name: "VIP",
        description: "Best customers",
        enabled: true,
        qualifierMethod: "specific_values",
        qualifiers: {
          specificValues: {
            filters: { campaign: [], metadata: [{ name: "tier", value: "gold" }] },
            subscriptionOptions: { enabled: false, status: ["active", "trial"] },
            values: { hasNoSales: false, lifetimeValue: { enabled: true, max: 100000, min: 500 } },
          },
        },
      });
      expect(groups.both).to.deep.equal({
        name: "Both",
        description: "",
        enabled: true,
        qualifierMethod: "customer_group",
        qualifiers: { customerGroup: { inAllCustomerGroup: [rcIds["Segment 01"]![0], rcIds.VIP![0]].sort() } },
      });
      for (const [name, args] of Object.entries(groups)) {
        expect(args).to.not.have.property("adopt");
        expect(validateRevCent(args), name).to.deep.equal([]);
      }
    });

    it("is adopted by the provider and refreshes without a change", async () => {
      const groups = groupsOf(await exportGroups({ backend: "revcent", stack, env }));
      const provider = await configuredProvider((s) => revcentBackend(s, fast, {}), config);
      expect(await adoptAll(provider, groups)).to.deep.equal(["GET"]);
    });
  });

  it("reads through a named connection's settings and writes `connection` on every group", async () => {
    const c = sandbox.config;
    // Only the connection's variables: the default settings are not there to be used by mistake.
    const connectionEnv = {
      BIGCOMMERCE_STORE_HASH_EU_WEST: c.bigcommerce.storeHash,
      BIGCOMMERCE_ACCESS_TOKEN_EU_WEST: c.bigcommerce.accessToken,
      BIGCOMMERCE_API_URL_EU_WEST: c.bigcommerce.apiUrl,
    };
    const exported = await exportGroups({ backend: "bigcommerce", stack, env: connectionEnv, connection: "eu-west" });
    expect(exported.text).to.include("from bigcommerce store 'exportstore' (connection 'eu-west')");
    const groups = groupsOf(exported);
    expect(Object.keys(groups)).to.have.length(40);
    for (const args of Object.values(groups)) expect(args.connection).to.equal("eu-west");
    for (const [name, args] of Object.entries(groups))
      if (name !== "student-discounts") expect(validateBigCommerce(withoutConnection(args)), name).to.deep.equal([]);

    const rc = groupsOf(
      await exportGroups({
        backend: "revcent",
        stack,
        env: { REVCENT_API_KEY_EU_WEST: c.revcent.apiKey, REVCENT_API_URL_EU_WEST: c.revcent.apiUrl },
        connection: "eu-west",
      }),
    );
    for (const args of Object.values(rc)) expect(args.connection).to.equal("eu-west");
    for (const [name, args] of Object.entries(rc)) expect(validateRevCent(withoutConnection(args)), name).to.deep.equal([]);
  });

  it("runs as the package's command: --out writes the file, stderr gets the summary, an existing file needs --force", async () => {
    const run = (args: string[]) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile(process.execPath, [cli, ...args], { cwd: dir, env: { PATH: process.env.PATH, ...env }, encoding: "utf8" }, (error, stdout, stderr) =>
          resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
        );
      });
    const first = await run(["export", "--backend", "commercetools", "--out", "groups.yaml"]);
    expect(first).to.deep.equal({ code: 0, stdout: "", stderr: "exported 40 commercetools groups (project 'export-project') to groups.yaml\n" });
    const text = fs.readFileSync(path.join(dir, "groups.yaml"), "utf8");
    expect(text.split("\n")[0]).to.equal("# yaml-language-server: $schema=./node_modules/pulumi-customer-groups/schema/groups.schema.json");
    const groups = groupsOf({ backend: "commercetools", text, count: 40, scope: "", renamed: [] });
    expect(groups["tier-1"]).to.deep.include({ name: "Tier 1", key: "tier-1", adopt: true });

    const refused = await run(["export", "--backend", "commercetools", "--out", "groups.yaml"]);
    expect(refused.code).to.equal(1);
    expect(refused.stderr).to.include("groups.yaml already exists");
    const forced = await run(["export", "--backend", "bigcommerce", "--out", "groups.yaml", "--force"]);
    expect(forced).to.deep.include({ code: 0, stderr: "exported 40 bigcommerce groups (store 'exportstore') to groups.yaml\n" });
    expect(Object.keys(parse(fs.readFileSync(path.join(dir, "groups.yaml"), "utf8")) as File)).to.deep.equal(["bigcommerce"]);

    const toStdout = await run(["export", "--backend", "revcent", "--connection", "eu", "--cwd", dir]);
    // The connection's settings are missing here: the provider's error, listing them, and nothing on stdout.
    expect(toStdout.code).to.equal(1);
    expect(toStdout.stdout).to.equal("");
    expect(toStdout.stderr).to.include(
      "revcent connection 'eu' is not configured. Configured revcent connections: (the default, without `connection`). Missing settings of 'eu':\n  - revcent:connections.eu.apiKey",
    );
    const printed = await run(["export", "--backend", "revcent"]);
    expect(printed.code).to.equal(0);
    expect(printed.stderr).to.equal(`exported 30 revcent groups (account at ${sandbox.url}) to stdout\n`);
    expect(Object.keys(groupsOf({ backend: "revcent", text: printed.stdout, count: 30, scope: "", renamed: [] }))).to.have.length(30);
  });

  it("fails with the vendor's error, without the secret, when the credentials are refused", async () => {
    const error = await exportGroups({ backend: "bigcommerce", stack, env: { ...env, BIGCOMMERCE_ACCESS_TOKEN: "wrong-token-value-99" } }).catch(
      (e: Error) => e,
    );
    expect(error).to.be.instanceOf(Error);
    expect((error as Error).message).to.include("bigcommerce: GET /stores/exportstore/v2/customer_groups failed, HTTP 401");
    expect((error as Error).message).to.not.include("wrong-token-value-99");
  });
});
