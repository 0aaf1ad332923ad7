// The demo's merchant: lists the groups the sandbox's stores hold, and edits some as someone in an admin UI would.
// Usage: node scripts/demo-sandbox.js <sandbox-url> list|drift
"use strict";
const { connectSandbox } = require("../dist/sandbox");

async function main() {
  const [url, command] = process.argv.slice(2);
  const sandbox = await connectSandbox(url);
  if (command === "list") {
    for (const g of await sandbox.commercetools.groups()) {
      console.log(`  commercetools  ${g.name.padEnd(14)} key=${g.key ?? "-"} version=${g.version} custom=${JSON.stringify(g.custom?.fields ?? {})}`);
    }
    for (const g of await sandbox.bigcommerce.groups()) {
      const rules = g.discount_rules.map((r) => `${r.type}${r.product_id ? `#${r.product_id}` : r.category_id ? `#${r.category_id}` : ""} ${r.method} ${r.amount}`);
      console.log(`  bigcommerce    ${g.name.padEnd(14)} id=${g.id} access=${g.category_access.type} rules=[${rules.join(", ")}]`);
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
  } else {
    throw new Error(`unknown command '${command}' (list or drift)`);
  }
}

main().catch((e) => {
  console.error(`demo-sandbox: ${e.message}`);
  process.exit(1);
});
