/**
 * The piscina worker: every decode, transform and encode happens here, off
 * the gRPC event loop.
 */
import { Piscina, workerData } from "piscina";
import sharp from "sharp";

import { ownBuffer, type TaskFailure, type TaskResults, type WorkerData, type WorkerTask } from "../contract/task.js";
import { TaskContext } from "./task-context.js";
import { encodeSpeed } from "./encode-cost.js";
import { perform, type Performed } from "./perform.js";
import { rejectionFrom } from "./rejection.js";
import { ProcessLane, TaskProcessCrash } from "./process-lane.js";
import { configureSharp } from "./sharp-setup.js";
import { runTestHook } from "./test-hooks.js";

configureSharp();

const { settings, runsTransforms } = workerData as WorkerData;
// Every task runs in a process of this thread's own, which can be killed (process-lane.ts) and
// whose native crash ends it alone, unless IMAGE_TASK_PROCESSES=0 keeps the work here.
const lane = settings.taskProcesses ? new ProcessLane(settings) : undefined;

/** Hands an encoded image's memory to the gRPC thread instead of copying it there. */
function moved({ kind, result }: Performed): TaskResults[WorkerTask["kind"]] {
  if (kind !== "transform") return result;
  const image = ownBuffer(result.image);
  const transferable = { [Piscina.transferableSymbol]: [image.buffer], [Piscina.valueSymbol]: { ...result, image } };
  return Piscina.move(transferable as never) as unknown as TaskResults["transform"];
}

export default async function run(task: WorkerTask): Promise<TaskResults[WorkerTask["kind"]]> {
  const context = new TaskContext(task, settings.maxProcessingSeconds);
  if (!context.start()) return { ok: false, code: "CANCELLED", message: "the call was cancelled before it started" };
  if (settings.testHooks) runTestHook(task.image, "thread");
  try {
    return moved(await (lane ? lane.run(task, context) : perform(task, settings, context, encodeSpeed)));
  } catch (error) {
    // A crashed task process is the service's fault: the pool answers INTERNAL, as for a crashed thread.
    if (error instanceof TaskProcessCrash) throw error;
    const { code, message } = rejectionFrom(error, undefined, settings.maxProcessingSeconds);
    return { ok: false, code, message } satisfies TaskFailure;
  }
}

/** Answers once this thread has loaded sharp, measured how fast it encodes (if it transforms), and its task process is ready: the pool's readiness check. */
export async function ping(): Promise<string> {
  // One after the other: the measure is of the machine, not of the task process starting beside it.
  await lane?.ready();
  if (runsTransforms) await encodeSpeed();
  return sharp.versions.vips;
}
