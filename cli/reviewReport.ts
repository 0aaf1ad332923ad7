// The review as Markdown for a pull-request comment: the command it describes, a summary and a table, then per changed
// group its fields, the requests `pulumi up` will send and the warnings; folded per backend, and cut to stay under a
// comment's size. Every value is inert (cli/markdown.ts); `reviewJson` gives the same report as plain data.

import type { FieldChange } from "../provider/explain";
import { backends, registry } from "../provider/registry";
import { plain, type Text } from "../provider/text";
import { codeBlock, codeSpan, markdownOf, type Place } from "./markdown";
import type { GroupNote, GroupReview, PolicyViolation, ReviewReport, Whereabouts } from "./review";

/** GitHub refuses comments over 65,536 characters; the report stays under this. */
export const maxReportLength = 60_000;

const placeOf = (w: Whereabouts | undefined, place: Place): string | undefined => (w?.scope ? `${w.scope.kind} ${codeSpan(w.scope.id, place)}` : undefined);

function where(group: GroupReview): string {
  if (group.from && group.to) return `${placeOf(group.from, "cell")} → ${placeOf(group.to, "cell")}`;
  const parts = [placeOf(group, "cell"), group.connection !== undefined ? `connection ${codeSpan(group.connection, "cell")}` : undefined].filter(Boolean);
  return parts.length > 0 ? parts.join(", ") : "-";
}

/** The group as the merchant knows it, then its resource name: `` `Clearance Only` (id `12`, resource `clearance-only`) ``. */
export function titleOf(group: Pick<GroupReview, "group" | "name">, place: Place = "text"): string {
  const name = group.group.name !== undefined ? `${codeSpan(group.group.name, place)} ` : "";
  const id = group.group.id !== undefined ? `id ${codeSpan(group.group.id, place)}` : "new";
  return `${name}(${id}, resource ${codeSpan(group.name, place)})`;
}

/** What the step does, as the section's heading says it: a move names both places. */
function actionOf(group: GroupReview): string {
  const refused = group.refused !== undefined ? ", refused: `pulumi up` sends nothing" : "";
  if (group.from && group.to) return `moves from ${placeOf(group.from, "text")} to ${placeOf(group.to, "text")} (replace${refused})`;
  return `${group.action}${refused}${group.scope ? ` (${placeOf(group, "text")})` : ""}`;
}

const fieldLines = (fields: readonly FieldChange[]): string[] => fields.map((f) => `- ${markdownOf(f.field)}: ${markdownOf(f.text)}`);

function groupSection(group: GroupReview): string {
  const lines = [`#### ${titleOf(group)}: ${actionOf(group)}`, ""];
  for (const warning of group.warnings) lines.push(`> **Warning:** ${markdownOf(warning)}`, ">");
  if (group.warnings.length > 0) lines.pop();
  if (group.warnings.length > 0) lines.push("");
  const counted = group.from ? `Customers in the group in ${placeOf(group.from, "text")}` : "Customers in the group";
  if (group.customers !== undefined) {
    const who = group.customers === 1 ? "1 customer" : `${group.customers} customers`;
    const goes = group.action === "delete" || group.action === "replace";
    const what =
      goes && group.refused !== undefined
        ? `${group.customers === 1 ? "keeps" : "keep"} it: \`pulumi up\` refuses the delete`
        : goes
          ? `lose${group.customers === 1 ? "s" : ""} its prices and discounts`
          : `${group.customers === 1 ? "is" : "are"} affected by this change`;
    lines.push(`${counted}: **${group.customers}** (${group.customers === 0 ? "nobody" : who} ${group.customers === 0 ? "is affected" : what}).`, "");
  } else if (group.notCounted !== undefined) {
    lines.push(`${counted}: not counted (${markdownOf(group.notCounted)}).`, "");
  }
  if (group.fields.length > 0) lines.push(...fieldLines(group.fields), "");
  if (group.requests.length > 0) {
    const requests = group.requests.flatMap((r) => [`${r.method} ${r.path}`, ...(r.body !== undefined ? [JSON.stringify(r.body)] : [])]);
    lines.push("Requests `pulumi up` will send:", "", ...codeBlock("http", requests), "");
  } else {
    lines.push("`pulumi up` sends no write for this group.", "");
  }
  return lines.join("\n");
}

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;

function violationLine(v: PolicyViolation): string {
  // A stack policy's violation is about the stack, whose name says nothing here.
  const resource = v.urn && !v.urn.includes("::pulumi:pulumi:Stack::") ? ` ${codeSpan(v.urn.slice(v.urn.lastIndexOf("::") + 2))}` : "";
  const message = v.message.split("\n").pop() ?? "";
  return `- [${v.level}] ${codeSpan(v.policy)}${resource}: ${codeSpan(message)}${v.existing ? " (already in the store before this change)" : ""}`;
}

/**
 * The policy packs' findings, first. A mandatory violation means that the command the report describes (which runs the
 * same pack) refuses the merge; one already in the store before the change is told apart, since every change is refused
 * until it is fixed, whoever brings it.
 */
