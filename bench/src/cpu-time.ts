/**
 * CPU time of other processes, from /proc. Where the cycles go per call is
 * the question when the RPC paths fall short of the ceiling: the service's
 * main thread does the wire work (grpc-js, protobuf, piscina hand-offs), its
 * other threads do the pixel work (libvips on libuv's pool), and the driver
 * pays for the client side.
 */
import { readFileSync } from "node:fs";

import { processTree } from "@pixelrpc/harness";

/** USER_HZ: /proc counts CPU time in clock ticks of 10 ms on Linux. */
const TICK_MS = 10;

/** Fields of a /proc/.../stat line from field 3 on (stat(5) numbers them from 1); the command name before them may hold spaces. */
function statFields(path: string): string[] {
  const stat = readFileSync(path, "utf8");
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
}

/** utime + stime (fields 14 and 15), in ms. */
const cpuMs = (fields: readonly string[]): number => (Number(fields[11]) + Number(fields[12])) * TICK_MS;

export interface CpuReading {
  /** Every thread of the process and of the processes it started, in ms. */
  readonly totalMs: number;
  /** The main thread alone (its thread id is the pid): in Node, the event loop. */
  readonly mainThreadMs: number;
  /**
   * Minor page faults, every thread: first touches of freshly mapped memory.
   * Large buffers that malloc maps and unmaps per call show up here.
   */
  readonly minorFaults: number;
}

/** Undefined once the process is gone. A task process replaced between two readings takes its CPU time with it. */
export function readCpu(pid: number): CpuReading | undefined {
  try {
    const mainThreadMs = cpuMs(statFields(`/proc/${pid}/task/${pid}/stat`));
    let totalMs = 0;
    let minorFaults = 0;
    for (const member of processTree(pid)) {
      try {
        const process = statFields(`/proc/${member}/stat`);
        totalMs += cpuMs(process);
        // minflt is field 10.
        minorFaults += Number(process[7]);
      } catch {
        // Gone since the tree was read.
      }
    }
    return { totalMs, mainThreadMs, minorFaults };
  } catch {
    return undefined;
  }
}

export const cpuBetween = (start: CpuReading, end: CpuReading): CpuReading => ({
  totalMs: end.totalMs - start.totalMs,
  mainThreadMs: end.mainThreadMs - start.mainThreadMs,
  minorFaults: end.minorFaults - start.minorFaults,
});

/** CPU time every core spent busy (not idle, not waiting for I/O), in ms, from /proc/stat. */
export function machineBusyMs(): number {
  const [, ...ticks] = readFileSync("/proc/stat", "utf8").split("\n", 1)[0]!.trim().split(/\s+/).map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already in user).
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = ticks;
  return (user + nice + system + irq + softirq + steal) * TICK_MS;
}
