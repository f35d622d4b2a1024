/**
 * The closed loop every throughput measurement runs: `concurrency` callers,
 * each starting its next call the moment the last one returns, so the
 * system under test always has that much work in hand and never waits for
 * the load generator.
 *
 * Throughput is taken with Little's law for a closed system: with N calls
 * always in flight, N / mean latency. Counting completions in a window
 * gives the same in the long run, but slow calls finish in bursts (two
 * workers that started together finish together): a window of a few AVIF
 * calls would hold one burst or two depending on where it falls. Both are
 * reported; they agree when windows hold many calls.
 */
import { cpuBetween, machineBusyMs, readCpu, type CpuReading } from "./cpu-time.js";
import { summarize, type LatencySummary } from "./stats.js";

export interface LoopOptions {
  readonly concurrency: number;
  /** Calls before this are not counted: connections, JIT, libvips' first-use costs. */
  readonly warmupSeconds: number;
  readonly seconds: number;
  /** The window stretches past `seconds` until this many calls completed in it (slow systems), up to `maxSeconds`. */
  readonly minCalls: number;
  readonly maxSeconds: number;
  /** Other processes (name to pid) whose CPU time over the window is reported: the service, the gateway. */
  readonly watch?: Readonly<Record<string, number>>;
}

export interface Measurement {
  readonly concurrency: number;
  readonly calls: number;
  /** Calls completed since the loop began, warm-up included: per-call figures of a whole-process profile divide by this. */
  readonly allCalls: number;
  readonly seconds: number;
  /** Calls per second: concurrency / mean latency (Little's law). */
  readonly throughput: number;
  /** Calls per second counted: completions in the window / its length (from one completion to another). */
  readonly completionRate: number;
  /** Milliseconds, of the calls that completed in the window. */
  readonly latency: LatencySummary;
  /** The window in epoch milliseconds, to line up other processes' samples (health checks, RSS) with it. */
  readonly window: { readonly start: number; readonly end: number };
  /** CPU milliseconds spent during the window: this process (`self`, every thread), and each watched process. */
  readonly cpu: Readonly<Record<string, CpuReading>>;
  /**
   * CPU milliseconds the whole machine spent busy during the window. Less
   * the processes above, it is what others did meanwhile: on a shared
   * machine, the noise in this window.
   */
  readonly machineBusyMs: number;
  /** This process's peak resident memory: for the ceiling, sharp's own footprint. */
  readonly selfPeakRssBytes: number;
}

/** Epoch milliseconds with performance.now()'s resolution, comparable across processes. */
export const epochNow = (): number => performance.timeOrigin + performance.now();

function selfCpu(): CpuReading {
  const usage = process.resourceUsage();
  return { totalMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, mainThreadMs: Number.NaN, minorFaults: usage.minorPageFault };
}

function readAll(watch: Readonly<Record<string, number>>): Record<string, CpuReading> {
  const readings: Record<string, CpuReading> = { self: selfCpu() };
  for (const [name, pid] of Object.entries(watch)) {
    const reading = readCpu(pid);
    if (reading) readings[name] = reading;
  }
  return readings;
}

/**
 * Runs `call` in a closed loop and measures one window. Any failed call
 * fails the measurement: a benchmark that counts errors as work done, or
 * quietly drops them, measures the wrong thing. Calls still in flight at
 * the end are abandoned; the caller's process exits after reporting.
 */
export function closedLoop(call: () => Promise<void>, options: LoopOptions): Promise<Measurement> {
  const { concurrency, warmupSeconds, seconds, minCalls, maxSeconds, watch = {} } = options;
  return new Promise((resolve, reject) => {
    const begun = epochNow();
    let phase: "warmup" | "window" | "done" = "warmup";
    let windowStart = 0;
    let cpuAtStart: Record<string, CpuReading> = {};
    let machineAtStart = 0;
    const latencies: number[] = [];
    let allCalls = 0;

    const completed = (time: number, latency: number): void => {
      allCalls++;
      if (phase === "warmup") {
        if (time - begun < warmupSeconds * 1000) return;
        phase = "window";
        windowStart = time;
        cpuAtStart = readAll(watch);
        machineAtStart = machineBusyMs();
        return;
      }
      if (phase !== "window") return;
      latencies.push(latency);
      const elapsed = time - windowStart;
      if ((elapsed < seconds * 1000 || latencies.length < minCalls) && elapsed < maxSeconds * 1000) return;
      phase = "done";
      const machineBusy = machineBusyMs() - machineAtStart;
      const cpuAtEnd = readAll(watch);
      const cpu = Object.fromEntries(Object.entries(cpuAtEnd).flatMap(([name, end]) => (cpuAtStart[name] ? [[name, cpuBetween(cpuAtStart[name], end)]] : [])));
      resolve({
        concurrency,
        calls: latencies.length,
        allCalls,
        seconds: elapsed / 1000,
        throughput: concurrency / (latencies.reduce((sum, latency) => sum + latency, 0) / latencies.length / 1000),
        completionRate: latencies.length / (elapsed / 1000),
        latency: summarize(latencies),
        window: { start: windowStart, end: time },
        cpu,
        machineBusyMs: machineBusy,
        selfPeakRssBytes: process.resourceUsage().maxRSS * 1024,
      });
    };

    const caller = async (): Promise<void> => {
      while (phase !== "done") {
        const started = epochNow();
        await call();
        const finished = epochNow();
        completed(finished, finished - started);
      }
    };
    for (let index = 0; index < concurrency; index++) {
      caller().catch((error: unknown) => {
        if (phase === "done") return;
        phase = "done";
        reject(error instanceof Error ? error : new Error(String(error)));
      });
    }
  });
}
