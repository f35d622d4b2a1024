import { SIGNED_IMAGE_PATH, type ImageClient } from "@pixelrpc/client";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

import type { CachedResults } from "../cache/cached-results.js";
import { matchesIfNoneMatch, resultName, transformEntityTag } from "../http-cache.js";
import { HttpProblem } from "../problems.js";
import { searchParameters, type QuerySpec } from "../query.js";
import { secondsUntilExpiry, verifySignedImageQuery } from "../signed-urls.js";
import { transformQuerySpec, transformRequest, type TransformQuery } from "../transform-query.js";
import { replyWithResult } from "./image-reply.js";

type SignedImageQuery = TransformQuery & { url: string; exp?: number; sig: string };

/** What a signed image URL carries besides the transform: the source and the signature. */
const signedParameters = {
  url: {
    type: "string",
    expected: "the source image's http(s) URL",
    maxLength: 8192,
    description: "the source image: an http(s) URL the image service may fetch",
  },
  exp: { type: "integer", min: 0, max: 99_999_999_999, description: "optional expiry, seconds since the epoch" },
  sig: {
    type: "string",
    pattern: /^[\w-]{1,128}$/,
    expected: "the URL's signature (base64url)",
    maxLength: 128,
    description: "HMAC-SHA256 of the canonical request, base64url without padding",
  },
} as const satisfies QuerySpec;

const signedImageQuerySpec: QuerySpec = { ...transformQuerySpec, ...signedParameters };

/** GATEWAY_PRESETS_ONLY: a preset and the source, and nothing a URL could use to ask for other work. */
const presetsOnlyQuerySpec: QuerySpec = { preset: transformQuerySpec.preset!, ...signedParameters };

export interface SignedImageSettings {
  readonly keys: readonly string[];
  readonly maxAgeSeconds: number;
  readonly timeoutMs: number;
  /** Only `url`, `preset`, `exp` and `sig` are taken. */
  readonly presetsOnly: boolean;
}

/**
 * GET /v1/images?url=...&w=...&sig=...: a transform of a source URL for
 * `<img src>`, allowed by its signature instead of an API key. The image
 * service fetches the source under its own rules (allowed sources, no
 * private addresses), so a signed URL reaches nothing the service would not.
 *
 * A signed URL stands for one image: the ETag names the request (source URL,
 * options, negotiated format), so revalidation is answered 304 without
 * calling the image service or the origin, and the response is `immutable`
 * for its max-age. A source that changes behind the same URL is therefore
 * not seen by caches that hold it; sign a new URL (a version in the source
 * URL) instead.
 */
export function signedImageRoute(app: FastifyInstance, client: ImageClient, results: CachedResults | undefined, settings: SignedImageSettings): void {
  app.get(
    SIGNED_IMAGE_PATH,
    {
      schema: {
        summary: "A signed, cacheable transform of a source URL, for <img src>",
        description:
          "Takes /v1/transform's query parameters plus url, optional exp and sig (the canonical form is in docs/gateway.md, under Signed image URLs). Needs no API key: the signature is the credential. 403 for a missing, wrong or expired signature; 404 when the gateway has no GATEWAY_URL_SIGNING_KEYS.",
        tags: ["images"],
      },
      config: settings.presetsOnly
        ? { query: presetsOnlyQuerySpec, requiredQuery: ["url", "preset", "sig"], queryNote: "this gateway serves presets only (GATEWAY_PRESETS_ONLY)" }
        : { query: signedImageQuerySpec, requiredQuery: ["url", "sig"] },
      // Before the query is read (the last onRequest hook), so that an unsigned or tampered URL is
      // 403 whatever it holds; both read the same parameters, parsed once from the URL as it came.
      onRequest: async (request) => {
        if (settings.keys.length === 0) {
          throw new HttpProblem(404, "Signed URLs are off", "this gateway serves no signed image URLs: set GATEWAY_URL_SIGNING_KEYS");
        }
        verifySignedImageQuery(searchParameters(request.url), settings.keys);
      },
      // A refusal or a failed fetch must not be kept by a CDN as if it were the image.
      onSend: async (_request, reply) => {
        if (reply.statusCode >= 400) void reply.header("cache-control", "no-store");
      },
    },
    async (request: FastifyRequest<{ Querystring: SignedImageQuery }>, reply: FastifyReply) => {
      const { query } = request;
      const call = transformRequest({ url: query.url }, query, request.headers.accept);
      const name = resultName(call);
      const expiry = secondsUntilExpiry(query.exp);
      const caching = {
        etag: transformEntityTag(name),
        "cache-control": `public, max-age=${Math.min(settings.maxAgeSeconds, expiry ?? Number.POSITIVE_INFINITY)}, immutable`,
      };
      if (query.format === "auto") reply.header("vary", "Accept");
      if (matchesIfNoneMatch(request.headers["if-none-match"], caching.etag)) return reply.code(304).headers(caching).send();
      return replyWithResult(client, results, call, name, request, reply, settings.timeoutMs, caching);
    },
  );
}
