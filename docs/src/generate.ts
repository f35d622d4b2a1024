/**
 * Writes the generated reference pages, or with --check fails when one on
 * disk differs from what the code says:
 *
 *   tsx src/generate.ts          write docs/operations.md and docs/configuration.md
 *   tsx src/generate.ts --check  fail if either is stale
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { configurationPage } from "./configuration.js";
import { operationsPage } from "./operations.js";

const pages: Readonly<Record<string, () => string>> = {
  "operations.md": operationsPage,
  "configuration.md": configurationPage,
};

const check = process.argv.includes("--check");
const stale: string[] = [];
for (const [name, render] of Object.entries(pages)) {
  const path = fileURLToPath(new URL(`../${name}`, import.meta.url));
  const text = render();
  if (!check) writeFileSync(path, text);
  else if (!existsSync(path) || readFileSync(path, "utf8") !== text) stale.push(`docs/${name}`);
}
if (stale.length > 0) {
  console.error(`stale generated pages: ${stale.join(", ")}; run \`npm run generate\` and commit the result`);
  process.exit(1);
}
