import { Server, ServerCredentials } from "@grpc/grpc-js";
import { AddressPolicy } from "@pixelrpc/outbound";
import { imageServiceName, loadImageServiceGrpcObject } from "@pixelrpc/proto";
import { HealthImplementation } from "grpc-health-check";

import { workerSettings, type ImageServiceConfig, type ServerTls } from "../process/config.js";
import { createSourceFetcher } from "./fetch/fetch-source.js";
import type { Logger } from "@pixelrpc/service-runtime";
import { ImageServiceMetrics, type PoolGauges } from "./metrics/image-metrics.js";
import { startMetricsEndpoint } from "./metrics/metrics-endpoint.js";
import { deprioritizeLibvips } from "../process/thread-priority.js";
import { useShippedFonts } from "../process/fonts.js";
import { FLOW_CONTROL_WINDOW_OPTION, widenReceiveWindows } from "./flow-control.js";
import { sourceLoader } from "./image-source.js";
import { overlayLoader } from "./overlays.js";
import { guardReceives } from "./receive-guard.js";
import { imageServiceHandlers } from "./image-service.js";
import { addReflection } from "./reflection.js";
import { WorkerPool } from "./worker-pool.js";

/** How long the statuses of calls cut off at the end of the grace get to reach their callers. */
const FLUSH_MS = 250;

export interface RunningImageServer {
  /** `host:port` the server listens on, with the real port when 0 was asked for. */
  readonly address: string;
  readonly port: number;
  /** `host:port` of the Prometheus endpoint, when IMAGE_METRICS_ADDR turned it on. */
  readonly metricsAddress: string | undefined;
  /**
   * Stops taking calls (health turns NOT_SERVING), lets calls in flight
   * finish for up to `graceMs`, cancels the rest, then stops the pool.
   */
  close(graceMs?: number): Promise<void>;
}

function credentialsFor(tls: ServerTls | undefined): ServerCredentials {
  if (!tls) return ServerCredentials.createInsecure();
  return ServerCredentials.createSsl(tls.clientCa ?? null, [{ cert_chain: tls.cert, private_key: tls.key }], tls.clientCa !== undefined);
}

function bind(server: Server, address: string, tls: ServerTls | undefined): Promise<number> {
  return new Promise((resolve, reject) => {
    server.bindAsync(address, credentialsFor(tls), (error, port) => (error ? reject(error) : resolve(port)));
  });
}

/** The configuration as the `listening` line shows it: no key material, sources in words. */
function describeConfig({ tls, allowedSources, presets, ...config }: ImageServiceConfig): Record<string, unknown> {
  return { ...config, allowedSources: allowedSources.describe(), presets: presets.names, tls: tls ? (tls.clientCa ? "mutual" : "server") : "off" };
}

