// Preloaded (NODE_OPTIONS=--require) into every Node.js process of one profiled preview: V8's CPU profiler from the
// first module on, written to BENCH_PROFILE_INTO when the process ends however it ends (Node.js refuses --cpu-prof in
// NODE_OPTIONS).

import fs from "node:fs";
import inspector from "node:inspector";
import path from "node:path";
import { atProcessEnd } from "./preload";

const dir = process.env.BENCH_PROFILE_INTO;
if (dir) {
  const session = new inspector.Session();
  session.connect();
  session.post("Profiler.enable");
  session.post("Profiler.setSamplingInterval", { interval: 500 });
  session.post("Profiler.start");
  // The inspector answers a session of the same thread at once, so this works in an `exit` handler.
  atProcessEnd(() =>
    session.post("Profiler.stop", (error, result) => {
      if (!error) fs.writeFileSync(path.join(dir, `${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    }),
  );
}
