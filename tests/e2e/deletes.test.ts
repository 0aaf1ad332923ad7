// End-to-end: deletes that never surprise, through the real engine against the sandbox with customers seeded. A group
// that holds customers stays unless its declaration allows it; `pulumi destroy` keeps every group with customers and the
// store's default and guest groups; a second stack cannot delete what another changed since it last looked; a decoy
// under a re-keyed group's old key never takes the group over.

import { expect } from "chai";
import type { LoggedRequest, Sandbox } from "../../sandbox";
import { startSandbox } from "../../sandbox";
import { declare, type Declared, e2eProject, newStack, runBin, sandboxSettings, type TestStack } from "./harness";

const failed = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: Error) => e,
  );

describe("e2e: deletes that never surprise, through the Pulumi engine", function () {
  this.timeout(600_000);
  let sandbox: Sandbox;
  let test: TestStack;
  const writes = async () =>
    (await sandbox.requests()).filter((r: LoggedRequest) => r.method !== "GET" && r.path !== "/oauth/token").map((r) => `${r.method} ${r.path}`);
  const settings = () => ({ ...sandboxSettings(sandbox, "commercetools"), ...sandboxSettings(sandbox, "bigcommerce") });
  const groups: Declared = {
    silver: { backend: "commercetools", args: { name: "Silver", key: "silver" } },
    empty: { backend: "commercetools", args: { name: "Empty", key: "empty" } },
    wholesale: { backend: "bigcommerce", args: { name: "Wholesale", discountRules: [{ type: "all", method: "percent", amount: 5 }] } },
    retail: { backend: "bigcommerce", args: { name: "Retail", isDefault: true } },
    guests: { backend: "bigcommerce", args: { name: "Guests", isGroupForGuests: true } },
    outlet: { backend: "bigcommerce", args: { name: "Outlet" } },
  };

  before(async () => {
    sandbox = await startSandbox();
    test = await newStack("deletes", settings());
    await declare(test.stack, groups);
    await test.stack.up();
    const silver = (await sandbox.commercetools.groups()).find((g) => g.key === "silver")!;
    await sandbox.commercetools.seedCustomers([1, 2, 3].map((i) => ({ email: `s${i}@example.com`, customerGroup: { id: silver.id } })));
    const wholesale = (await sandbox.bigcommerce.groups()).find((g) => g.name === "Wholesale")!;
    await sandbox.bigcommerce.seedCustomers([1, 2, 3].map((i) => ({ email: `w${i}@example.com`, customer_group_id: wholesale.id })));
  });
  after(async () => {
    await test?.remove();
    await sandbox?.close();
  });

  it("removing a group with 3 customers is refused (review says so, up sends no DELETE); with deleteWithCustomers: true it goes", async () => {
    const { wholesale: _, ...withoutWholesale } = groups;
    await declare(test.stack, withoutWholesale);
    const review = JSON.parse((await runBin(e2eProject(), test.stateDir, ["review", "--stack", "deletes", "--json"])).stdout) as {
      groups: { name: string; customers?: number; refused?: string; requests: unknown[] }[];
    };
    const reviewed = review.groups.find((g) => g.name === "wholesale")!;
    expect(reviewed).to.deep.include({ customers: 3, requests: [] });
    expect(reviewed.refused).to.match(/^it holds 3 customers, who would lose its prices and discounts/);
    await sandbox.clearRequests();
    const refused = await failed(test.stack.up());
    expect(refused?.message).to.include("refusing to delete bigcommerce customer group");
    expect(refused?.message).to.include("it holds 3 customers, who would lose its prices and discounts");
    expect(await writes()).to.deep.equal([]);
    expect((await sandbox.bigcommerce.groups()).map((g) => g.name)).to.include("Wholesale");

    // The pull request that says so (an update that sends nothing), then the one that removes the group.
    await declare(test.stack, { ...groups, wholesale: { ...groups.wholesale!, args: { ...groups.wholesale!.args, deleteWithCustomers: true } } });
    await sandbox.clearRequests();
    await test.stack.up();
    expect(await writes()).to.deep.equal([]);
    await declare(test.stack, withoutWholesale);
    await test.stack.up();
    expect((await writes()).filter((w) => w.startsWith("DELETE"))).to.have.length(1);
    expect((await sandbox.bigcommerce.groups()).map((g) => g.name)).to.not.include("Wholesale");
    expect((await sandbox.bigcommerce.customers()).map((c) => c.customer_group_id)).to.deep.equal([0, 0, 0]);
  });

  it("pulumi destroy keeps every group with customers and the store's default and guest groups, and deletes the empty ones", async () => {
    const { wholesale: _, ...rest } = groups;
    await declare(test.stack, rest);
    await sandbox.clearRequests();
    const destroyed = await failed(test.stack.destroy({ continueOnError: true }));
    expect(destroyed?.message).to.include("it holds 3 customers");
    expect(destroyed?.message).to.include("it is the store's default group");
    expect(destroyed?.message).to.include("it is the store's guest group");
    expect((await sandbox.commercetools.groups()).map((g) => g.key)).to.deep.equal(["silver"]);
    expect((await sandbox.bigcommerce.groups()).map((g) => g.name).sort()).to.deep.equal(["Guests", "Retail"]);
    expect((await writes()).filter((w) => w.startsWith("DELETE")).length).to.equal(2);
  });

  it("a second stack that adopted groups cannot delete one another stack changed since it last looked, nor one with customers", async () => {
    const owner = await newStack("owner", settings());
    const second = await newStack("second", settings());
    try {
      const shared: Declared = {
        gold: { backend: "commercetools", args: { name: "Gold", key: "gold" } },
        bronze: { backend: "commercetools", args: { name: "Bronze", key: "bronze" } },
      };
      await declare(owner.stack, shared);
      await owner.stack.up();
      const bronze = (await sandbox.commercetools.groups()).find((g) => g.key === "bronze")!;
      await sandbox.commercetools.seedCustomers([{ email: "b@example.com", customerGroup: { id: bronze.id } }]);
      await declare(second.stack, {
        gold: { backend: "commercetools", args: { name: "Gold", key: "gold", adopt: true } },
        bronze: { backend: "commercetools", args: { name: "Bronze", key: "bronze", adopt: true } },
      });
      await second.stack.up();
      // The owner changes Gold after the second stack last read it.
      await declare(owner.stack, { ...shared, gold: { backend: "commercetools", args: { name: "Gold Club", key: "gold" } } });
      await owner.stack.up();
      await sandbox.clearRequests();
      const destroyed = await failed(second.stack.destroy({ continueOnError: true }));
      expect(destroyed?.message).to.match(
        /refusing to delete commercetools customer group .* \('Gold Club'\) in project '[^']+': it changed in the store since this stack last read it \(version 1, now 2/,
      );
      expect(destroyed?.message).to.include("it holds 1 customer, who would lose its prices and discounts");
      expect((await sandbox.commercetools.groups()).map((g) => g.key).sort()).to.include.members(["bronze", "gold"]);
      expect((await writes()).filter((w) => w.startsWith("DELETE"))).to.have.length(1); // the version-checked DELETE of Gold, refused with 409
    } finally {
      await second.remove();
      await owner.remove();
    }
  });

  it("a decoy declaring a re-keyed group's old key and name never takes the group over: one resource per group", async () => {
    const stack = await newStack("decoy", settings());
    try {
      await declare(stack.stack, { wholesale: { backend: "commercetools", args: { name: "Wholesale", key: "wholesale" } } });
      await stack.stack.up();
      await declare(stack.stack, {
        wholesale: { backend: "commercetools", args: { name: "Wholesale", key: "wholesale-old" } },
        decoy: { backend: "commercetools", args: { name: "Wholesale", key: "wholesale" } },
      });
      const up = await failed(stack.stack.up());
      expect(up?.message).to.match(/is already used by customer group/);
      const resources = (await stack.stack.exportStack()).deployment.resources.filter((r: { type: string }) => r.type.includes("CustomerGroup"));
      const ids = resources.map((r: { id: string }) => r.id);
      expect(new Set(ids).size).to.equal(ids.length);
      expect(resources.map((r: { urn: string }) => r.urn.split("::").pop())).to.deep.equal(["wholesale"]);
      expect((await sandbox.commercetools.groups()).filter((g) => g.name === "Wholesale").map((g) => g.key)).to.deep.equal(["wholesale-old"]);
    } finally {
      await stack.remove();
    }
  });
});
