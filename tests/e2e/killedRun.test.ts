// End-to-end: nothing of a killed run survives it. `pulumi up` is killed as a CI runner's cancel kills it (SIGKILL to the
// CLI's process group) while the store answers 503 and the provider is retrying; the language host, the program and the
// dynamic-provider process, which run in process groups of their own, must end with it, and nothing more reach the store.

import { spawn } from "node:child_process";
import path from "node:path";
import { expect } from "chai";
import { startSandbox, type Sandbox } from "../../sandbox";
import { declare, engineEnv, isRunning, newStack, processTree, repoRoot, sandboxSettings, TestStack } from "./harness";

describe("e2e: a killed run leaves no process behind and sends nothing more", function () {
  this.timeout(300_000);
  let sandbox: Sandbox;
  let test: TestStack;

  before(async () => {
    sandbox = await startSandbox();
    test = await newStack("killed", sandboxSettings(sandbox, "bigcommerce"));
    await declare(test.stack, {
      a: { backend: "bigcommerce", args: { name: "A" } },
      b: { backend: "bigcommerce", args: { name: "B" } },
    });
  });
  after(async () => {
    await test?.remove();
    await sandbox?.close();
  });

  it("SIGKILL of the CLI's process group mid-up under 503s: every process of the run ends, and no request follows", async () => {
    // A store that keeps failing: a provider left alive would go on retrying for a minute.
    await sandbox.injectFault({ vendor: "bigcommerce", method: "POST", pathPattern: "/customer_groups$", status: 503, count: 1000 });
    await sandbox.clearRequests();
    const cli = spawn(path.join(repoRoot, ".tools/bin/pulumi"), ["up", "--yes", "--skip-preview", "--non-interactive", "--stack", "killed"], {
      cwd: test.stack.workspace.workDir,
      env: { ...process.env, PATH: `${path.join(repoRoot, ".tools/bin")}${path.delimiter}${process.env.PATH}`, ...engineEnv(test.stateDir) },
      detached: true,
      stdio: "ignore",
    });
    const exited = new Promise((resolve) => cli.on("exit", resolve));
    // Both creates sent and refused at least once: the provider is retrying now.
    await sandbox.requests({ atLeast: 3 });
    const run = processTree(cli.pid!);
    expect(run.length, "the CLI, its language host, the program and the provider").to.be.at.least(4);
    process.kill(-cli.pid!, "SIGKILL");
    await exited;

    // Polled, not slept: the run is over once none of its processes runs any more (each checks its parent every 250 ms).
    const deadline = Date.now() + 20_000;
    while (run.some(isRunning) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(run.filter(isRunning), "processes of the killed run still running").to.deep.equal([]);
    const ended = new Date().toISOString();
    // Nothing left to send: the last request the store saw came before the run's last process ended.
    const requests = await sandbox.requests();
    expect(requests.filter((r) => r.time > ended)).to.deep.equal([]);
    // A provider that lived on would have kept retrying (6 attempts per create within a minute); this one stopped at once.
    expect(requests.filter((r) => r.method === "POST").length).to.be.at.most(6);
  });
});
