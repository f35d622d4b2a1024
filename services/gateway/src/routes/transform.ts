import { createHash } from "node:crypto";
import { Readable } from "node:stream";

import type { Format, ImageClient, TransformStreamRequest, TransformStreamResponse__Output } from "@pixelrpc/client";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

import { readImageRequest } from "../image-request.js";
import { matchesIfNoneMatch } from "../http-cache.js";
import { HttpProblem } from "../problems.js";
import { transformQuerySchema, type TransformQuery } from "../transform-query.js";
import { callOptions } from "./call-options.js";

export const mediaTypes: Record<Exclude<Format, "FORMAT_UNSPECIFIED" | "FORMAT_SVG" | number>, string> = {
  FORMAT_JPEG: "image/jpeg",
  FORMAT_PNG: "image/png",
  FORMAT_WEBP: "image/webp",
  FORMAT_AVIF: "image/avif",
  FORMAT_GIF: "image/gif",
  FORMAT_TIFF: "image/tiff",
};

/**
 * A strong validator known before any work: the output is a function of the
 * input bytes and the options, so a repeat request with If-None-Match is
 * answered 304 without calling the image service.
 */
function entityTag(request: TransformStreamRequest, image: Buffer): string {
  const hash = createHash("sha256").update(image).update(JSON.stringify({ ...request, image: undefined })).digest("base64url");
  return `"${hash.slice(0, 32)}"`;
}

/** POST /v1/transform: the body is the image, the query the options; the result streams back as it arrives. */
export function transformRoute(app: FastifyInstance, client: ImageClient, timeoutMs: number): void {
  app.post(
    "/v1/transform",
    {
      schema: {
        summary: "Transform an image",
        description:
          "The body is the image (image/* or application/octet-stream) with options in the query, or multipart/form-data with an image part and an options part (the JSON form of the proto's operations and output). The result streams back with Content-Type, Content-Length, ETag and Server-Timing.",
        tags: ["images"],
        querystring: transformQuerySchema,
      },
    },
    async (request: FastifyRequest<{ Querystring: TransformQuery }>, reply: FastifyReply) => {
      const work = await readImageRequest(request);
      if (work.kind !== "single") throw new HttpProblem(400, "Bad image or options", "variants are made by jobs: POST them to /v1/jobs");
      const call = work.request;
      const etag = entityTag(call, call.image as Buffer);
      if (request.query.format === "auto") reply.header("vary", "Accept");
      if (matchesIfNoneMatch(request.headers["if-none-match"], etag)) return reply.code(304).header("etag", etag).send();

      const events = client.transformStream(call, callOptions(request, reply, timeoutMs))[Symbol.asyncIterator]();
      const received = performance.now();
      let started = received;
      let event: IteratorResult<TransformStreamResponse__Output>;
      // Everything up to the info can still become an error status; after it, the bytes flow.
      while (!(event = await events.next()).done && !event.value.info) {
        if (event.value.progress?.stage === "STAGE_STARTED") started = performance.now();
      }
      if (event.done) throw new Error("the image service ended the stream without a result");
      const info = event.value.info!;
      const finished = performance.now();
      const body = Readable.from(
        (async function* () {
          for (let next = await events.next(); !next.done; next = await events.next()) if (next.value.chunk) yield next.value.chunk;
        })(),
      );
      return reply
        .header("content-type", mediaTypes[info.format as keyof typeof mediaTypes] ?? "application/octet-stream")
        .header("content-length", String(info.sizeBytes))
        .header("etag", etag)
        .header("server-timing", `queue;dur=${(started - received).toFixed(1)}, process;dur=${(finished - started).toFixed(1)}`)
        .header("x-image-width", String(info.width))
        .header("x-image-height", String(info.height))
        .send(body);
    },
  );
}
