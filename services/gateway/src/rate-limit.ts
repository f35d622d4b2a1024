import { createHash } from "node:crypto";

import rateLimiter from "@fastify/rate-limit";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Redis } from "ioredis";

import { bearerToken } from "./auth.js";
import { HttpProblem } from "./problems.js";
import { searchParameters } from "./query.js";

/**
 * Who a request's budget belongs to: its API key (as a digest: the key never
 * sits in memory as a map key, nor in Redis), else the job a signed link
 * opens, else the client's address. It runs after the scopes' access
 * checks, so a key here is one that was accepted.
 */
function budgetOf(request: FastifyRequest): string {
  const key = bearerToken(request.headers.authorization);
  if (key !== undefined) return `key:${createHash("sha256").update(key).digest("base64url").slice(0, 22)}`;
  const job = (request.params as { id?: unknown } | undefined)?.id;
  if (typeof job === "string" && searchParameters(request.url).has("sig")) return `job:${job}`;
  return `ip:${request.ip}`;
}

/**
 * `perMinute` requests a minute for each caller, on every route of `scope`:
 * 429 with Retry-After and the RateLimit-* headers (IETF draft) past it.
 * With `redis`, every gateway that shares it shares the budget.
 */
export async function rateLimit(scope: FastifyInstance, perMinute: number, redis: Redis | undefined): Promise<void> {
  await scope.register(rateLimiter, {
    max: perMinute,
    timeWindow: 60_000,
    keyGenerator: budgetOf,
    enableDraftSpec: true,
    ...(redis ? { redis, nameSpace: "pixelrpc:rate-limit:" } : {}),
    // A store that fails must not take the API down with it; the failure is logged by Redis's own handler.
    skipOnError: true,
    errorResponseBuilder: (_request, context) =>
      new HttpProblem(429, "Too many requests", `this caller may make ${context.max} requests a minute; try again in ${context.after}`),
  });
}
