// Fault injection: rules that make the next N matching vendor requests fail, slow down, or lose their response.
import { setFlagsFromString } from "node:v8";
import { VENDORS, type Vendor } from "./vendor";
import { isPlainObject } from "./http";

export const FAULT_STATUSES = [429, 500, 502, 503, 504] as const;
export type FaultStatus = (typeof FAULT_STATUSES)[number];

export interface FaultMatch {
  vendor?: Vendor;
  /** HTTP method, case-insensitive. */
  method?: string;
  /** A JavaScript regular expression tested against the path (no query string). */
  pathPattern?: string;
  /** How many matching requests the rule affects; default 1. */
  count?: number;
}

export interface StatusFault extends FaultMatch {
  status: FaultStatus;
  retryAfterSeconds?: number;
  /** Apply the request first, then answer with the status instead of the result (a gateway that gave up on a backend that committed). */
  afterCommit?: true;
}

export interface LatencyFault extends FaultMatch {
  latencyMs: number;
}

export interface DropFault extends FaultMatch {
  dropResponseAfterCommit: true;
}

/**
 * BigCommerce's 207 to a create (its current reference): the group is made without its store-wide (`all`) discount rule and
 * the answer is `{status: 207, message}`, not the group. Only BigCommerce creates (POST) match.
 */
export interface PartialCreateFault extends FaultMatch {
  partialCreate: true;
}

export type FaultRule = StatusFault | LatencyFault | DropFault | PartialCreateFault;

export interface ActiveFault {
  id: number;
  rule: FaultRule;
  /** Matching requests still to be affected. */
  remaining: number;
}

type Kind = "status" | "latency" | "drop" | "partial";

function kindOf(rule: FaultRule): Kind {
  if ("status" in rule) return "status";
  if ("latencyMs" in rule) return "latency";
  if ("partialCreate" in rule) return "partial";
  return "drop";
}

/** Checks an untrusted rule (from the admin API); returns an error message or the rule. */
export function parseFaultRule(input: unknown): FaultRule | string {
  if (!isPlainObject(input)) return "a fault rule must be a JSON object";
  const kinds = ["status", "latencyMs", "dropResponseAfterCommit", "partialCreate"].filter((k) => input[k] !== undefined);
  if (kinds.length !== 1) return "a fault rule needs exactly one of status, latencyMs, dropResponseAfterCommit, partialCreate";
  const known = new Set([
    "vendor",
    "method",
    "pathPattern",
    "count",
    "status",
    "retryAfterSeconds",
    "afterCommit",
    "latencyMs",
    "dropResponseAfterCommit",
    "partialCreate",
  ]);
  for (const k of Object.keys(input)) if (!known.has(k)) return `unknown fault rule field '${k}'`;
  const { vendor, method, pathPattern, count } = input;
  if (vendor !== undefined && !VENDORS.includes(vendor as Vendor)) return `vendor must be one of ${VENDORS.join(", ")}`;
  if (method !== undefined && (typeof method !== "string" || method === "")) return "method must be a non-empty string";
  if (pathPattern !== undefined) {
    if (typeof pathPattern !== "string") return "pathPattern must be a string";
    if (pathPattern.length > 1000) return "pathPattern must be at most 1000 characters";
    try {
      linearRegExp(pathPattern);
    } catch (err) {
      return `pathPattern is not a regular expression that matches in linear time: ${(err as Error).message}`;
    }
  }
  if (count !== undefined && (!Number.isInteger(count) || (count as number) < 1)) return "count must be an integer >= 1";
  if (input.status !== undefined) {
    if (!FAULT_STATUSES.includes(input.status as FaultStatus)) return `status must be one of ${FAULT_STATUSES.join(", ")}`;
    const ra = input.retryAfterSeconds;
    if (ra !== undefined && (!Number.isInteger(ra) || (ra as number) < 0)) return "retryAfterSeconds must be an integer >= 0";
    if (input.afterCommit !== undefined && input.afterCommit !== true) return "afterCommit must be true";
  } else if (input.retryAfterSeconds !== undefined) {
    return "retryAfterSeconds only goes with status";
  } else if (input.afterCommit !== undefined) {
    return "afterCommit only goes with status";
  }
  if (input.latencyMs !== undefined && (!Number.isInteger(input.latencyMs) || (input.latencyMs as number) < 0)) {
    return "latencyMs must be an integer >= 0";
  }
  if (input.dropResponseAfterCommit !== undefined && input.dropResponseAfterCommit !== true) {
    return "dropResponseAfterCommit must be true";
  }
  if (input.partialCreate !== undefined) {
    if (input.partialCreate !== true) return "partialCreate must be true";
    if (vendor !== undefined && vendor !== "bigcommerce") return "partialCreate is BigCommerce's 207: vendor must be bigcommerce";
    if (method !== undefined && String(method).toUpperCase() !== "POST") return "partialCreate applies to creates: method must be POST";
  }
  return input as unknown as FaultRule;
}

