import type { FastifyInstance } from "fastify";

/**
 * Closes the connection of a request whose body stops arriving for
 * `idleMs`. Node bounds the time to send headers (headersTimeout) but not a
 * body that drips, which would hold a socket and every byte buffered so far
 * for ever. The clock restarts with each byte, so a slow but steady upload
 * of a large image still succeeds; once the body is complete the timer is
 * off, so a long transform is not mistaken for a stalled client.
 */
export function closeIdleUploads(app: FastifyInstance, idleMs: number): void {
  app.addHook("onRequest", async (request) => {
    const raw = request.raw;
    // Injected requests (light-my-request, in tests) have no socket to time.
    if (raw.complete || typeof raw.setTimeout !== "function") return;
    const stop = (): void => void raw.socket?.setTimeout(0);
    // A listener on the request's own timeout event stops Node from destroying the socket
    // itself, so the event is logged before the connection goes.
    raw.setTimeout(idleMs, () => {
      request.log.warn({ event: "body_timeout", idleMs }, "request body stalled; connection closed");
      raw.socket?.destroy();
    });
    raw.once("end", stop);
    raw.once("close", stop);
  });
}
