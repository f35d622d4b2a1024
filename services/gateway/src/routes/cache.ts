import type { FastifyInstance, FastifyRequest } from "fastify";

import type { CachedResults } from "../cache/cached-results.js";
import { sourceDigest } from "../http-cache.js";
import { HttpProblem } from "../problems.js";
import type { QuerySpec } from "../query.js";

const purgeQuerySpec = {
  url: {
    type: "string",
    pattern: /^https?:\/\/\S+$/i,
    expected: "a source image's http(s) URL, as signed URLs name it",
    maxLength: 8192,
    description: "purge only the results made from this source URL (every size, format and preset of it)",
  },
} as const satisfies QuerySpec;

/**
 * DELETE /v1/cache: for operators (GATEWAY_ADMIN_KEYS), drops every cached
 * result, or with `url=` those made from one source URL, after the image
 * behind it changed. Results of uploaded images are named by their bytes
 * and cannot change, so they need no purge by source.
 */
export function cacheRoutes(app: FastifyInstance, results: CachedResults | undefined, security: object): void {
  app.delete(
    "/v1/cache",
    {
      config: { query: purgeQuerySpec },
      schema: { summary: "Purge the result cache, or one source's results", tags: ["operations"], ...security },
    },
    async (request: FastifyRequest<{ Querystring: { url?: string } }>) => {
      if (!results) throw new HttpProblem(404, "No result cache", "this gateway keeps no results: GATEWAY_CACHE is off");
      const { url } = request.query;
      const purged = await results.cache.purge(url === undefined ? undefined : sourceDigest({ url }));
      request.log.info({ event: "cache_purged", source: url ?? "*", purged }, "result cache purged");
      return { purged };
    },
  );
}
