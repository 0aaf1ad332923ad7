// The provider object Pulumi serializes into every resource's state: a few lines that load the real one by package name.

import type * as pulumi from "@pulumi/pulumi";

/** Names of the providers exported by `pulumi-customer-groups/provider`. */
export type ProviderName = "commercetoolsCustomerGroup";

/**
 * Pulumi stores the serialized provider (`__provider`) with every resource. Capturing the implementation would
 * copy all of it, with absolute paths, into the state; this stub captures only a name and requires the
 * implementation in the provider process, from the program's own node_modules, when it is called.
 */
export function providerStub(name: ProviderName): pulumi.dynamic.ResourceProvider {
  const load = (): Required<pulumi.dynamic.ResourceProvider> => require("pulumi-customer-groups/provider")[name];
  return {
    configure: (req) => load().configure(req),
    check: (olds, news) => load().check(olds, news),
    diff: (id, olds, news) => load().diff(id, olds, news),
    create: (inputs) => load().create(inputs),
    read: (id, props) => load().read(id, props),
    update: (id, olds, news) => load().update(id, olds, news),
    delete: (id, props) => load().delete(id, props),
  };
}
