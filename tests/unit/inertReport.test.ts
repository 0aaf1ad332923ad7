// Unit tests: no value from a file, a program or a store can change the structure of the review's Markdown as GitHub
// renders it, nor of drift's text. Each hostile value of tests/fixtures/hostile-values.json goes into every place a
// value reaches (store-side names and ids, custom fields, resource names, vendor and policy messages, paths), the
// report is rendered by cmark-gfm (GitHub's own parser, with its extensions and raw HTML let through as GitHub's
// sanitizer receives it), and the HTML is checked: the headings, one table row per changed group, every warning,
// customer count and request of the delete in the text, no raw HTML but ours, no link, image, mention or invisible
// character outside code.

import fs from "node:fs";
import path from "node:path";
import { expect } from "chai";
import cmark from "cmark-gfm";
import type { EngineEvent, OpType, StepEventMetadata } from "@pulumi/pulumi/automation";
import { renderText, type DriftReport } from "../../cli/drift";
import { codeBlock, codeSpan, markdownOf } from "../../cli/markdown";
import { applyCommand, type ReviewReport, reviewSteps } from "../../cli/review";
import { renderMarkdown, reviewJson } from "../../cli/reviewReport";
import { hasInvisible, plain, say, value, visible, visibleJson } from "../../provider/text";

const hostile = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../../tests/fixtures/hostile-values.json"), "utf8")) as {
  what: string;
  value: string;
}[];

/** GitHub's rendering: cmark-gfm with the extensions github.com enables; raw HTML kept, as its sanitizer then sees it. */
const render = (markdown: string): string =>
  cmark.renderHtmlSync(markdown, { unsafe: true, extensions: { table: true, strikethrough: true, autolink: true, tagfilter: true, tasklist: true } });

const decode = (html: string): string =>
  html
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
/** The text a reader sees, tags removed. */
const textOf = (html: string): string => decode(html.replace(/<[^>]*>/g, ""));
/** The HTML without what is inside code and code blocks (where GitHub links, mentions and renders nothing). */
const outsideCode = (html: string): string => html.replace(/<pre[^>]*>[\s\S]*?<\/pre>/g, "").replace(/<code>[\s\S]*?<\/code>/g, "<code></code>");
/** Every tag of the HTML, as written. */
const tags = (html: string): string[] => html.match(/<\/?[a-zA-Z][^>]*>/g) ?? [];
/** The tags the report's own Markdown makes. */
const allowed =
  /^<\/?(h3|h4|p|table|thead|tbody|tr|th|td|ul|li|blockquote|strong|em|code|pre|summary)>$|^<details open>$|^<\/details>$|^<code class="language-http">$|^<(th|td) align="[a-z]+">$/;

const bc = "pulumi-nodejs:dynamic/bigcommerce:CustomerGroup";
const ct = "pulumi-nodejs:dynamic/commercetools:CustomerGroup";
const rc = "pulumi-nodejs:dynamic/revcent:CustomerGroup";
const urn = (type: string, name: string) => `urn:pulumi:prod::repo::${type}::${name}`;
const state = (id: string, outputs: Record<string, unknown>, inputs: Record<string, unknown> = {}) => ({
  type: "",
  urn: "",
  custom: true,
  delete: false,
  id,
  parent: "",
  protect: false,
  inputs,
  outputs,
  provider: "",
});
function step(op: OpType, type: string, name: string, old?: ReturnType<typeof state>, news?: Record<string, unknown>, keys?: string[]): EngineEvent {
  const metadata = {
    op,
    urn: urn(type, name),
    type,
    provider: "",
    ...(old ? { old } : {}),
    ...(news ? { new: state("", {}, news) } : {}),
    ...(keys ? { keys } : {}),
  };
  return { sequence: 0, timestamp: 0, resourcePreEvent: { metadata: metadata as StepEventMetadata } };
}

/** A pull request where `v` reaches every place a value can: five groups of three backends, two violations, a vendor message. */
async function hostileReport(v: string): Promise<ReviewReport> {
  const events = [
    // The store's name of the group, edited in the admin, and a discount.
    step(
      "update",
      bc,
      "trade",
      state("7", {
        name: v,
        storeHash: "abc",
        groupId: 7,
        isDefault: false,
        categoryAccess: { type: "all" },
        discountRules: [{ type: "all", method: "percent", amount: 15 }],
        managed: ["discountRules"],
      }),
      {
        name: "Wholesale",
        discountRules: [{ type: "all", method: "percent", amount: 12.5 }],
      },
    ),
    // A delete of a group whose name, id, project, custom field name and value come from the store.
    step(
      "delete",
      ct,
      "silver",
      state(v, {
        name: v,
        key: "silver",
        projectKey: v,
        version: 3,
        custom: { type: { key: "group-fields", id: "t1" }, fields: { [v]: v } },
        managed: ["key", "custom"],
      }),
    ),
    step("replace", rc, "regulars", state("r1", { groupId: "r1", name: v, adoptedBy: { name: v }, declared: [] }), { name: "Regulars EU" }, ["name"]),
    // A custom field value from a data file, and a resource name from a program.
    step("create", ct, "gold", undefined, { name: "Gold", key: "gold", custom: { type: { key: "group-fields" }, fields: { tier: v } } }),
    step("create", bc, v.replace(/::/g, ":"), undefined, { name: "Outlet" }),
  ];
  const report = await reviewSteps(
    "prod",
    events,
    (key) => (key === "bigcommerce:storeHash" ? "abc" : key === "commercetools:projectKey" ? "shop" : undefined),
    {},
    false,
    false,
    true,
  );
  report.command = applyCommand({ stack: "prod", refresh: true, policyPacks: [`packs/${v}`] });
  const deleted = report.groups.find((g) => g.name === "silver")!;
  deleted.customers = 4;
  report.groups.find((g) => g.name === "trade")!.notCounted = say`the API account may not read customers (${value(v)})`;
  report.violations = [
    { policy: "max-discount", level: "mandatory", urn: urn(bc, "trade"), message: `max-discount: first line\n${v}` },
    { policy: v, level: "advisory", urn: urn(ct, v.replace(/::/g, ":")), message: v, existing: true },
  ];
  return report;
}

