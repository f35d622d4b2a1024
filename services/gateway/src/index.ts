export { buildGateway } from "./app.js";
export { gatewayDefaults, gatewayVariables, loadGatewayConfig, type GatewayConfig } from "./config.js";
