import { status, type Metadata, type handleServerStreamingCall, type handleUnaryCall, type ServerUnaryCall, type ServerWritableStream } from "@grpc/grpc-js";

import type { Logger } from "@pixelrpc/service-runtime";
import type { CallMetrics } from "./metrics/image-metrics.js";
import { RpcError } from "./rpc-error.js";

/** What a handler knows about its call besides the request. */
export interface CallContext {
  /** Aborts when the caller cancels or its deadline passes. */
  readonly signal: AbortSignal;
  /** The caller's deadline in epoch milliseconds, when it set one. */
  readonly deadline: number | undefined;
  /** When the service received the call (performance.now()). */
  readonly started: number;
}

/** What every call's adapter shares. */
export interface RpcEnvironment {
  readonly logger: Logger;
  /** True once shutdown has begun: new calls are refused with UNAVAILABLE. */
  readonly isDraining: () => boolean;
  /** Aborts when shutdown's grace is over: calls still running then end with UNAVAILABLE, for another replica to answer. */
  readonly stopping: AbortSignal;
  readonly metrics?: CallMetrics;
}

/** Sends one message of a server stream, honouring flow control. */
export type StreamWriter<Response> = (message: Response) => Promise<void>;

type AnyCall = ServerUnaryCall<unknown, unknown> | ServerWritableStream<unknown, unknown>;

interface CallOutcome {
  readonly code: status;
  readonly details: string;
  readonly metadata?: Metadata;
}

/**
 * The part of every call that is the same whatever its shape: refusing calls
 * while draining, the AbortSignal, the deadline, turning errors into
 * statuses, and one structured log line per call.
 */
const SHUTTING_DOWN = "the service is shutting down: retry, another replica will answer";

function beginCall(method: string, { logger, isDraining, stopping, metrics }: RpcEnvironment, call: AnyCall) {
  const started = performance.now();
  const deadlineValue = call.getDeadline();
  const time = deadlineValue instanceof Date ? deadlineValue.getTime() : deadlineValue;
  const deadline = Number.isFinite(time) ? time : undefined;
  const abort = new AbortController();
  let logged = false;
  // The grace is over with this call still running: its work stops, and its caller hears UNAVAILABLE.
  let cutOff = false;
  const cutOffByShutdown = (): void => {
    cutOff = true;
    abort.abort(new RpcError(status.UNAVAILABLE, SHUTTING_DOWN));
  };
  stopping.addEventListener("abort", cutOffByShutdown, { once: true });
  const log = (code: string, fields: Record<string, unknown> = {}, level: "info" | "error" = "info"): void => {
    if (logged) return;
    logged = true;
    stopping.removeEventListener("abort", cutOffByShutdown);
    const durationMs = performance.now() - started;
    logger.log(level, "rpc", { method, code, durationMs: Math.round(durationMs), ...fields });
    metrics?.callFinished(method, code, durationMs / 1000);
  };
  const goneCode = (): string => (deadline !== undefined && Date.now() >= deadline ? "DEADLINE_EXCEEDED" : "CANCELLED");
  // grpc-js also emits 'cancelled' once a finished call's stream closes; by
  // then the call is logged and there is nothing to stop.
  call.once("cancelled", () => {
    if (logged) return;
    abort.abort(new RpcError(status.CANCELLED, "the call was cancelled"));
    log(goneCode());
  });

  return {
    context: { signal: abort.signal, deadline, started } satisfies CallContext,
    /** The status to refuse the call with before it starts, if any. */
    refusal(): CallOutcome | undefined {
      if (!isDraining()) return undefined;
      log("UNAVAILABLE");
      return { code: status.UNAVAILABLE, details: SHUTTING_DOWN };
    },
    succeeded(): boolean {
      if (abort.signal.aborted) {
        log(goneCode());
        return false;
      }
      log("OK");
      return true;
    },
    /** The status to answer `error` with, or undefined when the caller is gone. */
    failed(error: unknown): CallOutcome | undefined {
      if (cutOff) {
        log("UNAVAILABLE", { message: SHUTTING_DOWN });
        return { code: status.UNAVAILABLE, details: SHUTTING_DOWN };
      }
      if (abort.signal.aborted) {
        log(goneCode());
        return undefined;
      }
      const known = error instanceof RpcError;
      const code = known ? error.code : status.INTERNAL;
      const details = known ? error.message : "internal error: the service failed to process the request";
      log(status[code], { message: details, ...(known ? {} : { error }) }, known ? "info" : "error");
      return { code, details, ...(known ? { metadata: error.metadata } : {}) };
    },
  };
}

/**
 * Adapts an async handler to a unary grpc-js method: resolves become
 * responses, RpcErrors become their status, anything else is logged and
 * answered with INTERNAL.
 */
export function unary<Request, Response>(
  method: string,
  environment: RpcEnvironment,
  handler: (request: Request, context: CallContext) => Promise<Response>,
): handleUnaryCall<Request, Response> {
  return (call, callback) => {
    const lifecycle = beginCall(method, environment, call as AnyCall);
    const refusal = lifecycle.refusal();
    if (refusal) return callback(refusal);
    handler(call.request, lifecycle.context).then(
      (response) => {
        if (lifecycle.succeeded()) callback(null, response);
      },
      (error: unknown) => {
        const outcome = lifecycle.failed(error);
        if (outcome) callback(outcome);
      },
    );
  };
}

/**
 * Adapts an async handler to a server-streaming grpc-js method. The handler
 * writes with `write`, which waits while the caller reads slower than the
 * service produces (write() returned false): a slow reader makes the service
 * wait, not buffer without bound.
 */
export function serverStream<Request, Response>(
  method: string,
  environment: RpcEnvironment,
  handler: (request: Request, context: CallContext, write: StreamWriter<Response>) => Promise<void>,
): handleServerStreamingCall<Request, Response> {
  return (call) => {
    const lifecycle = beginCall(method, environment, call as AnyCall);
    const refusal = lifecycle.refusal();
    if (refusal) {
      call.emit("error", refusal);
      return;
    }
    const { signal } = lifecycle.context;
    const write: StreamWriter<Response> = (message) =>
      new Promise((resolve, reject) => {
        if (signal.aborted) return reject(signal.reason);
        if (call.write(message)) return resolve();
        const onDrain = (): void => {
          signal.removeEventListener("abort", onAbort);
          resolve();
        };
        const onAbort = (): void => {
          call.off("drain", onDrain);
          reject(signal.reason);
        };
        call.once("drain", onDrain);
        signal.addEventListener("abort", onAbort, { once: true });
      });
    handler(call.request, lifecycle.context, write).then(
      () => {
        if (lifecycle.succeeded()) call.end();
      },
      (error: unknown) => {
        const outcome = lifecycle.failed(error);
        if (outcome) call.emit("error", outcome);
      },
    );
  };
}
