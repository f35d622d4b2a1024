export * from "./services.js";
export { makeTestPki, type TestPki } from "./certificates.js";
export { processTree } from "./processes.js";
export { startFixtureOrigin, type FixtureOrigin } from "./fixture-origin.js";
export { findPython, pythonEnv, pythonStepUnavailable, runPython, runPytest } from "./python.js";
export { parseMetrics, scrapeMetrics } from "./metrics.js";