export class FaultSet {
  private rules: ActiveFault[] = [];
  private nextId = 1;

  add(rule: FaultRule): ActiveFault {
    const active: ActiveFault = { id: this.nextId++, rule: { ...rule }, remaining: rule.count ?? 1 };
    this.rules.push(active);
    return { ...active };
  }

  list(): ActiveFault[] {
    return this.rules.map((f) => ({ ...f, rule: { ...f.rule } }));
  }

  clear(): void {
    this.rules = [];
  }

  takeStatus(vendor: Vendor, method: string, path: string): StatusFault | undefined {
    return this.take("status", vendor, method, path) as StatusFault | undefined;
  }

  takeLatency(vendor: Vendor, method: string, path: string): LatencyFault | undefined {
    return this.take("latency", vendor, method, path) as LatencyFault | undefined;
  }

  takeDrop(vendor: Vendor, method: string, path: string): DropFault | undefined {
    return this.take("drop", vendor, method, path) as DropFault | undefined;
  }

  /** A 207 for this request: BigCommerce creates only. */
  takePartialCreate(vendor: Vendor, method: string, path: string): PartialCreateFault | undefined {
    if (vendor !== "bigcommerce" || method !== "POST") return undefined;
    return this.take("partial", vendor, method, path) as PartialCreateFault | undefined;
  }

  /** Consumes one use of the oldest live rule of this kind that matches; spent rules are removed. */
  private take(kind: Kind, vendor: Vendor, method: string, path: string): FaultRule | undefined {
    const found = this.rules.find((f) => kindOf(f.rule) === kind && matches(f.rule, vendor, method, path));
    if (!found) return undefined;
    found.remaining -= 1;
    if (found.remaining <= 0) this.rules = this.rules.filter((f) => f !== found);
    return found.rule;
  }
}

function matches(rule: FaultMatch, vendor: Vendor, method: string, path: string): boolean {
  if (rule.vendor !== undefined && rule.vendor !== vendor) return false;
  if (rule.method !== undefined && rule.method.toUpperCase() !== method.toUpperCase()) return false;
  if (rule.pathPattern !== undefined && !linearRegExp(rule.pathPattern).test(path)) return false;
  return true;
}

// V8's linear-time engine (the `l` flag) matches in time proportional to the path whatever the pattern: a pattern such as
// `^/(a+)+$` cannot freeze the sandbox. Patterns it cannot run (backreferences, lookarounds) are refused.
setFlagsFromString("--enable-experimental-regexp-engine");
const compiled = new Map<string, RegExp>();

/** `pattern` compiled for V8's linear-time engine (once); throws for a pattern that engine cannot run. */
export function linearRegExp(pattern: string): RegExp {
  let regExp = compiled.get(pattern);
  if (!regExp) {
    // eslint-disable-next-line no-invalid-regexp -- `l` is V8's linear-time engine, enabled above
    regExp = new RegExp(pattern, "l");
    if (compiled.size >= 1000) compiled.clear();
    compiled.set(pattern, regExp);
  }
  return regExp;
}
