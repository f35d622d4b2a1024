import { status } from "@grpc/grpc-js";

/** An error that becomes a gRPC status on the wire, with its message as the status details. */
export class RpcError extends Error {
  override readonly name = "RpcError";

  constructor(
    readonly code: status,
    message: string,
  ) {
    super(message);
  }

  static invalidArgument(message: string): RpcError {
    return new RpcError(status.INVALID_ARGUMENT, message);
  }
}
