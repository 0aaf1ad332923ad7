// Unit tests: the review's Markdown stays under a pull-request comment's size however many groups change, folds per
// backend, and says what it left out; a change with nothing to review says so.

import { expect } from "chai";
import type { GroupReview, ReviewReport } from "../../cli/review";
import { maxReportLength, renderMarkdown } from "../../cli/reviewReport";
import { say } from "../../provider/text";

/** A report's fixed parts: the command it describes, refreshed, no notes. */
const described = { command: "pulumi up --stack prod --refresh", refreshed: true, notes: [] };

const group = (i: number, backend: GroupReview["backend"]): GroupReview => ({
  urn: `urn:pulumi:prod::repo::pulumi-nodejs:dynamic/${backend}:CustomerGroup::group-${i}`,
  name: `group-${i}`,
  backend,
  ...(backend === "revcent" ? {} : { scope: { kind: "store" as const, id: "abc" } }),
  group: { name: `Group ${i}`, id: String(i) },
  action: "update",
  fields: [
    {
      field: say`discount on product 33`,
      before: { type: "product", productId: 33, method: "percent", amount: 5 },
      after: { type: "product", productId: 33, method: "percent", amount: 7.5 },
      text: say`5 % off → 7.5 % off`,
    },
  ],
  requests: [
    {
      method: "PUT",
      path: `/stores/abc/v2/customer_groups/${i}`,
      body: { discount_rules: Array.from({ length: 20 }, (_, r) => ({ type: "product", product_id: r + 1, method: "percent", amount: 5 })) },
    },
  ],
  warnings: [say`The PUT replaces all 20 discount rules of the group with the 20 declared (BigCommerce overwrites the set as a whole).`],
});

