import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

/** What a pool tells the metrics about itself when scraped. */
export interface PoolGauges {
  readonly name: string;
  /** Tasks waiting for a thread. */
  readonly queueSize: number;
  /** Share of the pool's capacity busy since it started, 0 to 1 (piscina's utilization). */
  readonly utilization: number;
}

/** What the pools report as tasks end. */
export interface PoolMetrics {
  taskFinished(pool: string, kind: string, times: { waited: number; ran: number }): void;
  /** A task refused because the queue was full. */
  rejected(pool: string): void;
}

/** What the call adapters report as calls end. */
export interface CallMetrics {
  callFinished(method: string, code: string, seconds: number): void;
}

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/**
 * The image service's Prometheus metrics: calls by method and status code,
 * how long tasks wait for a worker and run, queue depth, pool utilization,
 * load-shedding rejections, and Node's own (event-loop delay, RSS).
 */
export class ImageServiceMetrics implements PoolMetrics, CallMetrics {
  readonly registry = new Registry();
  readonly #calls = new Histogram({
    name: "pixelrpc_image_rpc_duration_seconds",
    help: "ImageService calls by method and gRPC status code.",
    labelNames: ["method", "code"] as const,
    buckets: SECONDS,
    registers: [this.registry],
  });
  readonly #waits = new Histogram({
    name: "pixelrpc_image_task_wait_seconds",
    help: "Time tasks waited in the queue for a worker thread, by pool.",
    labelNames: ["pool"] as const,
    buckets: SECONDS,
    registers: [this.registry],
  });
  readonly #runs = new Histogram({
    name: "pixelrpc_image_task_run_seconds",
    help: "Time tasks ran on a worker thread, by pool and kind.",
    labelNames: ["pool", "kind"] as const,
    buckets: SECONDS,
    registers: [this.registry],
  });
  readonly #rejections = new Counter({
    name: "pixelrpc_image_rejections_total",
    help: "Tasks refused with RESOURCE_EXHAUSTED because the pool's queue was full.",
    labelNames: ["pool"] as const,
    registers: [this.registry],
  });

  constructor(pools: () => readonly PoolGauges[]) {
    collectDefaultMetrics({ register: this.registry, prefix: "pixelrpc_image_" });
    new Gauge({
      name: "pixelrpc_image_queue_depth",
      help: "Tasks waiting for a worker thread, by pool.",
      labelNames: ["pool"] as const,
      registers: [this.registry],
      collect() {
        for (const pool of pools()) this.set({ pool: pool.name }, pool.queueSize);
      },
    });
    new Gauge({
      name: "pixelrpc_image_pool_utilization_ratio",
      help: "Share of each pool's thread capacity that has been busy since it started (0 to 1).",
      labelNames: ["pool"] as const,
      registers: [this.registry],
      collect() {
        for (const pool of pools()) this.set({ pool: pool.name }, pool.utilization);
      },
    });
  }

  callFinished(method: string, code: string, seconds: number): void {
    this.#calls.observe({ method, code }, seconds);
  }

  taskFinished(pool: string, kind: string, { waited, ran }: { waited: number; ran: number }): void {
    this.#waits.observe({ pool }, waited);
    this.#runs.observe({ pool, kind }, ran);
  }

  rejected(pool: string): void {
    this.#rejections.inc({ pool });
  }
}
