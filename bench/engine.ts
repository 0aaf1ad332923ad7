// npm run bench, engine part: each operation through the real Pulumi engine (the pinned CLI, the Automation API, a file://
// state backend) against the in-process sandbox, next to the engine's floor; then the BigCommerce quota run. Writes bench/results.md.

import fs from "node:fs";
import path from "node:path";
import type { Stack } from "@pulumi/pulumi/automation";
import type { BackendDescriptor } from "../provider/backend";
import { backends, type BackendName } from "../provider/registry";
import { startSandbox, type Sandbox } from "../sandbox";
import { newStack, repoRoot, sandboxSettings, type TestStack } from "../tests/e2e/harness";
import { declared, installBenchProjects, type BenchProjects } from "./engineProjects";
import { commandBench } from "./driftReview";
import { interleavedBench } from "./interleaved";
import { withProbe, type Probe } from "./probe";
import { quotaCases, quotaRuns } from "./quota";
import { seedSamples, withoutQuotas } from "./sandbox";
import { engineTable, environmentHeader, median, type Row, type StateBytes } from "./report";

type Summary = Record<string, number | undefined>;

/** One operation: what it does to a stack, and the engine's change summary it must end with for N groups (plus the stack itself). */
interface Operation {
  name: string;
  /** Untimed, before the operation: the program change it applies. */
  prepare?(stack: Stack): Promise<void>;
  run(stack: Stack): Promise<Summary>;
  expect(n: number): Summary;
  /** Leaves no groups in the state (no state size to read afterwards). */
  removes?: true;
}

const changes = (result: { summary: { resourceChanges?: Summary } }) => result.summary.resourceChanges ?? {};
const up: Operation = { name: "up (create)", run: async (s) => changes(await s.up()), expect: (n) => ({ create: n + 1 }) };
const preview: Operation = { name: "preview", run: async (s) => (await s.preview()).changeSummary, expect: (n) => ({ same: n + 1 }) };
const refresh: Operation = {
  name: "preview --refresh",
  run: async (s) => (await s.preview({ refresh: true })).changeSummary,
  expect: (n) => ({ same: n + 1 }),
};
/** A change to 1 % of the groups (at least one): groups 0, 100, 200... */
const changeSome: Operation = {
  name: "up (change 1 %)",
  prepare: async (s) => {
    await s.setConfig("changedEvery", { value: "100" });
    await s.setConfig("changed", { value: "true" });
  },
  run: async (s) => changes(await s.up()),
  expect: (n) => ({ update: Math.ceil(n / 100), same: n + 1 - Math.ceil(n / 100) }),
};
const destroy: Operation = { name: "destroy", run: async (s) => changes(await s.destroy()), expect: (n) => ({ delete: n + 1 }), removes: true };

/** Where the API only reads (RevCent): `up` adopts, `destroy` stops tracking, and nothing can change every group. */
const operationsOf = (backend: BackendDescriptor): Operation[] =>
  backend.creates
    ? [up, preview, refresh, changeSome, destroy]
    : [{ ...up, name: "up (adopt)" }, preview, refresh, { ...destroy, name: "destroy (stop tracking)" }];

const canonical = (s: Summary) =>
  JSON.stringify(
    Object.entries(s)
      .filter(([, v]) => v)
      .sort(),
  );

async function timed(stack: Stack, op: Operation, n: number, label: string): Promise<number> {
  await op.prepare?.(stack);
  const started = process.hrtime.bigint();
  const summary = await op.run(stack);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  // Not a test, but a figure of the wrong operation is worse than none.
  if (canonical(summary) !== canonical(op.expect(n))) {
    throw new Error(`${label}: ${op.name} of ${n} groups: the engine reported ${JSON.stringify(summary)}, expected ${JSON.stringify(op.expect(n))}`);
  }
  return ms;
}

/**
 * Mean bytes (UTF-8) of JSON.stringify(inputs) + JSON.stringify(outputs) over the stack's customer groups in
 * `pulumi stack export`, and the part of it that is the serialized provider (`__provider`, in both).
 */
