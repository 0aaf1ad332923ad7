// Test helper without chai: a backend's provider settings for a sandbox, as the stack config the engine hands `configure`.

import type { BackendName } from "../../provider/registry";
import type { SandboxClient } from "../../sandbox";

export type Backend = BackendName;

/** Settings whose value is a secret (the engine keeps them encrypted in the stack config). */
export const secretSettings = new Set(["commercetools:clientSecret", "bigcommerce:accessToken", "revcent:apiKey"]);

export function sandboxConfig(sandbox: SandboxClient, backend: Backend): Record<string, string> {
  const c = sandbox.config;
  switch (backend) {
    case "commercetools":
      return {
        "commercetools:projectKey": c.commercetools.projectKey,
        "commercetools:clientId": c.commercetools.clientId,
        "commercetools:clientSecret": c.commercetools.clientSecret,
        "commercetools:apiUrl": c.commercetools.apiUrl,
        "commercetools:authUrl": c.commercetools.authUrl,
      };
    case "bigcommerce":
      return { "bigcommerce:storeHash": c.bigcommerce.storeHash, "bigcommerce:accessToken": c.bigcommerce.accessToken, "bigcommerce:apiUrl": sandbox.url };
    case "revcent":
      return { "revcent:apiKey": c.revcent.apiKey, "revcent:apiUrl": c.revcent.apiUrl };
  }
}
