import type { ImageServiceHandlers, InfoResponse, TransformResponse } from "@pixelrpc/proto";

import { serverStream, unary } from "./calls.js";
import type { ImageServiceDependencies } from "./dependencies.js";
import { checkFitsMessage, failed } from "./task-outcome.js";
import { transformSettings, transformTask } from "./transform-task.js";
import { transformStream } from "./transform-stream.js";
import { variants } from "./variants.js";

/** The ImageService RPCs: validate, hand the work to a pool, shape the answer. */
export function imageServiceHandlers(dependencies: ImageServiceDependencies): ImageServiceHandlers {
  const { transforms, inspections, maxMessageBytes, loadSource, overlaysFor } = dependencies;
  return {
    Transform: unary("Transform", dependencies, async (request, context): Promise<TransformResponse> => {
      const settings = transformSettings(request, dependencies, overlaysFor(context));
      const result = await transforms.run(transformTask(settings, loadSource(request, context), context.deadline), context.signal);
      if (!result.ok) failed(result);
      checkFitsMessage(result.image.byteLength, maxMessageBytes);
      return { image: result.image, info: result.info };
    }),

    Info: unary("Info", dependencies, async (request, context): Promise<InfoResponse> => {
      const result = await inspections.run(
        { kind: "info", image: loadSource(request, context), placeholders: request.placeholders, deadline: context.deadline },
        context.signal,
      );
      if (!result.ok) failed(result);
      return result.info;
    }),

    TransformStream: serverStream("TransformStream", dependencies, transformStream(dependencies)),

    Variants: serverStream("Variants", dependencies, variants(dependencies)),
  };
}
