import type { CallOptions } from "@pixelrpc/client";
import type { FastifyReply, FastifyRequest } from "fastify";

/**
 * The gRPC call options of one HTTP request: its deadline, and a signal that
 * aborts (cancelling the image service's work) when the HTTP client goes away
 * before the response is complete.
 */
export function callOptions(request: FastifyRequest, reply: FastifyReply, timeoutMs: number): CallOptions {
  const controller = new AbortController();
  reply.raw.once("close", () => {
    if (!reply.raw.writableFinished) controller.abort(new Error(`HTTP client of ${request.id} went away`));
  });
  return { signal: controller.signal, timeoutMs };
}
