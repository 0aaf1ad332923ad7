// The two Pulumi projects of the engine bench: the groups through the packed package, and the engine's floor (the same
// resources through a dynamic provider that does nothing). Both declare N groups from a small stack config.

import fs from "node:fs";
import path from "node:path";
import { installProject, repoRoot, typescriptProject, type StackConfig } from "../tests/e2e/harness";
import type { Backend } from "./groups";

/**
 * Stack config of both programs: `backend`, `count` (N) and `changed` ("true" declares every group as changed). The
 * groups come from bench/groups.ts, copied into each project; not from a `groups` config value as the e2e program's,
 * because the Automation API passes a config value as one command-line argument (at most 128 KiB on Linux: some 700
 * groups) and the engine records the whole stack config in the state, as the inputs of the default provider.
 */
const declare = `const config = new pulumi.Config();
const backend = config.require("backend") as Backend;
const count = config.requireNumber("count");
const changed = config.getBoolean("changed") ?? false;
`;

const benchProgram = `import * as pulumi from "@pulumi/pulumi";
import * as cg from "pulumi-customer-groups";
import { Backend, groupArgs } from "./groups";

const classes: Record<Backend, new (name: string, args: never) => pulumi.CustomResource> = {
  commercetools: cg.commercetools.CustomerGroup,
  bigcommerce: cg.bigcommerce.CustomerGroup,
  revcent: cg.revcent.CustomerGroup,
};
${declare}
for (let i = 0; i < count; i++) new classes[backend](\`group-\${i}\`, groupArgs(backend, i, changed) as never);
`;

const floorProgram = `import * as pulumi from "@pulumi/pulumi";
import { Backend, groupArgs } from "./groups";

type Props = Record<string, unknown>;
/** JSON with sorted keys: values compared by meaning. */
const canonical = (value: unknown): string =>
  Array.isArray(value)
    ? \`[\${value.map(canonical).join(",")}]\`
    : value !== null && typeof value === "object"
      ? \`{\${Object.keys(value)
          .sort()
          .map((k) => \`\${JSON.stringify(k)}:\${canonical((value as Props)[k])}\`)
          .join(",")}}\`
      : JSON.stringify(value);
/** Whether an argument the program declares differs from the state (outputs the provider added are not arguments). */
const differs = (olds: Props, news: Props) => Object.keys(news).some((k) => k !== "__provider" && canonical(olds[k]) !== canonical(news[k]));

/** Answers every call at once and sends nothing: what remains is the engine's own cost. */
const nothing: pulumi.dynamic.ResourceProvider = {
  check: async (_olds: Props, news: Props) => ({ inputs: news }),
  diff: async (_id: string, olds: Props, news: Props) => ({ changes: differs(olds, news) }),
  create: async (inputs: Props) => ({ id: String(inputs.name), outs: { ...inputs, groupId: String(inputs.name) } }),
  read: async (id: string, props: Props) => ({ id, props }),
  update: async (id: string, _olds: Props, news: Props) => ({ outs: { ...news, groupId: id } }),
  delete: async () => undefined,
};

class Group extends pulumi.dynamic.Resource {
  constructor(name: string, args: Props) {
    super(nothing, name, { ...args, groupId: undefined }, undefined, "floor", "Group");
  }
}
${declare}
for (let i = 0; i < count; i++) new Group(\`group-\${i}\`, groupArgs(backend, i, changed));
`;

export interface BenchProjects {
  /** The groups through the packed pulumi-customer-groups. */
  bench: string;
  /** The same groups through a dynamic provider that does nothing. */
  floor: string;
}

/** Installs both projects into temporary directories (npm pack of the built package, npm install). */
export function installBenchProjects(): BenchProjects {
  const groups = fs.readFileSync(path.join(repoRoot, "bench/groups.ts"), "utf8");
  const project = (name: string, description: string, program: string) =>
    installProject({ files: typescriptProject(name, description, { "index.ts": program, "groups.ts": groups }) });
  return {
    bench: project("pcg-bench", "customer groups through the engine (npm run bench)", benchProgram),
    floor: project("pcg-bench-floor", "the same resources through a dynamic provider that does nothing (npm run bench)", floorProgram),
  };
}

/** The stack config that makes the bench and floor programs declare `n` groups of `backend`. */
export function declared(backend: Backend, n: number): StackConfig {
  return { backend: { value: backend }, count: { value: String(n) }, changed: { value: "false" } };
}
