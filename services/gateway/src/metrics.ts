import { ImageServiceError, type ImageClient } from "@pixelrpc/client";
import type { FastifyInstance } from "fastify";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

import type { CacheOutcome } from "./cache/cached-results.js";
import type { CacheStats, ResultCache } from "./cache/result-cache.js";
import type { JobStatus, JobStore } from "./jobs/store.js";
import type { AttemptOutcome } from "./webhooks/webhooks.js";

/**
 * The gateway's Prometheus metrics, in a registry of its own: HTTP requests
 * by route and status, upstream gRPC calls by method and code, calls in
 * flight, jobs by status, the result cache, and Node's own (event-loop delay
 * among them).
 */
export class GatewayMetrics {
  readonly registry = new Registry();
  readonly #http = new Histogram({
    name: "pixelrpc_gateway_http_request_duration_seconds",
    help: "HTTP requests by route, method and status code.",
    labelNames: ["route", "method", "status_code"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  readonly #upstream = new Histogram({
    name: "pixelrpc_gateway_upstream_call_duration_seconds",
    help: "Calls to the image service by gRPC method and status code.",
    labelNames: ["method", "code"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });
  readonly #inFlight = new Gauge({
    name: "pixelrpc_gateway_upstream_calls_in_flight",
    help: "Calls to the image service not finished yet.",
    labelNames: ["method"] as const,
    registers: [this.registry],
  });
  readonly #jobsFinished = new Counter({
    name: "pixelrpc_gateway_jobs_finished_total",
    help: "Jobs that ended, by final status.",
    labelNames: ["status"] as const,
    registers: [this.registry],
  });

  readonly #cacheRequests = new Counter({
    name: "pixelrpc_gateway_cache_requests_total",
    help: "Requests through the result cache, by what happened: hit, miss, or collapsed (waited for another's miss).",
    labelNames: ["result"] as const,
    registers: [this.registry],
  });
  readonly #cacheStored = new Counter({
    name: "pixelrpc_gateway_cache_stored_bytes_total",
    help: "Bytes of results this gateway put in the result cache.",
    registers: [this.registry],
  });
  readonly #cacheServed = new Counter({
    name: "pixelrpc_gateway_cache_hit_bytes_total",
    help: "Bytes of results this gateway served from the result cache.",
    registers: [this.registry],
  });
  readonly #cacheErrors = new Counter({
    name: "pixelrpc_gateway_cache_errors_total",
    help: "Result cache operations that failed (each served as a miss), by operation.",
    labelNames: ["operation"] as const,
    registers: [this.registry],
  });

  readonly #webhookAttempts = new Counter({
    name: "pixelrpc_gateway_webhook_attempts_total",
    help: "Webhook delivery attempts by outcome: delivered, failed (to be retried), refused (by the outbound rules) or abandoned (out of attempts).",
    labelNames: ["outcome"] as const,
    registers: [this.registry],
  });

  constructor(store: JobStore) {
    collectDefaultMetrics({ register: this.registry, prefix: "pixelrpc_gateway_" });
    new Gauge({
      name: "pixelrpc_gateway_jobs",
      help: "Jobs in the store, by status.",
      labelNames: ["status"] as const,
      registers: [this.registry],
      async collect() {
        for (const [status, count] of Object.entries(await store.countByStatus())) this.set({ status }, count);
      },
    });
    new Gauge({
      name: "pixelrpc_gateway_webhooks_pending",
      help: "Webhooks waiting to be sent (or retried), in the job store.",
      registers: [this.registry],
      async collect() {
        this.set(await store.deliveries.pending());
      },
    });
  }

  cacheOutcome(outcome: CacheOutcome): void {
    this.#cacheRequests.inc({ result: outcome.status });
    if (outcome.status === "hit") this.#cacheServed.inc(outcome.entry.image.byteLength);
    if (outcome.status === "miss" && outcome.stored) this.#cacheStored.inc(outcome.entry.image.byteLength);
  }

  cacheError(operation: string): void {
    this.#cacheErrors.inc({ operation });
  }

  /** The cache's own size and evictions, read when scraped; a shared Redis reports its evictions only. */
  observeCache(cache: ResultCache): void {
    const gauge = (name: string, help: string, read: (stats: CacheStats) => number | undefined): void =>
      void new Gauge({
        name,
        help,
        registers: [this.registry],
        async collect() {
          const value = read(await cache.stats());
          if (value !== undefined) this.set(value);
        },
      });
    gauge("pixelrpc_gateway_cache_entries", "Results in the cache (file caches).", (stats) => stats.entries);
    gauge("pixelrpc_gateway_cache_bytes", "Bytes the cached results take (file caches).", (stats) => stats.bytes);
    gauge(
      "pixelrpc_gateway_cache_evictions",
      "Results dropped to keep the cache within its bound: since start (file), or Redis's evicted_keys.",
      (stats) => stats.evictions,
    );
  }

  webhookAttempt(outcome: AttemptOutcome): void {
    this.#webhookAttempts.inc({ outcome });
  }

  jobFinished(status: JobStatus): void {
    this.#jobsFinished.inc({ status });
  }

  /** Times every request by its route pattern (not its URL, which would explode the label set). */
  observeHttp(app: FastifyInstance): void {
    app.addHook("onResponse", async (request, reply) => {
      this.#http.observe(
        { route: request.routeOptions.url ?? "unmatched", method: request.method, status_code: String(reply.statusCode) },
        reply.elapsedTime / 1000,
      );
    });
  }

  /** The same client, with every call counted and timed. */
  instrument(client: ImageClient): ImageClient {
    const measure = (method: string) => {
      const end = this.#upstream.startTimer({ method });
      this.#inFlight.inc({ method });
      return (outcome: "OK" | "CANCELLED" | { error: unknown }): void => {
        this.#inFlight.dec({ method });
        const code = typeof outcome === "string" ? outcome : outcome.error instanceof ImageServiceError ? outcome.error.codeName : "UNKNOWN";
        end({ code });
      };
    };
    const unary =
      <Args extends unknown[], Result>(method: string, call: (...args: Args) => Promise<Result>) =>
      async (...args: Args): Promise<Result> => {
        const done = measure(method);
        try {
          const result = await call(...args);
          done("OK");
          return result;
        } catch (error) {
          done({ error });
          throw error;
        }
      };
    const stream = <Args extends unknown[], Item>(method: string, call: (...args: Args) => AsyncGenerator<Item>) =>
      async function* (...args: Args): AsyncGenerator<Item> {
        const done = measure(method);
        // A consumer that leaves early (a HEAD, an HTTP client gone mid-body) ends the stream
        // through return(), which neither completes the yield* nor throws: only finally sees it.
        let outcome: Parameters<typeof done>[0] = "CANCELLED";
        try {
          yield* call(...args);
          outcome = "OK";
        } catch (error) {
          outcome = { error };
          throw error;
        } finally {
          done(outcome);
        }
      };
    return {
      ...client,
      transform: unary("Transform", client.transform),
      info: unary("Info", client.info),
      health: unary("Check", client.health),
      transformStream: stream("TransformStream", client.transformStream),
      variants: stream("Variants", client.variants),
    };
  }
}
