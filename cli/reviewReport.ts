// The review as Markdown for a pull-request comment: a summary and a table, then per changed group its fields, the
// requests `pulumi up` will send and the warnings; folded per backend, and cut to stay under a comment's size.

import { backends, registry } from "../provider/registry";
import type { GroupReview, ReviewReport } from "./review";

/** GitHub refuses comments over 65,536 characters; the report stays under this. */
export const maxReportLength = 60_000;

const scopeOf = (group: GroupReview): string | undefined => (group.scope ? `${group.scope.kind} '${group.scope.id}'` : undefined);

function where(group: GroupReview): string {
  const parts = [scopeOf(group), group.connection !== undefined ? `connection '${group.connection}'` : undefined].filter(Boolean);
  return parts.length > 0 ? parts.join(", ") : "-";
}

/** The group as the merchant knows it, then its resource name: `'Clearance Only' (id 12) \`clearance-only\``. */
export function titleOf(group: GroupReview): string {
  const known = [group.group.name !== undefined ? `'${group.group.name}'` : undefined, group.group.id !== undefined ? `(id ${group.group.id})` : "(new)"];
  return `${known.filter(Boolean).join(" ")} \`${group.name}\``;
}

function groupSection(group: GroupReview): string {
  const lines = [`#### ${titleOf(group)}: ${group.action}${group.scope ? ` (${scopeOf(group)})` : ""}`, ""];
  for (const warning of group.warnings) lines.push(`> **Warning:** ${warning}`, ">");
  if (group.warnings.length > 0) lines.pop();
  if (group.warnings.length > 0) lines.push("");
  if (group.customers !== undefined) {
    const who = group.customers === 1 ? "1 customer" : `${group.customers} customers`;
    const goes = group.action === "delete" || group.action === "replace";
    const what = goes ? `lose${group.customers === 1 ? "s" : ""} its prices and discounts` : `${group.customers === 1 ? "is" : "are"} affected by this change`;
    lines.push(
      `Customers in the group: **${group.customers}** (${group.customers === 0 ? "nobody" : who} ${group.customers === 0 ? "is affected" : what}).`,
      "",
    );
  } else if (group.notCounted !== undefined) {
    lines.push(`Customers in the group: not counted (${group.notCounted}).`, "");
  }
  if (group.fields.length > 0) {
    for (const f of group.fields) lines.push(`- ${f.field}: ${f.text}`);
    lines.push("");
  }
  if (group.requests.length > 0) {
    lines.push("Requests `pulumi up` will send:", "", "```http");
    for (const r of group.requests) lines.push(`${r.method} ${r.path}`, ...(r.body !== undefined ? [JSON.stringify(r.body)] : []));
    lines.push("```", "");
  } else {
    lines.push("`pulumi up` sends no write for this group.", "");
  }
  return lines.join("\n");
}

/** The policy packs' findings, first: a mandatory one means `pulumi up` will refuse the merge. */
function violationLines(report: ReviewReport): string[] {
  if (report.violations === undefined) return [];
  if (report.violations.length === 0) return ["**Policies:** no violation.", ""];
  const mandatory = report.violations.filter((v) => v.level === "mandatory").length;
  const lines = [
    mandatory > 0
      ? `**Policies: this merge will be refused** (${mandatory} mandatory violation${mandatory === 1 ? "" : "s"}; \`pulumi up\` stops before any request):`
      : `**Policies:** ${report.violations.length} advisory violation${report.violations.length === 1 ? "" : "s"} (\`pulumi up\` goes ahead):`,
    "",
  ];
  // Mandatory first; a stack policy's violation is about the stack, whose name says nothing here.
  const ordered = [...report.violations].sort((a, b) => (a.level === b.level ? 0 : a.level === "mandatory" ? -1 : 1));
  for (const v of ordered) {
    const resource = v.urn && !v.urn.includes("::pulumi:pulumi:Stack::") ? ` \`${v.urn.split("::").pop()}\`` : "";
    lines.push(`- [${v.level}] ${v.policy}${resource}: ${v.message.split("\n").pop()}`);
  }
  lines.push("");
  return lines;
}

/** The Markdown report. */
export function renderMarkdown(report: ReviewReport): string {
  const { summary } = report;
  const counts = (["create", "adopt", "update", "replace", "delete"] as const).filter((a) => summary[a] > 0).map((a) => `${summary[a]} to ${a}`);
  const head = [
    `### Customer groups: ${counts.length > 0 ? counts.join(", ") : "no change"} (stack \`${report.stack}\`)`,
    "",
    `${report.groups.length} of ${report.groups.length + summary.unchanged} groups change${summary.unchanged > 0 ? `; the ${summary.unchanged} unchanged are not listed` : ""}.`,
    "",
    ...violationLines(report),
  ];
  if (report.groups.length === 0) return head.join("\n");
  head.push("| backend | where | group | action |", "|---|---|---|---|");
  // Half the comment for the table at most; the details get what is left.
  let tableLength = 0;
  for (const [n, g] of report.groups.entries()) {
    const row = `| ${registry[g.backend].title} | ${where(g)} | ${titleOf(g)} | ${g.warnings.length > 0 ? `**${g.action}** ⚠️` : g.action} |`;
    if (tableLength + row.length > maxReportLength / 2) {
      head.push(`| … | | ${report.groups.length - n} more groups | |`);
      break;
    }
    tableLength += row.length + 1;
    head.push(row);
  }
  head.push("", "");
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
