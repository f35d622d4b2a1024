#!/usr/bin/env node
/**
 * Starts the image service from the environment. libvips and libuv read
 * their settings when first used, so they are set before anything loads.
 */
import { availableParallelism } from "node:os";

// sharp's async work runs on libuv's pool, shared by every worker thread:
// give it a thread per pool worker plus headroom for DNS and file I/O.
process.env.UV_THREADPOOL_SIZE ??= String(Math.max(4, availableParallelism() + 2));
// libvips prints warnings about damaged files to stderr, outside the JSON log;
// the same problems reach the caller as error messages.
process.env.VIPS_WARNING ??= "0";

const { ConfigError, createLogger, loadConfig, startImageServer } = await import("./index.js");

const logger = createLogger("image-service");

try {
  const config = loadConfig();
  const server = await startImageServer(config, logger);
  const stop = (signal: NodeJS.Signals): void => {
    logger.log("info", "stopping", { signal });
    server.close().then(
      () => {
        logger.log("info", "stopped", { signal });
        process.exit(0);
      },
      (error: unknown) => {
        logger.log("error", "stop_failed", { signal, error });
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
} catch (error) {
  logger.log("error", error instanceof ConfigError ? "invalid_config" : "start_failed", {
    error,
    ...(error instanceof ConfigError ? { problems: error.problems } : {}),
  });
  process.exit(1);
}
