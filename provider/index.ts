// What runs inside the engine's dynamic-provider process: one ResourceProvider per resource type, loaded by package name.

import { customerGroupAdapter } from "./commercetools/customerGroup";
import { resourceProvider } from "./lifecycle";

export const commercetoolsCustomerGroup = resourceProvider((stack) => customerGroupAdapter(stack));
