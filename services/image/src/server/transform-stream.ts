import type { TransformStreamRequest__Output, TransformStreamResponse } from "@pixelrpc/proto";

import { MESSAGE_OVERHEAD_BYTES, MIN_STREAM_CHUNK_BYTES } from "@pixelrpc/proto";

import { KIB } from "../process/config.js";
import type { CallContext, StreamWriter } from "./calls.js";
import type { ImageServiceDependencies } from "./dependencies.js";
import { failed } from "./task-outcome.js";
import { RpcError } from "./rpc-error.js";
import { transformSettings, transformTask } from "./transform-task.js";
import type { TaskProgress } from "./worker-pool.js";

export const DEFAULT_CHUNK_BYTES = 256 * KIB;

/**
 * The chunk size a TransformStream request asks for, checked against its
 * range: from MIN_STREAM_CHUNK_BYTES (below it a result would cost a
 * message per few bytes) to what fits in a message; 0 is the default.
 */
export function streamChunkSize(requested: number, maxMessageBytes: number): number {
  const largest = maxMessageBytes - MESSAGE_OVERHEAD_BYTES;
  const range = `the range is ${MIN_STREAM_CHUNK_BYTES} to ${largest} bytes, or 0 for ${Math.min(DEFAULT_CHUNK_BYTES, largest)}`;
  if (requested > largest) {
    throw RpcError.invalidArgument(`chunk_size must be at most ${largest} (the message limit less 1 KiB), got ${requested}; ${range}`);
  }
  if (requested !== 0 && requested < MIN_STREAM_CHUNK_BYTES) {
    throw RpcError.invalidArgument(`chunk_size must be at least ${MIN_STREAM_CHUNK_BYTES}, got ${requested}; ${range}`);
  }
  return requested || Math.min(DEFAULT_CHUNK_BYTES, largest);
}

/**
 * TransformStream: progress while the image waits and is processed, then
 * its info, then the encoded image in chunks, so results of any size get
 * through and callers can show progress.
 */
export function transformStream(dependencies: ImageServiceDependencies) {
  const { transforms, maxMessageBytes, loadSource, overlaysFor } = dependencies;
  return async (request: TransformStreamRequest__Output, context: CallContext, write: StreamWriter<TransformStreamResponse>): Promise<void> => {
    const { signal, deadline, started } = context;
    const chunkSize = streamChunkSize(request.chunkSize, maxMessageBytes);
    const settings = transformSettings(request, dependencies, overlaysFor(context));
    const operationCount = settings.operations.length;
    // Progress is best effort: a write that waits for a slow reader must not
    // hold up the work, and a failed one is the call's end anyway.
    const report = (progress: TaskProgress): void => {
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

    const result = await transforms.run(transformTask(settings, loadSource(request, context), deadline), signal, report);
    if (!result.ok) failed(result);
    await write({ info: result.info });
    for (let offset = 0; offset < result.image.byteLength; offset += chunkSize) {
      await write({ chunk: result.image.subarray(offset, offset + chunkSize) });
    }
  };
}
