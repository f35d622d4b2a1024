import { STATUS_CODES } from "node:http";
import type { Socket } from "node:net";

import type { FastifyReply, FastifyRequest } from "fastify";

import { HttpProblem, problemBody, sendProblem } from "./problems.js";

/** Node's parser errors that are not simply "malformed", and what to answer them with. */
const parserProblems: Record<string, [status: number, detail: string]> = {
  ERR_HTTP_REQUEST_TIMEOUT: [408, "the request's headers took longer than GATEWAY_HEADERS_TIMEOUT_MS"],
  HPE_HEADER_OVERFLOW: [431, "the request's headers are larger than this server accepts"],
};

/**
 * Requests Node's HTTP parser refuses (malformed, too slow, headers too
 * large) never reach a route; they still get a problem+json, and their
 * connection is closed, as Node itself would.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === "ECONNRESET" || socket.destroyed) return;
  const [status, detail] = parserProblems[error.code ?? ""] ?? [400, `the request is not valid HTTP/1.1 (${error.code ?? error.message})`];
  const body = JSON.stringify(problemBody(new HttpProblem(status, STATUS_CODES[status]!, detail)));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/problem+json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

/** What Fastify refuses before routing (a URL it cannot decode, say): a problem like any other. */
export function answerFrameworkError(error: Error, _request: FastifyRequest, reply: FastifyReply): void {
  void sendProblem(reply, new HttpProblem(400, "Bad request", error.message));
}
