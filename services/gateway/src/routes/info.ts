import type { ImageClient } from "@pixelrpc/client";
import type { FastifyInstance } from "fastify";

import { readImage } from "../image-request.js";
import type { QuerySpec } from "../query.js";
import { callOptions } from "./call-options.js";

const infoQuerySpec = {
  placeholders: {
    type: "boolean",
    description: "also answer with placeholders for lazy loading: a BlurHash, a ThumbHash and an lqip (a data: URL of a tiny WebP)",
    suggestFor: ["placeholder", "blurhash", "thumbhash", "lqip"],
  },
} as const satisfies QuerySpec;

/**
 * POST /v1/info: the body is the image (raw, or an "image" part of
 * multipart/form-data); the answer its metadata as JSON, with placeholders
 * when `placeholders=1` asks for them.
 */
export function infoRoute(app: FastifyInstance, client: ImageClient, timeoutMs: number, security: object): void {
  const schema = {
    summary: "Describe an image",
    description: "The body is the image (image/* or application/octet-stream), or multipart/form-data with an image part; the answer is its metadata as JSON.",
    tags: ["images"],
    ...security,
  };
  app.post("/v1/info", { schema, config: { query: infoQuerySpec } }, async (request, reply) => {
    const { placeholders: asked } = request.query as { placeholders?: boolean };
    const response = await client.info({ image: await readImage(request), placeholders: asked === true }, callOptions(request, reply, timeoutMs));
    // `_loop` is proto-loader's marker that the optional `loop` is set: the JSON says so by having `loop`, and has placeholders when they were asked for.
    const { _loop, placeholders, ...info } = response;
    return placeholders ? { ...info, placeholders } : info;
  });
}
