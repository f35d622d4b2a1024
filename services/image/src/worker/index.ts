/**
 * The piscina worker: every decode, transform and encode happens here, off
 * the gRPC event loop.
 */
import { Piscina, workerData } from "piscina";
import sharp from "sharp";

import { ownBuffer, type TaskFailure, type TaskResults, type TransformResult, type WorkerData, type WorkerTask } from "../task.js";
import { TaskContext } from "./task-context.js";
import { encodeSpeed } from "./encode-cost.js";
import { describe } from "./info.js";
import { rejectionFrom } from "./rejection.js";
import { readSource } from "./source.js";
import { ProcessLane, TaskProcessCrash } from "./process-lane.js";
import { configureSharp } from "./sharp-setup.js";
import { runTestHook } from "./test-hooks.js";
import { transform } from "./transform.js";

configureSharp();

const { settings, runsTransforms } = workerData as WorkerData;
// Transforms run in a process of this thread's own, which can be killed (process-lane.ts), unless
// IMAGE_TASK_PROCESSES=0 keeps them here; Info and probes read headers and small samples, bounded by
// libvips' timeout, and stay here.
const lane = runsTransforms && settings.taskProcesses ? new ProcessLane(settings) : undefined;

/** Hands the encoded image's memory to the gRPC thread instead of copying it there. */
function movingImage(result: TransformResult & { ok: true }): TransformResult {
  const image = ownBuffer(result.image);
  const transferable = { [Piscina.transferableSymbol]: [image.buffer], [Piscina.valueSymbol]: { ...result, image } };
  return Piscina.move(transferable as never) as unknown as TransformResult;
}

async function execute(task: WorkerTask, context: TaskContext): Promise<TaskResults[WorkerTask["kind"]]> {
  switch (task.kind) {
    case "transform":
      return movingImage({ ok: true, ...(await (lane ? lane.transform(task, context) : transform(task, settings, context, await encodeSpeed()))) });
    case "info":
      return { ok: true, info: await describe(task.image, settings, context) };
    case "probe":
      await readSource(task.image, task.input, settings);
      return { ok: true };
  }
}

export default async function run(task: WorkerTask): Promise<TaskResults[WorkerTask["kind"]]> {
  const context = new TaskContext(task, settings.maxProcessingSeconds);
  if (!context.start()) return { ok: false, code: "CANCELLED", message: "the call was cancelled before it started" };
  if (settings.testHooks) runTestHook(task.image, "thread");
  try {
    return await execute(task, context);
  } catch (error) {
    // A crashed task process is the service's fault: the pool answers INTERNAL, as for a crashed thread.
    if (error instanceof TaskProcessCrash) throw error;
    const { code, message } = rejectionFrom(error, undefined, settings.maxProcessingSeconds);
    return { ok: false, code, message } satisfies TaskFailure;
  }
}

/** Answers once this thread has loaded sharp, measured how fast it encodes, and its task process is ready: the pool's readiness check. */
export async function ping(): Promise<string> {
  // One after the other: the measure is of the machine, not of the task process starting beside it.
  await lane?.ready();
  if (runsTransforms) await encodeSpeed();
  return sharp.versions.vips;
}
