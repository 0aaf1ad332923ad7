// pulumi.Input at every level of a plain type, so that the SDK's argument types come from the provider's public types
// (provider/*/types.ts) instead of being declared twice.

import type * as pulumi from "@pulumi/pulumi";

type Primitive = string | number | boolean | bigint | symbol | null | undefined;

/**
 * `T` with a `pulumi.Input` at every level, so that values of other resources (a group's id) can go anywhere inside.
 * Unions of objects stay unions (`{ key } | { id }`); unions of primitives stay one Input (`Output<"all" | "none">` fits).
 */
export type DeepInput<T> = [T] extends [Primitive]
  ? pulumi.Input<T>
  : [T] extends [readonly (infer U)[]]
    ? pulumi.Input<DeepInput<U>[]>
    : pulumi.Input<DeepInputObject<T>>;

type DeepInputObject<T> = T extends object ? { [K in keyof T]: DeepInput<Exclude<T[K], undefined>> } : T;

/** A resource's arguments: each property a DeepInput (the bag itself is not an Input, as Pulumi's resource args are not). */
export type Inputs<T> = { [K in keyof T]: DeepInput<Exclude<T[K], undefined>> };
