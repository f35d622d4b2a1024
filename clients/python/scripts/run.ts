/**
 * The Python package's steps, with a python3 that has Debian's packages:
 *   tsx scripts/run.ts lint       black --check
 *   tsx scripts/run.ts typecheck  mypy --strict (the package and its tests)
 *   tsx scripts/run.ts test       pytest against the real image service
 */
import { fileURLToPath } from "node:url";

import { findPython, runPytest, runPython } from "@pixelrpc/harness";

const packageDir = fileURLToPath(new URL("..", import.meta.url));

const steps: Record<string, () => number> = {
  lint: () => runPython(findPython(["black"]), "black", ["--check", "--quiet", "."], packageDir),
  typecheck: () => runPython(findPython(["mypy"]), "mypy", [], packageDir),
  test: () => runPytest(packageDir, process.argv.slice(3)),
};

const step = steps[process.argv[2] ?? ""];
if (!step) throw new Error(`usage: tsx scripts/run.ts ${Object.keys(steps).join("|")}`);
process.exitCode = step();
