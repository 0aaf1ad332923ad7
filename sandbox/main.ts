// The `npm run sandbox` CLI: starts the sandbox on 127.0.0.1, prints its URL, stops on SIGINT/SIGTERM.
import { startSandbox } from "./index";
import { DEFAULTS } from "./options";

const USAGE = `usage: npm run sandbox -- [--port N] [--persist FILE]
  --port N        port on 127.0.0.1 (default ${DEFAULTS.cliPort}, 0 picks a free one; env SANDBOX_PORT)
  --persist FILE  load state from FILE and save it there after every change (env SANDBOX_PERSIST)`;

interface CliArgs {
  port: number;
  persistFile?: string;
}

function parseArgs(argv: string[]): CliArgs | string {
  let port: string | undefined = process.env.SANDBOX_PORT;
  let persist: string | undefined = process.env.SANDBOX_PERSIST || undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = () => inline ?? argv[++i];
    if (flag === "--port") port = value();
    else if (flag === "--persist") persist = value();
    else if (flag === "--help" || flag === "-h") return USAGE;
    else return `unknown argument '${arg}'\n${USAGE}`;
  }
  const n = port === undefined || port === "" ? DEFAULTS.cliPort : Number(port);
  if (!Number.isInteger(n) || n < 0 || n > 65535) return `invalid port '${port ?? ""}'`;
  if (persist === "") return "--persist needs a file name";
  return persist === undefined ? { port: n } : { port: n, persistFile: persist };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === "string") {
    const help = args === USAGE;
    (help ? console.log : console.error)(args);
    process.exit(help ? 0 : 2);
  }
  const sandbox = await startSandbox(args);
  console.log(`sandbox listening on ${sandbox.url}`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    sandbox.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((err: unknown) => {
  console.error(`sandbox failed to start: ${(err as Error).message}`);
  process.exit(1);
});
