// The dynamic-provider process lives as long as the engine that started it. A killed CLI (SIGKILL of its process group,
// a cancelled CI job) does not take its plugins along, and the engine's own health check is minutes apart: this process
// would go on retrying and writing for a run that no longer exists, and overlap the recovery a person starts meanwhile.

/** The engine's pid, while this process is the engine's dynamic-provider process. */
let engine: number | undefined;

/** Whether this process is @pulumi/pulumi's dynamic-provider host (and not a program, a test or an Automation API process). */
const isProviderHost = (): boolean => /[\\/]cmd[\\/]dynamic-provider([\\/]index(\.js)?)?$/.test(process.argv[1] ?? "");

/** In the dynamic-provider process: exits as soon as the engine that started it is gone (its parent changes). */
export function exitWithEngine(): void {
  if (engine !== undefined || !isProviderHost()) return;
  engine = process.ppid;
  setInterval(exitIfEngineGone, 250).unref();
}

/** Exits, before anything more is sent, when the engine is gone. Called before every request. */
export function exitIfEngineGone(): void {
  if (engine !== undefined && process.ppid !== engine) {
    process.stderr.write("pulumi-customer-groups: the Pulumi engine that started this provider is gone; stopping without sending anything more.\n");
    process.exit(1);
  }
}
