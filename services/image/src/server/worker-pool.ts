import { Piscina } from "piscina";

import type { TaskResults, WorkerSettings, WorkerTask } from "../task.js";

type TaskOf<Kind extends WorkerTask["kind"]> = Extract<WorkerTask, { kind: Kind }>;

/** The threads that run sharp. The gRPC side hands them tasks and never touches pixels. */
export class WorkerPool {
  readonly #piscina: Piscina<WorkerTask, TaskResults[WorkerTask["kind"]]>;

  constructor(threads: number, settings: WorkerSettings) {
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
  }

  run<Kind extends WorkerTask["kind"]>(task: TaskOf<Kind>, signal?: AbortSignal): Promise<TaskResults[Kind]> {
    return this.#piscina.run(task, signal ? { signal } : {}) as Promise<TaskResults[Kind]>;
  }

  get threads(): number {
    return this.#piscina.threads.length;
  }

  /** Waits for running tasks, then stops the threads. */
  async close(): Promise<void> {
    await this.#piscina.close();
  }
}
