// End-to-end: the package as released. A fresh clone holds no dist/; `npm pack` there builds first (prepack), and the
// tarball installed into an empty project gives its main, types, bin, policy pack and schema.

import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { repoRoot } from "./harness";

describe("e2e: the package packed from a fresh clone installs as released", function () {
  this.timeout(300_000);
  let dir: string;
  let installed: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "pcg-package-"));
    const clone = path.join(dir, "clone");
    execFileSync("git", ["clone", "--quiet", repoRoot, clone]);
    expect(fs.existsSync(path.join(clone, "dist")), "a fresh clone holds no dist/").to.equal(false);
    // The clone's dependencies are the checkout's (npm ci there would fetch the same lock file's packages again).
    fs.symlinkSync(path.join(repoRoot, "node_modules"), path.join(clone, "node_modules"), "dir");
    const tarball = execFileSync("npm", ["pack", "--silent", "--pack-destination", dir], { cwd: clone, encoding: "utf8" }).trim().split("\n").pop()!;
    const project = path.join(dir, "project");
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "empty-project", version: "1.0.0", private: true }));
    execFileSync("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error", path.join(dir, tarball)], {
      cwd: project,
      stdio: "inherit",
    });
    installed = path.join(project, "node_modules", "pulumi-customer-groups");
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("holds main, types, bin, the policy pack, the schema and the changelog, at version 0.2.0", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(installed, "package.json"), "utf8")) as { version: string; main: string; types: string };
    expect(manifest.version).to.equal("0.2.0");
    for (const file of [
      manifest.main,
      manifest.types,
      "dist/cli/main.js",
      "dist/provider/commercetools/provider.js",
      "dist/policy/index.js",
      "policy/PulumiPolicy.yaml",
      "policy/package.json",
      "schema/groups.schema.json",
      "CHANGELOG.md",
    ]) {
      expect(fs.existsSync(path.join(installed, file)), file).to.equal(true);
    }
  });

  it("its bin runs, and the SDK loads in the project", () => {
    const project = path.dirname(path.dirname(installed));
    const help = execFileSync(path.join(project, "node_modules", ".bin", "pulumi-customer-groups"), ["--help"], { cwd: project, encoding: "utf8" });
    expect(help).to.match(/^Usage: pulumi-customer-groups /m);
    const loaded = execFileSync(
      process.execPath,
      ["-e", "const cg = require('pulumi-customer-groups'); console.log(typeof cg.fromConfig, typeof cg.commercetools.CustomerGroup)"],
      { cwd: project, encoding: "utf8" },
    );
    expect(loaded.trim()).to.equal("function function");
  });
});
