export { buildGateway } from "./app.js";
export { GatewayConfigError, gatewayDefaults, loadGatewayConfig, type GatewayConfig } from "./config.js";
