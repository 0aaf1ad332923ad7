// npm run bench, the scheduled and the pull-request commands at scale: on a stack of N commercetools groups, `drift` after
// 10 of them were edited in the store, and `review` of a program change to 10 of them, each through the packaged bin as a
// user runs it. Time, the vendor's requests, and the peak memory of the program and the provider.

import type { Sandbox } from "../sandbox";
import { newStack, runBin, sandboxSettings, type BinRun } from "../tests/e2e/harness";
import { declared, type BenchProjects } from "./engineProjects";
import { withProbe, type Probe } from "./probe";
import { megabytes } from "./report";

interface CommandRow {
  command: string;
  n: number;
  wallMs: number;
  requests: Record<string, number>;
  probe: Probe;
}

const edited = 10;

async function timedBin(
  sandbox: Sandbox,
  dir: string,
  stateDir: string,
  args: string[],
  expectCode: number,
  expectOut: RegExp,
): Promise<Omit<CommandRow, "command" | "n">> {
  await sandbox.clearRequests();
  const started = process.hrtime.bigint();
  const { result, probe } = await withProbe<BinRun>(() => runBin(dir, stateDir, args));
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  // Not a test, but a figure of a failed command is worse than none.
  if (result.code !== expectCode || !expectOut.test(result.stdout)) {
    throw new Error(
      `${args.join(" ")}: exit ${result.code}, expected ${expectCode} and ${expectOut}:\n${result.stdout.slice(0, 2000)}\n${result.stderr.slice(0, 2000)}`,
    );
  }
  const requests: Record<string, number> = {};
  for (const r of await sandbox.requests()) if (r.vendor === "commercetools" && r.path !== "/oauth/token") requests[r.method] = (requests[r.method] ?? 0) + 1;
  return { wallMs, requests, probe };
}

/** `drift` and `review` on a stack of `n` commercetools groups made with one `up` (not measured). */
async function commandsAt(projects: BenchProjects, sandbox: Sandbox, n: number): Promise<CommandRow[]> {
  const name = `commands-${n}`;
  const test = await newStack(name, { ...sandboxSettings(sandbox, "commercetools"), ...declared("commercetools", n) }, projects.bench);
  try {
    await test.stack.up();
    const every = Math.floor(n / edited);
    // Edited in the store as a merchant would, out of band: groups 0, n/10, 2n/10...
    const live = new Map((await sandbox.commercetools.groups()).map((g) => [g.key, g.id]));
    for (let i = 0; i < edited; i++) await sandbox.commercetools.editGroup(live.get(`group-${i * every}`)!, { name: `Group ${i * every} (edited)` });
    const drift = await timedBin(sandbox, projects.bench, test.stateDir, ["drift", "--stack", name], 2, new RegExp(`^drift: ${edited} of ${n} groups differ`));
    // The same groups changed in the program (a pull request), reviewed without a refresh.
    await test.stack.setConfig("changedEvery", { value: String(every) });
    await test.stack.setConfig("changed", { value: "true" });
    const review = await timedBin(sandbox, projects.bench, test.stateDir, ["review", "--stack", name], 0, new RegExp(`${edited} to update`));
    // The edited groups changed since the stack read them: a destroy deletes them only after a refresh (the guardrail).
    await test.stack.destroy({ refresh: true });
    return [
      { command: `drift (${edited} edited in the store)`, n, ...drift },
      { command: `review (${edited} changed in the program)`, n, ...review },
    ];
  } finally {
    await test.remove();
  }
}

/** The commands' Markdown section for bench/results.md. */
export async function commandBench(projects: BenchProjects, sandbox: Sandbox, sizes: number[]): Promise<string> {
  const rows: CommandRow[] = [];
  for (const n of sizes) {
    const at = await commandsAt(projects, sandbox, n);
    for (const row of at) console.error(`commands: ${row.command} N=${n}: ${(row.wallMs / 1000).toFixed(1)} s`);
    rows.push(...at);
  }
  const requests = (r: Record<string, number>) =>
    Object.entries(r)
      .map(([method, count]) => `${method} ${count}`)
      .join(", ") || "none";
  return [
    "## drift and review (commercetools)",
    "",
    `A stack of N groups made with one \`up\`; then \`drift\` after ${edited} groups were renamed in the store (exit 2, the`,
    `${edited} listed), and \`review\` of the program changing ${edited} groups (no refresh), each once through the packaged bin.`,
    "**requests**: all of the operation's commercetools requests (token requests left out).",
    "",
    "| command | N | wall s | requests | peak MB program / provider |",
    "|---|---:|---:|---|---:|",
    ...rows.map(
      (r) =>
        `| ${r.command} | ${r.n} | ${(r.wallMs / 1000).toFixed(2)} | ${requests(r.requests)} | ${megabytes(r.probe.program?.peakBytes)} / ${megabytes(r.probe.provider?.peakBytes)} |`,
    ),
  ].join("\n");
}