async function stateBytes(stack: Stack, backend: BackendDescriptor, n: number): Promise<StateBytes> {
  type Props = { __provider?: unknown } | undefined;
  const deployment = (await stack.exportStack()).deployment as { resources?: { type: string; inputs?: Props; outputs?: Props }[] };
  const groups = (deployment.resources ?? []).filter((r) => r.type === backend.resourceType);
  if (groups.length !== n) throw new Error(`the state holds ${groups.length} ${backend.name} groups, expected ${n}`);
  const bytes = (value: unknown) => (value === undefined ? 0 : Buffer.byteLength(JSON.stringify(value)));
  const mean = (f: (r: (typeof groups)[number]) => number) => groups.reduce((sum, r) => sum + f(r), 0) / n;
  return {
    total: mean((r) => bytes(r.inputs ?? {}) + bytes(r.outputs ?? {})),
    provider: mean((r) => bytes(r.inputs?.__provider) + bytes(r.outputs?.__provider)),
  };
}

interface Sample {
  wallMs: number;
  floorMs: number;
  /** Vendor requests by HTTP method, token requests left out. */
  requests: Record<string, number>;
  tokens: number;
  stateBytes?: StateBytes;
  probe: Probe;
}

/**
 * One run: a fresh stack of each program (own state directory), every operation in turn, each one on the groups'
 * stack and then on the floor's, with the sandbox's request log cleared before it.
 */
async function cycle(projects: BenchProjects, sandbox: Sandbox, backend: BackendDescriptor, n: number, run: number): Promise<Map<string, Sample>> {
  const samples = new Map<string, Sample>();
  const stacks: TestStack[] = [];
  const name = backend.name;
  try {
    const real = await newStack(`${name}-${n}-${run}`, { ...sandboxSettings(sandbox, name as BackendName), ...declared(name, n) }, projects.bench);
    stacks.push(real);
    const floor = await newStack(`floor-${name}-${n}-${run}`, declared(name, n), projects.floor);
    stacks.push(floor);
    for (const op of operationsOf(backend)) {
      await sandbox.clearRequests();
      const { result: wallMs, probe } = await withProbe(() => timed(real.stack, op, n, name));
      const log = (await sandbox.requests()).filter((r) => r.vendor === name);
      const requests: Record<string, number> = {};
      for (const r of log) if (r.path !== "/oauth/token") requests[r.method] = (requests[r.method] ?? 0) + 1;
      const tokens = log.filter((r) => r.path === "/oauth/token").length;
      const bytes = op.removes ? undefined : await stateBytes(real.stack, backend, n);
      const floorMs = await timed(floor.stack, op, n, `the floor of ${name}`);
      samples.set(op.name, { wallMs, floorMs, requests, tokens, stateBytes: bytes, probe });
      console.error(`engine: ${name} N=${n} run ${run}: ${op.name} ${(wallMs / 1000).toFixed(1)} s, floor ${(floorMs / 1000).toFixed(1)} s`);
    }
  } finally {
    for (const s of stacks) await s.remove();
  }
  return samples;
}

/** The medians of `runs` runs of every operation on `n` groups of `backend`. */
async function measure(projects: BenchProjects, sandbox: Sandbox, backend: BackendDescriptor, n: number, runs: number): Promise<Row[]> {
  if (backend.sample.seed) {
    await sandbox.reset();
    await seedSamples(sandbox, backend, n);
  }
  const all: Map<string, Sample>[] = [];
  for (let run = 1; run <= runs; run++) all.push(await cycle(projects, sandbox, backend, n, run));
  return operationsOf(backend).map((op) => {
    const samples = all.map((m) => m.get(op.name) as Sample);
    const methods = [...new Set(samples.flatMap((s) => Object.keys(s.requests)))].sort();
    const bytes = samples.flatMap((s) => (s.stateBytes === undefined ? [] : [s.stateBytes]));
    const stateBytes = bytes.length ? { total: median(bytes.map((b) => b.total)), provider: median(bytes.map((b) => b.provider)) } : undefined;
    return {
      operation: op.name,
      n,
      wallMs: median(samples.map((s) => s.wallMs)),
      floorMs: median(samples.map((s) => s.floorMs)),
      requests: Object.fromEntries(methods.map((m) => [m, median(samples.map((s) => s.requests[m] ?? 0))])),
      tokens: median(samples.map((s) => s.tokens)),
      stateBytes,
      peakBytes: {
        program: median(samples.map((s) => s.probe.program?.peakBytes ?? 0)) || undefined,
        provider: median(samples.map((s) => s.probe.provider?.peakBytes ?? 0)) || undefined,
      },
    };
  });
}

