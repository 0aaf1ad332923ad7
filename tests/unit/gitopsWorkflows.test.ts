// Unit tests of examples/gitops's GitHub Actions workflows: every `pulumi-customer-groups` command they run exists with
// the options given (checked against the CLI's own command table), every `pulumi` command targets the same stack, the
// secrets come from the repository's secrets, and the drift job fails exactly when the check exits non-zero.

import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { parse } from "yaml";
import { commands } from "../../cli/main";
import { applyCommand } from "../../cli/review";

/** The example in the sources: the tests compile to build/, where this file is build/tests/unit. */
const example = path.resolve(__dirname, "../../../examples/gitops");
const workflowsDir = path.join(example, ".github/workflows");

interface Step {
  name?: string;
  run?: string;
  uses?: string;
}
interface Workflow {
  on: Record<string, unknown>;
  env?: Record<string, string>;
  jobs: Record<string, { steps: Step[] }>;
}

/** The options of a command as the workflows may use them: name -> takes a value. */
function optionsOf(command: string): Map<string, boolean> | undefined {
  const entry = Object.hasOwn(commands, command) ? commands[command] : undefined;
  return entry && new Map(Object.entries(entry.options).map(([name, spec]) => [name, spec.type === "string"]));
}

interface Invocation {
  workflow: string;
  program: "pulumi-customer-groups" | "pulumi";
  args: string[];
}

/** Each command line of a `run:` script that starts one of the programs, up to the first shell operator. */
function invocations(workflow: string, script: string): Invocation[] {
  const found: Invocation[] = [];
  for (const line of script.replace(/\\\n/g, " ").split("\n")) {
    const words = line.trim().split(/\s+/);
    for (let i = 0; i < words.length; i++) {
      const word = words[i] === "node_modules/.bin/pulumi-customer-groups" ? "pulumi-customer-groups" : words[i];
      const program = word === "pulumi-customer-groups" ? "pulumi-customer-groups" : word === "pulumi" ? "pulumi" : undefined;
      if (!program || (i > 0 && !["npx", "run", "||", "&&", ";"].includes(words[i - 1]!))) continue;
      const args: string[] = [];
      for (const word of words.slice(i + 1)) {
        if (/^(\|\||&&|;|\||>|2>|<)/.test(word)) break;
        args.push(word);
      }
      found.push({ workflow, program, args });
    }
  }
  return found;
}

const workflows = (): Record<string, Workflow> =>
  Object.fromEntries(
    fs
      .readdirSync(workflowsDir)
      .filter((f) => f.endsWith(".yml"))
      .map((f) => [f, parse(fs.readFileSync(path.join(workflowsDir, f), "utf8")) as Workflow]),
  );

/** The script the sandbox review runs. */
const sandboxScript = "ci/review-in-sandbox.sh";

const allInvocations = (): Invocation[] => [
  ...Object.entries(workflows()).flatMap(([file, w]) =>
    Object.values(w.jobs).flatMap((job) => job.steps.flatMap((step) => (step.run ? invocations(file, step.run) : []))),
  ),
  ...invocations(sandboxScript, fs.readFileSync(path.join(example, sandboxScript), "utf8")),
];

/** The workflows that act on the real stores (the sandbox review has no store and no secret). */
const onStores = (file: string) => file !== "review-sandbox.yml" && file !== sandboxScript;

