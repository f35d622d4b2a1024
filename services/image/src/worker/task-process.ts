/**
 * A task's own process. A worker thread hands each task (a transform, an
 * Info, a probe) here and waits; when the call is cancelled, its deadline passes or it runs past the
 * processing limit, the thread kills this process (SIGKILL) and starts
 * another. libvips checks its kill flag only between tiles, and some
 * encoders (libheif's AVIF) run as one call that nothing interrupts: a
 * process is the one unit of work the kernel stops at once, and a native
 * crash in it (a segfault in a decoder) ends it alone, not the service.
 *
 * Once its thread is gone (the service stopping, or the thread replaced)
 * there is nothing left to answer to, so the process ends itself: with
 * SIGKILL, because exit() would wait for an encoder that does not stop. That
 * is settled before sharp loads, so a process whose thread went while it was
 * starting does not linger either.
 */
const end = (): boolean => process.kill(process.pid, "SIGKILL");
process.on("disconnect", end);
if (!process.connected) end();

await import("./process-tasks.js");
