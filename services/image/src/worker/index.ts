/**
 * The piscina worker: every decode, transform and encode happens here, off
 * the gRPC event loop.
 */
import { workerData } from "piscina";
import sharp from "sharp";

import type { TaskResults, TaskRejection, WorkerSettings, WorkerTask } from "../task.js";
import { describe } from "./info.js";
import { ImageRejection, describeLibvipsFailure, isLibvipsFailure } from "./rejection.js";
import { transform } from "./transform.js";

// The pool runs one image per worker and one worker per core, so libvips gets
// one thread per image: more would only make the images fight for the cores.
sharp.concurrency(1);
// Every request brings a new image; libvips' operation cache would only hold memory.
sharp.cache(false);

const settings = workerData as WorkerSettings;

function rejection(error: unknown): TaskRejection {
  if (error instanceof ImageRejection) return { ok: false, message: error.message };
  if (isLibvipsFailure(error)) return { ok: false, message: `cannot process image: ${describeLibvipsFailure(error)}` };
  throw error;
}

export default async function run(task: WorkerTask): Promise<TaskResults[WorkerTask["kind"]]> {
  try {
    switch (task.kind) {
      case "transform":
        return { ok: true, ...(await transform(task, settings.maxInputPixels)) };
      case "info":
        return { ok: true, info: await describe(task.image, settings.maxInputPixels) };
    }
  } catch (error) {
    return rejection(error);
  }
}
