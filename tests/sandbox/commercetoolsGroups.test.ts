// commercetools customer groups in the sandbox: create/get/update/delete by id and key, versions, conflicts, errors.
import { expect } from "chai";
import { startSandbox, type CtCustomerGroup, type Sandbox } from "../../sandbox/index";
import { ctApi, ctErrorOf, ctToken, type HttpResult } from "./helpers";

describe("sandbox: commercetools customer groups", () => {
  let sb: Sandbox;
  let api: (method: string, path: string, body?: unknown) => Promise<HttpResult>;
  before(async () => {
    sb = await startSandbox();
  });
  after(() => sb.close());
  beforeEach(async () => {
    await sb.reset();
    api = ctApi(sb, await ctToken(sb));
  });

  async function create(draft: unknown): Promise<CtCustomerGroup> {
    const res = await api("POST", "/customer-groups", draft);
    expect(res.status, res.text).to.equal(201);
    return res.json as CtCustomerGroup;
  }

  it("creates a group with 201, version 1, ISO timestamps and the draft's name and key", async () => {
    const g = await create({ groupName: "Gold", key: "gold" });
    expect(g.id).to.match(/^[0-9a-f-]{36}$/);
    expect(g).to.include({ version: 1, name: "Gold", key: "gold" });
    expect(new Date(g.createdAt).toISOString()).to.equal(g.createdAt);
    expect(g.lastModifiedAt).to.equal(g.createdAt);
    expect(g).not.to.have.property("custom");
  });

  it("gets a group by id and by key, and answers 404 ResourceNotFound for unknown ones", async () => {
    const g = await create({ groupName: "Gold", key: "gold" });
    expect((await api("GET", `/customer-groups/${g.id}`)).json).to.deep.equal(g);
    expect((await api("GET", "/customer-groups/key=gold")).json).to.deep.equal(g);
    const byId = await api("GET", "/customer-groups/00000000-0000-0000-0000-000000000000");
    expect(byId.status).to.equal(404);
    expect(ctErrorOf(byId).code).to.equal("ResourceNotFound");
    expect((await api("GET", "/customer-groups/key=silver")).status).to.equal(404);
  });

  it("rejects a draft without groupName and a malformed key with 400 InvalidJsonInput", async () => {
    const missing = await api("POST", "/customer-groups", { name: "Gold" });
    expect(missing.status).to.equal(400);
    expect(ctErrorOf(missing)).to.include({ code: "InvalidJsonInput" });
    expect(ctErrorOf(missing).detailedErrorMessage).to.contain("groupName");
    for (const key of ["g", "has space", "x".repeat(257)]) {
      const res = await api("POST", "/customer-groups", { groupName: "Gold", key });
      expect(res.status, key).to.equal(400);
    }
    const notJson = await api("POST", "/customer-groups", "{oops");
    expect(notJson.status).to.equal(400);
    expect(ctErrorOf(notJson).code).to.equal("InvalidJsonInput");
    expect(await sb.commercetools.groups()).to.have.length(0);
  });

  it("answers a duplicate name or key with 400 DuplicateField naming the conflicting group", async () => {
    const first = await create({ groupName: "Gold", key: "gold" });
    const byName = await api("POST", "/customer-groups", { groupName: "Gold" });
    expect(byName.status).to.equal(400);
    expect(ctErrorOf(byName)).to.deep.include({
      code: "DuplicateField",
      field: "name",
      duplicateValue: "Gold",
      conflictingResource: { typeId: "customer-group", id: first.id },
    });
    const byKey = await api("POST", "/customer-groups", { groupName: "Other", key: "gold" });
    expect(ctErrorOf(byKey)).to.deep.include({ code: "DuplicateField", field: "key", duplicateValue: "gold" });
    const other = await create({ groupName: "Silver" });
    const rename = await api("POST", `/customer-groups/${other.id}`, { version: 1, actions: [{ action: "changeName", name: "Gold" }] });
    expect(ctErrorOf(rename)).to.include({ code: "DuplicateField", field: "name" });
    const rekey = await api("POST", `/customer-groups/${other.id}`, { version: 1, actions: [{ action: "setKey", key: "gold" }] });
    expect(ctErrorOf(rekey)).to.deep.include({ code: "DuplicateField", field: "key", conflictingResource: { typeId: "customer-group", id: first.id } });
    expect((await sb.commercetools.getGroup(other.id)).version).to.equal(1);
  });

  it("grows the version by 1 on every successful update", async () => {
    const g = await create({ groupName: "Gold" });
    const first = await api("POST", `/customer-groups/${g.id}`, { version: 1, actions: [{ action: "changeName", name: "Gold 2" }] });
    expect(first.status).to.equal(200);
    expect(first.json).to.include({ version: 2, name: "Gold 2" });
    const second = await api("POST", `/customer-groups/${g.id}`, {
      version: 2,
      actions: [
        { action: "changeName", name: "Gold 3" },
        { action: "setKey", key: "gold" },
      ],
    });
    expect(second.json).to.include({ version: 3, name: "Gold 3", key: "gold" });
    expect(Date.parse((second.json as CtCustomerGroup).lastModifiedAt)).to.be.at.least(Date.parse(g.createdAt));
  });

  it("answers a stale version with 409 ConcurrentModification carrying currentVersion, changing nothing", async () => {
    const g = await create({ groupName: "Gold" });
    await api("POST", `/customer-groups/${g.id}`, { version: 1, actions: [{ action: "changeName", name: "Gold 2" }] });
    const stale = await api("POST", `/customer-groups/${g.id}`, { version: 1, actions: [{ action: "changeName", name: "Gold 3" }] });
    expect(stale.status).to.equal(409);
    expect(ctErrorOf(stale)).to.include({ code: "ConcurrentModification", currentVersion: 2 });
    expect((await sb.commercetools.getGroup(g.id)).name).to.equal("Gold 2");
  });

  it("updates by key, and setKey without a key removes it", async () => {
    await create({ groupName: "Gold", key: "gold" });
    const res = await api("POST", "/customer-groups/key=gold", { version: 1, actions: [{ action: "setKey" }] });
    expect(res.status).to.equal(200);
    expect(res.json).to.include({ version: 2 });
    expect(res.json).not.to.have.property("key");
    expect((await api("GET", "/customer-groups/key=gold")).status).to.equal(404);
  });

  it("rejects an unknown action with 400 and applies none of the batch", async () => {
    const g = await create({ groupName: "Gold" });
    const res = await api("POST", `/customer-groups/${g.id}`, {
      version: 1,
      actions: [
        { action: "changeName", name: "Changed" },
        { action: "setDescription", description: "x" },
      ],
    });
    expect(res.status).to.equal(400);
    expect(["InvalidJsonInput", "InvalidInput"]).to.include(ctErrorOf(res).code);
    const now = await sb.commercetools.getGroup(g.id);
    expect(now).to.include({ name: "Gold", version: 1 });
  });

  it("rejects update bodies without version or actions", async () => {
    const g = await create({ groupName: "Gold" });
    expect((await api("POST", `/customer-groups/${g.id}`, { actions: [] })).status).to.equal(400);
    expect((await api("POST", `/customer-groups/${g.id}`, { version: 1 })).status).to.equal(400);
  });

  it("keeps the version for an update without actions", async () => {
    const g = await create({ groupName: "Gold" });
    const res = await api("POST", `/customer-groups/${g.id}`, { version: 1, actions: [] });
    expect(res.status).to.equal(200);
    expect(res.json).to.include({ version: 1 });
  });

  it("deletes by id and by key with a version check", async () => {
    const a = await create({ groupName: "A" });
    await create({ groupName: "B", key: "bb" });
    const wrong = await api("DELETE", `/customer-groups/${a.id}?version=2`);
    expect(wrong.status).to.equal(409);
    expect(ctErrorOf(wrong)).to.include({ code: "ConcurrentModification", currentVersion: 1 });
    expect((await api("DELETE", `/customer-groups/${a.id}`)).status).to.equal(400);
    const ok = await api("DELETE", `/customer-groups/${a.id}?version=1`);
    expect(ok.status).to.equal(200);
    expect(ok.json).to.include({ id: a.id, name: "A" });
    expect((await api("GET", `/customer-groups/${a.id}`)).status).to.equal(404);
    expect((await api("DELETE", "/customer-groups/key=bb?version=1")).status).to.equal(200);
    expect(await sb.commercetools.groups()).to.have.length(0);
  });
});
