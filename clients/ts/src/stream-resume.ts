import { status } from "@grpc/grpc-js";
import type { TransformStreamRequest, TransformStreamResponse__Output, VariantsRequest, VariantsResponse__Output } from "@pixelrpc/proto";

import { ImageServiceError } from "./errors.js";

/**
 * What a server stream has delivered so far, and the request that would get
 * the rest from another replica, if there is one. gRPC's own retries stop at
 * a stream's first message; a TransformStream has sent progress by then, a
 * Variants call some variants, and yet either can still be redone.
 */
export interface Resumption<Request, Response> {
  saw(response: Response): void;
  /** The request for what is still missing, or undefined when the stream cannot be resumed. */
  rest(): Request | undefined;
}

/** A TransformStream can start over until its info or first chunk has arrived; progress simply restarts. */
export function transformResumption(request: TransformStreamRequest): Resumption<TransformStreamRequest, TransformStreamResponse__Output> {
  let committed = false;
  return {
    saw: (response) => void (committed ||= response.info != null || response.chunk != null),
    rest: () => (committed ? undefined : request),
  };
}

/** A Variants call resumes with the variants that have not arrived yet. */
export function variantsResumption(request: VariantsRequest): Resumption<VariantsRequest, VariantsResponse__Output> {
  const arrived = new Set<string>();
  return {
    saw: (response) => void arrived.add(response.name),
    rest: () => {
      const missing = (request.variants ?? []).filter((variant) => !arrived.has(variant.name ?? ""));
      return missing.length > 0 ? { ...request, variants: missing } : undefined;
    },
  };
}

const BACKOFF_MS = 50;

/**
 * Runs `open(request)` and, when it fails with UNAVAILABLE (a replica died
 * or is shutting down, and the service did not refuse retries), opens it
 * again for what is missing, up to `maxAttempts` in all, with a short
 * growing pause between attempts.
 */
export async function* resumable<Request, Response>(
  open: (request: Request) => AsyncGenerator<Response>,
  request: Request,
  resumption: Resumption<Request, Response>,
  maxAttempts: number,
  signal: AbortSignal | undefined,
): AsyncGenerator<Response> {
  let next: Request | undefined = request;
  for (let attempt = 1; ; attempt++) {
    try {
      for await (const response of open(next)) {
        resumption.saw(response);
        yield response;
      }
      return;
    } catch (error) {
      const retryable = error instanceof ImageServiceError && error.code === status.UNAVAILABLE && !error.automaticRetryRefused && !signal?.aborted;
      next = retryable && attempt < maxAttempts ? resumption.rest() : undefined;
      if (next === undefined) throw error;
      await new Promise((resolve) => setTimeout(resolve, BACKOFF_MS * 2 ** (attempt - 1)));
    }
  }
}
