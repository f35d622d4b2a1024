import { Piscina } from "piscina";

import { MessageChannel } from "node:worker_threads";

import { status } from "@grpc/grpc-js";

import type { Operation__Output } from "@pixelrpc/proto";
import type { Logger } from "@pixelrpc/service-runtime";
import type { PoolGauges, PoolMetrics } from "./metrics/image-metrics.js";
import {
  TaskState,
  createTaskControl,
  ownBuffer,
  submissionTime,
  taskTimes,
  type ProgressStep,
  type TaskResults,
  type WorkerSettings,
  type WorkerTask,
  type WorkerData,
} from "../contract/task.js";
import { overlayBytes } from "./draw-limits.js";
import { RpcError } from "./rpc-error.js";

/**
 * A value, or how to fetch it (a URL), which the pool does only once the
 * task has its place, so that fetched images are bounded by the queue like
 * the ones that came with their calls.
 */
export type Pending<Value> = Value | (() => Promise<Value>);

/** A task's image: its bytes, or the fetch of its URL source. */
export type TaskImage = Pending<Uint8Array>;

/** A task as the gRPC side describes it, with its image and a transform's operations (whose overlays may have URLs) maybe still to fetch; the pool adds the control block. */
export type TaskRequest = WorkerTask extends infer Task
  ? Task extends WorkerTask
    ? Omit<Task, "control" | "image" | "operations"> & { readonly image: TaskImage } & (Task extends { readonly operations: infer Operations }
          ? { readonly operations: Pending<Operations> }
          : unknown)
    : never
  : never;

const settle = <Value>(pending: Pending<Value>): Promise<Value> | Value => (typeof pending === "function" ? (pending as () => Promise<Value>)() : pending);

export interface WorkerPoolOptions {
  /** Names the pool in logs and errors: "transform", "info". */
  readonly name: string;
  readonly threads: number;
  /** Tasks that may wait for a thread; past this, calls fail at once. */
  readonly maxQueue: number;
  /** Image bytes the pool's tasks, waiting or running, may hold in all; past it, calls fail at once. */
  readonly maxQueueBytes: number;
  readonly settings: WorkerSettings;
  readonly metrics?: PoolMetrics;
}

/** Where a task is: fetching its image, waiting behind `queuePosition` others, or a step the worker reported. */
export type TaskProgress = { readonly stage: "STAGE_FETCHING" } | { readonly stage: "STAGE_QUEUED"; readonly queuePosition: number } | ProgressStep;

const mebibytes = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

/** How often a waiting task's queue position is looked at again. */
const QUEUE_POLL_MS = 200;

/** The threads that run sharp. The gRPC side hands them tasks and never touches pixels. */
export class WorkerPool implements PoolGauges {
  readonly #options: WorkerPoolOptions;
  readonly #logger: Logger;
  /** The states of the tasks given to piscina, oldest first, for queue positions. */
  readonly #submitted = new Set<Int32Array>();
  /** Tasks admitted whose images are still being fetched. */
  #fetching = 0;
  /** The images the pool's tasks hold, each counted once however many tasks share it (Variants' do), and those tasks. */
  readonly #images = new Map<ArrayBufferLike, { tasks: number; readonly bytes: number }>();
  #heldBytes = 0;
  // null is the readiness ping's argument.
  readonly #piscina: Piscina<WorkerTask | null, TaskResults[WorkerTask["kind"]] | string>;

