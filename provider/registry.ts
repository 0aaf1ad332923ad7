// The backends: the only list of them. Everything outside the backend folders (the commands, the data files, the schema,
// the bench) goes through these descriptors; a new backend is one folder and one line here (see docs/architecture.md).

import type { BackendDescriptor } from "./backend";
import { bigcommerce } from "./bigcommerce";
import { commercetools } from "./commercetools";
import { revcent } from "./revcent";

/** By name, in the order reports list them. */
export const registry = { commercetools, bigcommerce, revcent };

export type Registry = typeof registry;
export type BackendName = keyof Registry;

/** The resource arguments of a backend, in plain form (as a data file holds them). */
export type ArgsOf<B extends BackendName> = Registry[B] extends BackendDescriptor<infer Args, infer _Live, infer _Resource> ? Args : never;

/** The SDK resource of a backend. */
export type ResourceOf<B extends BackendName> = Registry[B] extends BackendDescriptor<infer _Args, infer _Live, infer Resource> ? Resource : never;

/** Every backend, in the registry's order. */
export const backends: readonly BackendDescriptor[] = Object.values(registry);

export const backendNames = Object.keys(registry) as BackendName[];

export function isBackendName(name: string): name is BackendName {
  return Object.hasOwn(registry, name);
}

/** The backend whose resources have this type (as the engine reports it), or undefined for other resources. */
export function backendOfType(type: string): BackendDescriptor | undefined {
  return backends.find((b) => b.resourceType === type);
}
