// The RevCent connection settings and where each comes from.

import { readSettings, StackConfig } from "../config";
import { checkBaseUrl } from "../http/url";

export interface RevCentSettings {
  apiKey: string;
  /** Base URL without `/v2`, without a trailing slash; the client appends `/v2/...`. */
  apiUrl: string;
}

export const defaultApiUrl = "https://api.revcent.com";

/** Reads `revcent:apiKey` / `REVCENT_API_KEY` (secret) and `revcent:apiUrl` / `REVCENT_API_URL`, stack config first. */
export function revcentSettings(stack: StackConfig, env: NodeJS.ProcessEnv = process.env): RevCentSettings {
  const raw = readSettings(
    "revcent",
    {
      apiKey: { config: "revcent:apiKey", env: "REVCENT_API_KEY", secret: true },
      apiUrl: { config: "revcent:apiUrl", env: "REVCENT_API_URL", default: defaultApiUrl },
    },
    stack,
    env,
  );
  return { apiKey: raw.apiKey, apiUrl: baseOf(checkBaseUrl("revcent:apiUrl (REVCENT_API_URL)", raw.apiUrl)) };
}

/** The documented endpoints are `https://api.revcent.com/v2/...`; a URL given with its `/v2` is accepted too. */
function baseOf(apiUrl: string): string {
  return apiUrl.replace(/\/v2$/, "");
}
