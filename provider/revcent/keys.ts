// RevCent's snake_case property names and the package's camelCase ones, converted both ways (object keys only, never values).

import { isPlainObject } from "./spec";

/** `in_any_customer_group` -> `inAnyCustomerGroup`. */
export function camelKey(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** `inAnyCustomerGroup` -> `in_any_customer_group`. */
export function snakeKey(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** Renames every object key, at every depth; arrays and values stay as they are. */
export function renameKeys(value: unknown, rename: (key: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => renameKeys(v, rename));
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[rename(k)] = renameKeys(v, rename);
  return out;
}

/** The wire form (snake_case) in the package's form (camelCase). */
export function toCamel<T = unknown>(wire: unknown): T {
  return renameKeys(wire, camelKey) as T;
}

/** The package's form (camelCase) in the wire form (snake_case). */
export function toSnake<T = unknown>(value: unknown): T {
  return renameKeys(value, snakeKey) as T;
}