describe("inert text: no value restructures the review (cmark-gfm, GitHub's parser) or drift's text", () => {
  it(`renders each of ${hostile.length} hostile values as code: the same headings, table rows, warnings, counts and requests, nothing hidden`, async () => {
    expect(hostile.length).to.be.at.least(20);
    for (const { what, value: v } of hostile) {
      const report = await hostileReport(v);
      const markdown = renderMarkdown(report);
      const html = render(markdown);
      const context = `${what}: ${JSON.stringify(v)}`;

      // Only the report's own tags; no raw HTML of a value (a comment, a script, an image, a details block).
      expect(html, context).to.not.include("<!--");
      for (const tag of tags(html)) expect(tag, `${context}: ${tag}`).to.match(allowed);
      expect(
        tags(html).filter((t) => t === "<details open>"),
        context,
      ).to.have.length(3);
      // One heading for the report, one per group; one table row per group, each of four cells.
      expect(html.match(/<h3>/g), context).to.have.length(1);
      expect(html.match(/<h4>/g), context).to.have.length(report.groups.length);
      const rows = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)![1]!.match(/<tr>[\s\S]*?<\/tr>/g)!;
      expect(rows, context).to.have.length(report.groups.length);
      for (const row of rows) expect(row.match(/<td>/g), `${context}: ${row}`).to.have.length(4);
      // Outside code: no link, image, mention, issue reference, emoji code or invisible character GitHub could act on.
      const bare = textOf(outsideCode(html));
      expect(bare, context).to.not.match(/@\w|https?:|www\.|#\d|:[a-z0-9_+-]+:|\$/);
      expect(hasInvisible(bare.replace(/\n/g, "")), context).to.equal(false);

      // Everything a reviewer must read is there, as text: every warning, the delete's count and its request.
      const seen = textOf(html);
      for (const warning of report.groups.flatMap((g) => g.warnings)) expect(seen, context).to.include(textOf(render(markdownOf(warning))).trim());
      // In JSON, the same warnings in plain words.
      const json = reviewJson(report) as { groups: { warnings: string[] }[] };
      expect(
        json.groups.flatMap((g) => g.warnings),
        context,
      ).to.deep.equal(report.groups.flatMap((g) => g.warnings.map(plain)));
      expect(seen, context).to.include("Customers in the group: 4 (4 customers lose its prices and discounts).");
      expect(seen, context).to.include(`DELETE /${visibleJson(v)}/customer-groups/${visibleJson(v)}?version=3`);
      expect(seen, context).to.include("Requests pulumi up will send:");
      // A value shows as written, its invisible characters as escapes.
      expect(seen, context).to.include(visible(v));
    }
  });

  it("a code span keeps a value whole on one line, in a paragraph and in a table cell alike", () => {
    for (const { what, value: v } of hostile) {
      const paragraph = render(`before ${codeSpan(v)} after\n`);
      expect(paragraph, what).to.match(/^<p>before <code>[^<]*<\/code> after<\/p>\n$/);
      expect(decode(/<code>([^<]*)<\/code>/.exec(paragraph)![1]!), what).to.equal(visible(v));
      const table = render(`| a | b |\n|---|---|\n| ${codeSpan(v, "cell")} | z |\n`);
      expect(table.match(/<td>/g), what).to.have.length(2);
      expect(table, what).to.include("<td>z</td>");
    }
  });

  it("a code block holds any request body, however many backticks or line breaks it has", () => {
    for (const { what, value: v } of hostile) {
      const html = render([...codeBlock("http", [`POST /shop/customer-groups`, JSON.stringify({ name: v, fence: "````" })]), "", "after"].join("\n"));
      expect(html.match(/<pre>/g), what).to.have.length(1);
      expect(html, what).to.match(/<\/pre>\n<p>after<\/p>\n$/);
      expect(JSON.parse(decode(/\n(\{.*\})\n<\/code>/.exec(html)![1]!)).name, what).to.equal(v);
    }
  });

  it("drift's text is one line per field and group, whatever the names and values", () => {
    for (const { what, value: v } of hostile) {
      const report: DriftReport = {
        stack: "prod",
        checkedAt: "2026-12-07T00:00:00.000Z",
        groups: 3,
        drifted: [
          {
            urn: urn(bc, "trade"),
            backend: "bigcommerce",
            name: v,
            scope: { kind: "store", id: v },
            fields: [
              { path: v, live: v, declared: "Wholesale" },
              { path: "name", live: v, declared: "Gold", text: plain(say`live ${value(v)}, declared 'Gold'`) },
            ],
          },
          { urn: urn(ct, "gone"), backend: "commercetools", name: "gone", gone: true, fields: [] },
        ],
        undeclared: [{ backend: "bigcommerce", name: v, id: v, scope: { kind: "store", id: "abc" } }],
        notListed: [`revcent: ${v}`],
      };
      const lines = renderText(report).split("\n");
      // The summary, the group and its 2 fields, the gone group and its line, the undeclared group, the listing's note.
      expect(lines, what).to.have.length(14);
      expect(
        lines.filter((l) => l.startsWith("  ")),
        what,
      ).to.have.length(4);
      for (const line of lines) expect(visible(line), `${what}: ${JSON.stringify(line)}`).to.equal(line);
    }
  });
});
