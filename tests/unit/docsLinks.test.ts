// Unit tests of the documentation's links: every relative link and `#anchor` in README.md and docs/*.md points at a file or
// directory of the repository and at a heading that exists (under GitHub's slug rules), the README stays a short product
// page, and every file the README links to is in the npm package, so that its links also work where the package is installed.

import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect } from "chai";

/** The repository: the tests compile to build/, where this file is build/tests/unit. */
const repoRoot = path.resolve(__dirname, "..", "..", "..");

/** The README is a product page; the manual is in docs/. */
const readmeMaxLines = 250;

/** A link as written in a Markdown file: the file (relative to the repository), its line, and the target. */
interface Link {
  file: string;
  line: number;
  target: string;
}

/** A link that does not resolve, and why. */
interface Broken {
  link: Link;
  reason: string;
}

/** The Markdown files whose links are checked, relative to the repository: README.md, then docs/*.md in name order. */
function markdownFiles(): string[] {
  const docsDir = path.join(repoRoot, "docs");
  const docs = fs.existsSync(docsDir)
    ? fs
        .readdirSync(docsDir)
        .filter((name) => name.endsWith(".md"))
        .sort()
        .map((name) => `docs/${name}`)
    : [];
  return ["README.md", ...docs];
}

/** The number of lines of a text, as `wc -l` counts them (plus a last line without a newline). */
function lineCount(text: string): number {
  const newlines = text.split("\n").length - 1;
  return text.length === 0 || text.endsWith("\n") ? newlines : newlines + 1;
}

/**
 * The text with every fenced code block (``` or ~~~, indented or not) blanked out, line breaks kept, so that offsets still
 * give the right line numbers.
 */
function withoutFencedCode(text: string): string {
  const lines = text.split("\n");
  let fence: { char: string; length: number } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const opening = /^\s*(`{3,}|~{3,})/.exec(lines[i]);
    if (fence === undefined) {
      if (opening && !(opening[1][0] === "`" && lines[i].slice(opening[0].length).includes("`"))) {
        fence = { char: opening[1][0], length: opening[1].length };
        lines[i] = "";
      }
    } else {
      const closing = /^\s*(`{3,}|~{3,})\s*$/.exec(lines[i]);
      if (closing && closing[1][0] === fence.char && closing[1].length >= fence.length) fence = undefined;
      lines[i] = "";
    }
  }
  return lines.join("\n");
}

/** The text with every inline code span blanked out (a span may wrap within its paragraph), line breaks kept. */
function withoutCodeSpans(text: string): string {
  return text.replace(/(`+)(?!`)((?:(?!\n[ \t]*\n)[\s\S])*?)(?<!`)\1(?!`)/g, (span) => span.replace(/[^\n]/g, " "));
}

/** The line (from 1) of an offset in a text. */
function lineAt(text: string, offset: number): number {
  return text.slice(0, offset).split("\n").length;
}

/** Every link of a Markdown text: `[text](target)`, `![alt](target)`, `[label]: target` and `<a href="target">`, outside code. */
function linksOf(file: string, text: string): Link[] {
  const prose = withoutCodeSpans(withoutFencedCode(text));
  const found: { offset: number; target: string }[] = [];
  const inline = /!?\[(?:[^[\]]|\[[^[\]]*\])*\]\(\s*(<[^>\n]*>|[^\s)]+)(?:\s+(?:"[^"\n]*"|'[^'\n]*'|\([^)\n]*\)))?\s*\)/g;
  for (const m of prose.matchAll(inline)) found.push({ offset: m.index, target: m[1].replace(/^<(.*)>$/, "$1") });
  const definition = /^ {0,3}\[[^\]\n]+\]:[ \t]*(<[^>\n]*>|\S+)/gm;
  for (const m of prose.matchAll(definition)) found.push({ offset: m.index, target: m[1].replace(/^<(.*)>$/, "$1") });
  const anchorTag = /<a\s[^>]*?\bhref\s*=\s*(["'])(.*?)\1/gi;
  for (const m of prose.matchAll(anchorTag)) found.push({ offset: m.index, target: m[2] });
  return found.sort((a, b) => a.offset - b.offset).map(({ offset, target }) => ({ file, line: lineAt(prose, offset), target }));
}

/** GitHub's anchor for a heading's text: lower case, punctuation and symbols removed, each space a `-`. */
function slugOf(heading: string): string {
  return heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<[^>]*>/g, "")
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, "")
    .replace(/ /g, "-");
}

