// The two Pulumi projects of the engine bench: the groups through the packed package, and the engine's floor (the same
// resources through a dynamic provider that does nothing). Both declare N groups from a small stack config.

import { backends } from "../provider/registry";
import { installProject, typescriptProject, type StackConfig } from "../tests/e2e/harness";

/**
 * Stack config of both programs: `backend`, `count` (N) and `changed` ("true" declares every group as changed). The
 * groups are the backends' samples, written into each project as samples.ts; not a `groups` config value as the e2e
 * program's, because the Automation API passes a config value as one command-line argument (at most 128 KiB on Linux:
 * some 700 groups) and the engine records the whole stack config in the state, as the inputs of the default provider.
 */
const declare = `const config = new pulumi.Config();
const backend = config.require("backend");
const count = config.requireNumber("count");
const changed = config.getBoolean("changed") ?? false;
const args = samples[backend]![changed ? "changed" : "declared"];
if (args.length < count) throw new Error(\`samples.ts holds \${args.length} \${backend} groups; the stack declares \${count}\`);
`;

const benchProgram = `import * as pulumi from "@pulumi/pulumi";
import * as cg from "pulumi-customer-groups";
import { samples } from "./samples";

type Namespace = { CustomerGroup: new (name: string, args: never) => pulumi.CustomResource };
${declare}
const { CustomerGroup } = (cg as unknown as Record<string, Namespace>)[backend]!;
for (let i = 0; i < count; i++) new CustomerGroup(\`group-\${i}\`, args[i] as never);
`;

const floorProgram = `import * as pulumi from "@pulumi/pulumi";
import { samples } from "./samples";

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
for (let i = 0; i < count; i++) new Group(\`group-\${i}\`, args[i] as Props);
`;

export interface BenchProjects {
  /** The groups through the packed pulumi-customer-groups. */
  bench: string;
  /** The same groups through a dynamic provider that does nothing. */
  floor: string;
}

/**
 * samples.ts of both programs: every backend's sample groups 0..n-1, as declared and as changed. JSON text parsed at run
 * time, so that type-checking the program does not infer the type of a large literal.
 */
function samples(n: number): string {
  const of = (b: (typeof backends)[number], changed: boolean) => Array.from({ length: n }, (_, i) => b.sample.args(i, changed));
  const json = JSON.stringify(Object.fromEntries(backends.map((b) => [b.name, { declared: of(b, false), changed: of(b, true) }])));
  return `export const samples: Record<string, { declared: unknown[]; changed: unknown[] }> = JSON.parse(${JSON.stringify(json)});\n`;
}

/** Installs both projects, with samples of up to `n` groups, into temporary directories (npm pack of the built package, npm install). */
export function installBenchProjects(n: number): BenchProjects {
  const sampleModule = samples(n);
  const project = (name: string, description: string, program: string) =>
    installProject({ files: typescriptProject(name, description, { "index.ts": program, "samples.ts": sampleModule }) });
  return {
    bench: project("pcg-bench", "customer groups through the engine (npm run bench)", benchProgram),
    floor: project("pcg-bench-floor", "the same resources through a dynamic provider that does nothing (npm run bench)", floorProgram),
  };
}

/** The stack config that makes the bench and floor programs declare `n` groups of `backend`. */
export function declared(backend: string, n: number): StackConfig {
  return { backend: { value: backend }, count: { value: String(n) }, changed: { value: "false" } };
}
