#!/usr/bin/env node
/** Starts the gateway from the environment. */
import type { AddressInfo } from "node:net";

import { createImageClient } from "@pixelrpc/client";
import { Redis } from "ioredis";

import { buildGateway } from "./app.js";
import { GatewayConfigError, loadGatewayConfig } from "./config.js";
import { openJobStore } from "./jobs/open-store.js";
import { GatewayMetrics } from "./metrics.js";
import { startMetricsServer } from "./metrics-server.js";

const entry = (level: string, event: string, fields: Record<string, unknown>): string =>
  `${JSON.stringify({ time: new Date().toISOString(), level, component: "gateway", event, ...fields })}\n`;
const line = (level: string, event: string, fields: Record<string, unknown>): void => void process.stdout.write(entry(level, event, fields));

// A reader of stdout that goes away (a closed pipe: EPIPE) must not stop the
// gateway or its shutdown: lines are dropped from then on (pino drops its
// own), and stderr says so once.
let stdoutLost = false;
process.stdout.on("error", (error) => {
  if (!stdoutLost)
    process.stderr.write(entry("error", "log_output_lost", { message: "stdout failed: log lines are dropped from now on", error: error.message }));
  stdoutLost = true;
});
// With stderr gone as well there is nowhere left to say anything.
process.stderr.on("error", () => undefined);

try {
  const config = loadGatewayConfig();
  const client = createImageClient(config.imageServiceTarget, { tls: config.imageServiceTls });
  const store = await openJobStore(config, (error) => line("error", "job_store_error", { error: error.message }));
  // Gateways that share a Redis job store share their rate-limit budgets there too. Connected
  // before the gateway listens: without an offline queue, a command sent before the connection is
  // up fails, and the limiter lets such requests through uncounted.
  const rateLimitRedis =
    config.rateLimitPerMinute !== undefined && config.jobStore !== "memory"
      ? new Redis(config.jobStore.href, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1 }).on("error", (error: Error) =>
          line("error", "rate_limit_store_error", { error: error.message }),
        )
      : undefined;
  await rateLimitRedis?.connect();
  const metrics = new GatewayMetrics(store);
  const app = buildGateway(config, { client, store, metrics, rateLimitRedis });
  await app.listen({ host: config.httpHost, port: config.httpPort });
  const metricsServer = config.metricsAddress && (await startMetricsServer(metrics, config.metricsAddress));
  const address = app.server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  if (config.urlSigningKeys.length === 0 && config.jobStore !== "memory") {
    line("warn", "job_links_local", {
      message: "GATEWAY_URL_SIGNING_KEYS is empty: signed job links are signed with this process's own key and open only on this gateway",
    });
  }
  if (config.apiKeys.length === 0)
    line("warn", "open_access", { message: "GATEWAY_API_KEYS is empty: /v1/* is open to anyone who reaches this loopback address" });
  const jobStore = config.jobStore === "memory" ? "memory" : `${config.jobStore.protocol}//${config.jobStore.host}`;
  const { apiKeys, urlSigningKeys, imageServiceTls, ...settings } = config;
  line("info", "listening", {
    ...settings,
    apiKeys: `${apiKeys.length} redacted`,
    urlSigningKeys: `${urlSigningKeys.length} redacted`,
    imageServiceTls: imageServiceTls ? (imageServiceTls.cert ? "mutual" : "server") : "off",
    jobStore,
    metricsAddress: metricsServer ? metricsServer.address : "off",
    address: `${host}:${address.port}`,
    port: address.port,
  });
  const stop = (signal: NodeJS.Signals): void => {
    line("info", "stopping", { signal });
    app.close().then(
      async () => {
        await metricsServer?.server.close();
        client.close();
        rateLimitRedis?.disconnect();
        await store.close();
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
