export { ConfigError, configDefaults, loadConfig, type ImageServiceConfig } from "./config.js";
export { createLogger, type Logger, type LogLevel } from "./log.js";
export { startImageServer, type RunningImageServer } from "./server/server.js";
