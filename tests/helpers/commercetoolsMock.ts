// Test helper: @labdigital/commercetools-mock as a real HTTP server on 127.0.0.1 with authentication on, behind a recording proxy.

import { AddressInfo } from "node:net";
import { CommercetoolsMock, getBaseResourceProperties } from "@labdigital/commercetools-mock";
import type { Type } from "@commercetools/platform-sdk";
import { startRecordingProxy, RecordingProxy } from "./recordingProxy";
import { CommercetoolsClient } from "../../provider/commercetools/client";
import { CommercetoolsSettings } from "../../provider/commercetools/settings";

export interface CommercetoolsTestServer {
  mock: CommercetoolsMock;
  /** The proxy everything under test goes through. */
  proxy: RecordingProxy;
  settings: CommercetoolsSettings;
  /** A client that talks to the mock directly, not recorded: a merchant in the admin UI. */
  merchant: CommercetoolsClient;
  typeId: string;
  close(): Promise<void>;
}

export const projectKey = "test-project";

export async function startCommercetoolsMock(): Promise<CommercetoolsTestServer> {
  const mock = new CommercetoolsMock({ enableAuthentication: true, validateCredentials: true, defaultProjectKey: projectKey, silent: true });
  await mock.app.listen({ port: 0, host: "127.0.0.1" });
  const direct = `http://127.0.0.1:${(mock.app.server.address() as AddressInfo).port}`;
  const proxy = await startRecordingProxy(direct);

  const type: Type = {
    ...getBaseResourceProperties(),
    key: "group-fields",
    name: { en: "Group fields" },
    resourceTypeIds: ["customer-group"],
    fieldDefinitions: [
      { name: "tier", label: { en: "Tier" }, required: false, type: { name: "String" }, inputHint: "SingleLine" },
      { name: "vip", label: { en: "VIP" }, required: false, type: { name: "Boolean" }, inputHint: "SingleLine" },
      { name: "rate", label: { en: "Rate" }, required: false, type: { name: "Number" }, inputHint: "SingleLine" },
    ],
  };
  await mock.project(projectKey).unsafeAdd("type", type);
  const other: Type = { ...getBaseResourceProperties(), key: "other-fields", name: { en: "Other" }, resourceTypeIds: ["customer-group"], fieldDefinitions: [] };
  await mock.project(projectKey).unsafeAdd("type", other);

  const base = { projectKey, clientId: "test-client", clientSecret: "test-secret-value-42", scopes: `manage_customer_groups:${projectKey}` };
  const settings: CommercetoolsSettings = { ...base, apiUrl: proxy.url, authUrl: proxy.url };
  const merchant = new CommercetoolsClient({ ...base, clientId: "merchant", apiUrl: direct, authUrl: direct });
  return {
    mock,
    proxy,
    settings,
    merchant,
    typeId: type.id,
    close: async () => {
      await proxy.close();
      await mock.app.close();
    },
  };
}

/** Stack config as the engine hands it to `configure`. */
export function stackConfigOf(settings: CommercetoolsSettings): Record<string, string> {
  return {
    "commercetools:projectKey": settings.projectKey,
    "commercetools:clientId": settings.clientId,
    "commercetools:clientSecret": settings.clientSecret,
    "commercetools:apiUrl": settings.apiUrl,
    "commercetools:authUrl": settings.authUrl,
  };
}
