// The BigCommerce connection settings and where each comes from.

import { readSettings, Setting, StackConfig } from "../config";
import { ConfigError } from "../errors";
import { checkBaseUrl } from "../http/url";

export interface BigCommerceSettings {
  storeHash: string;
  accessToken: string;
  /** Base URL without `/stores/...`, without a trailing slash. */
  apiUrl: string;
}

export const defaultApiUrl = "https://api.bigcommerce.com";

/** The store: what a group's identity is beyond its id. */
export const storeHashSetting: Setting = { config: "bigcommerce:storeHash", env: "BIGCOMMERCE_STORE_HASH" };

export function bigcommerceSettings(stack: StackConfig, env: NodeJS.ProcessEnv = process.env): BigCommerceSettings {
  const raw = readSettings(
    "bigcommerce",
    {
      storeHash: storeHashSetting,
      accessToken: { config: "bigcommerce:accessToken", env: "BIGCOMMERCE_ACCESS_TOKEN", secret: true },
      apiUrl: { config: "bigcommerce:apiUrl", env: "BIGCOMMERCE_API_URL", default: defaultApiUrl },
    },
    stack,
    env,
  );
  if (!/^[A-Za-z0-9_-]+$/.test(raw.storeHash)) {
    throw new ConfigError(
      `bigcommerce:storeHash (BIGCOMMERCE_STORE_HASH) must be the store hash from the API path (/stores/{storeHash}/...), letters, digits, '-' and '_' only; got '${raw.storeHash}'`,
    );
  }
  return { ...raw, apiUrl: baseOf(checkBaseUrl("bigcommerce:apiUrl (BIGCOMMERCE_API_URL)", raw.apiUrl), raw.storeHash) };
}

/**
 * The base URL below which `/stores/{storeHash}/v2/...` lies. BigCommerce's API account credentials give an "API path"
 * that already ends with `/stores/{storeHash}/v3`; that form is accepted too, when it names the same store.
 */
function baseOf(apiUrl: string, storeHash: string): string {
  const match = /^(.*)\/stores\/([^/]+)\/v[23]$/.exec(apiUrl);
  if (!match) return apiUrl;
  if (match[2] !== storeHash) {
    throw new ConfigError(
      `bigcommerce:apiUrl (BIGCOMMERCE_API_URL) '${apiUrl}' is the API path of store '${match[2]}', but bigcommerce:storeHash (BIGCOMMERCE_STORE_HASH) is '${storeHash}'`,
    );
  }
  return match[1];
}
