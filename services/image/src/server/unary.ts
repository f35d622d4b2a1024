import { status, type handleUnaryCall, type ServerUnaryCall } from "@grpc/grpc-js";

import type { Logger } from "../log.js";
import { RpcError } from "./rpc-error.js";

/**
 * Adapts an async handler to grpc-js: resolves become responses, RpcErrors
 * become their status, anything else is logged and answered with INTERNAL.
 * The AbortSignal fires when the caller cancels or its deadline passes.
 * One structured log line per call.
 */
export function unary<Request, Response>(
  method: string,
  logger: Logger,
  handler: (request: Request, signal: AbortSignal) => Promise<Response>,
): handleUnaryCall<Request, Response> {
  return (call: ServerUnaryCall<Request, Response>, callback) => {
    const started = performance.now();
    const abort = new AbortController();
    call.once("cancelled", () => abort.abort(new RpcError(status.CANCELLED, "the call was cancelled")));
    handler(call.request, abort.signal).then(
      (response) => {
        logger.log("info", "rpc", { method, code: "OK", durationMs: Math.round(performance.now() - started) });
        callback(null, response);
      },
      (error: unknown) => {
        if (abort.signal.aborted) {
          // The caller is gone; there is no one to answer.
          logger.log("info", "rpc", { method, code: "CANCELLED", durationMs: Math.round(performance.now() - started) });
          return;
        }
        const known = error instanceof RpcError;
        const code = known ? error.code : status.INTERNAL;
        const details = known ? error.message : "internal error: the service failed to process the request";
        logger.log(known ? "info" : "error", "rpc", {
          method,
          code: status[code],
          message: details,
          durationMs: Math.round(performance.now() - started),
          ...(known ? {} : { error }),
        });
        callback({ code, details });
      },
    );
  };
}
