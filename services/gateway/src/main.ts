#!/usr/bin/env node
/** Starts the gateway from the environment. */
import type { AddressInfo } from "node:net";

import { createImageClient } from "@pixelrpc/client";

import { buildGateway } from "./app.js";
import { GatewayConfigError, loadGatewayConfig } from "./config.js";

const line = (level: string, event: string, fields: Record<string, unknown>): void => {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), level, component: "gateway", event, ...fields })}\n`);
};

try {
  const config = loadGatewayConfig();
  const client = createImageClient(config.imageServiceTarget);
  const app = buildGateway(config, client);
  await app.listen({ host: config.httpHost, port: config.httpPort });
  const address = app.server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  if (config.apiKeys.length === 0) line("warn", "open_access", { message: "GATEWAY_API_KEYS is empty: /v1/* is open to anyone who reaches this loopback address" });
  line("info", "listening", { ...config, apiKeys: `${config.apiKeys.length} redacted`, address: `${host}:${address.port}`, port: address.port });
  const stop = (signal: NodeJS.Signals): void => {
    line("info", "stopping", { signal });
    app.close().then(
      () => {
        client.close();
        line("info", "stopped", { signal });
        process.exit(0);
      },
      (error: unknown) => {
        line("error", "stop_failed", { signal, error: String(error) });
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
} catch (error) {
  const problems = error instanceof GatewayConfigError ? { problems: error.problems } : {};
  line("error", error instanceof GatewayConfigError ? "invalid_config" : "start_failed", { error: String(error), ...problems });
  process.exit(1);
}
