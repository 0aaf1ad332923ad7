// The demo's merchant: lists the groups the sandbox's stores hold, and edits some as someone in an admin UI would.
// Usage: node scripts/demo-sandbox.js <sandbox-url> seed|list|drift|restore
"use strict";
const { connectSandbox } = require("../dist/sandbox");

async function main() {
  const [url, command] = process.argv.slice(2);
  const sandbox = await connectSandbox(url);
  if (command === "seed") {
    // RevCent groups cannot be created through its API: the demo's RevCent account has them already, with customers.
    if ((await sandbox.revcent.groups()).length > 0) return;
    const [vip] = await sandbox.revcent.seedGroups([
      {
        name: "VIP",
        description: "Customers with a high lifetime value",
        enabled: true,
        qualifier_method: "specific_values",
        qualifiers: { specific_values: { values: { lifetime_value: { enabled: true, min: 500, max: 100000 } } } },
      },
      { name: "Newsletter", enabled: true, qualifier_method: "none" },
    ]);
    const start = Date.UTC(2026, 0, 1) / 1000;
    await sandbox.revcent.seedCustomers(
      Array.from({ length: 42 }, (_, i) => ({
        email: `customer${i}@example.com`,
        first_name: "Customer",
        last_name: String(i),
        created_date_unix: start + i * 4 * 86400,
        customer_group: [{ id: vip.id }],
      })),
    );
  } else if (command === "list") {
    for (const g of await sandbox.commercetools.groups()) {
      console.log(`  commercetools  ${g.name.padEnd(14)} key=${g.key ?? "-"} version=${g.version} custom=${JSON.stringify(g.custom?.fields ?? {})}`);
    }
    for (const g of await sandbox.bigcommerce.groups()) {
      const rules = g.discount_rules.map(
        (r) => `${r.type}${r.product_id ? `#${r.product_id}` : r.category_id ? `#${r.category_id}` : ""} ${r.method} ${r.amount}`,
      );
      console.log(`  bigcommerce    ${g.name.padEnd(14)} id=${g.id} access=${g.category_access.type} rules=[${rules.join(", ")}]`);
    }
    for (const g of await sandbox.revcent.groups()) {
      console.log(`  revcent        ${g.name.padEnd(14)} id=${g.id} enabled=${g.enabled} qualifier_method=${g.qualifier_method}`);
    }
  } else if (command === "drift") {
    const gold = (await sandbox.commercetools.groups()).find((g) => g.key === "gold");
    if (gold) {
      await sandbox.commercetools.editGroup(gold.id, { name: "Gold (renamed in the Merchant Center)" });
      console.log(`  commercetools: renamed group ${gold.id} to "Gold (renamed in the Merchant Center)"`);
    }
    const students = (await sandbox.bigcommerce.groups()).find((g) => g.name === "Students");
    if (students) {
      await sandbox.bigcommerce.editGroup(students.id, { discount_rules: [{ type: "all", method: "percent", amount: 15 }] });
      console.log(`  bigcommerce: raised the Students discount to 15% in the control panel`);
    }
    const vip = (await sandbox.revcent.groups()).find((g) => g.name === "VIP");
    if (vip) {
      await sandbox.revcent.editGroup(vip.id, { enabled: false });
      console.log(`  revcent: disabled the VIP group in RevCent`);
    }
  } else if (command === "restore") {
    // RevCent's API cannot write groups, so Pulumi cannot put them back: the merchant does, in RevCent.
    const vip = (await sandbox.revcent.groups()).find((g) => g.name === "VIP");
    if (vip && !vip.enabled) {
      await sandbox.revcent.editGroup(vip.id, { enabled: true });
      console.log(`  revcent: the VIP group enabled again in RevCent (Pulumi cannot write RevCent groups)`);
    }
  } else {
    throw new Error(`unknown command '${command}' (seed, list, drift or restore)`);
  }
}

main().catch((e) => {
  console.error(`demo-sandbox: ${e.message}`);
  process.exit(1);
});
