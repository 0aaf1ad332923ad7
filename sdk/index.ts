// pulumi-customer-groups: customer groups of commerce platforms as Pulumi resources.

export * as commercetools from "./commercetools";
export * as bigcommerce from "./bigcommerce";
export * as revcent from "./revcent";
