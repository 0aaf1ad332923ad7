// The groups the benchmarks declare: group i of each backend, as first declared and as changed. No imports: the engine
// bench copies this file into its Pulumi programs, so the in-process and the engine figures measure the same groups.

export type Backend = "commercetools" | "bigcommerce" | "revcent";
export const backends: readonly Backend[] = ["commercetools", "bigcommerce", "revcent"];

/**
 * The arguments of group i: `changed` is the program after an edit of every group (commercetools: a new name and custom
 * fields; BigCommerce: a new discount amount). RevCent groups cannot be changed through its API: the same arguments.
 */
export function groupArgs(backend: Backend, i: number, changed = false): Record<string, unknown> {
  switch (backend) {
    case "commercetools":
      return changed
        ? { name: `Group ${i}+`, key: `group-${i}`, custom: { type: { key: "group-fields" }, fields: { tier: "2" } } }
        : { name: `Group ${i}`, key: `group-${i}`, custom: { type: { key: "group-fields" }, fields: { tier: "1", vip: true } } };
    case "bigcommerce":
      return {
        name: `Group ${i}`,
        discountRules: [
          { type: "all", method: "percent", amount: changed ? 7.5 : 5 },
          { type: "product", productId: i + 1, method: "price", amount: 2 },
        ],
      };
    case "revcent":
      return { name: `Group ${i}`, enabled: true, qualifierMethod: "none" };
  }
}

/** RevCent group i as the sandbox seeds it (RevCent's API cannot create groups): the group that groupArgs("revcent", i) adopts. */
export function revcentSeed(i: number): { name: string; enabled: boolean; qualifier_method: string } {
  return { name: `Group ${i}`, enabled: true, qualifier_method: "none" };
}
