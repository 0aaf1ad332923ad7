// The commercetools connection settings and where each comes from (stack config, then environment; per connection).

import { configKeyOf, envOf, readSettings, Settings, StackConfig } from "../config";
import { checkBaseUrl, checkTimeout, defaultTimeoutSeconds } from "../http/url";

export interface CommercetoolsSettings {
  projectKey: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
  apiUrl: string;
  authUrl: string;
  /** One request's deadline, body included, in milliseconds (`timeoutSeconds`, default 30). */
  timeoutMs?: number;
}

export const commercetoolsSettingKeys = {
  /** The project: what a group's identity is beyond its id. */
  projectKey: { config: "commercetools:projectKey", env: "CTP_PROJECT_KEY" },
  clientId: { config: "commercetools:clientId", env: "CTP_CLIENT_ID" },
  clientSecret: { config: "commercetools:clientSecret", env: "CTP_CLIENT_SECRET", secret: true },
  // Empty means the least the provider needs, filled in below once the project key is known.
  scopes: { config: "commercetools:scopes", env: "CTP_SCOPES", default: "" },
  apiUrl: { config: "commercetools:apiUrl", env: "CTP_API_URL" },
  authUrl: { config: "commercetools:authUrl", env: "CTP_AUTH_URL" },
  timeoutMs: { config: "commercetools:timeoutSeconds", env: "CTP_TIMEOUT_SECONDS", default: defaultTimeoutSeconds },
} satisfies Settings<keyof CommercetoolsSettings>;

export function commercetoolsSettings(stack: StackConfig, env: NodeJS.ProcessEnv = process.env, connection?: string): CommercetoolsSettings {
  const raw = readSettings("commercetools", commercetoolsSettingKeys, stack, env, connection);
  const where = (name: "apiUrl" | "authUrl" | "timeoutMs") =>
    `${configKeyOf(commercetoolsSettingKeys[name], connection)} (${envOf(commercetoolsSettingKeys[name], connection)})`;
  return {
    ...raw,
    scopes: raw.scopes || `manage_customer_groups:${raw.projectKey}`,
    apiUrl: checkBaseUrl(where("apiUrl"), raw.apiUrl),
    authUrl: checkBaseUrl(where("authUrl"), raw.authUrl),
    timeoutMs: checkTimeout(where("timeoutMs"), raw.timeoutMs),
  };
}
