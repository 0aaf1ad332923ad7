// The ResourceProvider of cg.revcent.CustomerGroup. The module itself is the provider: Pulumi serializes a
// module of an installed package as `require("pulumi-customer-groups/provider/revcent")`, so the state keeps a
// few hundred bytes instead of a copy of this code.

import { resourceProvider } from "../lifecycle";
import { customerGroupAdapter } from "./customerGroup";

export = resourceProvider((stack) => customerGroupAdapter(stack));
