export { buildGateway } from "./app.js";
export { gatewayDefaults, loadGatewayConfig, type GatewayConfig } from "./config.js";
