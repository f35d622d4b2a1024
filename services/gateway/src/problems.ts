import { Status, type ImageServiceError } from "@pixelrpc/client";
import type { FastifyReply } from "fastify";

/** An HTTP error answered as application/problem+json (RFC 9457). */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(detail);
  }
}

/** How each gRPC status of the image service reaches an HTTP caller. */
const fromGrpc: Partial<Record<Status, [status: number, title: string, headers?: Record<string, string>]>> = {
  [Status.INVALID_ARGUMENT]: [400, "Bad image or options"],
  // URL sources: refused by the image service's source rules, or missing at the origin. The
  // titles tell a missing source from a route that does not exist ("Not Found").
  [Status.PERMISSION_DENIED]: [403, "Source refused"],
  [Status.NOT_FOUND]: [404, "Source not found"],
  // Only a retryable RESOURCE_EXHAUSTED (a full queue) is 429; see problemFrom.
  [Status.RESOURCE_EXHAUSTED]: [422, "Image too costly to process"],
  [Status.DEADLINE_EXCEEDED]: [504, "Image service took too long"],
  [Status.UNAVAILABLE]: [503, "Image service unavailable", { "retry-after": "1" }],
};

export function problemFrom(error: ImageServiceError): HttpProblem {
  if (error.code === Status.RESOURCE_EXHAUSTED && error.retryable) {
    return new HttpProblem(429, "Image service saturated", error.details, { "retry-after": "1" });
  }
  // An UNAVAILABLE that the service asks no one to retry at once is its source's failure (an origin
  // down, slow or overloaded), not its own: a gateway's 502, which retrying the image service would not fix.
  if (error.code === Status.UNAVAILABLE && error.automaticRetryRefused) return new HttpProblem(502, "Source unavailable", error.details);
  const [status, title, headers] = fromGrpc[error.code] ?? [502, "Image service failed"];
  return new HttpProblem(status, title, error.details, headers);
}

/** The problem's JSON (RFC 9457's members; `type` is about:blank, so the title is the status's meaning). */
export function problemBody(problem: HttpProblem): { type: string; title: string; status: number; detail: string } {
  return { type: "about:blank", title: problem.title, status: problem.status, detail: problem.detail };
}

export function sendProblem(reply: FastifyReply, problem: HttpProblem): FastifyReply {
  return reply.code(problem.status).headers(problem.headers).type("application/problem+json").send(problemBody(problem));
}
