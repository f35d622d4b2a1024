import { ImageServiceError, type ImageClient } from "@pixelrpc/client";
import cors from "@fastify/cors";
import multipart from "@fastify/multipart";
import swagger from "@fastify/swagger";
import Fastify, { type FastifyInstance, type FastifyRequest } from "fastify";
import type { Redis } from "ioredis";
import { writeLine } from "@pixelrpc/service-runtime";

import { bearerCheck } from "./auth.js";
import type { CachedResults } from "./cache/cached-results.js";
import { answerClientError, answerFrameworkError } from "./client-errors.js";
import type { GatewayConfig } from "./config.js";
import { JobLinks } from "./job-links.js";
import { HttpProblem, problemFrom, sendProblem } from "./problems.js";
import { JobRunner } from "./jobs/runner.js";
import type { GatewayMetrics } from "./metrics.js";
import type { JobStore } from "./jobs/store.js";
import { searchParameters } from "./query.js";
import { rateLimit } from "./rate-limit.js";
import { strictQueries } from "./route-query.js";
import { cacheRoutes } from "./routes/cache.js";
import { healthRoutes } from "./routes/health.js";
import { signedImageRoute } from "./routes/images.js";
import { jobReadRoutes, jobWriteRoutes } from "./routes/jobs.js";
import { infoRoute } from "./routes/info.js";
import { transformRoute } from "./routes/transform.js";
import { limitUploads } from "./uploads.js";
import { Webhooks } from "./webhooks/webhooks.js";

/** Fastify's own error codes for bodies it refuses, and what they mean to a caller. */
const bodyProblems: Record<string, [number, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, "Body too large"],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, "Unsupported media type"],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, "Bad request"],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, "Bad request"],
  FST_REQ_FILE_TOO_LARGE: [413, "Body too large"],
  FST_PARTS_LIMIT: [400, "Bad image or options"],
  FST_FILES_LIMIT: [400, "Bad image or options"],
  FST_FIELDS_LIMIT: [400, "Bad image or options"],
  FST_INVALID_MULTIPART_CONTENT_TYPE: [415, "Unsupported media type"],
};

/** Headers a browser app may read from a cross-origin response. */
const exposedHeaders = [
  "etag",
  "cache-status",
  "server-timing",
  "location",
  "retry-after",
  "x-image-width",
  "x-image-height",
  "x-image-quality",
  "ratelimit-limit",
  "ratelimit-remaining",
  "ratelimit-reset",
];

/** What the gateway is built from, besides its configuration. */
export interface GatewayParts {
  readonly client: ImageClient;
  readonly store: JobStore;
  readonly metrics: GatewayMetrics;
  /** Where rate-limit counters live when several gateways share a budget; this process's memory otherwise. */
  readonly rateLimitRedis?: Redis;
  /** The result cache, when GATEWAY_CACHE turns it on. */
  readonly results?: CachedResults;
}

/**
 * The gateway: HTTP in, gRPC to the image service out. It does no image work
 * itself; its event loop only moves bytes and headers.
 *
 * Who may call what is decided by where a route is registered (Fastify's
 * encapsulation), never by reading the URL: the API routes live in a scope
 * whose onRequest hook checks the API key, the operators' routes in one that
 * checks an admin key, the job-reading routes in one
 * that also takes a signed job link, and the public routes (health, the
 * OpenAPI document, signed images, which carry their own signature) outside
 * both. Any spelling of a path that the router resolves to a route gets
 * that route's hooks.
 */