/** The anchors of a Markdown text: its headings' slugs (a repeated one gets `-1`, `-2`...) and explicit `id`/`name` anchors. */
function anchorsOf(text: string): Set<string> {
  const prose = withoutFencedCode(text);
  const anchors = new Set<string>();
  const occurrences = new Map<string, number>();
  for (const m of prose.matchAll(/^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/gm)) {
    const base = slugOf(m[1]);
    let slug = base;
    while (occurrences.has(slug)) {
      const n = (occurrences.get(base) ?? 0) + 1;
      occurrences.set(base, n);
      slug = `${base}-${n}`;
    }
    occurrences.set(slug, 0);
    anchors.add(slug);
  }
  for (const m of prose.matchAll(/<[a-z][^>]*?\b(?:id|name)\s*=\s*(["'])(.*?)\1/gi)) anchors.add(m[2]);
  return anchors;
}

/** A link to another site or an e-mail address: not checked. */
function isExternal(target: string): boolean {
  return /^(https?:|mailto:)/i.test(target);
}

/**
 * Why a link does not resolve in the repository, or undefined when it does. `read` gives a Markdown file's text by its path
 * relative to the repository (undefined when there is no such file); `exists` says whether a path is a file or directory.
 */
function brokenReason(link: Link, read: (file: string) => string | undefined, exists: (file: string) => boolean): string | undefined {
  const hash = link.target.indexOf("#");
  const pathPart = (hash < 0 ? link.target : link.target.slice(0, hash)).replace(/\?.*$/, "");
  const anchor = hash < 0 ? undefined : link.target.slice(hash + 1);
  if (/^[a-z][a-z0-9+.-]*:/i.test(pathPart)) return "a link to another scheme than http(s) or mailto";
  if (pathPart.startsWith("/")) return "an absolute path: write it relative to the file";
  let decodedPath: string;
  let decodedAnchor: string | undefined;
  try {
    decodedPath = decodeURIComponent(pathPart);
    decodedAnchor = anchor === undefined ? undefined : decodeURIComponent(anchor);
  } catch {
    return "not a valid URL encoding";
  }
  const file = decodedPath === "" ? link.file : path.posix.normalize(path.posix.join(path.posix.dirname(link.file), decodedPath)).replace(/\/$/, "");
  if (file === ".." || file.startsWith("../")) return "outside the repository";
  if (!exists(file)) return `no such file or directory: ${file}`;
  if (decodedAnchor === undefined) return undefined;
  if (decodedAnchor === "") return "an empty anchor";
  if (!file.endsWith(".md")) return `an anchor on a file that is not Markdown: ${file}`;
  const text = read(file);
  if (text === undefined) return `cannot read ${file}`;
  if (!anchorsOf(text).has(decodedAnchor)) return `no heading with the anchor #${decodedAnchor} in ${file}`;
  return undefined;
}

/** The repository's path of a link's target without its anchor (the file itself for `#anchor`); undefined for external links. */
function targetPath(link: Link): string | undefined {
  if (isExternal(link.target)) return undefined;
  const pathPart = link.target.replace(/[#?].*$/, "");
  if (pathPart === "") return link.file;
  return path.posix.normalize(path.posix.join(path.posix.dirname(link.file), decodeURIComponent(pathPart))).replace(/\/$/, "");
}

/** The report of broken links, one a line: `file:line → target: reason`. */
function report(broken: Broken[]): string {
  return `${broken.length} broken link(s):\n${broken.map(({ link, reason }) => `  ${link.file}:${link.line} → ${link.target}: ${reason}`).join("\n")}`;
}

function readInRepo(file: string): string | undefined {
  const full = path.join(repoRoot, file);
  return fs.existsSync(full) && fs.statSync(full).isFile() ? fs.readFileSync(full, "utf8") : undefined;
}

function existsInRepo(file: string): boolean {
  return fs.existsSync(path.join(repoRoot, file));
}

/** The paths `npm pack` puts in the package (run once, without lifecycle scripts, writing nothing). */
function packedFiles(): string[] {
  const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
    cwd: repoRoot,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    maxBuffer: 64 * 1024 * 1024,
  });
  const parsed = JSON.parse(out) as { files: { path: string }[] }[];
  return parsed.flatMap((entry) => entry.files.map((f) => f.path.replace(/\\/g, "/")));
}

describe("docs: README.md and docs/*.md", function () {
  const files = markdownFiles();
  const links = files.flatMap((file) => linksOf(file, readInRepo(file) ?? ""));

  it("the README is at most 250 lines, and the architecture page exists", () => {
    const readme = readInRepo("README.md");
    expect(readme, "README.md").to.be.a("string");
    expect(lineCount(readme ?? ""), "lines of README.md").to.be.at.most(readmeMaxLines);
    expect(existsInRepo("docs/architecture.md"), "docs/architecture.md exists").to.equal(true);
  });

  it("every relative link points at a file or directory of the repository, and every #anchor at a heading", () => {
    expect(files.length, "Markdown files checked").to.be.greaterThan(1);
    expect(links.length, "links found").to.be.greaterThan(0);
    const broken: Broken[] = [];
    for (const link of links) {
      if (isExternal(link.target)) continue;
      const reason = brokenReason(link, readInRepo, existsInRepo);
      if (reason !== undefined) broken.push({ link, reason });
    }
    if (broken.length > 0) expect.fail(report(broken));
  });

  it("every relative link of the README points at a path in the npm package", function () {
    this.timeout(60000);
    const packed = packedFiles();
    expect(packed, "npm pack's files").to.include("README.md");
    const broken: Broken[] = [];
    for (const link of links.filter((l) => l.file === "README.md")) {
      const target = targetPath(link);
      if (target === undefined) continue;
      if (!packed.includes(target) && !packed.some((f) => f.startsWith(`${target}/`))) {
        broken.push({ link, reason: `${target} is not in the npm package (see "files" in package.json)` });
      }
    }
    if (broken.length > 0) expect.fail(report(broken));
  });
});

describe("docs: the link checker itself", function () {
  const page = [
    "# A title",
    "",
    "## Config repos: groups as data files",
    "## `npx pulumi-customer-groups drift`",
    "## cg.commercetools.CustomerGroup",
    "## Names",
    "## Names",
    "",
    "[ok](#names-1) [gone](#nowhere) [file](missing.md) `[in code](missing-in-code.md)`",
    "[site](https://example.com) [mail](mailto:someone@example.com)",
    "```md",
    "[in a fence](missing-in-fence.md)",
    "# not a heading",
    "```",
    '<a href="other.md#config-repos-groups-as-data-files">tag</a>',
  ].join("\n");

  it("finds links outside code only, with their lines", () => {
    expect(linksOf("docs/page.md", page).map((l) => `${l.line} ${l.target}`)).to.deep.equal([
      "9 #names-1",
      "9 #nowhere",
      "9 missing.md",
      "10 https://example.com",
      "10 mailto:someone@example.com",
      "15 other.md#config-repos-groups-as-data-files",
    ]);
  });

  it("gives headings GitHub's anchors, repeated ones numbered", () => {
    expect([...anchorsOf(page)]).to.deep.equal([
      "a-title",
      "config-repos-groups-as-data-files",
      "npx-pulumi-customer-groups-drift",
      "cgcommercetoolscustomergroup",
      "names",
      "names-1",
    ]);
    expect(slugOf("RevCent: cg.revcent.CustomerGroup and the member queries")).to.equal("revcent-cgrevcentcustomergroup-and-the-member-queries");
    expect(slugOf("Onboarding a store: `npx pulumi-customer-groups export`")).to.equal("onboarding-a-store-npx-pulumi-customer-groups-export");
  });

  it("reports a missing file, a missing heading and a path outside the repository", () => {
    const texts: Record<string, string> = { "docs/page.md": page, "docs/other.md": "# Config repos: groups as data files\n" };
    const read = (file: string) => texts[file];
    const exists = (file: string) => file in texts || file === "docs";
    const reason = (target: string) => brokenReason({ file: "docs/page.md", line: 1, target }, read, exists);
    expect(reason("#names-1")).to.equal(undefined);
    expect(reason("other.md#config-repos-groups-as-data-files")).to.equal(undefined);
    expect(reason("../docs")).to.equal(undefined);
    expect(reason("#nowhere")).to.equal("no heading with the anchor #nowhere in docs/page.md");
    expect(reason("other.md#names")).to.equal("no heading with the anchor #names in docs/other.md");
    expect(reason("missing.md")).to.equal("no such file or directory: docs/missing.md");
    expect(reason("../../outside.md")).to.equal("outside the repository");
  });
});
