import type { ImageClient } from "@pixelrpc/client";
import type { FastifyInstance } from "fastify";

import { callOptions } from "./call-options.js";

/** POST /v1/info: the body is the image; the answer its metadata as JSON. */
export function infoRoute(app: FastifyInstance, client: ImageClient, timeoutMs: number): void {
  const schema = { summary: "Describe an image", description: "The body is the image; the answer is its metadata as JSON.", tags: ["images"] };
  app.post("/v1/info", { schema }, async (request, reply) => client.info(request.body as Buffer, callOptions(request, reply, timeoutMs)));
}
