import { createHash } from "node:crypto";

import { SIGNED_IMAGE_PATH, type ImageClient } from "@pixelrpc/client";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

import { matchesIfNoneMatch } from "../http-cache.js";
import { HttpProblem } from "../problems.js";
import { secondsUntilExpiry, verifySignedImageQuery } from "../signed-urls.js";
import { transformQuerySchema, transformRequest, type TransformQuery } from "../transform-query.js";
import { callOptions } from "./call-options.js";
import { mediaTypes } from "./transform.js";

type SignedImageQuery = TransformQuery & { url: string; exp?: number; sig?: string };

const signedImageQuerySchema = {
  ...transformQuerySchema,
  properties: {
    ...transformQuerySchema.properties,
    url: { type: "string", description: "the source image: an http(s) URL the image service may fetch" },
    exp: { type: "integer", minimum: 0, description: "optional expiry, seconds since the epoch" },
    sig: { type: "string", description: "HMAC-SHA256 of the canonical request, base64url" },
  },
  required: ["url"],
} as const;

export interface SignedImageSettings {
  readonly keys: readonly string[];
  readonly maxAgeSeconds: number;
  readonly timeoutMs: number;
}

/**
 * GET /v1/images?url=...&w=...&sig=...: a transform of a source URL for
 * `<img src>`, allowed by its signature instead of an API key. The image
 * service fetches the source under its own rules (allowed sources, no
 * private addresses), so a signed URL cannot reach anything the service
 * would not. The ETag names the output bytes, not the request: a source may
 * change behind the same URL, so revalidation transforms again and answers
 * 304 when the bytes are the same.
 */
export function signedImageRoute(app: FastifyInstance, client: ImageClient, settings: SignedImageSettings): void {
  app.get(
    SIGNED_IMAGE_PATH,
    {
      schema: {
        summary: "A signed, cacheable transform of a source URL, for <img src>",
        description:
          "Takes /v1/transform's query parameters plus url, optional exp and sig (see the README for the canonical form). Needs no API key: the signature is the credential. 403 for a missing, wrong or expired signature.",
        tags: ["images"],
        querystring: signedImageQuerySchema,
      },
    },
    async (request: FastifyRequest<{ Querystring: SignedImageQuery }>, reply: FastifyReply) => {
      if (settings.keys.length === 0) {
        throw new HttpProblem(404, "Signed URLs are off", "this gateway serves no signed image URLs: set GATEWAY_URL_SIGNING_KEYS");
      }
      const parameters = new URL(request.url, "http://gateway").searchParams;
      verifySignedImageQuery(parameters, settings.keys);
      const { query } = request;
      const result = await client.transform(transformRequest({ url: query.url }, query, request.headers.accept), callOptions(request, reply, settings.timeoutMs));
      const etag = `"${createHash("sha256").update(result.image).digest("base64url").slice(0, 32)}"`;
      const maxAge = Math.min(settings.maxAgeSeconds, secondsUntilExpiry(parameters) ?? Number.POSITIVE_INFINITY);
      reply.header("etag", etag).header("cache-control", `public, max-age=${maxAge}`);
      if (query.format === "auto") reply.header("vary", "Accept");
      if (matchesIfNoneMatch(request.headers["if-none-match"], etag)) return reply.code(304).send();
      return reply
        .header("content-type", mediaTypes[result.info.format as keyof typeof mediaTypes] ?? "application/octet-stream")
        .header("x-image-width", String(result.info.width))
        .header("x-image-height", String(result.info.height))
        .send(result.image);
    },
  );
}
