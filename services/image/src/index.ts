export { configDefaults, imageVariables, loadConfig, type ImageServiceConfig } from "./process/config.js";
export { startImageServer, type RunningImageServer } from "./server/server.js";
