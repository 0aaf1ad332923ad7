// Unit tests: every backend's migration reads the state 0.1.0 wrote (tests/fixtures/state-0.1.0) into today's form.

import fs from "node:fs";
import path from "node:path";
import { expect } from "chai";
import { migrateState as migrateBigCommerce } from "../../provider/bigcommerce/model";
import { migrateState as migrateCommercetools } from "../../provider/commercetools/model";
import { migrateState as migrateRevCent } from "../../provider/revcent/model";

const fixtures = path.resolve(__dirname, "../../../tests/fixtures/state-0.1.0");

/** The outputs of each customer group the fixture stack recorded, by resource name, without the serialized provider. */
function recorded(backend: string): Record<string, Record<string, unknown>> {
  const exported = JSON.parse(fs.readFileSync(path.join(fixtures, backend, "deployment.json"), "utf8"));
  const out: Record<string, Record<string, unknown>> = {};
  for (const r of exported.deployment.resources as { urn: string; type: string; outputs: Record<string, unknown> }[]) {
    if (!r.type.endsWith(":CustomerGroup")) continue;
    const { __provider: _, ...outputs } = r.outputs;
    out[r.urn.split("::").pop()!] = outputs;
  }
  return out;
}

describe("state migrations from 0.1.0", () => {
  it("commercetools: `managed` is what 0.1.0's program declared, which is what its state holds (it removed the rest)", () => {
    const groups = recorded("commercetools");
    const managed = Object.fromEntries(Object.entries(groups).map(([name, outs]) => [name, migrateCommercetools(outs).managed]));
    expect(managed).to.deep.equal({ gold: ["key", "custom"], students: [], wholesale: ["key"], partners: ["key", "custom"], retail: [] });
    // Nothing else changes, and state already in today's form is kept as it is.
    const gold = migrateCommercetools(groups.gold!);
    expect({ ...gold, managed: undefined }).to.deep.equal({ ...groups.gold, managed: undefined });
    expect(migrateCommercetools({ ...groups.gold, managed: ["key"] }).managed).to.deep.equal(["key"]);
  });

  it("BigCommerce and RevCent: 0.1.0 already wrote today's form, which is kept as it is", () => {
    for (const [name, outs] of Object.entries(recorded("bigcommerce"))) expect(migrateBigCommerce(outs), name).to.deep.equal(outs);
    for (const [name, outs] of Object.entries(recorded("revcent"))) expect(migrateRevCent(outs), name).to.deep.equal(outs);
  });
});
