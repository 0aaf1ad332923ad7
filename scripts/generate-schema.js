// Writes schema/groups.schema.json (the config-repo file format, for editors) from the compiled package: npm run schema.
// A unit test fails when the shipped file and the resources' schemas disagree, so run this after changing an argument.
const fs = require("node:fs");
const path = require("node:path");
const { groupsFileSchema } = require("../dist/sdk/config/schema");

const out = path.join(__dirname, "..", "schema", "groups.schema.json");
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify(groupsFileSchema(), null, 2) + "\n");
console.log(`wrote ${path.relative(process.cwd(), out)}`);
