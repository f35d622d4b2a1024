/** The orchestrator's side of the health probe (health-probe.ts runs in a child). */
import { setTimeout as sleep } from "node:timers/promises";

import { startChild, type ChildOptions } from "./child.js";
import type { HealthProbeArgs, HealthSample } from "./health-probe.js";
import type { HealthUnderLoad } from "./results.js";
import { summarize } from "./stats.js";

/** How often a check goes out, as the issue asks. */
const PROBE_INTERVAL_MS = 10;

export interface RunningProbe {
  /** Stops sending, waits for the checks still out, and returns every check. */
  stop(): Promise<HealthSample[]>;
}

/** Starts probing `address` (gRPC host:port, or an HTTP URL); resolves once the probe is connected. */
export async function startHealthProbe(address: string, options: ChildOptions = {}): Promise<RunningProbe> {
  const child = startChild("health-probe", { address, intervalMs: PROBE_INTERVAL_MS } satisfies HealthProbeArgs, options);
  await child.next(30_000);
  return {
    async stop() {
      child.finish();
      const { samples } = await child.next<{ samples: HealthSample[] }>(60_000);
      await child.exited;
      return samples;
    },
  };
}

/** The checks sent within `window` (epoch ms), or all of them. */
export function healthSummary(samples: readonly HealthSample[], window?: { start: number; end: number }): HealthUnderLoad {
  const inWindow = window ? samples.filter(([sentAt]) => sentAt >= window.start && sentAt <= window.end) : samples;
  const answered = inWindow.flatMap(([, latency]) => (latency === null ? [] : [latency]));
  return { ...summarize(answered), failed: inWindow.length - answered.length };
}

/** Health-check latency on a server with nothing else to do. */
export async function idleHealth(address: string, seconds: number): Promise<HealthUnderLoad> {
  const probe = await startHealthProbe(address);
  await sleep(seconds * 1000);
  return healthSummary(await probe.stop());
}