  constructor(options: WorkerPoolOptions, logger: Logger) {
    const { threads, settings } = options;
    this.#options = options;
    this.#logger = logger;
    this.#piscina = new Piscina({
      filename: new URL("../worker/index.js", import.meta.url).href,
      // Start every thread now and keep it: a cold worker pays for loading
      // sharp and libvips on the first request it gets.
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: Number.POSITIVE_INFINITY,
      concurrentTasksPerWorker: 1,
      workerData: { settings, runsTransforms: options.name === "transform" } satisfies WorkerData,
    });
    // A worker that fails outside a task is replaced by piscina; without a
    // listener the 'error' event would take the whole process down.
    this.#piscina.on("error", (error: unknown) => logger.log("error", "worker_failed", { pool: options.name, error }));
  }

  /** Resolves once every thread has loaded sharp; rejects if one cannot. */
  async ready(): Promise<void> {
    await Promise.all(Array.from({ length: this.#piscina.options.maxThreads }, () => this.#piscina.run(null, { name: "ping" })));
  }

  /**
   * Runs `task`. When `signal` aborts, a task still queued is dropped and
   * never runs; a running one is stopped by its worker (worker/index.ts) and
   * resolves with a CANCELLED failure. With the queue full, or its images'
   * bytes at `maxQueueBytes`, it fails at once with RESOURCE_EXHAUSTED:
   * shedding load keeps memory bounded and tells the caller to back off,
   * where queueing without bound would not. An image to fetch is fetched only
   * once the task is admitted (STAGE_FETCHING), and counts as waiting
   * meanwhile.
   */
  async run<Request extends TaskRequest>(
    task: Request,
    signal: AbortSignal,
    onProgress?: (progress: TaskProgress) => void,
  ): Promise<TaskResults[Request["kind"]]> {
    this.#admit();
    const operations = "operations" in task ? task.operations : undefined;
    let image: Uint8Array;
    let fetched: readonly Operation__Output[] | undefined;
    if (typeof task.image === "function" || typeof operations === "function") {
      this.#fetching++;
      try {
        onProgress?.({ stage: "STAGE_FETCHING" });
        [image, fetched] = await Promise.all([settle(task.image), operations && settle(operations)]);
      } finally {
        // In the same turn as the submission below: the task never leaves the count.
        this.#fetching--;
      }
    } else {
      image = task.image;
      fetched = operations;
    }
    const release = this.#hold(image, fetched ? overlayBytes(fetched) : 0);
    const control = createTaskControl();
    const submittedAt = submissionTime();
    // Shared memory is read in place; anything else moves to the worker.
    const shared = image.buffer instanceof SharedArrayBuffer;
    const moving = shared ? image : ownBuffer(image);
    const state = new Int32Array(control, 0, 1);
    const dequeue = new AbortController();
    const cancel = (): void => {
      if (Atomics.compareExchange(state, 0, TaskState.QUEUED, TaskState.CANCELLED) === TaskState.QUEUED) {
        dequeue.abort(signal.reason);
      } else {
        Atomics.store(state, 0, TaskState.CANCELLED);
      }
    };
    if (signal.aborted) cancel();
    signal.addEventListener("abort", cancel, { once: true });
    this.#submitted.add(state);
    const channel = onProgress && new MessageChannel();
    const stopFollowing = onProgress && this.#followQueue(state, onProgress);
    channel?.port1.on("message", (step: ProgressStep) => onProgress!(step));
    try {
      const moved = { ...task, image: moving, ...(fetched ? { operations: fetched } : {}), control, progress: channel?.port2 } as WorkerTask;
      const transferList = [...(shared ? [] : [moving.buffer as ArrayBuffer]), ...(channel ? [channel.port2] : [])];
      return (await this.#piscina.run(moved, { signal: dequeue.signal, transferList })) as TaskResults[Request["kind"]];
    } catch (error) {
      if (dequeue.signal.aborted) throw error;
      // The worker died or threw a bug: only this task fails; piscina starts a new worker.
      this.#logger.log("error", "task_failed", { pool: this.#options.name, kind: task.kind, error });
      throw new RpcError(
        status.INTERNAL,
        "the worker processing this image failed (the service's log has the details); it has been replaced, and a retry may succeed",
      );
    } finally {
      const times = taskTimes(control, submittedAt);
      if (times) this.#options.metrics?.taskFinished(this.#options.name, task.kind, times);
      signal.removeEventListener("abort", cancel);
      release();
      this.#submitted.delete(state);
      stopFollowing?.();
      channel?.port1.close();
    }
  }

  /**
   * Refuses a task once the tasks waiting, for a worker or for their image,
   * fill the queue's places and the idle workers': the images the pool holds,
   * sent or fetched, stay within threads + maxQueue. Nothing waits for a
   * worker while one is idle, so for images that came with their calls this
   * is the queue limit alone.
   */
  #admit(): void {
    const { name, threads, maxQueue, metrics } = this.#options;
    const queued = this.#piscina.queueSize;
    const idle = Math.max(0, threads - (this.#submitted.size - queued));
    if (queued + this.#fetching < maxQueue + idle) return;
    metrics?.rejected(name);
    const fetching = this.#fetching > 0 ? ` and ${this.#fetching} more fetching their source` : "";
    throw new RpcError(
      status.RESOURCE_EXHAUSTED,
      `the service is busy: ${queued} ${name} tasks are already waiting for a worker${fetching}; retry with backoff`,
      true,
    );
  }

  /**
   * Counts `image` against `maxQueueBytes` until the returned function is
   * called, or refuses it: an image that would pass the budget is refused
   * unless the pool holds none, so that one image as large as the service
   * accepts always gets through an idle pool. The count is of bytes as
   * received; what decoding them takes is bounded by the threads. A
   * transform's overlays (`ownBytes`) are its own, and count with it.
   */
  #hold(image: Uint8Array, ownBytes: number): () => void {
    const { name, maxQueueBytes, metrics } = this.#options;
    const key = image.buffer;
    let held = this.#images.get(key);
    const adding = (held ? 0 : image.byteLength) + ownBytes;
    if (this.#heldBytes > 0 && this.#heldBytes + adding > maxQueueBytes) {
      metrics?.rejected(name);
      throw new RpcError(
        status.RESOURCE_EXHAUSTED,
        `the service is busy: its ${name} tasks hold ${mebibytes(this.#heldBytes)} of images, and this one's ${mebibytes(adding)} would pass its limit of ${mebibytes(maxQueueBytes)}; retry with backoff`,
        true,
      );
    }
    if (!held) {
      held = { tasks: 0, bytes: image.byteLength };
      this.#images.set(key, held);
    }
    this.#heldBytes += adding;
    held.tasks += 1;
    const entry = held;
    return () => {
      entry.tasks -= 1;
      this.#heldBytes -= ownBytes;
      if (entry.tasks > 0) return;
      this.#images.delete(key);
      this.#heldBytes -= entry.bytes;
    };
  }

  /** Reports the queue position of the task with `state` while it waits, whenever it changes. */
  #followQueue(state: Int32Array, onProgress: (progress: TaskProgress) => void): () => void {
    let last = -1;
    const look = (): void => {
      if (Atomics.load(state, 0) !== TaskState.QUEUED) return clearInterval(timer);
      let ahead = 0;
      for (const other of this.#submitted) {
        if (other === state) break;
        if (Atomics.load(other, 0) === TaskState.QUEUED) ahead++;
      }
      if (ahead !== last) onProgress({ stage: "STAGE_QUEUED", queuePosition: ahead });
      last = ahead;
    };
    const timer = setInterval(look, QUEUE_POLL_MS);
    look();
    return () => clearInterval(timer);
  }

  get threads(): number {
    return this.#piscina.threads.length;
  }

  get name(): string {
    return this.#options.name;
  }

  get queueSize(): number {
    return this.#piscina.queueSize;
  }

  get utilization(): number {
    return this.#piscina.utilization;
  }

  /** Waits for running tasks, then stops the threads. */
  async close(): Promise<void> {
    await this.#piscina.close();
  }
}
