// RevCent's snake_case property names in the package's camelCase (object keys only, never values).

import { isPlainObject } from "../canonical";

/** `in_any_customer_group` -> `inAnyCustomerGroup`. */
export function camelKey(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** The wire form (snake_case) in the package's form (camelCase): every object key, at every depth; values stay as they are. */
export function toCamel<T = unknown>(wire: unknown): T {
  return renameKeys(wire, camelKey) as T;
}

/** `inAnyCustomerGroup` -> `in_any_customer_group`. */
export function snakeKey(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** The package's form in the wire form: every object key, at every depth. */
export function toSnake<T = unknown>(value: unknown): T {
  return renameKeys(value, snakeKey) as T;
}

function renameKeys(value: unknown, rename: (key: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => renameKeys(v, rename));
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[rename(k)] = renameKeys(v, rename);
  return out;
}
