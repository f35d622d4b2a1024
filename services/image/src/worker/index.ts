/**
 * The piscina worker: every decode, transform and encode happens here, off
 * the gRPC event loop.
 */
import { Piscina, workerData } from "piscina";
import sharp from "sharp";

import { ownBuffer, type TaskFailure, type TaskResults, type TransformResult, type WorkerSettings, type WorkerTask } from "../task.js";
import { TaskContext } from "./task-context.js";
import { describe } from "./info.js";
import { rejectionFrom } from "./rejection.js";
import { readSource } from "./source.js";
import { runTestHook } from "./test-hooks.js";
import { transform } from "./transform.js";

// These settings are process-wide; every worker applies the same values.
// The pool runs one image per worker and one worker per core, so libvips gets
// one thread per image: more would only make the images fight for the cores.
sharp.concurrency(1);
// Every request brings a new image; libvips' operation cache would only hold memory.
sharp.cache(false);
// libvips can load many formats (PDF, FITS, Matlab, its own .v, ...), most
// not written for hostile input, and can read files by name. Only the buffer
// loaders of the documented input formats stay on.
sharp.block({ operation: ["VipsForeignLoad"] });
sharp.unblock({
  operation: [
    "VipsForeignLoadJpegBuffer",
    "VipsForeignLoadPngBuffer",
    "VipsForeignLoadWebpBuffer",
    "VipsForeignLoadNsgifBuffer",
    "VipsForeignLoadTiffBuffer",
    "VipsForeignLoadHeifBuffer",
    "VipsForeignLoadSvgBuffer",
  ],
});

const settings = workerData as WorkerSettings;

/** Hands the encoded image's memory to the gRPC thread instead of copying it there. */
function movingImage(result: TransformResult & { ok: true }): TransformResult {
  const image = ownBuffer(result.image);
  const transferable = { [Piscina.transferableSymbol]: [image.buffer], [Piscina.valueSymbol]: { ...result, image } };
  return Piscina.move(transferable as never) as unknown as TransformResult;
}

async function execute(task: WorkerTask, context: TaskContext): Promise<TaskResults[WorkerTask["kind"]]> {
  switch (task.kind) {
    case "transform":
      return movingImage({ ok: true, ...(await transform(task, settings, context)) });
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
  if (settings.testHooks) runTestHook(task.image);
  try {
    return await execute(task, context);
  } catch (error) {
    const { code, message } = rejectionFrom(error, undefined, settings.maxProcessingSeconds);
    return { ok: false, code, message } satisfies TaskFailure;
  }
}

/** Answers once this thread has loaded sharp: the pool's readiness check. */
export function ping(): string {
  return sharp.versions.vips;
}
