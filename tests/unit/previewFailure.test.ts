// Unit tests: what review and drift check before a preview (the project, --out) and how a failure reads: the program's or
// engine's own lines, cut with a count, and a missing Pulumi CLI as a sentence.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { maxDiagnosticLines, outputFile, previewFailure, projectDirectory } from "../../cli/preview";
import { pulumiFailure, UsageError } from "../../cli/stackConfig";

const diagnostic = (message: string, urn?: string): EngineEvent =>
  ({ sequence: 0, timestamp: 0, diagnosticEvent: { message, severity: "error", color: "never", ...(urn ? { urn } : {}) } }) as EngineEvent;

describe("review and drift: before and after a preview", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pcg-preview-"));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("refuses a directory without Pulumi.yaml and an --out whose directory is missing, as usage errors", () => {
    expect(() => projectDirectory({ cwd: dir }, "/")).to.throw(UsageError, "holds no Pulumi.yaml");
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: x\nruntime: nodejs\n");
    expect(projectDirectory({ cwd: dir }, "/")).to.equal(dir);
    expect(outputFile({}, dir)).to.equal(undefined);
    expect(outputFile({ out: "report.md" }, dir)).to.equal(path.join(dir, "report.md"));
    expect(() => outputFile({ out: "missing/report.md" }, dir)).to.throw(
      UsageError,
      `--out 'missing/report.md': the directory ${path.join(dir, "missing")} does not exist`,
    );
  });

  it("tells a failed preview in the program's own lines, without the stack resource's name, cut with a count", () => {
    const program = diagnostic(
      "error: groups: 2 problems, nothing was declared:\n  groups/bc.yaml:8:5 bigcommerce.retail.categoryAcess: is not a known argument\n  groups/bc.yaml:25:39 bigcommerce.vip.discountRules[0].amount: must be at most 100",
      "urn:pulumi:dev::repo::pulumi:pulumi:Stack::repo-dev",
    );
    const resource = diagnostic("refusing to delete …", "urn:pulumi:dev::repo::pulumi-nodejs:dynamic/bigcommerce:CustomerGroup::trade-accounts");
    expect(previewFailure([program, resource, diagnostic("preview failed")], new Error("code: -2 stdout: …"))).to.equal(
      [
        "groups: 2 problems, nothing was declared:",
        "  groups/bc.yaml:8:5 bigcommerce.retail.categoryAcess: is not a known argument",
        "  groups/bc.yaml:25:39 bigcommerce.vip.discountRules[0].amount: must be at most 100",
        "trade-accounts: refusing to delete …",
      ].join("\n"),
    );
    const long = diagnostic(Array.from({ length: 100 }, (_, i) => `line ${i}`).join("\n"));
    const cut = previewFailure([long], new Error("x")).split("\n");
    expect(cut).to.have.length(maxDiagnosticLines + 1);
    expect(cut[maxDiagnosticLines]).to.equal(`… ${100 - maxDiagnosticLines} more lines`);
  });

  it("says to install the Pulumi CLI when it is not on PATH, and names a missing stack as an argument to fix", () => {
    const missing = pulumiFailure(Object.assign(new Error("spawn pulumi ENOENT"), { code: "ENOENT" }));
    expect(missing).to.be.instanceOf(UsageError);
    expect(missing.message).to.equal("the Pulumi CLI (`pulumi`) is not on PATH: install the Pulumi CLI, or add the directory that holds it to PATH");
    const noStack = pulumiFailure({ commandResult: { stderr: "error: no stack named 'prod' found\n" } });
    expect(noStack).to.be.instanceOf(UsageError);
    expect(noStack.message).to.equal("no stack named 'prod' found: give --stack an existing stack (`pulumi stack ls` lists them)");
  });
});
