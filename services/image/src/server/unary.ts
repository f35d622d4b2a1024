import { status, type handleUnaryCall, type ServerUnaryCall } from "@grpc/grpc-js";

import type { Logger } from "../log.js";
import { RpcError } from "./rpc-error.js";

/** What a handler knows about its call besides the request. */
export interface CallContext {
  /** Aborts when the caller cancels or its deadline passes. */
  readonly signal: AbortSignal;
  /** The caller's deadline in epoch milliseconds, when it set one. */
  readonly deadline: number | undefined;
}

function deadlineOf(call: ServerUnaryCall<unknown, unknown>): number | undefined {
  const deadline = call.getDeadline();
  const time = deadline instanceof Date ? deadline.getTime() : deadline;
  return Number.isFinite(time) ? time : undefined;
}

/** What every call's adapter shares. */
export interface RpcEnvironment {
  readonly logger: Logger;
  /** True once shutdown has begun: new calls are refused with UNAVAILABLE. */
  readonly isDraining: () => boolean;
}

/**
 * Adapts an async handler to grpc-js: resolves become responses, RpcErrors
 * become their status, anything else is logged and answered with INTERNAL.
 * One structured log line per call.
 */
export function unary<Request, Response>(
  method: string,
  { logger, isDraining }: RpcEnvironment,
  handler: (request: Request, context: CallContext) => Promise<Response>,
): handleUnaryCall<Request, Response> {
  return (call: ServerUnaryCall<Request, Response>, callback) => {
    if (isDraining()) {
      logger.log("info", "rpc", { method, code: "UNAVAILABLE", durationMs: 0 });
      callback({ code: status.UNAVAILABLE, details: "the service is shutting down: retry, another replica will answer" });
      return;
    }
    const started = performance.now();
    const deadline = deadlineOf(call);
    const abort = new AbortController();
    call.once("cancelled", () => abort.abort(new RpcError(status.CANCELLED, "the call was cancelled")));
    const finish = (code: string, fields: Record<string, unknown> = {}, level: "info" | "error" = "info"): void =>
      logger.log(level, "rpc", { method, code, durationMs: Math.round(performance.now() - started), ...fields });

    handler(call.request, { signal: abort.signal, deadline }).then(
      (response) => {
        if (abort.signal.aborted) return finish(deadline !== undefined && Date.now() >= deadline ? "DEADLINE_EXCEEDED" : "CANCELLED");
        finish("OK");
        callback(null, response);
      },
      (error: unknown) => {
        if (abort.signal.aborted) {
          // The caller is gone; there is no one to answer.
          return finish(deadline !== undefined && Date.now() >= deadline ? "DEADLINE_EXCEEDED" : "CANCELLED");
        }
        const known = error instanceof RpcError;
        const code = known ? error.code : status.INTERNAL;
        const details = known ? error.message : "internal error: the service failed to process the request";
        finish(status[code], { message: details, ...(known ? {} : { error }) }, known ? "info" : "error");
        callback({ code, details });
      },
    );
  };
}
