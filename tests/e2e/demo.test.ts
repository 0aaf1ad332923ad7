// End-to-end: `npm run demo` tells the whole story against the built-in sandbox, and never reaches a real store even when
// the vendors' variables are set in the environment (they point here at a server that records anything it receives).

import { execFile } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect } from "chai";
import { repoRoot } from "./harness";

describe("e2e: the demo", function () {
  this.timeout(900_000);

  it("runs against the sandbox with CTP_*, BIGCOMMERCE_* and REVCENT_* set: each step titled, drift 2 then 0, nothing sent elsewhere", async () => {
    const received: string[] = [];
    const realStore = http.createServer((req, res) => {
      received.push(`${req.method} ${req.url}`);
      res.writeHead(500).end();
    });
    await new Promise<void>((resolve) => realStore.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(realStore.address() as AddressInfo).port}`;
    try {
      const vendors = {
        CTP_PROJECT_KEY: "real-project",
        CTP_CLIENT_ID: "real-client",
        CTP_CLIENT_SECRET: "real-secret",
        CTP_API_URL: url,
        CTP_AUTH_URL: url,
        BIGCOMMERCE_STORE_HASH: "realstore",
        BIGCOMMERCE_ACCESS_TOKEN: "real-token",
        BIGCOMMERCE_API_URL: url,
        REVCENT_API_KEY: "real-key",
        REVCENT_API_URL: url,
      };
      const run = await new Promise<{ code: number; output: string }>((resolve) =>
        execFile("bash", ["scripts/demo.sh"], { cwd: repoRoot, env: { ...process.env, ...vendors }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
          resolve({ code: error ? Number(error.code ?? 1) : 0, output: stdout + stderr }),
        ),
      );
      expect(run.code, run.output).to.equal(0);
      const steps = run.output.split("\n").filter((l) => l.startsWith("==> "));
      expect(steps.filter((s) => !s.startsWith("==> installing"))).to.deep.equal([
        "==> starting the sandbox (its data in .state/sandbox.json)",
        "==> pulumi up: the groups of the program, in three stores",
        "==> the groups the stores now hold",
        "==> someone edits groups in the admin UIs",
        "==> drift: what a scheduled check reports (exit 2: drift found)",
        "==> the merchant puts back what Pulumi cannot write (RevCent)",
        "==> a pull request: the Students discount goes from 10% to 12.5% (pulumi config set demo:studentDiscount 12.5)",
        "==> review: what the reviewers of the pull request read (Markdown for a comment), checked by the policy pack",
        "==> pulumi up --refresh: the merge applies the pull request and sets back the admin edits",
        "==> drift again (exit 0: the stores match the program)",
        "==> the groups the stores now hold",
      ]);
      expect(run.output).to.match(/drift: 3 of 6 groups differ from the program \(stack demo\)[\s\S]*\(exit 2\)/);
      expect(run.output).to.include("- discount on the whole store: 15 % off → 12.5 % off");
      // The package's policy pack ran with the preview (12.5% is within the configured 25%).
      expect(run.output).to.include("**Policies:** no violation.");
      expect(run.output).to.include("no drift: 6 groups match the program (stack demo)");
      expect(run.output).to.not.include("real-secret").and.not.include("real-token");
      expect(received).to.deep.equal([]);
    } finally {
      realStore.close();
    }
  });

  it("refuses an unknown option, and --live asks before it writes (nothing happens without 'yes')", async () => {
    const run = (args: string[], input?: string) =>
      new Promise<{ code: number; output: string }>((resolve) => {
        const child = execFile(
          "bash",
          ["scripts/demo.sh", ...args],
          { cwd: repoRoot, env: { ...process.env, CTP_CLIENT_ID: "c", CTP_PROJECT_KEY: "shop-eu" } },
          (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, output: stdout + stderr }),
        );
        child.stdin?.end(input ?? "");
      });
    const unknown = await run(["--lvie"]);
    expect(unknown.code).to.equal(64);
    expect(unknown.output).to.include("demo: unknown option '--lvie'");
    const declined = await run(["--live"], "no\n");
    expect(declined.code).to.equal(1);
    expect(declined.output).to.include("commercetools project 'shop-eu'").and.include("demo: nothing done");
  });
});
