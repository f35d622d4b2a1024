import { Metadata, status } from "@grpc/grpc-js";
import { RETRYABLE_METADATA_KEY, RETRY_PUSHBACK_METADATA_KEY } from "@pixelrpc/proto";

/** An error that becomes a gRPC status on the wire, with its message as the status details. */
export class RpcError extends Error {
  override readonly name = "RpcError";
  #noAutomaticRetry = false;

  constructor(
    readonly code: status,
    message: string,
    readonly retryable = false,
  ) {
    super(message);
  }

  /**
   * UNAVAILABLE for a source that failed outside this service (an origin
   * down, slow or overloaded). Every replica would fetch the same URL from
   * the same origin, so clients are asked not to retry at once: their
   * automatic retries would only triple the load on an origin in trouble.
   * The caller may still try again later.
   */
  static sourceUnavailable(message: string): RpcError {
    const error = new RpcError(status.UNAVAILABLE, message);
    error.#noAutomaticRetry = true;
    return error;
  }

  /** The trailing metadata sent with this status. */
  get metadata(): Metadata {
    const metadata = new Metadata();
    if (this.retryable) metadata.set(RETRYABLE_METADATA_KEY, "true");
    if (this.#noAutomaticRetry) metadata.set(RETRY_PUSHBACK_METADATA_KEY, "-1");
    return metadata;
  }

  static invalidArgument(message: string): RpcError {
    return new RpcError(status.INVALID_ARGUMENT, message);
  }
}
