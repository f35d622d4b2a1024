import { status, type Metadata, type ServiceError } from "@grpc/grpc-js";
import { RETRYABLE_METADATA_KEY } from "@pixelrpc/proto";

/**
 * Every failure of a call: the gRPC status code, its name, and the server's
 * message (which says what was wrong: "operations[0].resize.width must be
 * ...", "image is 20000x14000 pixels ...").
 */
export class ImageServiceError extends Error {
  override readonly name = "ImageServiceError";
  /** The gRPC status code, comparable with `Status.INVALID_ARGUMENT` and friends. */
  readonly code: status;
  /** The status code's name, e.g. "INVALID_ARGUMENT". */
  readonly codeName: string;
  /** The server's message, without the code prefix grpc-js adds. */
  readonly details: string;
  /** Trailing metadata the server sent with the status, if any. */
  readonly metadata: Metadata | undefined;

  constructor(code: status, details: string, options: { metadata?: Metadata; cause?: unknown } = {}) {
    const codeName = status[code] ?? `CODE_${code}`;
    super(`${codeName}: ${details}`, { cause: options.cause });
    this.code = code;
    this.codeName = codeName;
    this.details = details;
    this.metadata = options.metadata;
  }

  /**
   * Whether the same call may succeed if retried later: UNAVAILABLE (the
   * service is restarting or unreachable), and RESOURCE_EXHAUSTED when the
   * service says so (its queue was full, as opposed to the image running
   * into a limit, which a retry would only repeat).
   */
  get retryable(): boolean {
    if (this.code === status.UNAVAILABLE) return true;
    return this.code === status.RESOURCE_EXHAUSTED && this.metadata?.get(RETRYABLE_METADATA_KEY)[0] === "true";
  }

  /**
   * Whether the service asked clients not to retry this call on their own
   * (gRPC server pushback, `grpc-retry-pushback-ms` below 0): it failed for
   * a reason every replica shares, such as a URL source whose origin is down.
   */
  get automaticRetryRefused(): boolean {
    const pushback = this.metadata?.get("grpc-retry-pushback-ms")[0];
    return pushback !== undefined && Number(pushback) < 0;
  }

  /** Wraps the error grpc-js hands to a callback. */
  static fromServiceError(error: ServiceError): ImageServiceError {
    return new ImageServiceError(error.code, error.details, { metadata: error.metadata, cause: error });
  }
}
