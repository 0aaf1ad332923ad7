// Peak memory and CPU time of the program and of the dynamic provider during one operation, written by probePreload.ts
// in each: what a figure of the whole run cannot tell apart (the CLI's own share is the rest).

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { withPreload } from "./preload";

export interface ProcessFigures {
  peakBytes: number;
  cpuSeconds: number;
}

/** By role; a role that ran more than once (never, today) sums its CPU and keeps its largest peak. */
export interface Probe {
  program?: ProcessFigures;
  provider?: ProcessFigures;
}

/** Runs `operation` with every Node.js process the CLI starts reporting its figures, and returns them by role. */
export async function withProbe<T>(operation: () => Promise<T>): Promise<{ result: T; probe: Probe }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pcg-bench-probe-"));
  const file = path.join(dir, "processes.jsonl");
  try {
    const result = await withPreload("probePreload.js", "BENCH_PROBE_INTO", file, operation);
    const probe: Probe = {};
    const lines = fs.existsSync(file) ? fs.readFileSync(file, "utf8").split("\n").filter(Boolean) : [];
    for (const line of lines) {
      const { role, peakBytes, cpuSeconds } = JSON.parse(line) as { role: keyof Probe } & ProcessFigures;
      const seen = probe[role];
      probe[role] = { peakBytes: Math.max(seen?.peakBytes ?? 0, peakBytes), cpuSeconds: (seen?.cpuSeconds ?? 0) + cpuSeconds };
    }
    return { result, probe };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
