import { Server, ServerCredentials } from "@grpc/grpc-js";
import { imageServiceName, loadImageServiceGrpcObject } from "@pixelrpc/proto";
import { HealthImplementation } from "grpc-health-check";

import type { ImageServiceConfig } from "../config.js";
import type { Logger } from "../log.js";
import { imageServiceHandlers } from "./image-service.js";
import { addReflection } from "./reflection.js";
import { WorkerPool } from "./worker-pool.js";

export interface RunningImageServer {
  /** `host:port` the server listens on, with the real port when 0 was asked for. */
  readonly address: string;
  readonly port: number;
  /**
   * Stops taking calls (health turns NOT_SERVING), lets calls in flight
   * finish for up to `graceMs`, cancels the rest, then stops the pool.
   */
  close(graceMs?: number): Promise<void>;
}

function bind(server: Server, address: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.bindAsync(address, ServerCredentials.createInsecure(), (error, port) => (error ? reject(error) : resolve(port)));
  });
}

export async function startImageServer(config: ImageServiceConfig, logger: Logger): Promise<RunningImageServer> {
  const pool = new WorkerPool(
    config.poolThreads,
    { maxInputPixels: config.maxInputPixels, maxProcessingSeconds: config.maxProcessingSeconds },
    logger,
  );
  const server = new Server({
    "grpc.max_receive_message_length": config.maxMessageBytes,
    "grpc.max_send_message_length": config.maxMessageBytes,
  });

  const grpcObject = loadImageServiceGrpcObject();
  server.addService(
    grpcObject.pixelrpc.image.v1.ImageService.service,
    imageServiceHandlers(pool, logger, config.maxMessageBytes),
  );
  const health = new HealthImplementation({ "": "SERVING", [imageServiceName]: "SERVING" });
  health.addToServer(server);
  addReflection(server);

  const orStop = async <T>(what: string, step: Promise<T>): Promise<T> => {
    try {
      return await step;
    } catch (error) {
      await pool.close();
      throw new Error(`${what}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  };
  // Report SERVING only once every worker has loaded sharp.
  await orStop("the worker pool cannot start", pool.ready());
  const port = await orStop(`cannot listen on ${config.grpcAddress}`, bind(server, config.grpcAddress));
  const address = config.grpcAddress.replace(/:\d+$/, `:${port}`);

  let closing: Promise<void> | undefined;
  const close = (graceMs = 10_000): Promise<void> => {
    closing ??= (async () => {
      health.setStatus("", "NOT_SERVING");
      health.setStatus(imageServiceName, "NOT_SERVING");
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => server.forceShutdown(), graceMs);
        server.tryShutdown(() => {
          clearTimeout(timer);
          resolve();
        });
      });
      await pool.close();
    })();
    return closing;
  };

  logger.log("info", "listening", { ...config, address, port, poolThreads: pool.threads });
  return { address, port, close };
}
