export * from "./services.js";
export { makeTestPki, type TestPki } from "./certificates.js";
export { processTree } from "./processes.js";
