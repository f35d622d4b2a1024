import type { MessagePort } from "node:worker_threads";

import type { Sharp } from "sharp";

import { markStarted, TaskState, type ProgressStep, type TaskControl, type WorkerTask } from "../contract/task.js";
import { ImageRejection, processingTimeout, rejectionFrom } from "./rejection.js";

/**
 * A task's link to its caller: how long it may still compute, whether the
 * caller still wants it, and where progress goes. libvips cannot be
 * interrupted from outside, so every pipeline runs with a sharp timeout of
 * what is left, and between pipelines the task stops as soon as the caller
 * cancels.
 */
export class TaskContext {
  readonly #control: TaskControl;
  readonly #state: Int32Array;
  /** When the task must be done (epoch ms): the processing limit or the caller's deadline, whichever comes first. */
  readonly end: number;
  readonly #report: (step: ProgressStep) => void;

  /**
   * `end` defaults to the processing limit from now, or the task's deadline;
   * `report` to posting on the task's progress port, if it has one.
   */
  constructor(
    task: Pick<WorkerTask, "control" | "deadline" | "progress">,
    readonly maxProcessingSeconds: number,
    options: { readonly end?: number; readonly report?: (step: ProgressStep) => void } = {},
  ) {
    this.#control = task.control;
    this.#state = new Int32Array(task.control, 0, 1);
    this.end = options.end ?? Math.min(Date.now() + maxProcessingSeconds * 1000, task.deadline ?? Number.POSITIVE_INFINITY);
    const port: MessagePort | undefined = task.progress;
    this.#report = options.report ?? ((step) => port?.postMessage(step));
  }

  /** Tells the caller, if it listens, that the task has reached `step`. */
  report(step: ProgressStep): void {
    this.#report(step);
  }

  /**
   * Claims the task for this worker. False when the caller cancelled it
   * while it was queued: then it must not run at all.
   */
  start(): boolean {
    const started = Atomics.compareExchange(this.#state, 0, TaskState.QUEUED, TaskState.RUNNING) === TaskState.QUEUED;
    if (!started) return false;
    markStarted(this.#control);
    this.report({ stage: "STAGE_STARTED" });
    return true;
  }

  /** Throws when the caller has cancelled or the time is up; otherwise whole seconds left. */
  secondsLeft(): number {
    if (Atomics.load(this.#state, 0) === TaskState.CANCELLED) throw new ImageRejection("the call was cancelled", "CANCELLED");
    const left = this.end - Date.now();
    if (left <= 0) throw processingTimeout(this.maxProcessingSeconds);
    return Math.ceil(left / 1000);
  }

  /**
   * Runs `pipeline` (via `run`, which calls toBuffer, stats, ...) within the
   * time left. A failure becomes the caller's rejection, naming `step`.
   */
  async run<T>(pipeline: Sharp, step: string | undefined, run: (pipeline: Sharp) => Promise<T>): Promise<T> {
    const seconds = this.secondsLeft();
    try {
      return await run(pipeline.timeout({ seconds }));
    } catch (error) {
      throw rejectionFrom(error, step, this.maxProcessingSeconds);
    }
  }
}
