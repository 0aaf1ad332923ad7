// Unit tests: getCustomerGroupMembers' arguments, its 90-day windows, the filters encoded as GetCustomers declares them, de-duplication.

import { expect } from "chai";
import type { Page } from "../../provider/revcent/client";
import { collectMembers, maxWindowSeconds, membersQuery, MembersArgs, validateMembersArgs, windows } from "../../provider/revcent/members";
import type { WireCustomer } from "../../provider/revcent/wire";

const DAY = 86400;
const T0 = 1_700_000_000;
const group = "G".repeat(20);
const decoded = (q: URLSearchParams) => decodeURIComponent(q.toString());

describe("RevCent group members", () => {
  it("splits a range into windows of at most 90 days, without gap or overlap", () => {
    expect(maxWindowSeconds).to.equal(7_776_000);
    expect(windows(T0, T0 + 200 * DAY)).to.deep.equal([
      { dateStart: T0, dateEnd: T0 + 90 * DAY },
      { dateStart: T0 + 90 * DAY + 1, dateEnd: T0 + 180 * DAY + 1 },
      { dateStart: T0 + 180 * DAY + 2, dateEnd: T0 + 200 * DAY },
    ]);
    expect(windows(T0, T0 + 90 * DAY)).to.deep.equal([{ dateStart: T0, dateEnd: T0 + 90 * DAY }]);
    expect(windows(T0, T0 + 90 * DAY + 1)).to.deep.equal([
      { dateStart: T0, dateEnd: T0 + 90 * DAY },
      { dateStart: T0 + 90 * DAY + 1, dateEnd: T0 + 90 * DAY + 1 },
    ]);
    expect(windows(T0, T0 + 1)).to.deep.equal([{ dateStart: T0, dateEnd: T0 + 1 }]);
    expect(windows(T0, T0)).to.deep.equal([{ dateStart: T0, dateEnd: T0 }]);
    // Any range: every second is in exactly one window, and no window is longer than RevCent allows.
    for (const length of [0, 1, 89 * DAY, 270 * DAY + 2, 1000 * DAY + 17]) {
      const all = windows(T0, T0 + length);
      expect(all[0]!.dateStart).to.equal(T0);
      expect(all[all.length - 1]!.dateEnd).to.equal(T0 + length);
      all.forEach((w, i) => {
        expect(w.dateEnd - w.dateStart).to.be.within(0, maxWindowSeconds);
        if (i > 0) expect(w.dateStart).to.equal(all[i - 1]!.dateEnd + 1);
      });
    }
  });

  it("encodes every filter as the seed's parameters declare it", () => {
    const args: MembersArgs = {
      customerGroupId: group,
      dateStart: T0,
      dateEnd: T0 + DAY,
      statusFilter: ["enabled", "blocked"],
      campaignFilter: ["C".repeat(20)],
      productFilter: ["P".repeat(20), "Q".repeat(20)],
      metadataFilter: [
        { name: "tier", value: "gold & more" },
        { name: "source", value: "METADATA_NAME_EXISTS" },
      ],
    };
    const query = membersQuery(args, { dateStart: T0, dateEnd: T0 + DAY });
    expect([...query.entries()]).to.deep.equal([
      ["date_start", String(T0)],
      ["date_end", String(T0 + DAY)],
      ["campaign_filter", "C".repeat(20)],
      ["customer_group_filter", group],
      ["product_filter", "P".repeat(20)],
      ["product_filter", "Q".repeat(20)],
      ["status_filter", "enabled"],
      ["status_filter", "blocked"],
      ["metadata_filter[0][name]", "tier"],
      ["metadata_filter[0][value]", "gold & more"],
      ["metadata_filter[1][name]", "source"],
      ["metadata_filter[1][value]", "METADATA_NAME_EXISTS"],
    ]);
    expect(query.toString()).to.include("metadata_filter%5B0%5D%5Bvalue%5D=gold+%26+more");
    expect(decoded(membersQuery({ customerGroupId: group, dateStart: T0, dateEnd: T0 + 5 }, { dateStart: T0, dateEnd: T0 + 5 }))).to.equal(
      `date_start=${T0}&date_end=${T0 + 5}&customer_group_filter=${group}`,
    );
  });

  it("names each invalid argument", () => {
    expect(validateMembersArgs({ customerGroupId: group, dateStart: T0, dateEnd: new Date((T0 + DAY) * 1000) })).to.deep.equal([]);
    expect(validateMembersArgs({})).to.deep.equal([
      { property: "customerGroupId", reason: "is required" },
      { property: "dateStart", reason: "is required" },
      { property: "dateEnd", reason: "is required" },
    ]);
    expect(validateMembersArgs({ customerGroupId: "abc", dateStart: T0 + 10, dateEnd: T0, extra: 1 })).to.deep.equal([
      { property: "extra", reason: "is not a known argument" },
      { property: "customerGroupId", reason: "must be a 20 character customer group ID" },
      { property: "dateEnd", reason: `must not be before dateStart (dateStart ${T0 + 10}, dateEnd ${T0}, in unix seconds)` },
    ]);
    expect(validateMembersArgs({ customerGroupId: group, dateStart: Number.NaN, dateEnd: T0 * 1000 })).to.deep.equal([
      { property: "dateStart", reason: "must be a unix timestamp in seconds (a whole number) or a Date" },
      { property: "dateEnd", reason: `must be in seconds, not milliseconds (got ${T0 * 1000}; did you mean ${T0}?)` },
    ]);
    expect(validateMembersArgs({ customerGroupId: group, dateStart: new Date("not a date"), dateEnd: 1.5 })).to.deep.equal([
      { property: "dateStart", reason: "is an invalid Date" },
      { property: "dateEnd", reason: "must be a unix timestamp in whole seconds (got 1.5)" },
    ]);
    expect(
      validateMembersArgs({
        customerGroupId: group,
        dateStart: T0,
        dateEnd: T0,
        statusFilter: ["active"],
        campaignFilter: ["x"],
        metadataFilter: [{ name: "a" }],
      }),
    ).to.deep.equal([
      { property: "statusFilter[0]", reason: 'must be one of "enabled", "disabled", "blocked", "fraud", "chargeback"' },
      { property: "campaignFilter[0]", reason: "must be a 20 character campaign ID" },
      { property: "metadataFilter[0].value", reason: "is required" },
    ]);
  });

  it("reads every page of every window and keeps each customer once", async () => {
    const customer = (n: number): WireCustomer => ({
      id: `C${String(n).padStart(19, "0")}`,
      email: `c${n}@example.com`,
      first_name: `F${n}`,
      last_name: `L${n}`,
      status: "Enabled",
      city: "x",
    });
    // Window 1: two pages; window 2 repeats customer 2 (RevCent's data changed between the reads) and has one page.
    const pages: Record<string, Page<WireCustomer>[]> = {
      [String(T0)]: [
        { results: [customer(1), customer(2)], currentPage: 1, totalPages: 2 },
        { results: [customer(3), customer(1)], currentPage: 2, totalPages: 2 },
      ],
      [String(T0 + 90 * DAY + 1)]: [{ results: [customer(2), customer(4)], currentPage: 1, totalPages: 1 }],
    };
    const asked: string[] = [];
    const result = await collectMembers(
      async (query, page) => {
        asked.push(`${query.get("date_start")}-${query.get("date_end")}#${page}`);
        return pages[query.get("date_start")!]![page - 1]!;
      },
      { customerGroupId: group, dateStart: new Date(T0 * 1000), dateEnd: T0 + 100 * DAY },
    );
    expect(asked).to.deep.equal([`${T0}-${T0 + 90 * DAY}#1`, `${T0}-${T0 + 90 * DAY}#2`, `${T0 + 90 * DAY + 1}-${T0 + 100 * DAY}#1`]);
    expect(result.count).to.equal(4);
    expect(result.customers).to.deep.equal(
      [1, 2, 3, 4].map((n) => ({ id: customer(n).id, email: `c${n}@example.com`, firstName: `F${n}`, lastName: `L${n}`, status: "Enabled" })),
    );
  });

  it("stops paging on an empty page or a server that repeats its page number", async () => {
    // total_pages says 5, but page 2 is empty (customers went away while paging): page 3 is not asked for.
    const asked: number[] = [];
    const shrunk = await collectMembers(
      async (_query, page) => {
        asked.push(page);
        return page === 1 ? { results: [{ id: "A".repeat(20) }], currentPage: 1, totalPages: 5 } : { results: [], currentPage: page, totalPages: 5 };
      },
      { customerGroupId: group, dateStart: T0, dateEnd: T0 + 10 },
    );
    expect(asked).to.deep.equal([1, 2]);
    expect(shrunk).to.deep.equal({ count: 1, customers: [{ id: "A".repeat(20) }] });
    // A server that answers current_page 1 to every page: the pages asked for count, up to total_pages.
    let calls = 0;
    const result = await collectMembers(
      async () => {
        calls++;
        return { results: [{ id: `X${String(calls).padStart(19, "0")}` }], currentPage: 1, totalPages: 3 };
      },
      { customerGroupId: group, dateStart: T0, dateEnd: T0 + 10 },
    );
    expect(calls).to.equal(3);
    expect(result.count).to.equal(3);
  });
});
