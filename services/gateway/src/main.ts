#!/usr/bin/env node
/** Starts the gateway from the environment. */
import type { AddressInfo } from "node:net";

import { createImageClient } from "@pixelrpc/client";
import { createLogger, runService } from "@pixelrpc/service-runtime";
import { Redis } from "ioredis";

import { buildGateway } from "./app.js";
import { openResultCache } from "./cache/open-cache.js";
import { loadGatewayConfig } from "./config.js";
import { openJobStore } from "./jobs/open-store.js";
import { GatewayMetrics } from "./metrics.js";
import { startMetricsServer } from "./metrics-server.js";

const logger = createLogger("gateway");

await runService(logger, async () => {
  const config = loadGatewayConfig();
  const client = createImageClient(config.imageServiceTarget, { tls: config.imageServiceTls });
  const store = await openJobStore(config, (error) => logger.log("error", "job_store_error", { error: error.message }));
  // Gateways that share a Redis job store share their rate-limit budgets there too. Connected
  // before the gateway listens: without an offline queue, a command sent before the connection is
  // up fails, and the limiter lets such requests through uncounted.
  const rateLimitRedis =
    config.rateLimitPerMinute !== undefined && config.jobStore !== "memory"
      ? new Redis(config.jobStore.href, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1 }).on("error", (error: Error) =>
          logger.log("error", "rate_limit_store_error", { error: error.message }),
        )
      : undefined;
  await rateLimitRedis?.connect();
  const metrics = new GatewayMetrics(store);
  const results = await openResultCache(
    config,
    (operation, error) => {
      metrics.cacheError(operation);
      logger.log("error", "cache_error", { operation, error: error.message });
    },
    (outcome) => metrics.cacheOutcome(outcome),
  );
  if (results) metrics.observeCache(results.cache);
  const app = buildGateway(config, { client, store, metrics, rateLimitRedis, results });
  await app.listen({ host: config.httpHost, port: config.httpPort });
  const metricsServer = config.metricsAddress && (await startMetricsServer(metrics, config.metricsAddress));
  const address = app.server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  if (config.urlSigningKeys.length === 0 && config.jobStore !== "memory") {
    logger.log("warn", "job_links_local", {
      message: "GATEWAY_URL_SIGNING_KEYS is empty: signed job links are signed with this process's own key and open only on this gateway",
    });
  }
  if (config.apiKeys.length === 0) {
    logger.log("warn", "open_access", { message: "GATEWAY_API_KEYS is empty: /v1/* is open to anyone who reaches this loopback address" });
  }
  const jobStore = config.jobStore === "memory" ? "memory" : `${config.jobStore.protocol}//${config.jobStore.host}`;
  const { apiKeys, urlSigningKeys, adminKeys, imageServiceTls, cache, webhooks, ...settings } = config;
  logger.log("info", "listening", {
    ...settings,
    apiKeys: `${apiKeys.length} redacted`,
    urlSigningKeys: `${urlSigningKeys.length} redacted`,
    adminKeys: `${adminKeys.length} redacted`,
    webhooks: webhooks
      ? {
          allowed: webhooks.allowed.describe(),
          secrets: `${webhooks.keys.length} redacted`,
          timeoutMs: webhooks.timeoutMs,
          maxAttempts: webhooks.maxAttempts,
          retryMs: webhooks.retryMs,
        }
      : "off",
    cache:
      cache.kind === "redis" ? `${cache.url.protocol}//${cache.url.host}` : cache.kind === "file" ? `file ${cache.directory} (${cache.maxBytes} bytes)` : "off",
    imageServiceTls: imageServiceTls ? (imageServiceTls.cert ? "mutual" : "server") : "off",
    jobStore,
    metricsAddress: metricsServer ? metricsServer.address : "off",
    address: `${host}:${address.port}`,
    port: address.port,
  });
  return async () => {
    await app.close();
    await metricsServer?.server.close();
    client.close();
    rateLimitRedis?.disconnect();
    await Promise.all([store.close(), results?.cache.close()]);
  };
});
