import type { TransformRequest__Output } from "@pixelrpc/proto";

import { checkDrawing, type DrawLimits } from "./draw-limits.js";
import type { OverlayLoader } from "./overlays.js";
import type { Presets } from "./presets.js";
import { RpcError } from "./rpc-error.js";
import { defaultInputOptions, defaultOutputOptions, validateTransformRequest } from "./validate.js";
import type { TaskImage, TaskRequest } from "./worker-pool.js";

type TransformTaskRequest = TaskRequest & { kind: "transform" };

/** The fields of a request that say what to do with its source. */
export type TransformFields = Pick<TransformRequest__Output, "operations" | "output" | "input" | "preset">;

/** What a transform does, apart from its source: validated, with defaults filled in. */
export type TransformSettings = Pick<TransformTaskRequest, "output" | "input"> & { readonly operations: TransformTaskRequest["operations"] };

/** What a request's settings are checked and completed with. */
export interface SettingsRules {
  readonly drawLimits: DrawLimits;
  readonly presets: Presets;
}

/**
 * The settings of a TransformRequest (or a request with its fields:
 * TransformStreamRequest, a variant), checked before the source is fetched
 * or any work queues, so a bad argument fails at once. The request's own
 * fields are checked as it sent them, so that errors point where it wrote;
 * with a preset, the whole (the preset's operations, then its own) is
 * checked again, as the limits count it. Overlay URLs are checked now and
 * fetched by `loadOverlays` once the task is admitted.
 */
export function transformSettings(request: TransformFields, { drawLimits, presets }: SettingsRules, loadOverlays: OverlayLoader): TransformSettings {
  validateTransformRequest(request);
  const resolved = presets.apply(request);
  if (resolved !== request) {
    try {
      validateTransformRequest(resolved);
    } catch (error) {
      if (error instanceof RpcError) throw RpcError.invalidArgument(`${error.message} (with preset ${JSON.stringify(request.preset)})`);
      throw error;
    }
  }
  checkDrawing(resolved.operations, drawLimits);
  return {
    operations: loadOverlays(resolved.operations),
    output: resolved.output ?? defaultOutputOptions,
    input: resolved.input ?? defaultInputOptions,
  };
}

export function transformTask(settings: TransformSettings, image: TaskImage, deadline: number | undefined): TransformTaskRequest {
  return { kind: "transform", image, deadline, ...settings };
}
