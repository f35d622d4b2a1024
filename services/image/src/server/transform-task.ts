import type { TransformRequest__Output } from "@pixelrpc/proto";

import { defaultInputOptions, defaultOutputOptions, validateTransformRequest } from "./validate.js";
import type { TaskImage, TaskRequest } from "./worker-pool.js";

type TransformTaskRequest = TaskRequest & { kind: "transform" };

/** What a transform does, apart from its source: validated, with defaults filled in. */
export type TransformSettings = Pick<TransformTaskRequest, "operations" | "output" | "input">;

/**
 * The settings of a TransformRequest (or a request with its fields:
 * TransformStreamRequest, a variant), checked before the source is fetched
 * or any work queues, so a bad argument fails at once.
 */
export function transformSettings(request: Pick<TransformRequest__Output, "operations" | "output" | "input">): TransformSettings {
  validateTransformRequest(request);
  return {
    operations: request.operations,
    output: request.output ?? defaultOutputOptions,
    input: request.input ?? defaultInputOptions,
  };
}

export function transformTask(settings: TransformSettings, image: TaskImage, deadline: number | undefined): TransformTaskRequest {
  return { kind: "transform", image, deadline, ...settings };
}
