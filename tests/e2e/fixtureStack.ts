// State fixtures of released versions: where they live, the sandbox credentials they were made with, and stacks whose
// provider gets those credentials from environment variables (never stack config, so that nothing of them is recorded).

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Deployment } from "@pulumi/pulumi/automation";
import type { PersistedState } from "../../sandbox/state";
import type { Sandbox, SandboxOptions } from "../../sandbox";
import { Declared, e2eProject, newStack, repoRoot, TestStack } from "./harness";

export type Backend = "commercetools" | "bigcommerce" | "revcent";
export const backends: readonly Backend[] = ["commercetools", "bigcommerce", "revcent"];

/** Every fixture stack has this name in the project `e2e-customer-groups`, so its URNs are the same on every machine. */
export const fixtureStackName = "fixture";

/** The sandbox credentials of the fixtures, shared by the generator and the tests. None may appear in a fixture file. */
export const credentials = {
  commercetools: { projectKey: "fixture-project", clientId: "fixture-client", clientSecret: "fixture-ct-secret-2c8e41" },
  bigcommerce: { storeHash: "fixturestore", accessToken: "fixture-bc-token-6d09a7" },
  revcent: { apiKey: "fixture-revcent-key-a41e5b" },
} as const;

/** What must never be written into a fixture: the secrets, and anything that names this machine. */
export function forbiddenInFixtures(): string[] {
  return [
    credentials.commercetools.clientSecret,
    Buffer.from(`${credentials.commercetools.clientId}:${credentials.commercetools.clientSecret}`).toString("base64"),
    credentials.bigcommerce.accessToken,
    credentials.revcent.apiKey,
    repoRoot,
    os.tmpdir(),
    os.homedir(),
  ];
}

/** The sandbox options of one backend's fixture: its credentials, and the file its state is loaded from and saved to. */
export function sandboxOptions(backend: Backend, persistFile: string): SandboxOptions {
  return { persistFile, [backend]: credentials[backend] };
}

/** The provider's settings as environment variables (provider/<backend>/settings.ts reads them when stack config has none). */
export function providerEnv(backend: Backend, sandbox: Sandbox): Record<string, string> {
  const config = sandbox.config;
  switch (backend) {
    case "commercetools":
      return {
        CTP_PROJECT_KEY: credentials.commercetools.projectKey,
        CTP_CLIENT_ID: credentials.commercetools.clientId,
        CTP_CLIENT_SECRET: credentials.commercetools.clientSecret,
        CTP_API_URL: config.commercetools.apiUrl,
        CTP_AUTH_URL: config.commercetools.authUrl,
      };
    case "bigcommerce":
      return {
        BIGCOMMERCE_STORE_HASH: credentials.bigcommerce.storeHash,
        BIGCOMMERCE_ACCESS_TOKEN: credentials.bigcommerce.accessToken,
        BIGCOMMERCE_API_URL: config.url,
      };
    case "revcent":
      return { REVCENT_API_KEY: credentials.revcent.apiKey, REVCENT_API_URL: config.revcent.apiUrl };
  }
}

/** A new stack `fixture` of the e2e project, with the backend's settings in the environment, never in the state. */
export function newFixtureStack(backend: Backend, sandbox: Sandbox): Promise<TestStack> {
  return newStack(fixtureStackName, {}, e2eProject(), providerEnv(backend, sandbox));
}

/** The directory of one backend's fixture of the state a version wrote. */
export function fixtureDir(version: string, backend: Backend): string {
  return path.join(repoRoot, "tests/fixtures", `state-${version}`, backend);
}

export interface StateFixture {
  /** The stack as `pulumi stack export` gave it after `pulumi up`. */
  deployment: Deployment;
  /** The sandbox's persisted store at that moment (the groups the state describes). */
  sandbox: PersistedState;
  /** The stack config `groups`: the program that wrote the state. */
  program: Declared;
}

export function readFixture(version: string, backend: Backend): StateFixture {
  const read = (file: string): unknown => JSON.parse(fs.readFileSync(path.join(fixtureDir(version, backend), file), "utf8"));
  return { deployment: read("deployment.json") as Deployment, sandbox: read("sandbox.json") as PersistedState, program: read("program.json") as Declared };
}
