// The ResourceProvider of cg.revcent.CustomerGroup. The module itself is the provider: Pulumi serializes a
// module of an installed package as `require("pulumi-customer-groups/provider/revcent")`, so the state keeps a
// few hundred bytes instead of a copy of this code.
// The provider's code loads on the first call (see lazyProvider.ts), so that a program does not load it.

import { lazyProvider } from "../lazyProvider";

export = lazyProvider(async () => {
  const [{ resourceProvider }, { customerGroupAdapter }] = await Promise.all([import("../lifecycle.js"), import("./customerGroup.js")]);
  return resourceProvider((stack) => customerGroupAdapter(stack));
});
