import { status } from "@grpc/grpc-js";
import type { ImageServiceHandlers, InfoResponse, TransformResponse } from "@pixelrpc/proto";

import { MIB } from "../config.js";
import type { TaskFailure } from "../task.js";
import { RpcError } from "./rpc-error.js";
import { unary, type RpcEnvironment } from "./unary.js";
import { defaultInputOptions, defaultOutputOptions, validateTransformRequest } from "./validate.js";
import type { WorkerPool } from "./worker-pool.js";

function failed(result: TaskFailure): never {
  throw new RpcError(status[result.code], result.message);
}

export interface ImageServiceDependencies extends RpcEnvironment {
  /** Runs Transform's work. */
  readonly transforms: WorkerPool;
  /** Runs Info's work, apart from transforms. */
  readonly inspections: WorkerPool;
  readonly maxMessageBytes: number;
}

/** The ImageService RPCs: validate, hand the work to the pool, shape the answer. */
export function imageServiceHandlers(dependencies: ImageServiceDependencies): ImageServiceHandlers {
  const { transforms, inspections, maxMessageBytes } = dependencies;
  return {
    Transform: unary("Transform", dependencies, async (request, { signal, deadline }): Promise<TransformResponse> => {
      validateTransformRequest(request);
      const result = await transforms.run(
        {
          kind: "transform",
          image: request.image,
          operations: request.operations,
          output: request.output ?? defaultOutputOptions,
          input: request.input ?? defaultInputOptions,
          deadline,
        },
        signal,
      );
      if (!result.ok) failed(result);
      // Leave room for the info message and framing around the image bytes.
      if (result.image.byteLength > maxMessageBytes - 1024) {
        throw new RpcError(
          status.RESOURCE_EXHAUSTED,
          `the result is ${(result.image.byteLength / MIB).toFixed(1)} MiB, over this service's ${(maxMessageBytes / MIB).toFixed(1)} MiB message limit: ask for a smaller size, a lossy format or a lower quality`,
        );
      }
      return { image: result.image, info: result.info };
    }),

    Info: unary("Info", dependencies, async (request, { signal, deadline }): Promise<InfoResponse> => {
      const result = await inspections.run({ kind: "info", image: request.image, deadline }, signal);
      if (!result.ok) failed(result);
      return result.info;
    }),
  };
}
