// The RevCent connection settings and where each comes from (stack config, then environment; per connection).

import { configKeyOf, envOf, readSettings, Settings, StackConfig } from "../config";
import { checkBaseUrl, checkTimeout, defaultTimeoutSeconds } from "../http/url";

export interface RevCentSettings {
  apiKey: string;
  /** Base URL without `/v2`, without a trailing slash; the client appends `/v2/...`. */
  apiUrl: string;
  /** One request's deadline, body included, in milliseconds (`timeoutSeconds`, default 30). */
  timeoutMs?: number;
}

export const defaultApiUrl = "https://api.revcent.com";

export const revcentSettingKeys = {
  apiKey: { config: "revcent:apiKey", env: "REVCENT_API_KEY", secret: true },
  apiUrl: { config: "revcent:apiUrl", env: "REVCENT_API_URL", default: defaultApiUrl },
  timeoutMs: { config: "revcent:timeoutSeconds", env: "REVCENT_TIMEOUT_SECONDS", default: defaultTimeoutSeconds },
} satisfies Settings<keyof RevCentSettings>;

/** Reads `revcent:apiKey` / `REVCENT_API_KEY` (secret) and `revcent:apiUrl` / `REVCENT_API_URL`, stack config first. */
export function revcentSettings(stack: StackConfig, env: NodeJS.ProcessEnv = process.env, connection?: string): RevCentSettings {
  const raw = readSettings("revcent", revcentSettingKeys, stack, env, connection);
  const where = (name: keyof RevCentSettings) => `${configKeyOf(revcentSettingKeys[name], connection)} (${envOf(revcentSettingKeys[name], connection)})`;
  // The documented endpoints are `https://api.revcent.com/v2/...`; a URL given with its `/v2` is accepted too.
  return {
    apiKey: raw.apiKey,
    apiUrl: checkBaseUrl(where("apiUrl"), raw.apiUrl).replace(/\/v2$/, ""),
    timeoutMs: checkTimeout(where("timeoutMs"), raw.timeoutMs),
  };
}
