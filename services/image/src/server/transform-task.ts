import type { TransformRequest__Output } from "@pixelrpc/proto";

import { defaultInputOptions, defaultOutputOptions, validateTransformRequest } from "./validate.js";
import type { TaskRequest } from "./worker-pool.js";

/**
 * The worker task for a TransformRequest (or a request with its fields:
 * TransformStreamRequest, a variant): validated, with defaults filled in.
 */
export function transformTask(request: TransformRequest__Output, deadline: number | undefined): TaskRequest & { kind: "transform" } {
  validateTransformRequest(request);
  return {
    kind: "transform",
    image: request.image,
    operations: request.operations,
    output: request.output ?? defaultOutputOptions,
    input: request.input ?? defaultInputOptions,
    deadline,
  };
}
