/**
 * Keeps libvips from starving the event loop. With every core computing
 * pixels, the gRPC thread competes with libvips' threads for the CPU as an
 * equal: a health check or an Info call that arrives then waits for the
 * scheduler, tens of milliseconds at worst. libvips' threads given a higher
 * nice value yield to the event loop (and to anything else on the machine
 * that needs a moment) whenever it has work, and still get every cycle it
 * leaves idle, so throughput does not change.
 *
 * libvips starts its threads as it needs them, from threads of libuv's pool,
 * so they cannot inherit a priority set once at start-up: a sweep looks for
 * new ones by name. Linux only: elsewhere there is no per-thread nice value.
 */
import { readdirSync, readFileSync } from "node:fs";
import { setPriority } from "node:os";

import type { Logger } from "@pixelrpc/service-runtime";

/** The name libvips gives the threads of its pool, where pixels are computed (see /proc/<pid>/task/<tid>/comm). */
const LIBVIPS_THREAD_NAME = "libvips worker";
const TASKS = "/proc/self/task";
/** A thread libvips starts runs at the default priority until the next sweep. */
const SWEEP_MS = 500;

const readName = (tid: string): string | undefined => {
  try {
    return readFileSync(`${TASKS}/${tid}/comm`, "utf8").trimEnd();
  } catch {
    // The thread has exited since the directory was read.
    return undefined;
  }
};

/**
 * Gives every libvips thread of this process, now and later, the nice value
 * `nice` (0 leaves them alone). Returns the function that stops the sweep.
 */
export function deprioritizeLibvips(nice: number, logger: Logger): () => void {
  const off = (): void => {};
  if (nice === 0) return off;
  try {
    readdirSync(TASKS);
  } catch (error) {
    logger.log("warn", "thread_priority_unavailable", { reason: "no /proc/self/task: libvips threads keep the default priority", error });
    return off;
  }
  /** Threads given the nice value; a tid is not reused while its thread lives. */
  let done = new Set<string>();
  const sweep = (): void => {
    const alive = readdirSync(TASKS);
    // A thread's name is read again each sweep: one just started may not have been named yet.
    for (const tid of alive) {
      if (done.has(tid) || readName(tid) !== LIBVIPS_THREAD_NAME) continue;
      try {
        setPriority(Number(tid), nice);
        done.add(tid);
      } catch (error) {
        // A thread that exited since the directory was read is expected.
        if ((error as NodeJS.ErrnoException).code === "ESRCH") continue;
        // Raising one's own nice value needs no privilege, but a sandbox may forbid it: say so once and stop trying.
        logger.log("warn", "thread_priority_failed", { tid, nice, reason: "libvips threads keep the default priority", error });
        clearInterval(timer);
        return;
      }
    }
    done = new Set(alive.filter((tid) => done.has(tid)));
  };
  const timer = setInterval(sweep, SWEEP_MS).unref();
  sweep();
  return () => clearInterval(timer);
}
