// pulumi-customer-groups: customer groups of commerce platforms as Pulumi resources.

export * as commercetools from "./commercetools";
export * as bigcommerce from "./bigcommerce";
export * as revcent from "./revcent";
export { fromConfig, type ConfigGroups } from "./config/fromConfig";
export { ConfigFileError } from "./config/load";
export type { GroupsFile } from "./config/format";
