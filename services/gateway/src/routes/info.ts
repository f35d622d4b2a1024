import type { ImageClient } from "@pixelrpc/client";
import type { FastifyInstance } from "fastify";

import { readImage } from "../image-request.js";
import { callOptions } from "./call-options.js";

/** POST /v1/info: the body is the image (raw, or an "image" part of multipart/form-data); the answer its metadata as JSON. */
export function infoRoute(app: FastifyInstance, client: ImageClient, timeoutMs: number, security: object): void {
  const schema = {
    summary: "Describe an image",
    description: "The body is the image (image/* or application/octet-stream), or multipart/form-data with an image part; the answer is its metadata as JSON.",
    tags: ["images"],
    ...security,
  };
  app.post("/v1/info", { schema }, async (request, reply) => {
    // `_loop` is proto-loader's marker that the optional `loop` is set: the JSON says so by having `loop`.
    const { _loop, ...info } = await client.info({ image: await readImage(request) }, callOptions(request, reply, timeoutMs));
    return info;
  });
}