function violationLines(report: ReviewReport): string[] {
  if (report.violations === undefined) return [];
  if (report.violations.length === 0) return ["**Policies:** no violation.", ""];
  const brought = report.violations.filter((v) => !v.existing);
  const mandatory = brought.filter((v) => v.level === "mandatory").length;
  const existingMandatory = report.violations.filter((v) => v.existing && v.level === "mandatory").length;
  const heading =
    mandatory > 0
      ? `**Policies: the command above refuses this merge** (${plural(mandatory, "mandatory violation")}; \`pulumi up\` with the pack stops before any request):`
      : existingMandatory > 0
        ? `**Policies:** this change brings ${brought.length === 0 ? "no violation" : plural(brought.length, "advisory violation")}; ` +
          `${plural(existingMandatory, "mandatory violation")} already in the store before it make${existingMandatory === 1 ? "s" : ""} the command above refuse every change until fixed:`
        : `**Policies:** ${plural(report.violations.length, "advisory violation")} (\`pulumi up\` goes ahead):`;
  // Those the change brings first, mandatory first.
  const rank = (v: PolicyViolation) => (v.existing ? 2 : 0) + (v.level === "mandatory" ? 0 : 1);
  const ordered = [...report.violations].sort((a, b) => rank(a) - rank(b));
  return [heading, "", ...ordered.map(violationLine), ""];
}

/** The groups that change nothing but now manage values the store already holds (or stop managing them). */
function noteLines(notes: readonly GroupNote[]): string[] {
  if (notes.length === 0) return [];
  const lines = ["Unchanged, but the declaration now names (or stops naming) values the stores hold; `pulumi up` sends nothing for them:", ""];
  for (const note of notes) lines.push(`- ${titleOf(note)}: ${note.fields.map((f) => `${markdownOf(f.field)} ${markdownOf(f.text)}`).join("; ")}`);
  return [...lines, ""];
}

/** The Markdown report. */
export function renderMarkdown(report: ReviewReport): string {
  const { summary } = report;
  const counts = (["create", "adopt", "update", "replace", "delete"] as const).filter((a) => summary[a] > 0).map((a) => `${summary[a]} to ${a}`);
  const changed = `${report.groups.length} of ${report.groups.length + summary.unchanged} groups change${summary.unchanged > 0 ? `; the ${summary.unchanged} unchanged are not listed` : ""}.`;
  const head = [
    `### Customer groups: ${counts.length > 0 ? counts.join(", ") : "no change"} (stack ${codeSpan(report.stack)})`,
    "",
    `What ${codeSpan(report.command)} will do: ${changed}`,
    ...(report.refreshed
      ? []
      : ["", "Reviewed without `--refresh`: edits made in the stores since the last `pulumi up` are not shown, and this command leaves them as they are."]),
    "",
    ...violationLines(report),
  ];
  if (report.groups.length === 0) return [...head, ...noteLines(report.notes)].join("\n").replace(/\n+$/, "\n");
  head.push("| backend | where | group | action |", "|---|---|---|---|");
  // Half the comment for the table at most; the details get what is left.
  let tableLength = 0;
  for (const [n, g] of report.groups.entries()) {
    const action = `${g.from ? "move" : g.action}${g.refused !== undefined ? " (refused)" : ""}`;
    const row = `| ${registry[g.backend].title} | ${where(g)} | ${titleOf(g, "cell")} | ${g.warnings.length > 0 ? `**${action}** ⚠️` : action} |`;
    if (tableLength + row.length > maxReportLength / 2) {
      head.push(`| … | | ${report.groups.length - n} more groups | |`);
      break;
    }
    tableLength += row.length + 1;
    head.push(row);
  }
  head.push("", ...noteLines(report.notes), "");
  let text = head.join("\n");
  const budget = maxReportLength - 500;
  for (const { name: backend, title } of backends) {
    const groups = report.groups.filter((g) => g.backend === backend);
    if (groups.length === 0) continue;
    const sections: string[] = [];
    let omitted = 0;
    for (const g of groups) {
      const section = groupSection(g);
      if (text.length + sections.join("\n").length + section.length > budget) omitted++;
      else sections.push(section);
    }
    if (omitted > 0) sections.push(`_${omitted} more ${title} group${omitted === 1 ? "" : "s"} not shown (the comment's size); \`--json\` lists every one._\n`);
    text += [`<details open><summary>${title}: ${groups.length} group${groups.length === 1 ? "" : "s"}</summary>`, "", ...sections, "</details>", ""].join(
      "\n",
    );
  }
  return text;
}

const plainFields = (fields: readonly FieldChange[]) => fields.map((f) => ({ ...f, field: plain(f.field), text: plain(f.text) }));
const plainText = (key: "notCounted" | "refused", text: Text | undefined) => (text === undefined ? {} : { [key]: plain(text) });

/** The report as plain data (`--json`, described by schema/review.schema.json): texts in plain words. */
export function reviewJson(report: ReviewReport): object {
  return {
    ...report,
    groups: report.groups.map((g) => ({
      ...g,
      fields: plainFields(g.fields),
      warnings: g.warnings.map(plain),
      ...plainText("notCounted", g.notCounted),
      ...plainText("refused", g.refused),
    })),
    notes: report.notes.map((n) => ({ ...n, fields: plainFields(n.fields) })),
  };
}