export function buildGateway(config: GatewayConfig, parts: GatewayParts): FastifyInstance {
  const app = Fastify({
    // One JSON line per event, shaped like the image service's lines.
    logger: {
      level: "info",
      base: { component: "gateway" },
      // The process's one stdout writer, which survives a reader that goes away.
      stream: { write: writeLine },
      timestamp: () => `,"time":"${new Date().toISOString()}"`,
      formatters: { level: (label) => ({ level: label }) },
    },
    bodyLimit: config.maxBodyBytes,
    keepAliveTimeout: config.keepAliveTimeoutMs,
    // Node answers 408 and closes a connection whose headers take longer; it checks every
    // connectionsCheckingInterval, so that must be finer than the timeout.
    http: { headersTimeout: config.headersTimeoutMs, connectionsCheckingInterval: Math.min(1000, config.headersTimeoutMs / 2) },
    // Fastify's default drops unknown properties and coerces types; the gateway refuses both.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false } },
    clientErrorHandler: answerClientError,
    frameworkErrors: answerFrameworkError,
  });
  app.server.maxConnections = config.maxConnections;
  limitUploads(app, { maxBodyBytes: config.maxBodyBytes, budgetBytes: config.receiveBudgetBytes, idleMs: config.bodyIdleTimeoutMs });

  // Images come as raw bytes; anything else (JSON, text) is refused with 415.
  app.removeAllContentTypeParsers();
  const raw = (_request: unknown, body: Buffer, done: (error: Error | null, body?: Buffer) => void): void => done(null, body);
  app.addContentTypeParser("application/octet-stream", { parseAs: "buffer" }, raw);
  app.addContentTypeParser(/^image\/[\w.+-]+$/, { parseAs: "buffer" }, raw);
  // Or multipart/form-data: an "image" file part and an "options" JSON part.
  void app.register(multipart, { limits: { fileSize: config.maxBodyBytes, files: 1, fields: 1, parts: 2, fieldSize: 256 * 1024 }, throwFileSizeLimit: true });

  // Before swagger, whose onRoute hook must see each route's query schema.
  strictQueries(app);
  void app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "pixelrpc gateway",
        version: "1",
        description: "HTTP access to the pixelrpc image service: synchronous transforms, info, and jobs with progress over Server-Sent Events.",
      },
      components: {
        securitySchemes: {
          apiKey: { type: "http", scheme: "bearer" },
          adminKey: { type: "http", scheme: "bearer", description: "one of GATEWAY_ADMIN_KEYS" },
        },
      },
    },
  });

  if (config.corsOrigins.length > 0) {
    // At the root, outside every scope that checks keys: a preflight carries no credentials.
    void app.register(cors, {
      origin: [...config.corsOrigins],
      methods: ["GET", "HEAD", "POST", "DELETE"],
      allowedHeaders: ["authorization", "content-type", "if-none-match", "accept"],
      exposedHeaders,
      maxAge: 600,
      strictPreflight: true,
    });
  }

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof HttpProblem) return sendProblem(reply, error);
    if (error instanceof ImageServiceError) return sendProblem(reply, problemFrom(error));
    const fastifyError = error as { code?: string; validation?: unknown; message: string; statusCode?: number };
    if (fastifyError.validation) return sendProblem(reply, new HttpProblem(400, "Bad image or options", fastifyError.message));
    const known = fastifyError.code ? bodyProblems[fastifyError.code] : undefined;
    if (known) return sendProblem(reply, new HttpProblem(known[0], known[1], fastifyError.message));
    // Fastify's own 4xx (a malformed multipart boundary, say) are the client's to fix; name them as Fastify does.
    if (fastifyError.statusCode !== undefined && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
      return sendProblem(reply, new HttpProblem(fastifyError.statusCode, "Bad request", fastifyError.message));
    }
    // The client hung up mid-request (or its stalled upload was cut off): nobody is left to answer.
    if (request.raw.destroyed) {
      request.log.warn({ event: "request_aborted", error: fastifyError.message }, "client went away before the request was read");
      return sendProblem(reply, new HttpProblem(400, "Bad request", "the request was aborted"));
    }
    request.log.error({ err: error }, "request failed");
    return sendProblem(reply, new HttpProblem(500, "Gateway error", "the gateway failed to handle the request"));
  });

  // A problem like every other error, titled apart from a missing source ("Source not found").
  app.setNotFoundHandler((request, reply) =>
    sendProblem(
      reply,
      new HttpProblem(404, "Not Found", `there is no route ${request.method} ${JSON.stringify(request.url.replace(/\?.*$/s, "").slice(0, 200))}`),
    ),
  );

  const { store, metrics } = parts;
  metrics.observeHttp(app);
  const client = metrics.instrument(parts.client);
  const links = new JobLinks(config.urlSigningKeys, config.jobTimeoutMs + config.jobTtlMs);
  const webhooks =
    config.webhooks &&
    new Webhooks(
      store.deliveries,
      config.webhooks,
      links,
      (level, event, fields) => app.log[level]({ event, ...fields }, event),
      (outcome) => metrics.webhookAttempt(outcome),
    );
  const runner = new JobRunner(store, client, config.jobTimeoutMs, (status, job) => {
    metrics.jobFinished(status);
    if (job?.callback && webhooks)
      webhooks.enqueue(job).catch((error: Error) => app.log.error({ event: "webhook_queue_error", jobId: job.id, error: error.message }, "webhook not queued"));
  });
  // The jobs first: a job that ends during the grace still queues its webhook, which the next gateway sends if this one cannot.
  app.addHook("onClose", async () => {
    await runner.drain(config.shutdownGraceMs);
    await webhooks?.stop(config.shutdownGraceMs);
  });
  webhooks?.start();
  const checkKey = config.apiKeys.length > 0 ? bearerCheck(config.apiKeys) : undefined;

  // Routes go in plugins registered after @fastify/swagger, whose onRoute
  // hook must see them to describe them in /openapi.json.
  void app.register(async (publicRoutes) => {
    publicRoutes.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());
    healthRoutes(publicRoutes, client);
  });

  void app.register(async (v1) => {
    // One budget per caller across every /v1 route: registered here, its hook reaches each scope below.
    if (config.rateLimitPerMinute !== undefined) await rateLimit(v1, config.rateLimitPerMinute, parts.rateLimitRedis);

    void v1.register(async (signed) => {
      signedImageRoute(signed, client, parts.results, {
        keys: config.urlSigningKeys,
        maxAgeSeconds: config.imageMaxAgeSeconds,
        timeoutMs: config.requestTimeoutMs,
        presetsOnly: config.presetsOnly,
      });
    });

    void v1.register(async (api) => {
      if (checkKey) api.addHook("onRequest", async (request) => checkKey(request.headers.authorization));
      const security = checkKey ? { security: [{ apiKey: [] }] } : {};
      transformRoute(api, client, parts.results, config.requestTimeoutMs, security);
      infoRoute(api, client, config.requestTimeoutMs, security);
      jobWriteRoutes(api, store, runner, links, webhooks, security);
    });

    void v1.register(async (operators) => {
      // No admin keys, no operator routes: not a door left open, not even one on loopback.
      const checkAdmin = bearerCheck(config.adminKeys);
      operators.addHook("onRequest", async (request) => {
        if (config.adminKeys.length === 0) throw new HttpProblem(404, "Operator routes are off", "this gateway has no GATEWAY_ADMIN_KEYS");
        checkAdmin(request.headers.authorization);
      });
      cacheRoutes(operators, parts.results, { security: [{ adminKey: [] }] });
    });

    void v1.register(async (jobs) => {
      // The API key, or a signed link to the very job the route names: what a browser's
      // EventSource and <img src> can present.
      jobs.addHook("onRequest", async (request: FastifyRequest<{ Params: { id?: string } }>) => {
        const parameters = searchParameters(request.url);
        // A request that carries a signature is judged by it, so a wrong one is never overlooked.
        if (parameters.has("sig") || parameters.has("exp")) links.verify(request.params.id ?? "", parameters);
        else checkKey?.(request.headers.authorization);
      });
      jobReadRoutes(jobs, store, links, checkKey ? { security: [{ apiKey: [] }, {}] } : {});
    });
  });
  return app;
}
