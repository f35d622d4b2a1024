import type { ImageClient } from "@pixelrpc/client";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

import { readImageRequest } from "../image-request.js";
import type { CachedResults } from "../cache/cached-results.js";
import { matchesIfNoneMatch, resultName, transformEntityTag } from "../http-cache.js";
import { HttpProblem } from "../problems.js";
import { transformQuerySpec, type TransformQuery } from "../transform-query.js";
import { replyWithResult } from "./image-reply.js";

/**
 * POST /v1/transform: the body is the image, the query the options; the
 * result streams back as it arrives, or comes from the result cache.
 */
export function transformRoute(app: FastifyInstance, client: ImageClient, results: CachedResults | undefined, timeoutMs: number, security: object): void {
  app.post(
    "/v1/transform",
    {
      config: { query: transformQuerySpec },
      schema: {
        summary: "Transform an image",
        description:
          "The body is the image (image/* or application/octet-stream) with options in the query, or multipart/form-data with an image part and an options part (the JSON form of the proto's operations and output). The result streams back with Content-Type, Content-Length, ETag and Server-Timing; with GATEWAY_CACHE, Cache-Status says whether it came from the result cache.",
        tags: ["images"],
        ...security,
      },
    },
    async (request: FastifyRequest<{ Querystring: TransformQuery }>, reply: FastifyReply) => {
      const work = await readImageRequest(request);
      if (work.kind !== "single") throw new HttpProblem(400, "Bad image or options", "variants are made by jobs: POST them to /v1/jobs");
      const name = resultName(work.request);
      const validator = { etag: transformEntityTag(name) };
      if (request.query.format === "auto") reply.header("vary", "Accept");
      if (matchesIfNoneMatch(request.headers["if-none-match"], validator.etag)) return reply.code(304).headers(validator).send();
      return replyWithResult(client, results, work.request, name, request, reply, timeoutMs, validator);
    },
  );
}
