// Checks of untrusted commercetools request bodies (CustomerGroupDraft, update bodies) with the platform's error wording.
import { isPlainObject } from "../core/http";
import { ctErrors } from "./errors";

export const KEY_PATTERN = /^[A-Za-z0-9_-]{2,256}$/;

export interface CheckedDraft {
  groupName: string;
  key?: string;
  custom?: { type: unknown; fields?: unknown };
}

export interface CheckedUpdate {
  version: number;
  actions: Record<string, unknown>[];
}

export function checkKey(key: unknown, path: string): string {
  if (typeof key !== "string" || !KEY_PATTERN.test(key)) {
    throw ctErrors.invalidJson(
      `${path}: Invalid key '${String(key)}'. Keys may only contain alphanumeric characters, underscores and hyphens and must have a minimum length of 2 characters and maximum length of 256 characters.`,
    );
  }
  return key;
}

export function checkDraft(body: unknown): CheckedDraft {
  if (!isPlainObject(body)) throw ctErrors.invalidJson("Expected a JSON object (CustomerGroupDraft).");
  const { groupName, key, custom } = body;
  if (groupName === undefined || groupName === null) throw ctErrors.invalidJson("groupName: Missing required value");
  if (typeof groupName !== "string") throw ctErrors.invalidJson("groupName: JSON String expected.");
  const out: CheckedDraft = { groupName };
  if (key !== undefined && key !== null) out.key = checkKey(key, "key");
  if (custom !== undefined && custom !== null) {
    if (!isPlainObject(custom)) throw ctErrors.invalidJson("custom: JSON object expected.");
    out.custom = { type: custom.type, fields: custom.fields };
  }
  return out;
}

export function checkUpdate(body: unknown): CheckedUpdate {
  if (!isPlainObject(body)) throw ctErrors.invalidJson("Expected a JSON object with version and actions.");
  const { version, actions } = body;
  if (version === undefined || version === null) throw ctErrors.invalidJson("version: Missing required value");
  if (typeof version !== "number" || !Number.isInteger(version)) throw ctErrors.invalidJson("version: JSON Number (integer) expected.");
  if (actions === undefined || actions === null) throw ctErrors.invalidJson("actions: Missing required value");
  if (!Array.isArray(actions)) throw ctErrors.invalidJson("actions: JSON Array expected.");
  actions.forEach((a, i) => {
    if (!isPlainObject(a)) throw ctErrors.invalidJson(`actions -> [${i}]: JSON object expected.`);
    if (typeof a.action !== "string") throw ctErrors.invalidJson(`actions -> [${i}] -> action: Missing required value`);
  });
  return { version, actions: actions as Record<string, unknown>[] };
}

/** Versions come as the `version` query parameter on delete. */
export function checkDeleteVersion(query: URLSearchParams): number {
  const raw = query.get("version");
  if (raw === null) throw ctErrors.invalidInput("Missing required query parameter 'version'.");
  if (!/^\d+$/.test(raw)) throw ctErrors.invalidInput(`Malformed parameter: version: '${raw}' is not a valid version number.`);
  return Number(raw);
}
