// Which vendor API a request path belongs to; every path outside /__admin/ belongs to one.

export type Vendor = "commercetools" | "bigcommerce" | "revcent";

export const VENDORS: readonly Vendor[] = ["commercetools", "bigcommerce", "revcent"];

export function vendorOf(path: string): Vendor {
  if (path === "/stores" || path.startsWith("/stores/")) return "bigcommerce";
  if (path === "/v2" || path.startsWith("/v2/")) return "revcent";
  // commercetools owns /oauth/token and every /{projectKey}/... path.
  return "commercetools";
}
