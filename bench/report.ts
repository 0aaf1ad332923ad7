// The engine bench's report: the machine it ran on, and one Markdown table per backend (printed and written to bench/results.md).

import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { engineEnv, repoRoot } from "../tests/e2e/harness";

/** One operation on N groups: medians over the runs. */
export interface Row {
  operation: string;
  n: number;
  wallMs: number;
  floorMs: number;
  /** Vendor requests by HTTP method (token requests left out), for all N groups. */
  requests: Record<string, number>;
  tokens: number;
  /** Undefined after a destroy. */
  stateBytes?: StateBytes;
  /** The largest resident memory of the program's and the provider's process (bench/probe.ts). */
  peakBytes: { program?: number; provider?: number };
}

/** Per resource: inputs + outputs, and the part of that which is the serialized provider. */
export interface StateBytes {
  total: number;
  provider: number;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export const seconds = (ms: number) => (ms / 1000).toFixed(2);

function pulumiVersion(): string {
  const cli = path.join(repoRoot, ".tools/bin/pulumi");
  return execFileSync(cli, ["version"], { encoding: "utf8", env: { ...process.env, ...engineEnv(os.tmpdir()) } }).trim();
}

/** The header of bench/results.md: when, on what, and what each column means. */
export function environmentHeader(settings: { sizes: number[]; runs: number }): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string };
  const cpus = os.cpus();
  return `# Benchmark results

Written by \`npm run bench\` (engine part). The in-process figures are printed only.

| | |
|---|---|
| date | ${new Date().toISOString()} |
| cores | ${cpus.length} × ${cpus[0]?.model.trim() ?? "unknown"} |
| memory | ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB |
| pulumi-customer-groups | ${pkg.version} |
| Pulumi CLI | ${pulumiVersion()} |
| Node.js | ${process.version} |
| sizes, runs | N = ${settings.sizes.join(", ") || "none"} groups per backend (\`bench/groups.ts\`); median of ${settings.runs} run${settings.runs === 1 ? "" : "s"} |

Each run is a full fresh cycle: a new stack (own \`file://\` state directory) goes through the operations in the order
listed, each through the Automation API and the pinned CLI at its default \`--parallel\` (4 per CPU). The sandbox
runs in the bench's process, with a BigCommerce quota no run reaches. Before the first run, one unmeasured up and
destroy of one group warms each project up.

- **wall s**: the operation's wall time, from the Automation API call until it returned (the CLI, the TypeScript
  program, the engine, the provider and its requests).
- **floor s**: the same operation on the same N resources with the same inputs, through a dynamic provider whose calls
  return at once (\`bench/engineProjects.ts\`), in the same run right after; **ratio** = wall / floor (of the medians).
  The floor's provider is a package of its own, recorded in the state as a \`require\` as this package's providers are,
  and its resources register without the SDK's promise traces as this package's do: it is the least a program of N
  dynamic resources costs, so a ratio below 1 would mean the groups beat that, not that the floor is slow.
- **requests/group**: the vendor's requests in the sandbox's log during the operation, by HTTP method, divided by N;
  **token requests**: commercetools \`POST /oauth/token\`, counted apart, in total for the operation.
- **state bytes/resource**: after the operation, the mean over the stack's groups of the UTF-8 bytes of
  \`JSON.stringify(inputs)\` + \`JSON.stringify(outputs)\` of the resource in \`pulumi stack export\`; in brackets the
  part of it that is the serialized provider \`__provider\` (in both inputs and outputs).
- **peak MB**: the largest resident memory (maxRSS, MiB) of the Node.js process running the program and of the dynamic
  provider's process during the operation (\`bench/probe.ts\`); – where the engine started none.

Reading the ratios: an operation that sends no request (a preview) costs the program, the engine and the provider's
\`check\` and \`diff\`. An operation that writes the state (\`up\`, \`destroy\`) is mostly the engine writing the whole
state file after each step, so its time grows with N × the state's bytes per resource: this package's resources hold
the group as the platform answered it (version, dates, the store, what is managed), some 20 % more bytes than the
floor's, which holds the inputs alone; most of the write ratios at N = 500 comes from that. The sandbox answering the requests runs in
the bench's process, on the same cores.`;
}

/** Bytes as whole MiB; – for none. */
export const megabytes = (bytes: number | undefined) => (bytes === undefined ? "–" : (bytes / 2 ** 20).toFixed(0));

function perGroup(requests: Record<string, number>, n: number): string {
  const entries = Object.entries(requests).filter(([, count]) => count > 0);
  return entries.length ? entries.map(([method, count]) => `${method} ${(count / n).toFixed(2)}`).join(", ") : "none";
}

/** One backend's table: rows = operation × N. */
export function engineTable(backend: string, rows: Row[]): string {
  const lines = [
    `## ${backend}`,
    "",
    "| operation | N | wall s | floor s | ratio | requests/group | token requests | state bytes/resource | peak MB program / provider |",
    "|---|---:|---:|---:|---:|---|---:|---:|---:|",
    ...rows.map(
      (r) =>
        `| ${r.operation} | ${r.n} | ${seconds(r.wallMs)} | ${seconds(r.floorMs)} | ${(r.wallMs / r.floorMs).toFixed(2)} | ` +
        `${perGroup(r.requests, r.n)} | ${r.tokens} | ${r.stateBytes === undefined ? "–" : `${r.stateBytes.total.toFixed(0)} (${r.stateBytes.provider.toFixed(0)} \`__provider\`)`} | ` +
        `${megabytes(r.peakBytes.program)} / ${megabytes(r.peakBytes.provider)} |`,
    ),
  ];
  return lines.join("\n");
}
