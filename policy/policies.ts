// The four policies, as plain data and functions (unit-tested without the engine): what each checks and says.

import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";

const types = {
  commercetools: "pulumi-nodejs:dynamic/commercetools:CustomerGroup",
  bigcommerce: "pulumi-nodejs:dynamic/bigcommerce:CustomerGroup",
  revcent: "pulumi-nodejs:dynamic/revcent:CustomerGroup",
} as const;
type Backend = keyof typeof types;
const backendOf = (type: string): Backend | undefined => (Object.keys(types) as Backend[]).find((b) => types[b] === type);

/** `'Wholesale' (bigcommerce wholesale)`: the group as the merchant knows it, and the resource. */
const groupWords = (props: Record<string, unknown>, backend: Backend, name: string) =>
  `${typeof props.name === "string" ? `'${props.name}'` : "the group"} (${backend} resource '${name}')`;

/** An amount of money as a merchant reads it: two decimals, more where the store keeps them (`12.00`, `9.9999`). */
const money = (n: number): string => (Math.round(n * 100) === n * 100 ? n.toFixed(2) : String(n));

/** What max-discount is configured with; each bound applies only when set. */
interface DiscountBounds {
  /** The largest percentage a `percent` rule may take off. */
  percent?: number;
  /** The largest amount a `price` rule may take off. */
  amount?: number;
  /** The smallest price a `fixed` rule may set. */
  minFixedPrice?: number;
  /** The price lists a group may take its prices from. */
  priceLists?: number[];
  /** The largest percentage off on the store's default or guest group (it reaches every new customer, or every guest). */
  storeWidePercent?: number;
  /** The largest amount off of a `price` rule on the store's default or guest group. */
  storeWideAmount?: number;
}

/**
 * The bound of each rule by what its method means (BigCommerce's reference: `percent` a percentage off, `price` an amount
 * off, `fixed` the adjusted absolute price; a price-list rule sets prices outright). What the configuration cannot bound is
 * a violation, not a pass: a fixed price without `minFixedPrice`, a price list without `priceLists`.
 */
export function discountViolations(rules: readonly Record<string, unknown>[], bounds: DiscountBounds, role?: "default" | "guest"): string[] {
  const { percent, amount, minFixedPrice, priceLists, storeWidePercent, storeWideAmount } = bounds;
  // Configured at all (a policy without properties checks nothing): then what it cannot bound is a violation.
  const bounded =
    percent !== undefined ||
    amount !== undefined ||
    minFixedPrice !== undefined ||
    priceLists !== undefined ||
    (role !== undefined && (storeWidePercent !== undefined || storeWideAmount !== undefined));
  const reach =
    role === "default"
      ? " on the store's default group, which every new customer joins"
      : role === "guest"
        ? " on the store's guest group, whose prices every shopper who is not signed in gets"
        : "";
  const found: string[] = [];
  rules.forEach((rule, i) => {
    const at = `discountRules[${i}]`;
    if (rule.type === "price_list") {
      const id = Number(rule.priceListId);
      if (priceLists !== undefined && !priceLists.includes(id))
        found.push(`${at} takes its prices from price list ${id}${reach}, which is not an allowed price list (${priceLists.join(", ") || "none"}).`);
      else if (priceLists === undefined && bounded)
        found.push(`${at} takes its prices from price list ${id}${reach}, which max-discount cannot bound: list the allowed price lists in priceLists.`);
      return;
    }
    if (typeof rule.amount !== "number") return;
    const n = rule.amount;
    if (rule.method === "percent") {
      if (percent !== undefined && n > percent) found.push(`${at} takes ${n} % off${reach}, above the largest allowed, ${percent} %.`);
      if (role !== undefined && storeWidePercent !== undefined && n > storeWidePercent)
        found.push(`${at} takes ${n} % off${reach}, above the largest allowed there, ${storeWidePercent} %.`);
    } else if (rule.method === "price") {
      if (amount !== undefined && n > amount) found.push(`${at} takes ${money(n)} off${reach}, above the largest allowed, ${money(amount)} off.`);
      if (role !== undefined && storeWideAmount !== undefined && n > storeWideAmount)
        found.push(`${at} takes ${money(n)} off${reach}, above the largest allowed there, ${money(storeWideAmount)} off.`);
    } else if (rule.method === "fixed") {
      if (minFixedPrice !== undefined && n < minFixedPrice)
        found.push(`${at} sets a fixed price of ${money(n)}${reach}, below the smallest allowed, ${money(minFixedPrice)}.`);
      else if (minFixedPrice === undefined && bounded)
        found.push(
          `${at} sets a fixed price of ${money(n)}${reach}, which percent and amount cannot bound (a fixed price is what the product costs, not what is taken off): set minFixedPrice, the smallest price a fixed rule may set.`,
        );
    }
  });
  return found;
}

export const maxDiscount: ResourceValidationPolicy = {
  name: "max-discount",
  description:
    "BigCommerce discount rules bounded by what they mean: a percentage off (percent), an amount off (amount), the price a fixed rule sets (minFixedPrice), the price lists a group may use (priceLists), and the store's default and guest groups (storeWidePercent, storeWideAmount).",
  enforcementLevel: "advisory",
  configSchema: {
    properties: {
      percent: { type: "number", minimum: 0, maximum: 100, description: "the largest percentage a percent rule may take off" },
      amount: { type: "number", minimum: 0, description: "the largest amount a price rule may take off" },
      minFixedPrice: { type: "number", minimum: 0, description: "the smallest price a fixed rule may set" },
      priceLists: { type: "array", items: { type: "integer" }, description: "the price lists a group may take its prices from" },
      storeWidePercent: { type: "number", minimum: 0, maximum: 100, description: "the largest percentage off on the store's default or guest group" },
      storeWideAmount: { type: "number", minimum: 0, description: "the largest amount off of a price rule on the store's default or guest group" },
    },
  },
  validateResource: (args, reportViolation) => {
    if (args.type !== types.bigcommerce) return;
    const bounds = args.getConfig<DiscountBounds>();
    const rules = Array.isArray(args.props.discountRules) ? (args.props.discountRules as Record<string, unknown>[]) : [];
    const role = args.props.isDefault === true ? "default" : args.props.isGroupForGuests === true ? "guest" : undefined;
    for (const problem of discountViolations(rules, bounds, role))
      reportViolation(`max-discount: ${groupWords(args.props, "bigcommerce", args.name)} ${problem}`);
  },
};

