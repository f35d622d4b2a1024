/**
 * Failures on demand, for the tests that prove a crashed worker fails only
 * its own task. Active only with IMAGE_TEST_HOOKS=1: an image whose bytes
 * are "PIXELRPC-TEST-HOOK:exit" ends the worker thread, ":throw" throws a
 * programming error out of the task.
 */
const PREFIX = "PIXELRPC-TEST-HOOK:";

export function runTestHook(image: Uint8Array): void {
  if (image.byteLength > 64) return;
  const text = Buffer.from(image.buffer, image.byteOffset, image.byteLength).toString("latin1");
  if (!text.startsWith(PREFIX)) return;
  const hook = text.slice(PREFIX.length);
  if (hook === "exit") process.exit(70);
  if (hook === "throw") throw new TypeError("test hook: a bug in the worker");
}
