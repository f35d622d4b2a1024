import { Piscina } from "piscina";

import type { Logger } from "../log.js";
import { TaskState, createTaskControl, type TaskResults, type WorkerSettings, type WorkerTask } from "../task.js";

/** A task as the gRPC side describes it; the pool adds the control block. */
export type TaskRequest = WorkerTask extends infer Task ? (Task extends WorkerTask ? Omit<Task, "control"> : never) : never;

/** The threads that run sharp. The gRPC side hands them tasks and never touches pixels. */
export class WorkerPool {
  // null is the readiness ping's argument.
  readonly #piscina: Piscina<WorkerTask | null, TaskResults[WorkerTask["kind"]] | string>;

  constructor(threads: number, settings: WorkerSettings, logger: Logger) {
    this.#piscina = new Piscina({
      filename: new URL("../worker/index.js", import.meta.url).href,
      // Start every thread now and keep it: a cold worker pays for loading
      // sharp and libvips on the first request it gets.
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: Number.POSITIVE_INFINITY,
      concurrentTasksPerWorker: 1,
      workerData: settings,
    });
    // A worker that fails outside a task is replaced by piscina; without a
    // listener the 'error' event would take the whole process down.
    this.#piscina.on("error", (error: unknown) => logger.log("error", "worker_failed", { error }));
  }

  /** Resolves once every thread has loaded sharp; rejects if one cannot. */
  async ready(): Promise<void> {
    await Promise.all(Array.from({ length: this.#piscina.options.maxThreads }, () => this.#piscina.run(null, { name: "ping" })));
  }

  /**
   * Runs `task`. When `signal` aborts, a task still queued is dropped and
   * never runs; a running one stops at its next step (libvips itself cannot
   * be interrupted, and killing its thread would leave it computing), and
   * resolves with a CANCELLED failure.
   */
  async run<Request extends TaskRequest>(task: Request, signal: AbortSignal): Promise<TaskResults[Request["kind"]]> {
    const control = createTaskControl();
    const state = new Int32Array(control);
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
    try {
      return (await this.#piscina.run({ ...task, control } as WorkerTask, { signal: dequeue.signal })) as TaskResults[Request["kind"]];
    } finally {
      signal.removeEventListener("abort", cancel);
    }
  }

  get threads(): number {
    return this.#piscina.threads.length;
  }

  /** Waits for running tasks, then stops the threads. */
  async close(): Promise<void> {
    await this.#piscina.close();
  }
}