/** A group the owners protect: by backend, and its key (commercetools) or name, on a connection. */
interface Protected {
  backend: Backend;
  key?: string;
  name?: string;
  connection?: string;
}

/** Whether a group's identity (its props, or what `check` says it was called before a rename) is the protected one's. */
const identifies = (p: Protected, identity: Record<string, unknown> | undefined) =>
  identity !== undefined && (p.key !== undefined ? identity.key === p.key : identity.name === p.name);
const onConnection = (p: Protected, props: Record<string, unknown>) => (p.connection ?? undefined) === ((props.connection as string | undefined) ?? undefined);
const matches = (p: Protected, backend: Backend, props: Record<string, unknown>) => p.backend === backend && onConnection(p, props) && identifies(p, props);
/** The name and key a group had before this run renamed or re-keyed it (the provider's `check` records them). */
const previously = (props: Record<string, unknown>) => props.renamedFrom as Record<string, unknown> | undefined;

export const protectedGroups: StackValidationPolicy = {
  name: "protected-groups",
  description:
    "The listed groups stay declared, under their name or key, by the resource that holds them: not deleted, not renamed or re-keyed, and not taken over by another resource declaring their name.",
  enforcementLevel: "advisory",
  configSchema: {
    properties: {
      groups: {
        type: "array",
        items: {
          type: "object",
          required: ["backend"],
          properties: {
            backend: { enum: Object.keys(types) },
            key: { type: "string" },
            name: { type: "string" },
            connection: { type: "string" },
          },
        },
      },
    },
  },
  validateStack: (args, reportViolation) => {
    const { groups = [] } = args.getConfig<{ groups?: Protected[] }>();
    for (const p of groups) {
      const what = `${p.backend} group ${p.key !== undefined ? `with key '${p.key}'` : `'${p.name}'`}${p.connection ? ` (connection ${p.connection})` : ""}`;
      const field = p.key !== undefined ? "key" : "name";
      const ofBackend = args.resources.filter((r) => backendOf(r.type) === p.backend && onConnection(p, r.props));
      const found = ofBackend.filter((r) => matches(p, p.backend, r.props));
      // Protection follows the group: the resource that held it and renames or re-keys it now, whoever takes its name.
      const movedAway = ofBackend.filter((r) => identifies(p, previously(r.props)) && !identifies(p, r.props));
      for (const r of movedAway) {
        const now = `'${String(r.props[field] ?? "(none)")}'`;
        const takers = found.map((t) => `'${t.name}'`);
        reportViolation(
          `protected-groups: the ${what} is protected, and resource '${r.name}', which holds it, ${field === "key" ? "re-keys" : "renames"} it to ${now}` +
            (takers.length > 0
              ? `, while resource${takers.length === 1 ? "" : "s"} ${takers.join(", ")} declare${takers.length === 1 ? "s" : ""} a group under its ${field}`
              : "") +
            `. Protection follows the group: keep its ${field}, or change the policy configuration first, in its own pull request.`,
          r.urn,
        );
      }
      if (movedAway.length > 0) continue;
      if (found.length === 0) {
        reportViolation(`protected-groups: the ${what} is protected, and the program no longer declares it: this run would delete it.`);
        continue;
      }
      if (found.length > 1) {
        reportViolation(
          `protected-groups: the ${what} is protected, and ${found.length} resources declare it (${found.map((r) => `'${r.name}'`).join(", ")}): one of them takes over a group the other holds.`,
          found[1]!.urn,
        );
      }
      for (const r of found) {
        if (p.key !== undefined && p.name !== undefined && r.props.name !== p.name) {
          reportViolation(
            `protected-groups: the ${what} is protected under the name '${p.name}', and the program renames it to '${String(r.props.name)}'.`,
            r.urn,
          );
        }
      }
    }
  },
};

export const requiredKey: ResourceValidationPolicy = {
  name: "required-key",
  description: "Every commercetools group declares a key (integrations find groups by key).",
  enforcementLevel: "advisory",
  validateResource: (args, reportViolation) => {
    if (args.type !== types.commercetools || typeof args.props.key === "string") return;
    reportViolation(`required-key: ${groupWords(args.props, "commercetools", args.name)} declares no key.`);
  },
};

export const namePattern: ResourceValidationPolicy = {
  name: "name-pattern",
  description: "Every group name matches the configured regular expression.",
  enforcementLevel: "advisory",
  configSchema: { properties: { pattern: { type: "string", description: "a JavaScript regular expression" } } },
  validateResource: (args, reportViolation) => {
    const backend = backendOf(args.type);
    const { pattern } = args.getConfig<{ pattern?: string }>();
    if (!backend || pattern === undefined || typeof args.props.name !== "string") return;
    if (!new RegExp(pattern).test(args.props.name)) {
      reportViolation(`name-pattern: ${groupWords(args.props, backend, args.name)} does not match the pattern /${pattern}/.`);
    }
  },
};

export const policies = [maxDiscount, protectedGroups, requiredKey, namePattern];
