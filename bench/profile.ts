// BENCH_PROFILE: one more preview of the groups and of the floor with V8's CPU profiler in every Node.js process the CLI
// starts (the program and the dynamic provider), summed by where the time went, so that what costs in our code is found
// by measurement and not by guessing.

import fs from "node:fs";
import path from "node:path";
import { withPreload } from "./preload";

interface ProfileNode {
  id: number;
  callFrame: { url: string; functionName: string };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Runs `preview` with every Node.js child writing a CPU profile into `dir` (made empty first). */
export async function profiled<T>(dir: string, preview: () => Promise<T>): Promise<T> {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  return withPreload("profilePreload.js", "BENCH_PROFILE_INTO", dir, preview);
}

/** Where a sampled function lives: our package, a package by name, Node.js itself, or V8's own (GC, idle, program). */
function origin(url: string, functionName: string): string {
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  if (url.startsWith("node:")) return "node";
  const packaged = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (packaged) return packaged[1] === "pulumi-customer-groups" ? "pulumi-customer-groups" : packaged[1]!;
  return "(program)";
}

/** Which process a profile is of: the dynamic provider or the program. */
function processOf(profile: CpuProfile): string {
  return profile.nodes.some((n) => /cmd\/dynamic-provider\//.test(n.callFrame.url)) ? "provider" : "program";
}

/** Milliseconds of CPU by the package that spent it (Node.js's own frames charged to their caller), per process, of the profiles in `dir`, as Markdown lines. */
export function profileSummary(dir: string, label: string): string[] {
  const lines: string[] = [];
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"))) {
    const profile = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as CpuProfile;
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
    // Time in Node.js itself (loading and compiling modules, streams, timers) counts for the package that called it.
    const charged = (id: number): string => {
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const frame = byId.get(at)!.callFrame;
        const key = origin(frame.url, frame.functionName);
        if (key !== "node" && key !== "(native)") return key;
      }
      const frame = byId.get(id)!.callFrame;
      return origin(frame.url, frame.functionName);
    };
    const self = new Map<string, number>();
    profile.samples.forEach((id, i) => {
      const key = charged(id);
      self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    });
    const busy = [...self].filter(([k]) => k !== "(idle)").reduce((sum, [, ms]) => sum + ms, 0);
    const top = [...self]
      .filter(([k]) => k !== "(idle)")
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([k, ms]) => `${k} ${Math.round(ms)}`)
      .join(", ");
    lines.push(`- ${label}, ${processOf(profile)}: ${Math.round(busy)} ms busy (${top})`);
  }
  return lines.sort();
}
