// Data files at scale: how long `cg.fromConfig`'s loader takes, and how much memory it holds, for N groups in one file.
// Loading must grow linearly with the file: 20,000 groups within 4.6 times the time of 5,000.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadGroups } from "../sdk/config/load";

const sizes = (process.env.BENCH_FILE_GROUPS ?? "5000,10000,20000,60000").split(",").filter(Boolean).map(Number);

/** A BigCommerce data file of `n` groups, each with a name and one rule, as `export` writes them. */
function dataFile(n: number): string {
  const lines = ["bigcommerce:"];
  for (let i = 0; i < n; i++) lines.push(`  group-${i}:`, `    name: "Group ${i}"`, "    discountRules:", "      - { type: all, method: percent, amount: 5 }");
  return lines.join("\n") + "\n";
}

export function dataFileBench(): void {
  if (sizes.length === 0) return;
  console.log("data files (one file, each group a name and one rule; median of 3 loads)");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pcg-bench-files-"));
  try {
    for (const n of sizes) {
      const file = path.join(dir, `groups-${n}.yaml`);
      fs.writeFileSync(file, dataFile(n));
      const times: number[] = [];
      let heldMb = 0;
      for (let run = 0; run < 3; run++) {
        const before = process.memoryUsage().heapUsed;
        const started = process.hrtime.bigint();
        const loaded = loadGroups(file);
        times.push(Number(process.hrtime.bigint() - started) / 1e6);
        heldMb = Math.max(heldMb, (process.memoryUsage().heapUsed - before) / 1e6);
        if (Object.keys(loaded.groups.bigcommerce).length !== n) throw new Error(`loaded the wrong number of groups from ${file}`);
      }
      times.sort((a, b) => a - b);
      const kb = fs.statSync(file).size / 1024;
      console.log(
        `  ${String(n).padStart(6)} groups  ${kb.toFixed(0).padStart(6)} KB  ${times[1]!.toFixed(0).padStart(6)} ms (${times[0]!.toFixed(0)}–${times[2]!.toFixed(0)})  ` +
          `heap after load +${heldMb.toFixed(0)} MB`,
      );
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
