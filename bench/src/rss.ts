/**
 * Resident memory of another process, from /proc/<pid>/status: VmRSS now,
 * and VmHWM, the kernel's own high-water mark, which catches peaks between
 * samples.
 */
import { readFileSync } from "node:fs";

import { processTree } from "@pixelrpc/harness";

export interface MemoryReading {
  /** Epoch milliseconds. */
  readonly time: number;
  readonly rssBytes: number;
  readonly peakBytes: number;
}

const field = (status: string, name: string): number => {
  const match = new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status);
  return match ? Number(match[1]) * 1024 : Number.NaN;
};

/**
 * Undefined once the process is gone. Counts the processes it started too
 * (the image service's task processes): their RSS added up, and their peaks
 * added up, which is at least the peak of the whole.
 */
export function readMemory(pid: number): MemoryReading | undefined {
  try {
    readFileSync(`/proc/${pid}/status`, "utf8");
  } catch {
    return undefined;
  }
  let rssBytes = 0;
  let peakBytes = 0;
  for (const member of processTree(pid)) {
    try {
      const status = readFileSync(`/proc/${member}/status`, "utf8");
      rssBytes += field(status, "VmRSS");
      peakBytes += field(status, "VmHWM");
    } catch {
      // Gone since the tree was read.
    }
  }
  return { time: Date.now(), rssBytes, peakBytes };
}

/** Reads the memory of `pid` every `intervalMs` until stopped. */
export class RssSampler {
  readonly samples: MemoryReading[] = [];
  readonly #timer: NodeJS.Timeout;

  constructor(
    readonly pid: number,
    intervalMs: number,
  ) {
    const sample = (): void => {
      const reading = readMemory(pid);
      if (reading) this.samples.push(reading);
    };
    sample();
    this.#timer = setInterval(sample, intervalMs);
  }

  #stopped?: { samples: MemoryReading[]; peakBytes: number };

  /** Stops sampling (once; later calls return the same); returns the samples and the high-water mark at that moment. */
  stop(): { samples: MemoryReading[]; peakBytes: number } {
    if (this.#stopped) return this.#stopped;
    clearInterval(this.#timer);
    const last = readMemory(this.pid);
    if (last) this.samples.push(last);
    this.#stopped = { samples: this.samples, peakBytes: Math.max(...this.samples.map((sample) => sample.peakBytes)) };
    return this.#stopped;
  }
}
