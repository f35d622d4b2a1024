/**
 * Thrown for input the service cannot process: the caller's mistake, reported
 * as INVALID_ARGUMENT with this message. Anything else that escapes a task is
 * a fault of the service.
 */
export class ImageRejection extends Error {
  override readonly name = "ImageRejection";
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
 * such; every other error out of sharp comes from what libvips made of the
 * caller's image or arguments.
 */
export function isLibvipsFailure(error: unknown): error is Error {
  return (
    error instanceof Error &&
    !(error instanceof TypeError || error instanceof RangeError || error instanceof ReferenceError || error instanceof SyntaxError)
  );
}
