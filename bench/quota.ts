// The engine bench's quota runs, for each backend whose platform publishes a request quota (BigCommerce): groups created
// with `pulumi up --parallel 32` under the smallest quota it publishes (150 requests per 30 s window) and under short
// windows (1 s, 3 s), each compared with the least time that quota allows.

import type { BackendDescriptor } from "../provider/backend";
import type { BackendName } from "../provider/registry";
import { startSandbox } from "../sandbox";
import { newStack, sandboxSettings } from "../tests/e2e/harness";
import { declared } from "./engineProjects";
import { seconds } from "./report";
import { vendorAdmin } from "./sandbox";

const parallel = 32;

/** One quota run: `groups` created under `quota` requests per `windowMs`. */
export interface QuotaCase {
  groups: number;
  quota: number;
  windowMs: number;
}

/** The published quota (300 groups: two windows), then short windows, where a wrong guess of the window costs most. */
export const quotaCases = (backend: BackendDescriptor): QuotaCase[] => [
  { groups: 300, quota: backend.requestQuota!.requests, windowMs: backend.requestQuota!.windowMs },
  { groups: 100, quota: 20, windowMs: 3000 },
  { groups: 100, quota: 20, windowMs: 1000 },
];

/** The Markdown section of a backend's quota runs. */
export async function quotaRuns(benchDir: string, backend: BackendDescriptor): Promise<string> {
  const rows: string[] = [];
  for (const c of quotaCases(backend)) rows.push(await quotaRun(benchDir, backend, c));
  return [
    `## Quota runs: ${backend.title}, \`pulumi up --parallel ${parallel}\``,
    "",
    "Minimum = (ceil(N / Q) − 1) × W: the least time from the first to the last of N requests under a quota of Q per window W",
    "(N = the requests the quota counted, i.e. all but the 429 answers). The destroy runs with the quota lifted.",
    "",
    `| groups | quota | up wall s | span first → last request s | N | minimum | span / minimum | requests by method | N per window from the first | 429 answers | failures | groups in the store | destroy s |`,
    "|---:|---|---:|---:|---:|---:|---:|---|---|---:|---:|---:|---:|",
    ...rows,
  ].join("\n");
}

/** Runs one case against a sandbox of its own and returns its table row. */
async function quotaRun(benchDir: string, backend: BackendDescriptor, { groups, quota, windowMs }: QuotaCase): Promise<string> {
  const name = backend.name;
  console.error(`engine: quota run, ${groups} ${backend.title} groups, --parallel ${parallel}, ${quota} requests per ${windowMs} ms`);
  const sandbox = await startSandbox({ [name]: { rateLimit: { quota, windowMs } } });
  const test = await newStack("quota", { ...sandboxSettings(sandbox, name as BackendName), ...declared(name, groups) }, benchDir);
  try {
    let failures = 0;
    let error = "";
    const started = process.hrtime.bigint();
    try {
      await test.stack.up({ parallel, onEvent: (e) => void (e.resOpFailedEvent && failures++) });
    } catch (e) {
      error = String((e as Error).message ?? e)
        .split("\n")
        .find((l) => l.trim()) as string;
    }
    const upMs = Number(process.hrtime.bigint() - started) / 1e6;
    const log = (await sandbox.requests()).filter((r) => r.vendor === name);
    const created = (await vendorAdmin(sandbox, name).groups()).length;
    const times = log.map((r) => Date.parse(r.time));
    const first = Math.min(...times);
    const spanMs = times.length ? Math.max(...times) - first : 0;
    const refused = log.filter((r) => r.status === 429).length;
    // Only the requests the quota counted: the sandbox does not count a request it refuses with 429.
    const counted = log.length - refused;
    const minimumMs = (Math.ceil(counted / quota) - 1) * windowMs;
    // How the requests spread over time: counted requests in each window-long slice from the first request.
    const slices: number[] = [];
    for (const r of log) {
      if (r.status === 429) continue;
      const slice = Math.floor((Date.parse(r.time) - first) / windowMs);
      slices[slice] = (slices[slice] ?? 0) + 1;
    }

    await vendorAdmin(sandbox, name).setRateLimit?.({ quota: 1_000_000 });
    const destroyStarted = process.hrtime.bigint();
    await test.stack.destroy();
    const destroyMs = Number(process.hrtime.bigint() - destroyStarted) / 1e6;

    const methods = new Map<string, number>();
    for (const r of log) methods.set(r.method, (methods.get(r.method) ?? 0) + 1);
    return (
      `| ${groups} | ${quota} per ${windowMs / 1000} s | ${seconds(upMs)} | ${seconds(spanMs)} | ${counted} | ${seconds(minimumMs)} | ` +
      `${minimumMs > 0 ? (spanMs / minimumMs).toFixed(2) : "–"} | ${[...methods].map(([m, c]) => `${m} ${c}`).join(", ")} | ` +
      `${Array.from(slices, (c) => c ?? 0).join(", ")} | ${refused} | ` +
      `${failures}${error ? ` (up failed: ${error.replace(/\|/g, "\\|")})` : ""} | ${created} / ${groups} | ${seconds(destroyMs)} |`
    );
  } finally {
    await test.remove();
    await sandbox.close();
  }
}
