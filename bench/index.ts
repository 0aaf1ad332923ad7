// npm run bench: data files' loading at scale (bench/dataFiles.ts), requests per operation and throughput of each backend's lifecycle against the in-process sandbox, then
// the same operations through the real Pulumi engine (bench/engine.ts; BENCH_ENGINE=0 skips that part).

import type * as dynamic from "@pulumi/pulumi/dynamic";
import { backends, type BackendName } from "../provider/registry";
import { startSandbox, Sandbox } from "../sandbox";
import { configure, type Provider } from "../tests/helpers/provider";
import { sandboxConfig } from "../tests/helpers/sandboxConfig";
import { dataFileBench } from "./dataFiles";
import { engineBench } from "./engine";
import { seedSamples, withoutQuotas } from "./sandbox";

type Props = Record<string, unknown>;
const groups = Number(process.env.BENCH_GROUPS ?? 200);
const parallel = Number(process.env.BENCH_PARALLEL ?? 16);

interface Backend {
  name: string;
  provider: Provider;
  desired: (i: number) => Props;
  /** A changed program; undefined where the backend cannot write (RevCent). */
  changed?: (i: number) => Props;
}

/** Runs `task` for 0..n-1 with at most `parallel` at once, as `pulumi up --parallel` does. */
async function pool<T>(n: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(n);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(parallel, n) }, async () => {
      while (next < n) {
        const i = next++;
        results[i] = await task(i);
      }
    }),
  );
  return results;
}

async function measure(sandbox: Sandbox, label: string, n: number, work: () => Promise<unknown>): Promise<void> {
  await sandbox.clearRequests();
  // The provider's warnings (e.g. BigCommerce's overwrite warning on a stale state) are counted, not printed.
  let warnings = 0;
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array) =>
    String(chunk).startsWith("warning: ") ? (warnings++, true) : write(chunk)) as typeof process.stderr.write;
  const started = process.hrtime.bigint();
  try {
    await work();
  } finally {
    process.stderr.write = write;
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const log = await sandbox.requests();
  const api = log.filter((r) => r.path !== "/oauth/token");
  const byMethod = new Map<string, number>();
  for (const r of api) byMethod.set(r.method, (byMethod.get(r.method) ?? 0) + 1);
  const methods = [...byMethod].map(([m, c]) => `${m} ${(c / n).toFixed(2)}`).join(", ");
  console.log(
    `  ${label.padEnd(22)} ${String(n).padStart(4)} ops  ${(api.length / n).toFixed(2)} requests/op (${methods})  ` +
      `${(log.length - api.length).toString().padStart(2)} token requests  ${ms.toFixed(0).padStart(6)} ms  ${((n / ms) * 1000).toFixed(0)} ops/s` +
      (warnings ? `  ${warnings} warnings` : ""),
  );
}

async function run(sandbox: Sandbox, backend: Backend): Promise<void> {
  const { provider } = backend;
  console.log(`${backend.name} (${groups} groups, ${parallel} in parallel)`);
  const checked = async (props: Props) => (await provider.check({}, props)).inputs as Props;
  const inputs = await Promise.all(Array.from({ length: groups }, (_, i) => checked(backend.desired(i))));
  let created: dynamic.CreateResult[] = [];
  await measure(sandbox, "check (invalid input)", groups, () => pool(groups, () => provider.check({}, { name: "" })));
  await measure(sandbox, "create", groups, async () => (created = await pool(groups, (i) => provider.create(inputs[i]))));
  await measure(sandbox, "diff (no change)", groups, () => pool(groups, (i) => provider.diff(created[i].id, created[i].outs as Props, inputs[i])));
  await measure(sandbox, "read (refresh)", groups, () => pool(groups, (i) => provider.read(created[i].id, created[i].outs as Props)));
  if (!backend.changed) {
    await measure(sandbox, "delete (stop tracking)", groups, () => pool(groups, (i) => provider.delete(created[i].id, created[i].outs as Props)));
    console.log(`  state of one group: ${JSON.stringify(created[0].outs).length} bytes of outputs`);
    return;
  }
  const change = backend.changed;
  const changed = await Promise.all(Array.from({ length: groups }, (_, i) => checked(change(i))));
  let updated: dynamic.UpdateResult[] = [];
  await measure(
    sandbox,
    "update",
    groups,
    async () => (updated = await pool(groups, (i) => provider.update(created[i].id, created[i].outs as Props, changed[i]))),
  );
  // The state from before the last update: commercetools answers 409, the provider re-reads and recomputes.
  const renamed = await Promise.all(changed.map((c) => checked({ ...c, name: `${String(c.name)} (renamed)` })));
  await measure(
    sandbox,
    "update, stale state",
    groups,
    async () => (updated = await pool(groups, (i) => provider.update(created[i].id, created[i].outs as Props, renamed[i]))),
  );
  await measure(sandbox, "delete", groups, () => pool(groups, (i) => provider.delete(created[i].id, updated[i].outs as Props)));
  const size = JSON.stringify(created[0].outs).length;
  console.log(`  state of one group: ${size} bytes of outputs`);
}

/** The lifecycle of each backend called in this process, without the engine. */
async function inProcess(): Promise<void> {
  // The bench measures the provider, not a store's quota: BigCommerce's default (150 per 30 s) would make it wait for
  // the next window after the first 150 requests.
  const sandbox = await startSandbox(withoutQuotas(100_000));
  const fast = { backoff: { maxAttempts: 6, baseDelayMs: 50, maxDelayMs: 2000, maxElapsedMs: 60_000 } };
  try {
    for (const backend of backends) {
      await seedSamples(sandbox, backend, groups);
      await run(sandbox, {
        name: backend.name,
        provider: await configure(backend.provider(fast, {}), sandboxConfig(sandbox, backend.name as BackendName)),
        desired: (i) => backend.sample.args(i, false) as Props,
        changed: backend.creates ? (i) => backend.sample.args(i, true) as Props : undefined,
      });
    }
  } finally {
    await sandbox.close();
  }
}

async function main(): Promise<void> {
  dataFileBench();
  await inProcess();
  if (process.env.BENCH_ENGINE !== "0") await engineBench();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
