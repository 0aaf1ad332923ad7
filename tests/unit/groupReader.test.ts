import { expect } from "chai";
import { GroupReader, GroupSource } from "../../provider/groupReader";
import { ApiError } from "../../provider/http/errors";
import { failure } from "../helpers/provider";
import { predicateChunks, maxPredicateLength } from "../../provider/commercetools/client";

interface Group {
  id: string;
  name: string;
}

/** A store of groups behind a source that records what the reader asks for. */
function store(groups: Group[], options: { some?: boolean; one?: boolean; listingMayMiss?: boolean; chunk?: number } = {}) {
  const calls: string[] = [];
  let failing: ((call: string) => boolean) | undefined;
  const answer = <T>(call: string, value: () => T): Promise<T> => {
    calls.push(call);
    return failing?.(call) ? Promise.reject(new Error(`failed: ${call}`)) : Promise.resolve(value());
  };
  const source: GroupSource<Group> = {
    all: () => answer("all", () => [...groups]),
    valueOf: (g, field) => (field === "id" ? g.id : field === "name" ? g.name : undefined),
    listingMayMiss: options.listingMayMiss ?? false,
  };
  if (options.one !== false) source.one = (field, value) => answer(`one ${field}=${value}`, () => groups.filter((g) => source.valueOf(g, field) === value));
  if (options.some) {
    source.some = (field, values) => answer(`some ${field} in ${values.join(",")}`, () => groups.filter((g) => values.includes(source.valueOf(g, field)!)));
    const size = options.chunk ?? 100;
    source.chunks = (_field, values) => Array.from({ length: Math.ceil(values.length / size) }, (_, i) => values.slice(i * size, (i + 1) * size));
  }
  return {
    source,
    calls,
    groups,
    failWhen: (f: (call: string) => boolean) => (failing = f),
  };
}

const groupsOf = (n: number): Group[] => Array.from({ length: n }, (_, i) => ({ id: `id${i}`, name: `Group ${i}` }));

