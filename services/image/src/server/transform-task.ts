import type { TransformRequest__Output } from "@pixelrpc/proto";

import { checkDrawing, type DrawLimits, type OverlayLoader } from "./overlays.js";
import { defaultInputOptions, defaultOutputOptions, validateTransformRequest } from "./validate.js";
import type { TaskImage, TaskRequest } from "./worker-pool.js";

type TransformTaskRequest = TaskRequest & { kind: "transform" };

/** What a transform does, apart from its source: validated, with defaults filled in. */
export type TransformSettings = Pick<TransformTaskRequest, "output" | "input"> & { readonly operations: TransformTaskRequest["operations"] };

/**
 * The settings of a TransformRequest (or a request with its fields:
 * TransformStreamRequest, a variant), checked before the source is fetched
 * or any work queues, so a bad argument fails at once. Overlay URLs are
 * checked now and fetched by `loadOverlays` once the task is admitted.
 */
export function transformSettings(
  request: Pick<TransformRequest__Output, "operations" | "output" | "input">,
  limits: DrawLimits,
  loadOverlays: OverlayLoader,
): TransformSettings {
  validateTransformRequest(request);
  checkDrawing(request.operations, limits);
  return {
    operations: loadOverlays(request.operations),
    output: request.output ?? defaultOutputOptions,
    input: request.input ?? defaultInputOptions,
  };
}

export function transformTask(settings: TransformSettings, image: TaskImage, deadline: number | undefined): TransformTaskRequest {
  return { kind: "transform", image, deadline, ...settings };
}
