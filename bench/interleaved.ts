// npm run bench, interleaved part: previews of the groups and of the floor alternate on persistent stacks, so that what
// disturbs a shared machine falls on both alike. Plain JavaScript programs declaring commercetools groups by name and
// key, the floor declaring exactly the same inputs. Wall time, and CPU time (user + system of the CLI and of every process
// it waited for: the language host, the program, the provider), each as a median with its quartiles and min–max.

import fs from "node:fs";
import type { Stack } from "@pulumi/pulumi/automation";
import type { Sandbox } from "../sandbox";
import { installProject, newStack, repoRoot, sandboxSettings, type TestStack } from "../tests/e2e/harness";
import { withProbe } from "./probe";
import { profiled, profileSummary } from "./profile";
import { median } from "./report";

/** The Pulumi project files of a plain JavaScript program. */
function javascriptProject(name: string, program: string): Record<string, string> {
  const version = JSON.parse(fs.readFileSync(`${repoRoot}/node_modules/@pulumi/pulumi/package.json`, "utf8")).version as string;
  return {
    "Pulumi.yaml": `name: ${name}\nruntime: nodejs\ndescription: interleaved previews (npm run bench)\n`,
    "package.json": JSON.stringify({ name, private: true, main: "index.js", dependencies: { "@pulumi/pulumi": version } }),
    "index.js": program,
  };
}

const count = `const count = new pulumi.Config().requireNumber("count");\n`;

const groupsProgram = `const pulumi = require("@pulumi/pulumi");
const cg = require("pulumi-customer-groups");
${count}for (let i = 0; i < count; i++) new cg.commercetools.CustomerGroup(\`group-\${i}\`, { name: \`Group \${i}\`, key: \`group-\${i}\` });
`;

/** The floor: the same inputs through a dynamic provider that does nothing (a package of its own, as ours is), without promise traces, as ours. */
const floorProgram = `const pulumi = require("@pulumi/pulumi");
const provider = require("pcg-floor-provider");
class Group extends pulumi.dynamic.Resource {
  constructor(name, args) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      super(provider, name, args, undefined, "floor", "Group");
    } finally {
      Error.stackTraceLimit = limit;
    }
  }
}
${count}for (let i = 0; i < count; i++) new Group(\`group-\${i}\`, { name: \`Group \${i}\`, key: \`group-\${i}\` });
`;

const floorProvider = `module.exports = {
  check: async (_olds, news) => ({ inputs: news }),
  diff: async (_id, olds, news) => ({ changes: olds.name !== news.name || olds.key !== news.key }),
  create: async (inputs) => ({ id: inputs.key, outs: inputs }),
  read: async (id, props) => ({ id, props }),
  update: async (_id, _olds, news) => ({ outs: news }),
  delete: async () => undefined,
};
`;

/** CPU seconds (user + system) of this process's children that have ended and been waited for, from /proc/self/stat. */
function childrenCpuSeconds(): number {
  const stat = fs.readFileSync("/proc/self/stat", "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // Fields 16 and 17 of proc(5), cutime and cstime, in clock ticks (100 a second on Linux).
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

interface Spread {
  median: number;
  q1: number;
  q3: number;
  min: number;
  max: number;
}

function spread(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(p * (sorted.length - 1))))]!;
  return { median: median(values), q1: at(0.25), q3: at(0.75), min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

/**
 * The median of the rounds' ratios (each round's groups preview over the floor's beside it, so that what disturbed the
 * machine during a round falls on both) and its 95 % confidence interval from the order statistics (no assumption about
 * the distribution): the ranks n/2 ∓ 0.98·√n.
 */
function pairedRatio(mine: number[], theirs: number[]): { median: number; low: number; high: number } {
  const ratios = mine.map((m, i) => m / theirs[i]!).sort((a, b) => a - b);
  const n = ratios.length;
  const half = 0.98 * Math.sqrt(n);
  const low = ratios[Math.max(0, Math.floor(n / 2 - half) - 1)]!;
  const high = ratios[Math.min(n - 1, Math.ceil(n / 2 + half) - 1)]!;
  return { median: median(ratios), low, high };
}

const shownRatio = (r: { median: number; low: number; high: number }) => `${r.median.toFixed(3)} (${r.low.toFixed(3)}–${r.high.toFixed(3)})`;

const shown = (s: Spread) => `${s.median.toFixed(2)} (${s.q1.toFixed(2)}–${s.q3.toFixed(2)}; ${s.min.toFixed(2)}–${s.max.toFixed(2)})`;
const iqrPercent = (s: Spread) => ((100 * (s.q3 - s.q1)) / s.median).toFixed(1);

interface Sample {
  wall: number;
  /** Every process the CLI started and waited for, the CLI included. */
  cpu: number;
  /** The program's and the dynamic provider's processes alone (bench/probe.ts). */
  program: number;
  provider: number;
}

async function timedPreview(stack: Stack, n: number): Promise<Sample> {
  const cpu = childrenCpuSeconds();
  const started = process.hrtime.bigint();
  const { result, probe } = await withProbe(() => stack.preview());
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.changeSummary.same !== n + 1 || Object.keys(result.changeSummary).length !== 1) {
    throw new Error(`interleaved preview of ${n} groups: the engine reported ${JSON.stringify(result.changeSummary)}`);
  }
  return { wall, cpu: childrenCpuSeconds() - cpu, program: probe.program?.cpuSeconds ?? NaN, provider: probe.provider?.cpuSeconds ?? NaN };
}

