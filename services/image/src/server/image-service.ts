import type { ImageServiceHandlers, InfoResponse, TransformResponse } from "@pixelrpc/proto";

import { serverStream, unary, type RpcEnvironment } from "./calls.js";
import { checkFitsMessage, failed } from "./task-outcome.js";
import { transformTask } from "./transform-task.js";
import { transformStream } from "./transform-stream.js";
import { variants } from "./variants.js";
import type { WorkerPool } from "./worker-pool.js";

export interface ImageServiceDependencies extends RpcEnvironment {
  /** Runs the work of Transform, TransformStream and Variants. */
  readonly transforms: WorkerPool;
  /** Runs Info's work, apart from transforms. */
  readonly inspections: WorkerPool;
  readonly maxMessageBytes: number;
}

/** The ImageService RPCs: validate, hand the work to a pool, shape the answer. */
export function imageServiceHandlers(dependencies: ImageServiceDependencies): ImageServiceHandlers {
  const { transforms, inspections, maxMessageBytes } = dependencies;
  return {
    Transform: unary("Transform", dependencies, async (request, { signal, deadline }): Promise<TransformResponse> => {
      const result = await transforms.run(transformTask(request, deadline), signal);
      if (!result.ok) failed(result);
      checkFitsMessage(result.image.byteLength, maxMessageBytes);
      return { image: result.image, info: result.info };
    }),

    Info: unary("Info", dependencies, async (request, { signal, deadline }): Promise<InfoResponse> => {
      const result = await inspections.run({ kind: "info", image: request.image, deadline }, signal);
      if (!result.ok) failed(result);
      return result.info;
    }),

    TransformStream: serverStream("TransformStream", dependencies, transformStream(dependencies)),

    Variants: serverStream("Variants", dependencies, variants(dependencies)),
  };
}
