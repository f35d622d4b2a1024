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

const { createLogger, runService } = await import("@pixelrpc/service-runtime");
const { loadConfig, startImageServer } = await import("./index.js");

const logger = createLogger("image-service");

await runService(logger, async () => {
  const server = await startImageServer(loadConfig(), logger);
  return () => server.close();
});
