import type { FastifyInstance } from "fastify";

import { HttpProblem } from "./problems.js";

export interface UploadLimits {
  /** Largest body one request may have. */
  readonly maxBodyBytes: number;
  /** Bytes that every upload still arriving may hold in all. */
  readonly budgetBytes: number;
  /** How long an upload may go without a byte. */
  readonly idleMs: number;
}

/**
 * Bounds the uploads still arriving, which Fastify's bodyLimit does not:
 * - a body announced larger than `maxBodyBytes` is refused before a byte of
 *   it is read (multipart is streamed past bodyLimit otherwise);
 * - together, the uploads in progress may hold at most `budgetBytes` (each
 *   counted at its announced length, a chunked one at `maxBodyBytes`); past
 *   it a new upload gets 503 with Retry-After, so that many slow clients
 *   cannot make the gateway hold more than its memory;
 * - an upload that goes `idleMs` without a byte has its connection closed.
 *   Node bounds the time to send headers (headersTimeout) but not a body that
 *   drips; the clock restarts with each byte, so a slow but steady upload of
 *   a large image still succeeds, and once the body is complete the timer is
 *   off, so a long transform is not mistaken for a stalled client.
 * The checks run in preParsing: after every scope's access check, so a caller
 * without a key learns nothing here.
 */
export function limitUploads(app: FastifyInstance, limits: UploadLimits): void {
  let receiving = 0;
  app.addHook("preParsing", async (request) => {
    const raw = request.raw;
    if (raw.complete) return;
    const announced = request.headers["content-length"] === undefined ? undefined : Number(request.headers["content-length"]);
    if (announced !== undefined && announced > limits.maxBodyBytes) {
      throw new HttpProblem(413, "Body too large", `the body of ${announced} bytes is too large: this gateway takes at most ${limits.maxBodyBytes}`);
    }
    const reserved = announced ?? limits.maxBodyBytes;
    if (receiving + reserved > limits.budgetBytes) {
      request.log.warn({ event: "upload_refused", receivingBytes: receiving, budgetBytes: limits.budgetBytes }, "uploads in progress hold the whole budget");
      throw new HttpProblem(
        503,
        "Gateway busy receiving",
        `uploads in progress already hold ${receiving} of this gateway's ${limits.budgetBytes} bytes (GATEWAY_RECEIVE_BUDGET_BYTES); retry shortly`,
        {
          "retry-after": "1",
        },
      );
    }
    receiving += reserved;
    let held = true;
    const release = (): void => {
      if (held) receiving -= reserved;
      held = false;
      raw.socket?.setTimeout(0);
    };
    raw.once("end", release);
    raw.once("close", release);
    // Injected requests (light-my-request, in tests) have no socket to time.
    if (typeof raw.setTimeout !== "function") return;
    // A listener on the request's own timeout event stops Node from destroying the socket
    // itself, so the event is logged before the connection goes.
    raw.setTimeout(limits.idleMs, () => {
      request.log.warn({ event: "body_timeout", idleMs: limits.idleMs }, "request body stalled; connection closed");
      raw.socket?.destroy();
    });
  });
}