/** A clock the test moves. */
function clock() {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe("GroupReader: reads coalesced per connection", () => {
  it("answers a lone read with one request for that group", async () => {
    const s = store(groupsOf(5), { some: true });
    const reader = new GroupReader(s.source, { gatherMs: 1 });
    expect(await reader.byId("id3")).to.deep.equal({ id: "id3", name: "Group 3" });
    expect(await reader.byId("nope")).to.equal(undefined);
    expect(s.calls).to.deep.equal(["one id=id3", "one id=nope"]);
  });

  it("sends reads that arrive together as one query per chunk where the API has one, else one listing", async () => {
    const withQuery = store(groupsOf(5), { some: true, chunk: 2 });
    const reader = new GroupReader(withQuery.source, { gatherMs: 1 });
    const read = await Promise.all(["id0", "id1", "id4", "gone"].map((id) => reader.byId(id)));
    expect(read.map((g) => g?.name)).to.deep.equal(["Group 0", "Group 1", "Group 4", undefined]);
    expect(withQuery.calls).to.deep.equal(["some id in id0,id1", "some id in id4,gone"]);

    const listingOnly = store(groupsOf(5));
    const lister = new GroupReader(listingOnly.source, { gatherMs: 1 });
    const listed = await Promise.all(["id0", "id1", "gone"].map((id) => lister.byId(id)));
    expect(listed.map((g) => g?.name)).to.deep.equal(["Group 0", "Group 1", undefined]);
    expect(listingOnly.calls).to.deep.equal(["all"]);
  });

  it("lists the store once when reads keep coming, and answers the rest of the burst from that listing", async () => {
    const t = clock();
    const s = store(groupsOf(50), { some: true });
    const reader = new GroupReader(s.source, { gatherMs: 1, idleMs: 2000, now: t.now });
    await Promise.all(["id0", "id1"].map((id) => reader.byId(id)));
    t.advance(100);
    await Promise.all(["id2", "id3"].map((id) => reader.byId(id)));
    for (let i = 4; i < 50; i++) {
      t.advance(100);
      expect((await reader.byId(`id${i}`))?.name).to.equal(`Group ${i}`);
    }
    expect(s.calls).to.deep.equal(["some id in id0,id1", "all"]);
  });

  it("lists the store once when reads come one at a time but keep coming (the engine's updates): `trickle` GETs first", async () => {
    const t = clock();
    const s = store(groupsOf(500), { listingMayMiss: true });
    const reader = new GroupReader(s.source, { gatherMs: 1, idleMs: 2000, trickle: 4, now: t.now });
    for (let i = 0; i < 500; i++) {
      t.advance(90);
      expect((await reader.byId(`id${i}`))?.name).to.equal(`Group ${i}`);
    }
    expect(s.calls).to.deep.equal(["one id=id0", "one id=id1", "one id=id2", "one id=id3", "all"]);
  });

  it("sends lone reads that are idleMs apart or more on their own, however many there are", async () => {
    const t = clock();
    const s = store(groupsOf(10));
    const reader = new GroupReader(s.source, { gatherMs: 1, idleMs: 2000, trickle: 2, now: t.now });
    for (let i = 0; i < 6; i++) {
      t.advance(2000);
      await reader.byId(`id${i}`);
    }
    // A fresh look-up is never part of a trickle: it always gets its own request.
    for (let i = 0; i < 4; i++) await reader.byId(`id${i}`, true);
    expect(s.calls).to.deep.equal([...[0, 1, 2, 3, 4, 5].map((i) => `one id=id${i}`), ...[0, 1, 2, 3].map((i) => `one id=id${i}`)]);
  });

  it("never answers a lone read outside a burst from an earlier listing: a change made meanwhile is seen", async () => {
    const t = clock();
    const s = store(groupsOf(3));
    const reader = new GroupReader(s.source, { gatherMs: 1, idleMs: 2000, now: t.now });
    await Promise.all(["id0", "id1"].map((id) => reader.byId(id)));
    s.groups[2] = { id: "id2", name: "Changed" };
    t.advance(2000);
    expect((await reader.byId("id2"))?.name).to.equal("Changed");
    expect(s.calls).to.deep.equal(["all", "one id=id2"]);
  });

  it("stops using a listing after maxAgeMs, even while reads keep coming", async () => {
    const t = clock();
    const s = store(groupsOf(3));
    const reader = new GroupReader(s.source, { gatherMs: 1, idleMs: 2000, maxAgeMs: 5000, now: t.now });
    await Promise.all(["id0", "id1"].map((id) => reader.byId(id)));
    for (let i = 0; i < 6; i++) {
      t.advance(1000);
      await Promise.all(["id0", "id1"].map((id) => reader.byId(id)));
    }
    expect(s.calls).to.deep.equal(["all", "all"]);
  });

  it("answers a fresh look-up with a request sent after it, never from the listing of the burst", async () => {
    const t = clock();
    const s = store(groupsOf(3));
    const reader = new GroupReader(s.source, { gatherMs: 1, now: t.now });
    await Promise.all(["id0", "id1"].map((id) => reader.byId(id)));
    s.groups.push({ id: "id3", name: "Created meanwhile" });
    expect(await reader.lookup("name", "Created meanwhile")).to.deep.equal([]);
    expect(await reader.lookup("name", "Created meanwhile", true)).to.deep.equal([{ id: "id3", name: "Created meanwhile" }]);
    expect(s.calls).to.deep.equal(["all", "one name=Created meanwhile"]);

    // Where the API can only list, a fresh look-up gets a new listing, even while one is under way.
    const listing = store(groupsOf(2), { one: false });
    const lister = new GroupReader(listing.source, { gatherMs: 1 });
    const under = lister.all();
    const fresh = lister.lookup("name", "Group 1", true);
    await Promise.all([under, fresh]);
    expect(listing.calls).to.deep.equal(["all", "all"]);
  });

  it("fails only the reads of a chunk that failed; the others get their groups", async () => {
    const s = store(groupsOf(6), { some: true, chunk: 3 });
    s.failWhen((call) => call.includes("id4"));
    const reader = new GroupReader(s.source, { gatherMs: 1 });
    const results = await Promise.allSettled(["id0", "id1", "id2", "id3", "id4", "id5"].map((id) => reader.byId(id)));
    expect(results.map((r) => (r.status === "fulfilled" ? r.value?.name : (r.reason as Error).message))).to.deep.equal([
      "Group 0",
      "Group 1",
      "Group 2",
      "failed: some id in id3,id4,id5",
      "failed: some id in id3,id4,id5",
      "failed: some id in id3,id4,id5",
    ]);
  });

  it("fails every read waiting on a listing that failed, and lists again for the next ones", async () => {
    const s = store(groupsOf(3));
    let fail = true;
    s.failWhen((call) => call === "all" && fail);
    const reader = new GroupReader(s.source, { gatherMs: 1 });
    const results = await Promise.allSettled(["id0", "id1"].map((id) => reader.byId(id)));
    expect(results.map((r) => r.status)).to.deep.equal(["rejected", "rejected"]);
    fail = false;
    expect((await Promise.all(["id0", "id1"].map((id) => reader.byId(id)))).map((g) => g?.name)).to.deep.equal(["Group 0", "Group 1"]);
    expect(s.calls).to.deep.equal(["all", "all"]);
  });

  it("confirms on its own a group the listing missed, where paging can miss one", async () => {
    const s = store(groupsOf(4), { listingMayMiss: true });
    const all = s.source.all;
    // The listing misses id2, as when a group before it is deleted between two pages.
    s.source.all = () => all().then((groups) => groups.filter((g) => g.id !== "id2"));
    const reader = new GroupReader(s.source, { gatherMs: 1 });
    const read = await Promise.all(["id1", "id2", "gone"].map((id) => reader.byId(id)));
    expect(read.map((g) => g?.name)).to.deep.equal(["Group 1", "Group 2", undefined]);
    expect(s.calls).to.deep.equal(["all", "one id=id2", "one id=gone"]);
  });

  it("keeps a listing true to the provider's own writes, and drops it after a write of unknown outcome", async () => {
    const t = clock();
    const s = store(groupsOf(3));
    const reader = new GroupReader(s.source, { gatherMs: 1, now: t.now });
    await Promise.all(["id0", "id1"].map((id) => reader.byId(id)));
    expect(await reader.written(Promise.resolve({ id: "id1", name: "Renamed" }))).to.deep.equal({ id: "id1", name: "Renamed" });
    await reader.written(Promise.resolve(""), "id0");
    await reader.written(Promise.resolve({ id: "id9", name: "New" }));
    expect((await Promise.all(["id0", "id1", "id9"].map((id) => reader.byId(id)))).map((g) => g?.name)).to.deep.equal([undefined, "Renamed", "New"]);
    expect(s.calls).to.deep.equal(["all"]);
    // A write the store refused (an answer below 500) changed nothing: the listing still holds.
    const refused = new ApiError({ backend: "test", status: 409, operation: "PUT /id1" }, "taken");
    expect(await failure(reader.written(Promise.reject(refused)))).to.equal(refused);
    await Promise.all(["id1", "id2"].map((id) => reader.byId(id)));
    expect(s.calls).to.deep.equal(["all"]);
    // No answer: the write may have happened, so the next reads list the store again.
    const lost = new ApiError({ backend: "test", status: 0, operation: "PUT /id1", mayHaveCommitted: true }, "socket hang up");
    expect(await failure(reader.written(Promise.reject(lost)))).to.equal(lost);
    await Promise.all(["id0", "id1"].map((id) => reader.byId(id)));
    expect(s.calls).to.deep.equal(["all", "all"]);
  });

  it("applies a write made while the listing runs once it is done, and keeps using the listing", async () => {
    const s = store(groupsOf(3));
    const all = s.source.all;
    let release = () => {};
    let started = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const listing = new Promise<void>((resolve) => (started = resolve));
    s.source.all = () => {
      started();
      return gate.then(all);
    };
    const reader = new GroupReader(s.source, { gatherMs: 1 });
    const first = Promise.all(["id0", "id1"].map((id) => reader.byId(id)));
    await listing;
    // The listing is under way (it read id1 before the write): the write wins once it is done.
    await reader.written(Promise.resolve({ id: "id1", name: "Written" }));
    release();
    expect((await first).map((g) => g?.name)).to.deep.equal(["Group 0", "Written"]);
    expect((await Promise.all(["id1", "id2"].map((id) => reader.byId(id)))).map((g) => g?.name)).to.deep.equal(["Written", "Group 2"]);
    expect(s.calls).to.deep.equal(["all"]);
  });

  it("keeps the last copy of a group a listing returned twice (pages shifted under it)", async () => {
    const s = store([]);
    s.source.all = () =>
      Promise.resolve([
        { id: "a", name: "Old" },
        { id: "a", name: "New" },
      ]);
    const reader = new GroupReader(s.source, { gatherMs: 1 });
    expect((await reader.all()).map((g) => g.name)).to.deep.equal(["New"]);
  });
});

describe("commercetools `where=field in (…)` chunks", () => {
  const uuid = (i: number) => `${String(i).padStart(8, "0")}-aaaa-4bbb-8ccc-dddddddddddd`;

  it("keeps each predicate within the URL budget and one page, in order, losing nothing", () => {
    const ids = Array.from({ length: 1000 }, (_, i) => uuid(i));
    const chunks = predicateChunks("id", ids, 500);
    expect(chunks.flat()).to.deep.equal(ids);
    for (const chunk of chunks) {
      expect(encodeURIComponent(`id in (${chunk.map((v) => JSON.stringify(v)).join(", ")})`).length).to.be.at.most(maxPredicateLength);
      expect(chunk.length).to.be.at.most(500);
    }
    // A 36-character id takes 48 encoded characters with its quotes and separator: 249 per chunk.
    expect(chunks.map((c) => c.length)).to.deep.equal([249, 249, 249, 249, 4]);
    expect(predicateChunks("id", ids.slice(0, 10), 4).map((c) => c.length)).to.deep.equal([4, 4, 2]);
  });

  it("escapes quotes and backslashes in names, and still fits", () => {
    const names = ['Say "hi"', "back\\slash", "Größe 日本語 🎉"];
    const [chunk] = predicateChunks("name", names, 500);
    expect(chunk).to.deep.equal(names);
  });
});
