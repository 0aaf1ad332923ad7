// Registering a resource, the Pulumi SDK makes four promises for each of its properties and captures a stack trace for
// each (kept for its report of promises a program leaks). In a TypeScript program every trace is source-mapped by
// ts-node: some 60 traces per customer group, about 3 ms, most of what a preview costs in the program. The resource's
// source position does not come from these: the SDK reads it with a trace of its own, at an unlimited depth.

/**
 * Turns those traces off until the returned function is called (a constructor calls it right after `super`), unless
 * PULUMI_DEBUG_PROMISE_LEAKS asks for them.
 */
export function withoutPromiseTraces(): () => void {
  if (process.env.PULUMI_DEBUG_PROMISE_LEAKS) return () => undefined;
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  return () => {
    Error.stackTraceLimit = limit;
  };
}
