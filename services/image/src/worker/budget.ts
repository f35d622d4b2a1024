import type { Sharp } from "sharp";

import { TaskState, type TaskControl } from "../task.js";
import { ImageRejection, processingTimeout, rejectionFrom } from "./rejection.js";

/**
 * How long a task may still compute, and whether its caller still wants it.
 * libvips cannot be interrupted from outside, so every pipeline runs with a
 * sharp timeout of what is left, and between pipelines the task stops as
 * soon as the caller cancels.
 */
export class Budget {
  readonly #state: Int32Array;
  readonly #end: number;

  constructor(
    control: TaskControl,
    deadline: number | undefined,
    readonly maxProcessingSeconds: number,
  ) {
    this.#state = new Int32Array(control);
    this.#end = Math.min(Date.now() + maxProcessingSeconds * 1000, deadline ?? Number.POSITIVE_INFINITY);
  }

  /**
   * Claims the task for this worker. False when the caller cancelled it
   * while it was queued: then it must not run at all.
   */
  start(): boolean {
    return Atomics.compareExchange(this.#state, 0, TaskState.QUEUED, TaskState.RUNNING) === TaskState.QUEUED;
  }

  /** Throws when the caller has cancelled or the time is up; otherwise whole seconds left. */
  #secondsLeft(): number {
    if (Atomics.load(this.#state, 0) === TaskState.CANCELLED) throw new ImageRejection("the call was cancelled", "CANCELLED");
    const left = this.#end - Date.now();
    if (left <= 0) throw processingTimeout(this.maxProcessingSeconds);
    return Math.ceil(left / 1000);
  }

  /**
   * Runs `pipeline` (via `run`, which calls toBuffer, stats, ...) within the
   * time left. A failure becomes the caller's rejection, naming `step`.
   */
  async run<T>(pipeline: Sharp, step: string | undefined, run: (pipeline: Sharp) => Promise<T>): Promise<T> {
    const seconds = this.#secondsLeft();
    try {
      return await run(pipeline.timeout({ seconds }));
    } catch (error) {
      throw rejectionFrom(error, step, this.maxProcessingSeconds);
    }
  }
}
