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

export const maxDiscount: ResourceValidationPolicy = {
  name: "max-discount",
  description: "No BigCommerce discount rule above the configured percentage (percent) or amount (price and fixed).",
  enforcementLevel: "advisory",
  configSchema: {
    properties: {
      percent: { type: "number", minimum: 0, maximum: 100, description: "the largest percentage a rule may take off" },
      amount: { type: "number", minimum: 0, description: "the largest amount of a price or fixed rule" },
    },
  },
  validateResource: (args, reportViolation) => {
    if (args.type !== types.bigcommerce) return;
    const { percent, amount } = args.getConfig<{ percent?: number; amount?: number }>();
    const rules = Array.isArray(args.props.discountRules) ? (args.props.discountRules as Record<string, unknown>[]) : [];
    rules.forEach((rule, i) => {
      if (typeof rule.amount !== "number") return;
      const limit = rule.method === "percent" ? percent : amount;
      if (limit === undefined || rule.amount <= limit) return;
      const unit = rule.method === "percent" ? "%" : "";
      reportViolation(
        `max-discount: ${groupWords(args.props, "bigcommerce", args.name)} discountRules[${i}] takes ${rule.amount}${unit} (${String(rule.method)}), ` +
          `above the largest allowed, ${limit}${unit}.`,
      );
    });
  },
};

/** A group the owners protect: by backend, and its key (commercetools) or name, on a connection. */
interface Protected {
  backend: Backend;
  key?: string;
  name?: string;
  connection?: string;
}

const matches = (p: Protected, backend: Backend, props: Record<string, unknown>) =>
  p.backend === backend &&
  (p.connection ?? undefined) === ((props.connection as string | undefined) ?? undefined) &&
  (p.key !== undefined ? props.key === p.key : props.name === p.name);

export const protectedGroups: StackValidationPolicy = {
  name: "protected-groups",
  description: "The listed groups stay declared under their name: not deleted, not renamed.",
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
      const found = args.resources.filter((r) => backendOf(r.type) === p.backend && matches(p, p.backend, r.props));
      if (found.length === 0) {
        reportViolation(`protected-groups: the ${what} is protected, and the program no longer declares it: this run would delete it.`);
        continue;
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