describe("review report (Markdown)", () => {
  it("stays under a comment's size with 2,000 changed groups, folded per backend, saying how many it left out", () => {
    const groups = [...Array.from({ length: 1200 }, (_, i) => group(i, "bigcommerce")), ...Array.from({ length: 800 }, (_, i) => group(i, "revcent"))];
    const report: ReviewReport = { stack: "prod", ...described, summary: { create: 0, adopt: 0, update: 2000, replace: 0, delete: 0, unchanged: 5 }, groups };
    const markdown = renderMarkdown(report);
    expect(markdown.length).to.be.at.most(maxReportLength);
    expect(markdown).to.match(
      /^### Customer groups: 2000 to update \(stack `prod`\)\n\nWhat `pulumi up --stack prod --refresh` will do: 2000 of 2005 groups change; the 5 unchanged are not listed\./,
    );
    expect(markdown).to.include("<details open><summary>BigCommerce: 1200 groups</summary>");
    expect(markdown).to.include("<details open><summary>RevCent: 800 groups</summary>");
    const shown = (markdown.match(/^#### /gm) ?? []).length;
    const [, omittedBc] = /_(\d+) more BigCommerce groups not shown/.exec(markdown) ?? [];
    const [, omittedRc] = /_(\d+) more RevCent groups not shown/.exec(markdown) ?? [];
    expect(shown + Number(omittedBc ?? 0) + Number(omittedRc ?? 0)).to.equal(2000);
    // The table lists as many groups as half a comment holds, and counts the rest.
    const rows = (markdown.match(/^\| (BigCommerce|RevCent) \|/gm) ?? []).length;
    const [, more] = /^\| … \| \| (\d+) more groups \| \|$/m.exec(markdown) ?? [];
    expect(rows + Number(more)).to.equal(2000);
  });

  it("says when nothing changes", () => {
    const markdown = renderMarkdown({
      stack: "prod",
      ...described,
      summary: { create: 0, adopt: 0, update: 0, replace: 0, delete: 0, unchanged: 7 },
      groups: [],
    });
    expect(markdown).to.equal(
      "### Customer groups: no change (stack `prod`)\n\nWhat `pulumi up --stack prod --refresh` will do: 0 of 7 groups change; the 7 unchanged are not listed.\n",
    );
    // Without --refresh, the report says what it cannot show.
    expect(
      renderMarkdown({
        stack: "prod",
        ...described,
        refreshed: false,
        command: "pulumi up --stack prod",
        summary: { create: 0, adopt: 0, update: 0, replace: 0, delete: 0, unchanged: 7 },
        groups: [],
      }),
    ).to.include("Reviewed without `--refresh`: edits made in the stores since the last `pulumi up` are not shown, and this command leaves them as they are.");
  });

  it("says how many customers a group holds, in words fit for the step, or why they were not counted", () => {
    const one = (g: Partial<GroupReview>) =>
      renderMarkdown({
        stack: "prod",
        ...described,
        summary: { create: 0, adopt: 0, update: 1, replace: 0, delete: 0, unchanged: 0 },
        groups: [{ ...group(1, "bigcommerce"), ...g }],
      });
    expect(one({ action: "delete", customers: 4 })).to.include("Customers in the group: **4** (4 customers lose its prices and discounts).");
    expect(one({ customers: 1 })).to.include("Customers in the group: **1** (1 customer are affected by this change).".replace("are", "is"));
    expect(one({ customers: 0 })).to.include("Customers in the group: **0** (nobody is affected).");
    expect(one({ notCounted: say`the API client may not read customers: grant view_customers:shop (HTTP 403)` })).to.include(
      "Customers in the group: not counted (the API client may not read customers: grant view_customers:shop (HTTP 403)).",
    );
    expect(one({})).to.not.include("Customers in the group");
  });

  it("opens with the policies' findings: a mandatory one says the merge will be refused", () => {
    const base: ReviewReport = {
      stack: "prod",
      ...described,
      summary: { create: 0, adopt: 0, update: 1, replace: 0, delete: 0, unchanged: 0 },
      groups: [group(1, "bigcommerce")],
    };
    const refused = renderMarkdown({
      ...base,
      violations: [
        { policy: "max-discount", level: "mandatory", urn: "urn:pulumi:prod::repo::t::wholesale", message: "No rule above.\nmax-discount: 40% above 25%." },
        { policy: "required-key", level: "advisory", message: "required-key: no key." },
        { policy: "protected-groups", level: "mandatory", urn: "urn:pulumi:prod::repo::pulumi:pulumi:Stack::repo-prod", message: "protected-groups: gone." },
      ],
    });
    expect(refused).to.include(
      "**Policies: the command above refuses this merge** (2 mandatory violations; `pulumi up` with the pack stops before any request):\n\n",
    );
    expect(refused).to.include(
      "- [mandatory] `max-discount` `wholesale`: `max-discount: 40% above 25%.`\n- [mandatory] `protected-groups`: `protected-groups: gone.`\n- [advisory] `required-key`: `required-key: no key.`\n",
    );
    expect(renderMarkdown({ ...base, violations: [] })).to.include("**Policies:** no violation.");
    expect(renderMarkdown(base)).to.not.include("Policies");
  });

  it("tells a violation already in the store before the change apart: it does not make the change refused, and says every change is", () => {
    const base: ReviewReport = {
      stack: "prod",
      ...described,
      summary: { create: 0, adopt: 0, update: 1, replace: 0, delete: 0, unchanged: 1 },
      groups: [group(1, "bigcommerce")],
    };
    const existing = {
      policy: "max-discount",
      level: "mandatory" as const,
      urn: "urn:pulumi:prod::repo::t::vip",
      message: "max-discount: 30% above 25%.",
      existing: true,
    };
    const only = renderMarkdown({ ...base, violations: [existing] });
    expect(only).to.include(
      "**Policies:** this change brings no violation; 1 mandatory violation already in the store before it makes the command above refuse every change until fixed:\n\n" +
        "- [mandatory] `max-discount` `vip`: `max-discount: 30% above 25%.` (already in the store before this change)\n",
    );
    expect(only).to.not.include("refuses this merge");
    const both = renderMarkdown({
      ...base,
      violations: [existing, { policy: "max-discount", level: "mandatory", urn: "urn:pulumi:prod::repo::t::group-1", message: "max-discount: 40% above 25%." }],
    });
    expect(both).to.include("**Policies: the command above refuses this merge** (1 mandatory violation;");
    // Those the change brings first.
    expect(both.indexOf("`group-1`")).to.be.lessThan(both.indexOf("`vip`"));
  });
});
