import type { TransformStreamRequest__Output, TransformStreamResponse } from "@pixelrpc/proto";

import type { CallContext, StreamWriter } from "./calls.js";
import type { ImageServiceDependencies } from "./image-service.js";
import { failed } from "./task-outcome.js";
import { RpcError } from "./rpc-error.js";
import { transformSettings, transformTask } from "./transform-task.js";
import type { TaskProgress } from "./worker-pool.js";

const KIB = 1024;
export const DEFAULT_CHUNK_BYTES = 256 * KIB;

/**
 * TransformStream: progress while the image waits and is processed, then
 * its info, then the encoded image in chunks, so results of any size get
 * through and callers can show progress.
 */
export function transformStream({ transforms, maxMessageBytes, loadSource }: ImageServiceDependencies) {
  return async (request: TransformStreamRequest__Output, context: CallContext, write: StreamWriter<TransformStreamResponse>): Promise<void> => {
    const { signal, deadline, started } = context;
    const largestChunk = maxMessageBytes - KIB;
    if (request.chunkSize > largestChunk) {
      throw RpcError.invalidArgument(`chunk_size must be at most ${largestChunk} (the message limit less 1 KiB), got ${request.chunkSize}`);
    }
    const chunkSize = request.chunkSize || Math.min(DEFAULT_CHUNK_BYTES, largestChunk);
    const settings = transformSettings(request);
    const operationCount = settings.operations.length;
    // Progress is best effort: a write that waits for a slow reader must not
    // hold up the work, and a failed one is the call's end anyway.
    const report = (progress: TaskProgress | { stage: "STAGE_FETCHING" }): void => {
      const elapsedMs = Math.round(performance.now() - started);
      void write({
        progress: {
          stage: progress.stage,
          queuePosition: "queuePosition" in progress ? progress.queuePosition : 0,
          operationIndex: "operationIndex" in progress ? (progress.operationIndex ?? 0) : 0,
          operationCount,
          elapsedMs,
        },
      }).catch(() => undefined);
    };

    if (request.source === "url") report({ stage: "STAGE_FETCHING" });
    const image = await loadSource(request, context);
    const result = await transforms.run(transformTask(settings, image, deadline), signal, report);
    if (!result.ok) failed(result);
    await write({ info: result.info });
    for (let offset = 0; offset < result.image.byteLength; offset += chunkSize) {
      await write({ chunk: result.image.subarray(offset, offset + chunkSize) });
    }
  };
}
