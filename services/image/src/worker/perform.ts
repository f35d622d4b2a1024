/** One task's work, wherever it runs: in a worker thread, or in that thread's task process (process-lane.ts). */
import type { TaskData, TaskResults, WorkerSettings, WorkerTask } from "../contract/task.js";
import { describe } from "./info.js";
import { readSource } from "./source.js";
import type { TaskContext } from "./task-context.js";
import { transform } from "./transform.js";

/** What a task of each kind produces when it succeeds. */
export type TaskSuccess = { readonly [Kind in WorkerTask["kind"]]: Extract<TaskResults[Kind], { ok: true }> };

/** The task's tagged success, so that its caller knows which it got without looking at the fields. */
export type Performed = { readonly [Kind in WorkerTask["kind"]]: { readonly kind: Kind; readonly result: TaskSuccess[Kind] } }[WorkerTask["kind"]];

/**
 * Runs `task`; a failure throws (an ImageRejection for the caller's input or
 * limits). `encodeSpeed` is asked only by transforms, which predict their
 * encoder's cost from it (encode-cost.ts).
 */
export async function perform(task: TaskData, settings: WorkerSettings, context: TaskContext, encodeSpeed: () => Promise<number>): Promise<Performed> {
  switch (task.kind) {
    case "transform":
      return { kind: "transform", result: { ok: true, ...(await transform(task, settings, context, await encodeSpeed())) } };
    case "info":
      return { kind: "info", result: { ok: true, info: await describe(task, settings, context) } };
    case "probe":
      await readSource(task.image, task.input, settings);
      return { kind: "probe", result: { ok: true } };
  }
}
