#!/usr/bin/env node
// The installed command. It is linked at install time, before the TypeScript
// in src/ is built into dist/, so it only loads the built code.
try {
  await import("../dist/main.js");
} catch (error) {
  if (error?.code !== "ERR_MODULE_NOT_FOUND" || !String(error.message).includes("dist/main.js")) throw error;
  process.stderr.write("pixelrpc is not built yet: run npm run build\n");
  process.exitCode = 1;
}
