// The two Pulumi projects of the engine bench: the groups through the packed package, and the engine's floor (the same
// resources through a dynamic provider that does nothing). Both declare N groups from a small stack config.

import fs from "node:fs";
import path from "node:path";
import { backends } from "../provider/registry";
import { installProject, typescriptProject, type StackConfig } from "../tests/e2e/harness";

/**
 * Stack config of both programs: `backend`, `count` (N), `changed` ("true" declares groups as changed) and `changedEvery`
 * (k: with `changed`, only every k-th group is changed, group 0 first; 100 changes 1 % of them). The
 * groups are the backends' samples, written into each project as samples.ts; not a `groups` config value as the e2e
 * program's, because the Automation API passes a config value as one command-line argument (at most 128 KiB on Linux:
 * some 700 groups) and the engine records the whole stack config in the state, as the inputs of the default provider.
 */
const declare = `const config = new pulumi.Config();
const backend = config.require("backend");
const count = config.requireNumber("count");
const changed = config.getBoolean("changed") ?? false;
const every = config.getNumber("changedEvery") ?? 1;
const { declared, changed: changedArgs } = samples[backend]!;
const args = declared.map((group, i) => (changed && i % every === 0 ? changedArgs[i] : group));
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

/**
 * The floor's provider: answers every call at once and sends nothing, so that what remains is the engine's own cost. A
 * package of its own in the project's node_modules, as this package's providers are: Pulumi then records it as a
 * `require` (a few hundred bytes per resource); a provider written in the program would be serialized by value into every
 * resource's state, some 2 KB each, which the engine writes again with each step (the floor was slower than the groups
 * with that, at N = 500).
 */
const floorProvider = `// The engine bench's floor (npm run bench): a dynamic provider that does nothing.
/** JSON with sorted keys: values compared by meaning. */
const canonical = (value) =>
  Array.isArray(value)
    ? "[" + value.map(canonical).join(",") + "]"
    : value !== null && typeof value === "object"
      ? "{" + Object.keys(value).sort().map((k) => JSON.stringify(k) + ":" + canonical(value[k])).join(",") + "}"
      : JSON.stringify(value);
/** Whether an argument the program declares differs from the state (outputs the provider added are not arguments). */
const differs = (olds, news) => Object.keys(news).some((k) => k !== "__provider" && canonical(olds[k]) !== canonical(news[k]));
module.exports = {
  check: async (_olds, news) => ({ inputs: news }),
  diff: async (_id, olds, news) => ({ changes: differs(olds, news) }),
  create: async (inputs) => ({ id: String(inputs.name), outs: { ...inputs, groupId: String(inputs.name) } }),
  read: async (id, props) => ({ id, props }),
  update: async (id, _olds, news) => ({ outs: { ...news, groupId: id } }),
  delete: async () => undefined,
};
`;

/**
 * The floor's program: the same groups through that provider, registered as this package's resources are (without the
 * SDK's promise traces: provider/promiseTraces.ts), so that the floor is the least a program can cost.
 */
const floorProgram = `import * as pulumi from "@pulumi/pulumi";
import { samples } from "./samples";
import provider = require("pcg-floor-provider");

type Props = Record<string, unknown>;
class Group extends pulumi.dynamic.Resource {
  constructor(name: string, args: Props) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      super(provider, name, { ...args, groupId: undefined }, undefined, "floor", "Group");
    } finally {
      Error.stackTraceLimit = limit;
    }
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
    floor: withPackage(
      project("pcg-bench-floor", "the same resources through a dynamic provider that does nothing (npm run bench)", floorProgram),
      "pcg-floor-provider",
      floorProvider,
    ),
  };
}

/** Puts a one-module package (JavaScript with its types) into an installed project's node_modules (after npm install, which would link a local one from outside node_modules). */
function withPackage(dir: string, name: string, source: string): string {
  const at = path.join(dir, "node_modules", name);
  fs.mkdirSync(at, { recursive: true });
  fs.writeFileSync(path.join(at, "package.json"), JSON.stringify({ name, version: "1.0.0", main: "index.js", types: "index.d.ts" }));
  fs.writeFileSync(path.join(at, "index.js"), source);
  fs.writeFileSync(path.join(at, "index.d.ts"), `declare const provider: import("@pulumi/pulumi").dynamic.ResourceProvider;\nexport = provider;\n`);
  return dir;
}

/** The stack config that makes the bench and floor programs declare `n` groups of `backend`. */
export function declared(backend: string, n: number): StackConfig {
  return { backend: { value: backend }, count: { value: String(n) }, changed: { value: "false" } };
}
