// Identifier and token generators shaped like each vendor's own.
import { randomBytes, randomUUID } from "node:crypto";

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** RevCent ids are 20 alphanumeric characters. */
export function revcentId(): string {
  const bytes = randomBytes(20);
  let out = "";
  for (const b of bytes) out += ALNUM[b % ALNUM.length];
  return out;
}

/** commercetools ids are UUIDs. */
export function uuid(): string {
  return randomUUID();
}

export function opaqueToken(): string {
  return randomBytes(24).toString("base64url");
}