describe("examples/gitops: the workflows", () => {
  it("are the jobs a team runs: review on pull requests (also in the sandbox), apply on push to main, drift on a schedule", () => {
    const w = workflows();
    expect(Object.keys(w).sort()).to.deep.equal(["apply.yml", "drift.yml", "review-sandbox.yml", "review.yml"]);
    expect(w["review.yml"]!.on).to.have.property("pull_request");
    expect(w["review-sandbox.yml"]!.on).to.have.property("pull_request");
    const sandboxSteps = w["review-sandbox.yml"]!.jobs["review-sandbox"]!.steps.map((step) => step.run ?? "");
    expect(sandboxSteps).to.include('bash ci/review-in-sandbox.sh "origin/${{ github.base_ref }}" review.md');
    expect(w["apply.yml"]!.on).to.deep.include({ push: { branches: ["main"] } });
    expect(w["drift.yml"]!.on).to.have.property("schedule");
  });

  it("run the review, drift and apply commands, each with the prod stack (the sandbox review with its own throwaway stack)", () => {
    const used = allInvocations().map((i) => `${i.workflow}: ${i.program} ${i.args.join(" ")}`);
    expect(used).to.include.members([
      "review.yml: pulumi-customer-groups review --stack prod --refresh --policy-pack node_modules/pulumi-customer-groups/policy --policy-pack-config policy-config.json --fail-on violation --out review.md",
      "apply.yml: pulumi up --yes --stack prod --refresh --policy-pack node_modules/pulumi-customer-groups/policy --policy-pack-config policy-config.json",
      "drift.yml: pulumi-customer-groups drift --stack prod --out drift.txt",
      `${sandboxScript}: pulumi-customer-groups sandbox --port 0 --seed "$work/base/$data" --serve "$data" --write-env "$work/sandbox.env"`,
      `${sandboxScript}: pulumi up --yes --skip-preview --stack sandbox --non-interactive`,
      `${sandboxScript}: pulumi-customer-groups review --stack sandbox --no-counts --out "$report"`,
    ]);
    for (const invocation of allInvocations()) {
      const stack = invocation.args.indexOf("--stack");
      if (stack < 0) continue;
      expect(invocation.args[stack + 1], `${invocation.workflow}: ${invocation.args.join(" ")}`).to.equal(onStores(invocation.workflow) ? "prod" : "sandbox");
    }
  });

  it("apply exactly the command the review describes: the same stack, --refresh and policy pack (what the reviewer approved is what runs)", () => {
    const review = allInvocations().find((i) => i.workflow === "review.yml" && i.program === "pulumi-customer-groups")!;
    const apply = allInvocations().find((i) => i.workflow === "apply.yml" && i.program === "pulumi")!;
    const value = (args: string[], flag: string) => (args.includes(flag) ? [args[args.indexOf(flag) + 1]!] : []);
    const described = applyCommand({
      stack: value(review.args, "--stack")[0]!,
      refresh: review.args.includes("--refresh"),
      policyPacks: value(review.args, "--policy-pack"),
      policyPackConfigs: value(review.args, "--policy-pack-config"),
    });
    expect(["pulumi", ...apply.args.filter((a) => a !== "--yes")].join(" ")).to.equal(described);
    expect(described).to.include("--refresh").and.include("--policy-pack node_modules/pulumi-customer-groups/policy");
    expect(fs.existsSync(path.join(example, "policy-config.json"))).to.equal(true);
  });

  it("give every pulumi-customer-groups command only options that command has, each with its value", () => {
    const checked: string[] = [];
    for (const { workflow, program, args } of allInvocations()) {
      if (program !== "pulumi-customer-groups") continue;
      const [command, ...rest] = args;
      const where = `${workflow}: ${program} ${args.join(" ")}`;
      const options = optionsOf(command ?? "");
      expect(options, `${where}: '${command}' is not a command of the CLI`).to.not.equal(undefined);
      for (let i = 0; i < rest.length; i++) {
        const word = rest[i]!;
        expect(word, `${where}: '${word}' is not an option`).to.match(/^--[a-z]/);
        const name = word.slice(2).split("=")[0]!;
        expect(options!.has(name), `${where}: ${command} has no option --${name}`).to.equal(true);
        if (options!.get(name) && !word.includes("=")) {
          expect(rest[i + 1], `${where}: --${name} needs a value`).to.match(/^[^-]/);
          i++;
        }
      }
      checked.push(command!);
    }
    expect(checked.sort()).to.deep.equal(["drift", "review", "review", "sandbox"]);
  });

  it("take the credentials from the repository's secrets as the variables the provider reads, never in clear", () => {
    for (const [file, w] of Object.entries(workflows()).filter(([f]) => onStores(f))) {
      for (const name of ["PULUMI_CONFIG_PASSPHRASE", "CTP_CLIENT_SECRET", "BIGCOMMERCE_ACCESS_TOKEN", "REVCENT_API_KEY"]) {
        expect(w.env?.[name], `${file}: ${name}`).to.equal(`\${{ secrets.${name} }}`);
      }
    }
  });

  it("fail the drift job exactly when the check finds drift (2) or fails (1), and keep the report either way", async () => {
    const step = workflows()["drift.yml"]!.jobs.drift!.steps.find((s) => s.run?.includes("pulumi-customer-groups drift"));
    expect(step?.run).to.be.a("string");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cg-gitops-"));
    try {
      // A stand-in `npx` that writes a report and exits with the code asked for.
      fs.writeFileSync(path.join(dir, "npx"), '#!/bin/sh\necho "report of $*" > drift.txt\nexit "$DRIFT_EXIT"\n', { mode: 0o755 });
      const runStep = (code: number) =>
        new Promise<{ code: number; stdout: string }>((resolve) =>
          execFile(
            "bash",
            ["-e", "-o", "pipefail", "-c", step!.run!],
            { cwd: dir, env: { PATH: `${dir}${path.delimiter}${process.env.PATH}`, DRIFT_EXIT: String(code) } },
            (error, stdout) => resolve({ code: error ? Number(error.code) : 0, stdout }),
          ),
        );
      for (const code of [0, 1, 2]) {
        const result = await runStep(code);
        expect(result.code, `the check exits ${code}`).to.equal(code);
        expect(result.stdout).to.include("report of pulumi-customer-groups drift --stack prod --out drift.txt");
      }
      expect((await runStep(2)).stdout).to.include("::error::");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
