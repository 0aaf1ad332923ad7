// Provider tests: named connections against two sandboxes (two commercetools projects, two BigCommerce stores) over real HTTP.

import { expect } from "chai";
import { customerGroupAdapter as bigcommerceBackend } from "../../provider/bigcommerce/customerGroup";
import { customerGroupAdapter as commercetoolsBackend } from "../../provider/commercetools/customerGroup";
import { customerGroupAdapter as revcentBackend } from "../../provider/revcent/customerGroup";
import { customerGroups } from "../../provider/revcent/functions";
import { Sandbox, startSandbox } from "../../sandbox";
import { checkedInputs, createdGroup } from "../helpers/lifecycle";
import { configuredProvider, failure, Props, Provider, warningsOf } from "../helpers/provider";

const fast = { backoff: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20, maxElapsedMs: 2000 } };
const secrets = { eu: "eu-secret-5d1f07", us: "us-secret-98ac21" };

describe("named connections (two sandboxes)", function () {
  let eu: Sandbox;
  let us: Sandbox;
  let stack: Record<string, string>;

  before(async () => {
    eu = await startSandbox({
      commercetools: { projectKey: "shop-eu", clientId: "eu-client", clientSecret: secrets.eu },
      bigcommerce: { storeHash: "store-uk", accessToken: "uk-token-4411" },
    });
    us = await startSandbox({
      commercetools: { projectKey: "shop-us", clientId: "us-client", clientSecret: secrets.us },
      bigcommerce: { storeHash: "store-us", accessToken: "us-token-7722" },
    });
    const ct = (s: Sandbox) => ({ ...s.config.commercetools });
    stack = {
      // The default settings point at the EU project, as a stack did before it named connections.
      "commercetools:projectKey": "shop-eu",
      "commercetools:clientId": "eu-client",
      "commercetools:clientSecret": secrets.eu,
      "commercetools:apiUrl": eu.url,
      "commercetools:authUrl": eu.url,
      "commercetools:connections": JSON.stringify({ eu: ct(eu), us: ct(us) }),
      "bigcommerce:connections": JSON.stringify({
        uk: { storeHash: "store-uk", accessToken: "uk-token-4411", apiUrl: eu.url },
        "uk-reports": { storeHash: "store-uk", accessToken: "uk-token-4411", apiUrl: eu.url },
        us: { storeHash: "store-us", accessToken: "us-token-7722", apiUrl: us.url },
      }),
    };
  });
  after(async () => {
    await eu?.close();
    await us?.close();
  });
  beforeEach(async () => {
    await eu.reset();
    await us.reset();
    await eu.clearRequests();
    await us.clearRequests();
  });

  const commercetools = (): Promise<Provider> => configuredProvider((s) => commercetoolsBackend(s, fast, {}), stack);
  const bigcommerce = (): Promise<Provider> => configuredProvider((s) => bigcommerceBackend(s, fast, {}), stack);
  const writes = async (s: Sandbox) => (await s.requests()).filter((r) => r.method !== "GET" && r.path !== "/oauth/token").map((r) => `${r.method} ${r.path}`);

  it("creates each group in the project of its connection and records the connection, never a secret", async () => {
    const provider = await commercetools();
    const gold = await createdGroup(provider, { connection: "eu", name: "Gold", key: "gold" });
    const goldUs = await createdGroup(provider, { connection: "us", name: "Gold", key: "gold" });
    expect((await eu.commercetools.groups()).map((g) => g.id)).to.deep.equal([gold.id]);
    expect((await us.commercetools.groups()).map((g) => g.id)).to.deep.equal([goldUs.id]);
    expect(gold.outs).to.deep.include({ connection: "eu", projectKey: "shop-eu" });
    expect(goldUs.outs).to.deep.include({ connection: "us", projectKey: "shop-us" });
    expect(JSON.stringify([gold.outs, goldUs.outs])).to.not.match(new RegExp(`${secrets.eu}|${secrets.us}|Bearer`));

    // One client per connection: one token each, however many groups.
    await createdGroup(provider, { connection: "us", name: "Silver" });
    const tokens = async (s: Sandbox) => (await s.requests()).filter((r) => r.path === "/oauth/token").length;
    expect([await tokens(eu), await tokens(us)]).to.deep.equal([1, 1]);

    // A refresh reads each group through its own connection.
    const read = await provider.read(goldUs.id, goldUs.outs);
    expect(read.props).to.deep.include({ connection: "us", projectKey: "shop-us", name: "Gold" });
    expect(read.inputs).to.deep.include({ connection: "us" });
  });

  it("fails check for a connection that is not configured, naming what is missing and what is configured, before any request", async () => {
    const provider = await commercetools();
    const result = await provider.check({}, { connection: "apac", name: "Gold", __provider: "stub" });
    expect(result.failures).to.have.length(1);
    expect(result.failures![0]!.property).to.equal("connection");
    expect(result.failures![0]!.reason).to.equal(
      "commercetools connection 'apac' is not configured. Configured commercetools connections: (the default, without `connection`), eu, us. " +
        "Missing settings of 'apac':" +
        [
          "commercetools:connections.apac.projectKey (`pulumi config set --path commercetools:connections.apac.projectKey <value>`, or the environment variable CTP_PROJECT_KEY_APAC)",
          "commercetools:connections.apac.clientId (`pulumi config set --path commercetools:connections.apac.clientId <value>`, or the environment variable CTP_CLIENT_ID_APAC)",
          "commercetools:connections.apac.clientSecret (`pulumi config set --secret --path commercetools:connections.apac.clientSecret <value>`, or the environment variable CTP_CLIENT_SECRET_APAC)",
          "commercetools:connections.apac.apiUrl (`pulumi config set --path commercetools:connections.apac.apiUrl <value>`, or the environment variable CTP_API_URL_APAC)",
          "commercetools:connections.apac.authUrl (`pulumi config set --path commercetools:connections.apac.authUrl <value>`, or the environment variable CTP_AUTH_URL_APAC)",
        ]
          .map((m) => `\n  - ${m}`)
          .join(""),
    );
    // A typo gets the nearest configured name.
    const typo = await provider.check({}, { connection: "ue", name: "Gold", __provider: "stub" });
    expect(typo.failures![0]!.reason).to.match(
      /^commercetools connection 'ue' is not configured\. Did you mean 'eu' or 'us'\? Configured commercetools connections: /,
    );
    const bad = await provider.check({}, { connection: "EU West", name: "Gold", __provider: "stub" });
    expect(bad.failures).to.deep.equal([{ property: "connection", reason: "must be 1 to 32 characters of a-z, 0-9, '_' and '-', starting with a letter" }]);
    expect([...(await eu.requests()), ...(await us.requests())]).to.deep.equal([]);
  });

  it("the same store hash on another API host is another store: a move is a replacement, and a refresh never calls the group gone", async () => {
    // 'uk' on the EU sandbox and 'uk-mirror' with the same store hash and token on the US sandbox's API.
    const mirror = {
      ...stack,
      "bigcommerce:connections": JSON.stringify({
        uk: { storeHash: "store-uk", accessToken: "uk-token-4411", apiUrl: eu.url },
        "uk-mirror": { storeHash: "store-uk", accessToken: "uk-token-4411", apiUrl: us.url },
      }),
    };
    const provider = await configuredProvider((s) => bigcommerceBackend(s, fast, {}), mirror);
    const made = await createdGroup(provider, { connection: "uk", name: "Trade" });
    expect(made.outs).to.deep.include({ storeHash: "store-uk", apiHost: eu.url });
    const moved = await checkedInputs(provider, { connection: "uk-mirror", name: "Trade" });
    expect(await provider.diff(made.id, made.outs, moved)).to.deep.include({ changes: true, replaces: ["connection"] });
    // The old connection now points at the other host: the group is not read there (it would look deleted), but kept.
    const repointed = await configuredProvider((s) => bigcommerceBackend(s, fast, {}), {
      ...stack,
      "bigcommerce:connections": JSON.stringify({ uk: { storeHash: "store-uk", accessToken: "uk-token-4411", apiUrl: us.url } }),
    });
    await us.clearRequests();
    const { result, warnings } = await warningsOf(() => repointed.read(made.id, made.outs));
    expect(result.id).to.equal(made.id);
    expect(warnings).to.deep.equal([
      `bigcommerce customer group ${made.id} ('Trade') was not refreshed: it lives in store 'store-uk' at ${eu.url}, and the provider is configured for store 'store-uk' at ${us.url}.`,
    ]);
    expect(await us.requests()).to.deep.equal([]);
    expect(await repointed.diff(made.id, made.outs, await checkedInputs(repointed, { connection: "uk", name: "Trade" }))).to.deep.include({
      replaces: ["apiHost"],
    });
  });

  it("moving a group to another project's connection is a replacement; to another connection of the same project it is not", async () => {
    const provider = await commercetools();
    const made = await createdGroup(provider, { name: "Wholesale", key: "wholesale" });
    expect(made.outs).to.not.have.property("connection");

    // The default settings and connection 'eu' reach the same project: the same group, its state following the program.
    const viaEu = await checkedInputs(provider, { connection: "eu", name: "Wholesale", key: "wholesale" });
    const same = await provider.diff(made.id, made.outs, viaEu);
    expect(same).to.deep.include({ changes: true, replaces: [] });
    await eu.clearRequests();
    const updated = (await provider.update(made.id, made.outs, viaEu)).outs as Props;
    expect(await writes(eu)).to.deep.equal([]);
    expect(updated).to.deep.include({ connection: "eu", projectKey: "shop-eu", version: made.outs.version });
    expect((await provider.diff(made.id, updated, viaEu)).changes).to.equal(false);

    // Connection 'us' is another project: replace (delete in the old project first, as names are unique).
    const viaUs = await checkedInputs(provider, { connection: "us", name: "Wholesale", key: "wholesale" });
    expect(await provider.diff(made.id, updated, viaUs)).to.deep.include({ changes: true, replaces: ["connection"], deleteBeforeReplace: true });
    await provider.delete(made.id, updated);
    const moved = await provider.create(viaUs);
    expect(await eu.commercetools.groups()).to.deep.equal([]);
    expect((await us.commercetools.groups()).map((g) => [g.id, g.key])).to.deep.equal([[moved.id, "wholesale"]]);
  });

  it("deleting a group whose connection is no longer configured says which connection to configure, or how to forget it", async () => {
    const provider = await commercetools();
    const made = await createdGroup(provider, { connection: "us", name: "Students" });
    const { "commercetools:connections": _, ...withoutConnections } = stack;
    const later = await configuredProvider((s) => commercetoolsBackend(s, fast, {}), withoutConnections);
    const error = await failure(later.delete(made.id, made.outs));
    expect(error?.message).to.match(
      new RegExp(
        `^cannot delete commercetools customer group ${made.id} \\('Students'\\): the connection 'us' it was made through is not configured any more\\. ` +
          "Configure it again to delete the group, or remove this resource from the state without deleting the group: `pulumi state delete <its URN>` " +
          "\\(`pulumi stack --show-urns` lists them\\)\\. commercetools connection 'us' is not configured\\.",
      ),
    );
    expect(error?.message).to.include("Missing settings of 'us':\n  - commercetools:connections.us.projectKey ");
    expect((await us.commercetools.groups()).map((g) => g.id)).to.deep.equal([made.id]);
  });

  it("BigCommerce: groups land in the store of their connection; two connections to one store are the same store", async () => {
    const provider = await bigcommerce();
    const uk = await createdGroup(provider, { connection: "uk", name: "Wholesale" });
    const usGroup = await createdGroup(provider, { connection: "us", name: "Wholesale" });
    expect((await eu.bigcommerce.groups()).map((g) => String(g.id))).to.deep.equal([uk.id]);
    expect((await us.bigcommerce.groups()).map((g) => String(g.id))).to.deep.equal([usGroup.id]);
    expect(uk.outs).to.deep.include({ connection: "uk", storeHash: "store-uk" });

    const other = await checkedInputs(provider, { connection: "uk-reports", name: "Wholesale" });
    expect(await provider.diff(uk.id, uk.outs, other)).to.deep.include({ changes: true, replaces: [] });
    const moved = await checkedInputs(provider, { connection: "us", name: "Wholesale" });
    expect(await provider.diff(uk.id, uk.outs, moved)).to.deep.include({ replaces: ["connection"] });

    // A refresh through the other connection of the same store finds the group, without a warning.
    const { warnings } = await warningsOf(() => provider.read(uk.id, { ...uk.outs, connection: "uk-reports" }));
    expect(warnings).to.deep.equal([]);
  });

  it("RevCent: a group and the functions reach the account of their connection, set by environment variables", async () => {
    await us.revcent.seedGroups([{ name: "VIP" }] as never);
    const env = { REVCENT_API_KEY_MAIN: us.config.revcent.apiKey, REVCENT_API_URL_MAIN: us.url };
    const provider = await configuredProvider((s) => revcentBackend(s, fast, env), {});
    const vip = await createdGroup(provider, { connection: "main", name: "VIP" });
    expect(vip.outs).to.deep.include({ connection: "main", name: "VIP" });
    expect((await customerGroups({ connection: "main", env })).map((g) => g.name)).to.deep.equal(["VIP"]);
    // Another connection is another account: the group is adopted again there (RevCent is never written to).
    expect(await provider.diff(vip.id, vip.outs, { connection: "backup", name: "VIP" })).to.deep.include({ replaces: ["connection"] });
    const missing = await failure(customerGroups({ connection: "backup", env }));
    expect(missing?.message).to.match(
      /^revcent connection 'backup' is not configured\. Configured revcent connections: main\. Missing settings of 'backup':\n {2}- revcent:connections\.backup\.apiKey .*; a function can also be given apiKey and apiUrl$/,
    );
  });
});
