// Unit tests: the code map of docs/architecture.md holds. No import circles; every backend is one module that only the
// registry (and the SDK's index, for its namespace) reaches into; the sandbox and the provider share only what
// sandbox/README.md lists.

import fs from "node:fs";
import path from "node:path";
import { expect } from "chai";
import ts from "typescript";
import { backendNames } from "../../provider/registry";

const root = path.resolve(__dirname, "..", "..", "..");
/** The folders of the product and its tooling (tests may import anything). */
const sourceFolders = ["provider", "sdk", "cli", "sandbox", "bench"];

/** Every TypeScript file below a folder, as a path relative to the repository (`provider/lifecycle.ts`). */
function sources(folder: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = path.posix.join(dir, entry.name);
      if (entry.isDirectory()) walk(rel);
      else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) out.push(rel);
    }
  };
  walk(folder);
  return out;
}

/** Modules the build writes (not sources): the schemas' validators, compiled by provider/schemas/compile.ts. */
const generated = new Set(["provider/schemas/compiled.js"]);

/** The repository files a file imports (relative imports, type-only ones included; packages and generated modules are left out). */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(root, file), "utf8");
  const specifiers = ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
  return specifiers
    .filter((s) => s.startsWith(".") && !generated.has(path.posix.join(path.posix.dirname(file), s)))
    .map((s) => {
      const base = path.posix.normalize(path.posix.join(path.posix.dirname(file), s.replace(/\.js$/, "")));
      const found = [`${base}.ts`, `${base}/index.ts`].find((candidate) => fs.existsSync(path.join(root, candidate)));
      if (!found) throw new Error(`${file} imports '${s}', which resolves to no file`);
      return found;
    });
}

const files = sourceFolders.flatMap(sources);
const graph = new Map(files.map((f) => [f, importsOf(f)]));

/** The strongly connected components with more than one file (or a file importing itself): the import circles. */
function circles(): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const lowlink = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const connect = (v: string) => {
    indices.set(v, index);
    lowlink.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!indices.has(w)) {
        connect(w);
        lowlink.set(v, Math.min(lowlink.get(v)!, lowlink.get(w)!));
      } else if (onStack.has(w)) lowlink.set(v, Math.min(lowlink.get(v)!, indices.get(w)!));
    }
    if (lowlink.get(v) === indices.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!indices.has(v)) connect(v);
  return found;
}

/** The backend a file belongs to (`provider/<backend>/...`), or undefined. */
const backendOf = (file: string): string | undefined => backendNames.find((b) => file.startsWith(`provider/${b}/`));

/** `from -> to` for every import that breaks `rule`. */
function violations(rule: (from: string, to: string) => boolean): string[] {
  return [...graph].flatMap(([from, tos]) => tos.filter((to) => !rule(from, to)).map((to) => `${from} -> ${to}`));
}

describe("the code map (docs/architecture.md)", () => {
  it("reads the imports of every source file", () => {
    expect(files.length).to.be.greaterThan(100);
    expect(graph.get("provider/registry.ts")).to.include.members(backendNames.map((b) => `provider/${b}/index.ts`));
  });

  it("has no import circle", () => {
    expect(circles()).to.deep.equal([]);
  });

  it("finds a circle when there is one (the check itself can fail)", () => {
    graph.set("provider/a.ts", ["provider/b.ts"]);
    graph.set("provider/b.ts", ["provider/a.ts"]);
    try {
      expect(circles()).to.deep.equal([["provider/a.ts", "provider/b.ts"]]);
    } finally {
      graph.delete("provider/a.ts");
      graph.delete("provider/b.ts");
    }
  });

  it("lets only the registry reach into a backend, and the SDK's index take its namespace (sdk.ts)", () => {
    const allowed = (from: string, to: string) => {
      const target = backendOf(to);
      // The sandbox's own rule is below.
      if (target === undefined || backendOf(from) === target || from.startsWith("sandbox/")) return true;
      if (from === "provider/registry.ts") return to === `provider/${target}/index.ts`;
      if (from === "sdk/index.ts") return to === `provider/${target}/sdk.ts`;
      return false;
    };
    expect(violations(allowed)).to.deep.equal([]);
  });

  it("keeps the shared provider code, and each backend, out of the commands, the SDK, the sandbox and the bench", () => {
    const outside = /^(cli|sdk|sandbox|bench)\//;
    expect(violations((from, to) => !from.startsWith("provider/") || !outside.test(to))).to.deep.equal([]);
  });

  it("shares between the sandbox and the provider only what sandbox/README.md lists", () => {
    const readme = fs.readFileSync(path.join(root, "sandbox/README.md"), "utf8");
    const shared = new Set([...readme.matchAll(/`(provider\/[\w/]+\.ts)`/g)].map((m) => m[1]!));
    expect(shared.size).to.be.greaterThan(0);
    expect(violations((from, to) => !from.startsWith("sandbox/") || !to.startsWith("provider/") || shared.has(to))).to.deep.equal([]);
  });
});
