// What the bench's preloaded modules (probePreload.ts, profilePreload.ts) share: how an operation runs with one of them in
// every Node.js process the CLI starts, and how such a process writes what it measured however it ends.

import path from "node:path";

/**
 * Runs `operation` with `preload` (a module beside this one) required by every Node.js process it starts, and the
 * environment variable `variable` set to `value` (where the preload writes); both are restored afterwards.
 */
export async function withPreload<T>(preload: string, variable: string, value: string, operation: () => Promise<T>): Promise<T> {
  const before = { options: process.env.NODE_OPTIONS, value: process.env[variable] };
  process.env.NODE_OPTIONS = `${before.options ?? ""} --require ${path.join(__dirname, preload)}`.trim();
  process.env[variable] = value;
  try {
    return await operation();
  } finally {
    for (const [name, previous] of [
      ["NODE_OPTIONS", before.options],
      [variable, before.value],
    ] as const) {
      if (previous === undefined) delete process.env[name];
      else process.env[name] = previous;
    }
  }
}

/** In a preloaded module: calls `write` once when the process ends, by exiting or by SIGINT or SIGTERM (the engine's way). */
export function atProcessEnd(write: () => void): void {
  let written = false;
  const once = () => {
    if (written) return;
    written = true;
    write();
  };
  process.on("exit", once);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      once();
      process.exit(1);
    });
  }
}
