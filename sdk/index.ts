// pulumi-customer-groups: customer groups of commerce platforms as Pulumi resources. Each backend's namespace is its own
// module (provider/<backend>/sdk.ts); the data files are backend-agnostic (config/).

export * as commercetools from "../provider/commercetools/sdk";
export * as bigcommerce from "../provider/bigcommerce/sdk";
export * as revcent from "../provider/revcent/sdk";
export { fromConfig, type ConfigGroups } from "./config/fromConfig";
export { ConfigFileError } from "./config/load";
export type { GroupsFile } from "./config/format";
