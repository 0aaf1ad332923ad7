// The sandbox CLI's arguments and environment variables, parsed into startSandbox options (sandbox/main.ts runs them).
import { DEFAULT_RATE_LIMIT, type RateLimitOptions } from "./bigcommerce/rateLimit";
import { DEFAULTS, type SandboxOptions } from "./options";

export const USAGE = `usage: npm run sandbox -- [--port N] [--persist FILE] [--bc-quota N] [--bc-window-ms M]
  --port N          port on 127.0.0.1 (default ${DEFAULTS.cliPort}, 0 picks a free one; env SANDBOX_PORT)
  --persist FILE    load state from FILE and save it there after every change (env SANDBOX_PERSIST)
  --bc-quota N      BigCommerce requests per window (default ${DEFAULT_RATE_LIMIT.quota}, a Standard or Plus store; env SANDBOX_BC_QUOTA)
  --bc-window-ms M  BigCommerce rate-limit window in ms (default ${DEFAULT_RATE_LIMIT.windowMs}; env SANDBOX_BC_WINDOW_MS)`;

export type CliArgs = SandboxOptions & { port: number };

/** An integer setting from a flag or the environment; undefined when not given (or empty), a message when invalid. */
function intSetting(names: string, raw: string | undefined, min: number): number | string | undefined {
  if (raw === undefined || raw === "") return undefined;
  const n = Number(raw);
  return /^\d+$/.test(raw) && Number.isSafeInteger(n) && n >= min ? n : `invalid ${names} '${raw}': an integer >= ${min}`;
}

/** The CLI's options from its arguments and environment (a flag wins over its variable); a message to print when they are wrong. */
export function parseCliArgs(argv: string[], env: NodeJS.ProcessEnv): CliArgs | string {
  let port: string | undefined = env.SANDBOX_PORT;
  let persist: string | undefined = env.SANDBOX_PERSIST || undefined;
  let bcQuota: string | undefined = env.SANDBOX_BC_QUOTA;
  let bcWindowMs: string | undefined = env.SANDBOX_BC_WINDOW_MS;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = () => inline ?? argv[++i];
    if (flag === "--port") port = value();
    else if (flag === "--persist") persist = value();
    else if (flag === "--bc-quota" || flag === "--bc-window-ms") {
      const v = value();
      if (v === undefined || v === "") return `${flag} needs a number`;
      if (flag === "--bc-quota") bcQuota = v;
      else bcWindowMs = v;
    } else if (flag === "--help" || flag === "-h") return USAGE;
    else return `unknown argument '${arg}'\n${USAGE}`;
  }
  const n = port === undefined || port === "" ? DEFAULTS.cliPort : Number(port);
  if (!Number.isInteger(n) || n < 0 || n > 65535) return `invalid port '${port ?? ""}'`;
  if (persist === "") return "--persist needs a file name";
  const args: CliArgs = { port: n };
  if (persist !== undefined) args.persistFile = persist;
  const quota = intSetting("--bc-quota / SANDBOX_BC_QUOTA", bcQuota, 0);
  const windowMs = intSetting("--bc-window-ms / SANDBOX_BC_WINDOW_MS", bcWindowMs, 1);
  if (typeof quota === "string") return quota;
  if (typeof windowMs === "string") return windowMs;
  if (quota !== undefined || windowMs !== undefined) {
    const rateLimit: Partial<RateLimitOptions> = {};
    if (quota !== undefined) rateLimit.quota = quota;
    if (windowMs !== undefined) rateLimit.windowMs = windowMs;
    args.bigcommerce = { rateLimit };
  }
  return args;
}
