/**
 * Failures on demand, for the tests that prove a crash fails only its own
 * task. Active only with IMAGE_TEST_HOOKS=1: an image whose bytes are
 * "PIXELRPC-TEST-HOOK:exit" ends the worker thread, ":throw" throws a
 * programming error out of the task, and ":abort" aborts the task process
 * running it as a native crash would (SIGABRT).
 */
const PREFIX = "PIXELRPC-TEST-HOOK:";

/** Where the hook runs: the worker thread that takes every task, or the process that runs it. */
export function runTestHook(image: Uint8Array, where: "thread" | "process"): void {
  if (image.byteLength > 64) return;
  const text = Buffer.from(image.buffer, image.byteOffset, image.byteLength).toString("latin1");
  if (!text.startsWith(PREFIX)) return;
  const hook = text.slice(PREFIX.length);
  if (where === "thread" && hook === "exit") process.exit(70);
  if (where === "thread" && hook === "throw") throw new TypeError("test hook: a bug in the worker");
  if (where === "process" && hook === "abort") process.abort();
}
