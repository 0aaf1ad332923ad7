// The `npm run sandbox` CLI: starts the sandbox on 127.0.0.1, prints its URL, stops on SIGINT/SIGTERM.
import { parseCliArgs, USAGE } from "./cli";
import { startSandbox } from "./index";

async function main(): Promise<void> {
  const args = parseCliArgs(process.argv.slice(2), process.env);
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
