export { configDefaults, loadConfig, type ImageServiceConfig } from "./config.js";
export { startImageServer, type RunningImageServer } from "./server/server.js";
