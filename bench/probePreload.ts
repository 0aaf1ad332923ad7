// Preloaded (NODE_OPTIONS=--require) into every Node.js process of a measured operation: when the program or the dynamic
// provider ends, it appends its role, its peak resident memory and its CPU time to the file BENCH_PROBE_INTO names
// (see probe.ts).

import fs from "node:fs";
import { atProcessEnd } from "./preload";

const file = process.env.BENCH_PROBE_INTO;
const entry = process.argv[1] ?? "";
const role = /cmd[\\/]dynamic-provider[\\/]/.test(entry) ? "provider" : /cmd[\\/]run[\\/]/.test(entry) ? "program" : undefined;
if (file && role) {
  atProcessEnd(() => {
    const usage = process.resourceUsage();
    // maxRSS is in KiB, the CPU times in microseconds.
    const line = { role, peakBytes: usage.maxRSS * 1024, cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6 };
    fs.appendFileSync(file, `${JSON.stringify(line)}\n`);
  });
}
