import { status } from "@grpc/grpc-js";

import { MESSAGE_OVERHEAD_BYTES } from "@pixelrpc/proto";

import { MIB } from "../process/config.js";
import type { TaskFailure } from "../contract/task.js";
import { RpcError } from "./rpc-error.js";

/** Throws the status a failed task answers the call with. */
export function failed(result: TaskFailure): never {
  throw new RpcError(status[result.code], result.message);
}

/** Refuses an encoded image that would not fit in one message, saying what to do instead. */
export function checkFitsMessage(bytes: number, maxMessageBytes: number): void {
  if (bytes > maxMessageBytes - MESSAGE_OVERHEAD_BYTES) {
    throw new RpcError(
      status.RESOURCE_EXHAUSTED,
      `the result is ${(bytes / MIB).toFixed(1)} MiB, over this service's ${(maxMessageBytes / MIB).toFixed(1)} MiB message limit: use TransformStream, or ask for a smaller size, a lossy format or a lower quality`,
    );
  }
}