export async function startImageServer(config: ImageServiceConfig, logger: Logger): Promise<RunningImageServer> {
  const settings = workerSettings(config);
  useShippedFonts();
  const metrics = config.metrics && new ImageServiceMetrics((): readonly PoolGauges[] => [pools.transforms, pools.inspections]);
  const pools = {
    transforms: new WorkerPool(
      { name: "transform", threads: config.poolThreads, maxQueue: config.maxQueue, maxQueueBytes: config.maxQueueBytes, settings, metrics },
      logger,
    ),
    // Info is cheap for most images; a lane of its own keeps it from waiting behind transforms.
    inspections: new WorkerPool(
      { name: "info", threads: config.infoThreads, maxQueue: config.maxQueue, maxQueueBytes: config.maxQueueBytes, settings, metrics },
      logger,
    ),
  };
  const closePools = (): Promise<unknown> => Promise.all([pools.transforms.close(), pools.inspections.close()]);
  let draining = false;
  const stopping = new AbortController();
  const server = new Server({
    "grpc.max_receive_message_length": config.maxMessageBytes,
    "grpc.max_send_message_length": config.maxMessageBytes,
    [FLOW_CONTROL_WINDOW_OPTION]: config.flowControlWindowBytes,
    "grpc.max_concurrent_streams": config.maxConcurrentStreams,
  });
  const windows = widenReceiveWindows(server, config.flowControlWindowBytes);
  if (windows.state === "unsupported") {
    logger.log("warn", "flow_control_window_unsupported", {
      message: "this grpc-js keeps its HTTP/2 server settings elsewhere: receive windows stay at 64 KiB; see server/flow-control.ts",
    });
  }

  const receives = guardReceives(server, { budgetBytes: config.receiveBudgetBytes, timeoutMs: config.receiveTimeoutMs }, logger);
  if (receives.state === "unsupported") {
    logger.log("warn", "receive_guard_unsupported", {
      message: "this grpc-js keeps its HTTP/2 servers elsewhere: requests still arriving are not bounded; see server/receive-guard.ts",
    });
  }

  const fetcher = createSourceFetcher({
    sources: config.allowedSources,
    addresses: new AddressPolicy(config.allowedSourceAddresses),
    maxBytes: config.maxInputBytes,
    timeoutMs: config.fetchTimeoutMs,
    maxRedirects: config.fetchMaxRedirects,
  });
  const { maxOverlays, maxOverlayBytes, maxTextCharacters } = config;
  const drawLimits = { maxOverlays, maxOverlayBytes, maxTextCharacters };
  const grpcObject = loadImageServiceGrpcObject();
  server.addService(
    grpcObject.pixelrpc.image.v1.ImageService.service,
    imageServiceHandlers({
      ...pools,
      logger,
      metrics,
      maxMessageBytes: config.maxMessageBytes,
      isDraining: () => draining,
      stopping: stopping.signal,
      loadSource: sourceLoader(fetcher, logger),
      drawLimits,
      presets: config.presets,
      overlaysFor: overlayLoader(fetcher, drawLimits, logger),
    }),
  );
  const health = new HealthImplementation({ "": "SERVING", [imageServiceName]: "SERVING" });
  health.addToServer(server);
  addReflection(server);

  const orStop = async <T>(what: string, step: Promise<T>): Promise<T> => {
    try {
      return await step;
    } catch (error) {
      await closePools();
      throw new Error(`${what}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  };
  // Report SERVING only once every worker has loaded sharp.
  await orStop("the worker pool cannot start", Promise.all([pools.transforms.ready(), pools.inspections.ready()]));
  const port = await orStop(`cannot listen on ${config.grpcAddress}`, bind(server, config.grpcAddress, config.tls));
  windows.afterBind();
  receives.afterBind();
  const address = config.grpcAddress.replace(/:\d+$/, `:${port}`);
  const endpoint =
    config.metrics &&
    (await orStop(
      `cannot serve metrics on ${config.metrics.host}:${config.metrics.port}`,
      startMetricsEndpoint(config.metrics.host, config.metrics.port, metrics!.registry),
    ));

  const stopRenicing = deprioritizeLibvips(config.libvipsNice, logger);
  let closing: Promise<void> | undefined;
  const close = (graceMs = config.shutdownGraceMs): Promise<void> => {
    closing ??= (async () => {
      draining = true;
      health.setStatus("", "NOT_SERVING");
      health.setStatus(imageServiceName, "NOT_SERVING");
      await new Promise<void>((resolve) => {
        // Past the grace, calls still running stop (their task processes killed) and are answered
        // UNAVAILABLE; a moment later whatever is left of the connections goes.
        const timer = setTimeout(() => {
          stopping.abort();
          setTimeout(() => server.forceShutdown(), FLUSH_MS).unref();
        }, graceMs);
        server.tryShutdown(() => {
          clearTimeout(timer);
          resolve();
        });
      });
      await Promise.all([closePools(), endpoint?.close()]);
      stopRenicing();
    })();
    return closing;
  };

  const metricsAddress = endpoint?.address;
  logger.log("info", "listening", { ...describeConfig(config), address, port, metricsAddress, poolThreads: pools.transforms.threads });
  return { address, port, metricsAddress, close };
}
