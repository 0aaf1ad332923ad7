// Unit tests: how `export` reads the stack config (a Pulumi project's selected or named stack, else the environment only)
// and hands it to the provider's settings readers, with a fake workspace in place of the pulumi CLI.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ConfigMap } from "@pulumi/pulumi/automation";
import { expect } from "chai";
import { ConfigWorkspace, readStackConfig, stackConfigOf, UsageError } from "../../cli/stackConfig";
import { commercetoolsSettings } from "../../provider/commercetools/settings";

/** A workspace with these stacks' config, and which stack is selected; records the stacks read. */
function fakeWorkspace(configs: Record<string, ConfigMap>, selected?: string): ConfigWorkspace & { read: string[] } {
  const read: string[] = [];
  return {
    read,
    stack: async () => (selected === undefined ? undefined : { name: selected }),
    getAllConfig: async (name) => {
      read.push(name);
      const config = configs[name];
      if (!config)
        throw Object.assign(new Error("command failed"), {
          commandResult: { stderr: `Command failed with exit code 6: pulumi config --stack ${name}\nerror: no stack named '${name}' found\n` },
        });
      return config;
    },
  };
}

const devConfig: ConfigMap = {
  "commercetools:projectKey": { value: "dev-project" },
  "commercetools:clientId": { value: "dev-client" },
  "commercetools:clientSecret": { value: "dev-secret-value", secret: true },
  "commercetools:apiUrl": { value: "https://api.example.com" },
  "commercetools:authUrl": { value: "https://auth.example.com" },
  "commercetools:scopes": { value: "" },
  // Structured config arrives as JSON text, as `pulumi config --json` gives it.
  "commercetools:connections": {
    value: JSON.stringify({
      eu: {
        projectKey: "eu-project",
        clientId: "eu-client",
        clientSecret: "eu-secret-value",
        apiUrl: "https://eu.example.com",
        authUrl: "https://eu.example.com",
      },
    }),
  },
};

describe("export: stack config", () => {
  let project: string;
  let bare: string;
  let notes: string[];
  beforeEach(() => {
    project = fs.mkdtempSync(path.join(os.tmpdir(), "cg-export-project-"));
    fs.writeFileSync(path.join(project, "Pulumi.yaml"), "name: groups\nruntime: nodejs\n");
    bare = fs.mkdtempSync(path.join(os.tmpdir(), "cg-export-bare-"));
    notes = [];
  });
  afterEach(() => {
    fs.rmSync(project, { recursive: true, force: true });
    fs.rmSync(bare, { recursive: true, force: true });
  });
  const note = (line: string) => notes.push(line);

  it("reads the selected stack's config, in the form the provider's settings readers take", async () => {
    const workspace = fakeWorkspace({ dev: devConfig, prod: {} }, "dev");
    const { config, stack } = await readStackConfig({ cwd: project, note, openWorkspace: async () => workspace });
    expect(stack).to.equal("dev");
    expect(workspace.read).to.deep.equal(["dev"]);
    expect(notes).to.deep.equal([]);
    // Stack config comes before the environment, as for the resources; the empty scopes fall back to the default.
    const env = { CTP_PROJECT_KEY: "env-project", CTP_CLIENT_ID: "env-client", CTP_CLIENT_SECRET: "env-secret" };
    expect(commercetoolsSettings(config, env)).to.deep.equal({
      projectKey: "dev-project",
      clientId: "dev-client",
      clientSecret: "dev-secret-value",
      scopes: "manage_customer_groups:dev-project",
      apiUrl: "https://api.example.com",
      authUrl: "https://auth.example.com",
      timeoutMs: 30_000,
    });
    expect(commercetoolsSettings(config, env, "eu")).to.include({ projectKey: "eu-project", clientId: "eu-client", clientSecret: "eu-secret-value" });
  });

  it("reads the stack --stack names rather than the selected one", async () => {
    const workspace = fakeWorkspace({ dev: devConfig, prod: { "commercetools:projectKey": { value: "prod-project" } } }, "dev");
    const { config, stack } = await readStackConfig({ cwd: project, stack: "prod", note, openWorkspace: async () => workspace });
    expect(stack).to.equal("prod");
    expect(workspace.read).to.deep.equal(["prod"]);
    expect(config("commercetools:projectKey")).to.equal("prod-project");
    expect(config("commercetools:clientId")).to.equal(undefined);
  });

  it("uses the environment only, and says so, when no stack is selected and none is named", async () => {
    const workspace = fakeWorkspace({ dev: devConfig });
    const { config, stack } = await readStackConfig({ cwd: project, note, openWorkspace: async () => workspace });
    expect(stack).to.equal(undefined);
    expect(workspace.read).to.deep.equal([]);
    expect(config("commercetools:projectKey")).to.equal(undefined);
    expect(notes).to.have.length(1);
    expect(notes[0]).to.include("no stack is selected").and.include("the environment only").and.include("--stack");
  });

  it("uses the environment only, without asking pulumi, where there is no Pulumi.yaml; --stack there is refused", async () => {
    const opened: string[] = [];
    const openWorkspace = async (dir: string) => {
      opened.push(dir);
      return fakeWorkspace({ dev: devConfig }, "dev");
    };
    const { config, stack } = await readStackConfig({ cwd: bare, note, openWorkspace });
    expect([stack, config("commercetools:projectKey"), opened, notes]).to.deep.equal([undefined, undefined, [], []]);
    const error = await readStackConfig({ cwd: bare, stack: "dev", note, openWorkspace }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(UsageError);
    expect((error as Error).message)
      .to.include("--stack 'dev'")
      .and.include("no Pulumi.yaml");
  });

  it("says a stack that does not exist is an argument to fix (exit 64), with what the pulumi CLI said", async () => {
    const workspace = fakeWorkspace({ dev: devConfig }, "dev");
    const error = await readStackConfig({ cwd: project, stack: "staging", note, openWorkspace: async () => workspace }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(UsageError);
    expect((error as Error).message).to.equal("no stack named 'staging' found: give --stack an existing stack (`pulumi stack ls` lists them)");
  });

  it("keeps values as text, objects as JSON text, and counts an empty value as not set", () => {
    const config = stackConfigOf({
      "bigcommerce:storeHash": { value: "abc123" },
      "bigcommerce:accessToken": { value: "token-value", secret: true },
      "bigcommerce:apiUrl": { value: "" },
      // Defensive: an object that did not arrive as text still reaches the provider as JSON text.
      "bigcommerce:connections": { value: { us: { storeHash: "us1" } } as unknown as string },
    });
    expect(config("bigcommerce:storeHash")).to.equal("abc123");
    expect(config("bigcommerce:accessToken")).to.equal("token-value");
    expect(config("bigcommerce:apiUrl")).to.equal(undefined);
    expect(JSON.parse(config("bigcommerce:connections")!)).to.deep.equal({ us: { storeHash: "us1" } });
    expect(config("bigcommerce:other")).to.equal(undefined);
  });
});
