import type { ImageClient } from "@pixelrpc/client";
import type { FastifyInstance } from "fastify";

import { HttpProblem } from "../problems.js";

/** GET /healthz: this process is up. GET /readyz: and the image service answers its health check. */
export function healthRoutes(app: FastifyInstance, client: ImageClient): void {
  app.get("/healthz", { schema: { summary: "The gateway process is up", tags: ["operations"] } }, async () => ({ status: "ok" }));
  app.get("/readyz", { schema: { summary: "The image service answers its health check (503 otherwise)", tags: ["operations"] } }, async () => {
    const status = await client.health({ timeoutMs: 1000 }).catch((error: unknown) => (error instanceof Error ? error.message : String(error)));
    if (status !== "SERVING") throw new HttpProblem(503, "Not ready", `the image service is not serving: ${status}`, { "retry-after": "1" });
    return { status: "ready" };
  });
}
