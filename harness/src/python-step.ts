/**
 * A Python package's steps, run in the current folder (clients/python,
 * examples/aiohttp-thumbnails) with a python3 that has Debian's packages:
 *   tsx harness/src/python-step.ts lint               black --check
 *   tsx harness/src/python-step.ts typecheck          mypy, as the folder's pyproject.toml configures it
 *   tsx harness/src/python-step.ts test [pytest args] pytest against the real image service
 */
import { findPython, runPytest, runPython } from "./python.js";

const folder = process.cwd();

const steps: Record<string, () => number | Promise<number>> = {
  lint: () => runPython(findPython(["black"]), "black", ["--check", "--quiet", "."], folder),
  typecheck: () => runPython(findPython(["mypy"]), "mypy", [], folder),
  test: () => runPytest(folder, process.argv.slice(3)),
};

const step = steps[process.argv[2] ?? ""];
if (!step) throw new Error(`usage: tsx harness/src/python-step.ts ${Object.keys(steps).join("|")} [pytest arguments]`);
process.exitCode = await step();
