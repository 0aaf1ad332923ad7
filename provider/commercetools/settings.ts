// The commercetools connection settings and where each comes from.

import { readSettings, Setting, StackConfig } from "../config";
import { checkBaseUrl } from "../http/url";

export interface CommercetoolsSettings {
  projectKey: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
  apiUrl: string;
  authUrl: string;
}

/** The project: what a group's identity is beyond its id. */
export const projectKeySetting: Setting = { config: "commercetools:projectKey", env: "CTP_PROJECT_KEY" };

export function commercetoolsSettings(stack: StackConfig, env: NodeJS.ProcessEnv = process.env): CommercetoolsSettings {
  const raw = readSettings(
    "commercetools",
    {
      projectKey: projectKeySetting,
      clientId: { config: "commercetools:clientId", env: "CTP_CLIENT_ID" },
      clientSecret: { config: "commercetools:clientSecret", env: "CTP_CLIENT_SECRET", secret: true },
      // Empty means the least the provider needs, filled in below once the project key is known.
      scopes: { config: "commercetools:scopes", env: "CTP_SCOPES", default: "" },
      apiUrl: { config: "commercetools:apiUrl", env: "CTP_API_URL" },
      authUrl: { config: "commercetools:authUrl", env: "CTP_AUTH_URL" },
    },
    stack,
    env,
  );
  return {
    ...raw,
    scopes: raw.scopes || `manage_customer_groups:${raw.projectKey}`,
    apiUrl: checkBaseUrl("commercetools:apiUrl (CTP_API_URL)", raw.apiUrl),
    authUrl: checkBaseUrl("commercetools:authUrl (CTP_AUTH_URL)", raw.authUrl),
  };
}
