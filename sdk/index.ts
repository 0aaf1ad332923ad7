// pulumi-customer-groups: customer groups of commerce platforms as Pulumi resources. Each backend's namespace is its own
// module (provider/<backend>/sdk.ts); the data files are backend-agnostic (config/).

import type * as pulumi from "@pulumi/pulumi";
import type * as dataFiles from "./config/fromConfig";

export * as commercetools from "../provider/commercetools/sdk";
export * as bigcommerce from "../provider/bigcommerce/sdk";
export * as revcent from "../provider/revcent/sdk";
export type { ConfigGroups } from "./config/fromConfig";
export { ConfigFileError } from "./config/configFileError";
export type { GroupsFile } from "./config/format";

/**
 * Declares the groups of a YAML or JSON file, or of every such file below a directory (relative paths are relative to the
 * Pulumi project). Every file is checked first, each group exactly as its resource checks its arguments: when anything is
 * wrong, nothing is declared and the error lists every problem as `file:line:col path: reason`.
 * A group's `previousName` (the name it had before a rename) becomes an alias, so that the group moves with no request.
 * `opts` apply to every resource (a provider-independent option such as `protect`, `parent` or `dependsOn`).
 */
export function fromConfig(source: string, opts?: pulumi.CustomResourceOptions): dataFiles.ConfigGroups {
  // Loaded on the first call: reading data files takes the YAML parser and every backend's checks, which a program that
  // declares its groups in TypeScript does without (some 280 modules, 60 ms of each run).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const files = require("./config/fromConfig") as typeof dataFiles;
  return files.fromConfig(source, opts);
}
