import type { ImageServiceHandlers, InfoResponse, TransformResponse } from "@pixelrpc/proto";

import { serverStream, unary, type RpcEnvironment } from "./calls.js";
import type { SourceLoader } from "./image-source.js";
import { checkFitsMessage, failed } from "./task-outcome.js";
import { transformSettings, transformTask } from "./transform-task.js";
import { transformStream } from "./transform-stream.js";
import { variants } from "./variants.js";
import type { WorkerPool } from "./worker-pool.js";

export interface ImageServiceDependencies extends RpcEnvironment {
  /** Runs the work of Transform, TransformStream and Variants. */
  readonly transforms: WorkerPool;
  /** Runs Info's work, apart from transforms. */
  readonly inspections: WorkerPool;
  readonly maxMessageBytes: number;
  /** Turns a request's source (bytes or URL) into the image bytes. */
  readonly loadSource: SourceLoader;
}

/** The ImageService RPCs: validate, hand the work to a pool, shape the answer. */
export function imageServiceHandlers(dependencies: ImageServiceDependencies): ImageServiceHandlers {
  const { transforms, inspections, maxMessageBytes, loadSource } = dependencies;
  return {
    Transform: unary("Transform", dependencies, async (request, context): Promise<TransformResponse> => {
      const settings = transformSettings(request);
      const result = await transforms.run(transformTask(settings, loadSource(request, context), context.deadline), context.signal);
      if (!result.ok) failed(result);
      checkFitsMessage(result.image.byteLength, maxMessageBytes);
      return { image: result.image, info: result.info };
    }),

    Info: unary("Info", dependencies, async (request, context): Promise<InfoResponse> => {
      const result = await inspections.run({ kind: "info", image: loadSource(request, context), deadline: context.deadline }, context.signal);
      if (!result.ok) failed(result);
      return result.info;
    }),

    TransformStream: serverStream("TransformStream", dependencies, transformStream(dependencies)),

    Variants: serverStream("Variants", dependencies, variants(dependencies)),
  };
}
