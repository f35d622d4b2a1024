import { ImageServiceError, SIGNED_IMAGE_PATH, type ImageClient } from "@pixelrpc/client";
import multipart from "@fastify/multipart";
import swagger from "@fastify/swagger";
import Fastify, { type FastifyInstance } from "fastify";

import { bearerCheck } from "./auth.js";
import type { GatewayConfig } from "./config.js";
import { HttpProblem, problemFrom, sendProblem } from "./problems.js";
import { JobRunner } from "./jobs/runner.js";
import { GatewayMetrics } from "./metrics.js";
import type { JobStore } from "./jobs/store.js";
import { healthRoutes } from "./routes/health.js";
import { signedImageRoute } from "./routes/images.js";
import { jobRoutes } from "./routes/jobs.js";
import { infoRoute } from "./routes/info.js";
import { transformRoute } from "./routes/transform.js";

/** Fastify's own error codes for bodies it refuses, and what they mean to a caller. */
const bodyProblems: Record<string, [number, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, "Body too large"],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, "Unsupported media type"],
  FST_REQ_FILE_TOO_LARGE: [413, "Body too large"],
  FST_PARTS_LIMIT: [400, "Bad image or options"],
  FST_FILES_LIMIT: [400, "Bad image or options"],
  FST_FIELDS_LIMIT: [400, "Bad image or options"],
};

/**
 * The gateway: HTTP in, gRPC to the image service out. It does no image work
 * itself; its event loop only moves bytes and headers.
 */
export function buildGateway(config: GatewayConfig, plainClient: ImageClient, store: JobStore): FastifyInstance {
  const app = Fastify({
    // One JSON line per event, shaped like the image service's lines.
    logger: {
      level: "info",
      base: { component: "gateway" },
      timestamp: () => `,"time":"${new Date().toISOString()}"`,
      formatters: { level: (label) => ({ level: label }) },
    },
    bodyLimit: config.maxBodyBytes,
  });

  // Images come as raw bytes; anything else (JSON, text) is refused with 415.
  app.removeAllContentTypeParsers();
  const raw = (_request: unknown, body: Buffer, done: (error: Error | null, body?: Buffer) => void): void => done(null, body);
  app.addContentTypeParser("application/octet-stream", { parseAs: "buffer" }, raw);
  app.addContentTypeParser(/^image\/[\w.+-]+$/, { parseAs: "buffer" }, raw);
  // Or multipart/form-data: an "image" file part and an "options" JSON part.
  void app.register(multipart, { limits: { fileSize: config.maxBodyBytes, files: 1, fields: 1, parts: 2 }, throwFileSizeLimit: true });

  void app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "pixelrpc gateway",
        version: "1",
        description: "HTTP access to the pixelrpc image service: synchronous transforms, info, and jobs with progress over Server-Sent Events.",
      },
      components: { securitySchemes: { apiKey: { type: "http", scheme: "bearer" } } },
      ...(config.apiKeys.length > 0 ? { security: [{ apiKey: [] }] } : {}),
    },
  });
  app.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  if (config.apiKeys.length > 0) {
    const check = bearerCheck(config.apiKeys);
    app.addHook("onRequest", async (request) => {
      // Signed image URLs carry their own credential, for <img src> that can send no header.
      if (request.url.startsWith("/v1/") && request.routeOptions.url !== SIGNED_IMAGE_PATH) check(request.headers.authorization);
    });
  }

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof HttpProblem) return sendProblem(reply, error);
    if (error instanceof ImageServiceError) return sendProblem(reply, problemFrom(error));
    const fastifyError = error as { code?: string; validation?: unknown; message: string; statusCode?: number };
    if (fastifyError.validation) return sendProblem(reply, new HttpProblem(400, "Bad image or options", fastifyError.message));
    const known = fastifyError.code ? bodyProblems[fastifyError.code] : undefined;
    if (known) return sendProblem(reply, new HttpProblem(known[0], known[1], fastifyError.message));
    request.log.error({ err: error }, "request failed");
    return sendProblem(reply, new HttpProblem(500, "Gateway error", "the gateway failed to handle the request"));
  });

  // A problem like every other error, titled apart from a missing source ("Source not found").
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, new HttpProblem(404, "Not Found", `there is no route ${request.method} ${request.url.replace(/\?.*$/s, "")}`)),
  );

  app.addHook("preValidation", async (request) => {
    const image = request.body instanceof Buffer && request.body.byteLength > 0;
    if (request.method === "POST" && request.url.startsWith("/v1/") && !image && !request.isMultipart()) {
      throw new HttpProblem(400, "Bad image or options", "the body must be the image: Content-Type image/* or application/octet-stream");
    }
  });

  const metrics = new GatewayMetrics(store);
  metrics.observeHttp(app);
  const client = metrics.instrument(plainClient);
  const runner = new JobRunner(store, client, config.jobTimeoutMs, (status) => metrics.jobFinished(status));
  app.addHook("onClose", () => runner.drain(config.shutdownGraceMs));

  // Routes go in a plugin registered after @fastify/swagger, whose onRoute
  // hook must see them to describe them in /openapi.json.
  void app.register(async (routes) => {
    routes.get("/metrics", { schema: { summary: "Prometheus metrics", tags: ["operations"] } }, async (_request, reply) =>
      reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
    );
    transformRoute(routes, client, config.requestTimeoutMs);
    signedImageRoute(routes, client, { keys: config.urlSigningKeys, maxAgeSeconds: config.imageMaxAgeSeconds, timeoutMs: config.requestTimeoutMs });
    jobRoutes(routes, store, runner);
    infoRoute(routes, client, config.requestTimeoutMs);
    healthRoutes(routes, client);
  });
  return app;
}
