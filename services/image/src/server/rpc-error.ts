import { Metadata, status } from "@grpc/grpc-js";

/**
 * Trailing metadata key set to "true" on a RESOURCE_EXHAUSTED that is worth
 * retrying (the queue was full), as opposed to one that is not (the image
 * ran into a processing limit): callers and the gateway tell them apart by it.
 */
export const RETRYABLE_KEY = "pixelrpc-retryable";

/** An error that becomes a gRPC status on the wire, with its message as the status details. */
export class RpcError extends Error {
  override readonly name = "RpcError";

  constructor(
    readonly code: status,
    message: string,
    readonly retryable = false,
  ) {
    super(message);
  }

  /** The trailing metadata sent with this status. */
  get metadata(): Metadata {
    const metadata = new Metadata();
    if (this.retryable) metadata.set(RETRYABLE_KEY, "true");
    return metadata;
  }

  static invalidArgument(message: string): RpcError {
    return new RpcError(status.INVALID_ARGUMENT, message);
  }
}
