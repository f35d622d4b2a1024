import type { TaskFailure } from "../contract/task.js";

/**
 * Thrown for a task that cannot produce an image: the caller's input, a
 * limit, or a cancellation. Anything else that escapes a task is a fault of
 * the service.
 */
export class ImageRejection extends Error {
  override readonly name = "ImageRejection";

  constructor(
    message: string,
    readonly code: TaskFailure["code"] = "INVALID_ARGUMENT",
  ) {
    super(message);
  }
}

/**
 * libvips reports a failure as several lines, often the same ones twice
 * ("VipsJpeg: premature end of JPEG image" repeated per read attempt), and
 * with internal target names. Keep each distinct line once.
 */
export function describeLibvipsFailure(error: Error): string {
  const lines = error.message
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !/unable to write to (target|buffer|memory)/.test(line));
  return [...new Set(lines)].join("; ");
}

/**
 * Programming errors (TypeError and friends) are bugs and must surface as
 * such; every other error out of sharp comes from libvips working on the
 * caller's image and arguments.
 */
export function isLibvipsFailure(error: unknown): error is Error {
  return (
    error instanceof Error && !(error instanceof TypeError || error instanceof RangeError || error instanceof ReferenceError || error instanceof SyntaxError)
  );
}

/** The task ran out of time: the service's processing limit or the caller's deadline. */
export function processingTimeout(maxProcessingSeconds: number): ImageRejection {
  return new ImageRejection(`processing took longer than this service's limit of ${maxProcessingSeconds} s (or the call's deadline)`, "RESOURCE_EXHAUSTED");
}

/**
 * Turns what libvips threw while running a pipeline into the rejection the
 * caller sees, naming the step (`at`) where there is one; rethrows bugs.
 */
export function rejectionFrom(error: unknown, at: string | undefined, maxProcessingSeconds: number): ImageRejection {
  if (error instanceof ImageRejection) return error;
  if (!isLibvipsFailure(error)) throw error;
  const description = describeLibvipsFailure(error);
  if (/^timeout: |killed for image/.test(description)) return processingTimeout(maxProcessingSeconds);
  if (/out of memory/i.test(description)) {
    return new ImageRejection(`not enough memory to process this image: ${description}`, "RESOURCE_EXHAUSTED");
  }
  return new ImageRejection(`cannot process image${at ? ` at ${at}` : ""}: ${description}`);
}
