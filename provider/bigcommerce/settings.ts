// The BigCommerce connection settings and where each comes from (stack config, then environment; per connection).

import { configKeyOf, envOf, readSettings, Settings, StackConfig } from "../config";
import { ConfigError } from "../errors";
import { checkBaseUrl, checkTimeout, defaultTimeoutSeconds } from "../http/url";

export interface BigCommerceSettings {
  storeHash: string;
  accessToken: string;
  /** Base URL without `/stores/...`, without a trailing slash. */
  apiUrl: string;
  /** One request's deadline, body included, in milliseconds (`timeoutSeconds`, default 30). */
  timeoutMs?: number;
}

export const defaultApiUrl = "https://api.bigcommerce.com";

export const bigcommerceSettingKeys = {
  /** The store: what a group's identity is beyond its id. */
  storeHash: { config: "bigcommerce:storeHash", env: "BIGCOMMERCE_STORE_HASH" },
  accessToken: { config: "bigcommerce:accessToken", env: "BIGCOMMERCE_ACCESS_TOKEN", secret: true },
  apiUrl: { config: "bigcommerce:apiUrl", env: "BIGCOMMERCE_API_URL", default: defaultApiUrl },
  timeoutMs: { config: "bigcommerce:timeoutSeconds", env: "BIGCOMMERCE_TIMEOUT_SECONDS", default: defaultTimeoutSeconds },
} satisfies Settings<keyof BigCommerceSettings>;

export function bigcommerceSettings(stack: StackConfig, env: NodeJS.ProcessEnv = process.env, connection?: string): BigCommerceSettings {
  const raw = readSettings("bigcommerce", bigcommerceSettingKeys, stack, env, connection);
  const where = (name: keyof BigCommerceSettings) =>
    `${configKeyOf(bigcommerceSettingKeys[name], connection)} (${envOf(bigcommerceSettingKeys[name], connection)})`;
  if (!/^[A-Za-z0-9_-]+$/.test(raw.storeHash)) {
    throw new ConfigError(
      `${where("storeHash")} must be the store hash from the API path (/stores/{storeHash}/...), letters, digits, '-' and '_' only; got '${raw.storeHash}'`,
    );
  }
  const apiUrl = checkBaseUrl(where("apiUrl"), raw.apiUrl);
  // BigCommerce's API account credentials give an "API path" that already ends with `/stores/{storeHash}/v3`; that form
  // is accepted too, when it names the same store.
  const match = /^(.*)\/stores\/([^/]+)\/v[23]$/.exec(apiUrl);
  if (match && match[2] !== raw.storeHash) {
    throw new ConfigError(`${where("apiUrl")} '${apiUrl}' is the API path of store '${match[2]}', but ${where("storeHash")} is '${raw.storeHash}'`);
  }
  return { ...raw, apiUrl: match ? match[1]! : apiUrl, timeoutMs: checkTimeout(where("timeoutMs"), raw.timeoutMs) };
}