/** A first up and destroy of one group in each project, unmeasured: the first engine run after an install pays for cold caches. */
async function warmUp(projects: BenchProjects, sandbox: Sandbox): Promise<void> {
  const backend = backends.find((b) => b.creates)!.name;
  for (const [dir, config] of [
    [projects.bench, { ...sandboxSettings(sandbox, backend as BackendName), ...declared(backend, 1) }],
    [projects.floor, declared(backend, 1)],
  ] as const) {
    const test = await newStack("warm-up", config, dir);
    try {
      await test.stack.up();
      await test.stack.destroy();
    } finally {
      await test.remove();
    }
  }
}

/** Positive integers from a comma-separated variable (an empty one lists none). */
function integers(name: string, fallback: string): number[] {
  const text = process.env[name] ?? fallback;
  const values = text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map(Number);
  if (values.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`${name} must be positive integers separated by commas; got "${text}"`);
  return values;
}

export async function engineBench(): Promise<void> {
  const sizes = integers("BENCH_ENGINE_SIZES", "10,100,500");
  const names = (process.env.BENCH_BACKENDS ?? backends.map((b) => b.name).join(",")).split(",").map((s) => s.trim());
  const unknown = names.filter((name) => !backends.some((b) => b.name === name));
  if (unknown.length) throw new Error(`BENCH_BACKENDS names no backend '${unknown.join("', '")}' (${backends.map((b) => b.name).join(", ")})`);
  const measured = backends.filter((b) => names.includes(b.name));
  const runs = integers("BENCH_ENGINE_RUNS", "3")[0] ?? 3;
  const quota = process.env.BENCH_QUOTA !== "0";
  const interleavedSizes = integers("BENCH_INTERLEAVED_SIZES", "100");
  const commandSizes = integers("BENCH_COMMAND_SIZES", "100");
  const interleavedRuns = integers("BENCH_INTERLEAVED_RUNS", "15")[0] ?? 15;
  console.log(`\nThrough the Pulumi engine: N = ${sizes.join(", ") || "none"}, median of ${runs} runs${quota ? ", then the quota runs" : ""}`);
  const quotaBackends = quota ? measured.filter((b) => b.requestQuota) : [];
  const quotaSizes = quotaBackends.flatMap((b) => quotaCases(b).map((c) => c.groups));
  const projects = installBenchProjects(Math.max(1, ...sizes, ...quotaSizes, ...commandSizes));
  const sections: string[] = [environmentHeader({ sizes, runs })];
  const print = (text: string) => {
    console.log(`\n${text}`);
    sections.push(text);
  };
  if (sizes.length || interleavedSizes.length || commandSizes.length) {
    // A quota no run reaches: these figures are the provider's and the engine's, not a store's rate limit.
    const sandbox = await startSandbox(withoutQuotas());
    try {
      await warmUp(projects, sandbox);
      for (const backend of sizes.length ? measured : []) {
        const rows: Row[] = [];
        for (const n of sizes) rows.push(...(await measure(projects, sandbox, backend, n, runs)));
        // Rows by operation, then N (a stable sort keeps the sizes in order).
        const order = operationsOf(backend).map((op) => op.name);
        print(
          engineTable(
            backend.name,
            rows.sort((a, b) => order.indexOf(a.operation) - order.indexOf(b.operation)),
          ),
        );
      }
      if (commandSizes.length) print(await commandBench(projects, sandbox, commandSizes));
      if (interleavedSizes.length) print(await interleavedBench(sandbox, interleavedSizes, interleavedRuns));
    } finally {
      await sandbox.close();
    }
  }
  for (const backend of quotaBackends) print(await quotaRuns(projects.bench, backend));
  // BENCH_RESULTS elsewhere keeps bench/results.md when only a part is run.
  const file = process.env.BENCH_RESULTS ?? path.join(repoRoot, "bench/results.md");
  fs.writeFileSync(file, `${sections.join("\n\n")}\n`);
  console.log(`\nwritten to ${path.relative(process.cwd(), file) || file}`);
}
