// Unit tests: a named connection's settings (stack config object, then `_<NAME>` environment variables), and the errors
// that say what is missing, how to set it, and which connections are configured.

import { expect } from "chai";
import { configuredConnections, envOf, missingSettings, notConfigured, readSetting, readSettings } from "../../provider/config";
import { commercetoolsSettingKeys, commercetoolsSettings } from "../../provider/commercetools/settings";
import { bigcommerceSettings } from "../../provider/bigcommerce/settings";
import { revcentSettings } from "../../provider/revcent/settings";
import { redact } from "../../provider/http/redact";

const stackOf =
  (values: Record<string, unknown>) =>
  (key: string): string | undefined => {
    const v = values[key];
    return v === undefined ? undefined : typeof v === "string" ? v : JSON.stringify(v);
  };

const eu = {
  projectKey: "shop-eu",
  clientId: "eu-client",
  clientSecret: "eu-secret-123456",
  apiUrl: "https://api.eu.example.com",
  authUrl: "https://auth.eu.example.com",
};

describe("named connections: settings", () => {
  it("reads a connection from the stack config object first, then from the environment with the name appended", () => {
    const stack = stackOf({ "commercetools:connections": { eu: { projectKey: "shop-eu" } }, "commercetools:projectKey": "shop-default" });
    const env = { CTP_PROJECT_KEY_EU: "from-env", CTP_PROJECT_KEY_EU_WEST: "shop-eu-west", CTP_PROJECT_KEY: "env-default" };
    expect(readSetting(commercetoolsSettingKeys.projectKey, stack, env, "eu")).to.equal("shop-eu");
    expect(readSetting(commercetoolsSettingKeys.projectKey, stack, env, "eu-west")).to.equal("shop-eu-west");
    expect(readSetting(commercetoolsSettingKeys.projectKey, stack, env)).to.equal("shop-default");
    expect(readSetting(commercetoolsSettingKeys.projectKey, stackOf({}), env)).to.equal("env-default");
    expect(envOf(commercetoolsSettingKeys.clientSecret, "eu-west")).to.equal("CTP_CLIENT_SECRET_EU_WEST");
  });

  it("gives every backend's settings per connection, each connection with its own values and defaults", () => {
    const stack = stackOf({
      "commercetools:connections": { eu },
      "bigcommerce:connections": { uk: { storeHash: "store-uk", accessToken: "uk-token-123456" } },
    });
    expect(commercetoolsSettings(stack, {}, "eu")).to.deep.equal({ ...eu, scopes: "manage_customer_groups:shop-eu", timeoutMs: 30_000 });
    expect(bigcommerceSettings(stack, {}, "uk")).to.deep.equal({
      storeHash: "store-uk",
      accessToken: "uk-token-123456",
      apiUrl: "https://api.bigcommerce.com",
      timeoutMs: 30_000,
    });
    expect(revcentSettings(stackOf({}), { REVCENT_API_KEY_MAIN: "main-key-123456" }, "main")).to.deep.equal({
      apiKey: "main-key-123456",
      apiUrl: "https://api.revcent.com",
      timeoutMs: 30_000,
    });
    // A secret read for a connection is redacted from every message from then on.
    expect(redact("token uk-token-123456")).to.equal("token ***");
  });

  it("names each missing setting of a connection with its exact command and variable, and the configured connections", () => {
    const stack = stackOf({ "commercetools:connections": { eu, us: { projectKey: "shop-us" } } });
    const env = {
      CTP_PROJECT_KEY_APAC: "shop-apac",
      CTP_CLIENT_ID_APAC: "c",
      CTP_CLIENT_SECRET_APAC: "s-123456",
      CTP_API_URL_APAC: "https://a",
      CTP_AUTH_URL_APAC: "https://b",
    };
    expect(missingSettings(commercetoolsSettingKeys, stack, env, "us")).to.deep.equal([
      "commercetools:connections.us.clientId (`pulumi config set --path commercetools:connections.us.clientId <value>`, or the environment variable CTP_CLIENT_ID_US)",
      "commercetools:connections.us.clientSecret (`pulumi config set --secret --path commercetools:connections.us.clientSecret <value>`, or the environment variable CTP_CLIENT_SECRET_US)",
      "commercetools:connections.us.apiUrl (`pulumi config set --path commercetools:connections.us.apiUrl <value>`, or the environment variable CTP_API_URL_US)",
      "commercetools:connections.us.authUrl (`pulumi config set --path commercetools:connections.us.authUrl <value>`, or the environment variable CTP_AUTH_URL_US)",
    ]);
    expect(configuredConnections(commercetoolsSettingKeys, stack, env)).to.deep.equal(["apac", "eu"]);
    const error = notConfigured("commercetools", commercetoolsSettingKeys, stack, env, "us");
    expect(error?.message).to.match(
      /^commercetools connection 'us' is not configured\. Configured commercetools connections: apac, eu\. Missing settings of 'us':\n {2}- commercetools:connections\.us\.clientId /,
    );
    expect(() => readSettings("commercetools", commercetoolsSettingKeys, stack, env, "us")).to.throw(error!.message);
    // The default settings, when complete, count as a configured connection too.
    const withDefault = stackOf({
      "commercetools:projectKey": "p",
      "commercetools:clientId": "c",
      "commercetools:clientSecret": "s-123456",
      "commercetools:apiUrl": "https://a",
      "commercetools:authUrl": "https://b",
    });
    expect(configuredConnections(commercetoolsSettingKeys, withDefault, {})).to.deep.equal(["(the default, without `connection`)"]);
    expect(notConfigured("commercetools", commercetoolsSettingKeys, stackOf({}), {}, "eu")?.message).to.match(
      /Configured commercetools connections: none\. Missing settings of 'eu':/,
    );
  });

  it("refuses a connections value that is not an object of connections, saying how to set one", () => {
    for (const value of ["eu", ["eu"], { eu: "shop-eu" }]) {
      expect(() => readSetting(commercetoolsSettingKeys.projectKey, stackOf({ "commercetools:connections": value }), {}, "eu")).to.throw(
        "commercetools:connections must be an object of connections, each an object of settings; set them one by one with `pulumi config set --path commercetools:connections.<name>.<setting> <value>`",
      );
    }
  });

  it("names the connection's own setting when a value is wrong", () => {
    const stack = stackOf({ "bigcommerce:connections": { uk: { storeHash: "store uk", accessToken: "t-123456" } } });
    expect(() => bigcommerceSettings(stack, {}, "uk")).to.throw(/^bigcommerce:connections\.uk\.storeHash \(BIGCOMMERCE_STORE_HASH_UK\) must be the store hash/);
    const http = stackOf({ "commercetools:connections": { eu: { ...eu, apiUrl: "http://api.example.com" } } });
    expect(() => commercetoolsSettings(http, {}, "eu")).to.throw(/^commercetools:connections\.eu\.apiUrl \(CTP_API_URL_EU\) uses plain http/);
  });

  it("gives each connection its own request deadline (timeoutSeconds, default 30) and refuses one that is no number of seconds from 1 to 600", () => {
    const stack = stackOf({ "commercetools:connections": { eu: { ...eu, timeoutSeconds: 5 } } });
    expect(commercetoolsSettings(stack, {}, "eu").timeoutMs).to.equal(5_000);
    expect(commercetoolsSettings(stackOf({ "commercetools:connections": { eu } }), { CTP_TIMEOUT_SECONDS_EU: "2.5" }, "eu").timeoutMs).to.equal(2_500);
    expect(revcentSettings(stackOf({}), { REVCENT_API_KEY: "k-123456" }).timeoutMs).to.equal(30_000);
    for (const bad of ["0", "601", "ten", "-1", "1e9"]) {
      expect(() =>
        bigcommerceSettings(stackOf({}), { BIGCOMMERCE_STORE_HASH: "s", BIGCOMMERCE_ACCESS_TOKEN: "t-123456", BIGCOMMERCE_TIMEOUT_SECONDS: bad }),
      ).to.throw(`bigcommerce:timeoutSeconds (BIGCOMMERCE_TIMEOUT_SECONDS) must be a number of seconds from 1 to 600, got '${bad}'`);
    }
  });
});