/** The interleaved previews at each N, as a Markdown section for bench/results.md. */
export async function interleavedBench(sandbox: Sandbox, sizes: number[], runs: number): Promise<string> {
  const groups = installProject({ files: javascriptProject("pcg-bench-js", groupsProgram) });
  const floor = installProject({ files: javascriptProject("pcg-bench-js-floor", floorProgram) });
  const at = `${floor}/node_modules/pcg-floor-provider`;
  fs.mkdirSync(at, { recursive: true });
  fs.writeFileSync(`${at}/package.json`, JSON.stringify({ name: "pcg-floor-provider", version: "1.0.0", main: "index.js" }));
  fs.writeFileSync(`${at}/index.js`, floorProvider);
  const lines = [
    "## Interleaved previews (plain JavaScript, commercetools name and key)",
    "",
    `Persistent stacks made once with \`up\`; then ${runs} rounds, each a preview of the groups and one of the floor, in`,
    "alternating order (ABBA). Seconds as median (quartiles; min–max); **IQR %** is the interquartile range over the median.",
    "**CPU s** is user + system of the CLI and every process it waited for (language host, program, provider), from",
    "`/proc/self/stat`'s cutime and cstime: less disturbed by a shared machine than wall time. A **ratio** is the median of",
    "the rounds' ratios (each round's groups preview over the floor's preview beside it), with its 95 % confidence interval",
    "in brackets (order statistics): the spread of the figure the margin is judged on.",
    "",
    "| N | groups wall s | floor wall s | wall ratio | IQR % (groups / floor) | groups CPU s | floor CPU s | CPU ratio |",
    "|---:|---|---|---:|---:|---|---|---:|",
  ];
  // BENCH_PROFILE=DIR: one profiled preview of each after the rounds (see profile.ts).
  const profiles: string[] = [];
  const parts: string[] = [];
  for (const n of sizes) {
    const stacks: TestStack[] = [];
    try {
      const mine = await newStack(`interleaved-${n}`, { ...sandboxSettings(sandbox, "commercetools"), count: { value: String(n) } }, groups);
      stacks.push(mine);
      const theirs = await newStack(`interleaved-floor-${n}`, { count: { value: String(n) } }, floor);
      stacks.push(theirs);
      await mine.stack.up();
      await theirs.stack.up();
      const samples = { mine: [] as Sample[], theirs: [] as Sample[] };
      for (let round = 0; round < runs; round++) {
        const order = round % 2 === 0 ? (["mine", "theirs"] as const) : (["theirs", "mine"] as const);
        for (const which of order) samples[which].push(await timedPreview((which === "mine" ? mine : theirs).stack, n));
      }
      const wall = { mine: spread(samples.mine.map((s) => s.wall)), theirs: spread(samples.theirs.map((s) => s.wall)) };
      const cpu = { mine: spread(samples.mine.map((s) => s.cpu)), theirs: spread(samples.theirs.map((s) => s.cpu)) };
      const ratio = (of: keyof Sample) =>
        shownRatio(
          pairedRatio(
            samples.mine.map((s) => s[of]),
            samples.theirs.map((s) => s[of]),
          ),
        );
      const row =
        `| ${n} | ${shown(wall.mine)} | ${shown(wall.theirs)} | ${ratio("wall")} | ` +
        `${iqrPercent(wall.mine)} / ${iqrPercent(wall.theirs)} | ${shown(cpu.mine)} | ${shown(cpu.theirs)} | ${ratio("cpu")} |`;
      console.error(`interleaved: N=${n}: ${row}`);
      lines.push(row);
      // Where the CPU time went: the program, the provider, and the rest (the CLI and the language host, Go).
      const part = (of: (s: Sample) => number) => `${median(samples.mine.map(of)).toFixed(2)} / ${median(samples.theirs.map(of)).toFixed(2)}`;
      parts.push(
        `| ${n} | ${part((s) => s.program)} | ${ratio("program")} | ${part((s) => s.provider)} | ${ratio("provider")} | ` +
          `${part((s) => s.cpu - s.program - s.provider)} |`,
      );
      const profileDir = process.env.BENCH_PROFILE;
      if (profileDir) {
        for (const [label, s] of [
          ["groups", mine],
          ["floor", theirs],
        ] as const) {
          await profiled(`${profileDir}/${label}-${n}`, () => timedPreview(s.stack, n));
          profiles.push(...profileSummary(`${profileDir}/${label}-${n}`, `N = ${n}, ${label}`));
        }
      }
      await mine.stack.destroy();
      await theirs.stack.destroy();
    } finally {
      for (const s of stacks) await s.remove();
    }
  }
  lines.push(
    "",
    "CPU seconds of the same previews by process (medians, groups / floor), from each Node.js process's own usage at its",
    "exit (`bench/probe.ts`); the rest is the CLI's and the language host's (Go).",
    "",
    "| N | program CPU s | program ratio | provider CPU s | provider ratio | CLI and host CPU s |",
    "|---:|---|---:|---|---:|---|",
    ...parts,
  );
  if (profiles.length)
    lines.push(
      "",
      "CPU of one profiled preview by the package that spent it (ms; Node.js's own frames charged to their caller; `BENCH_PROFILE`):",
      "",
      ...profiles,
    );
  return lines.join("\n");
}
