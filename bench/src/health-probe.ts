/**
 * The health probe (child process): a grpc.health.v1 Check every 10 ms,
 * from a process of its own, as a load balancer or kubelet would send them.
 * Open loop: a check goes out every tick whether or not the last one has
 * come back, so an event loop that stalls shows the whole stall in the
 * latencies instead of hiding it behind fewer samples.
 *
 * Reports {"ready": true} once connected, then, when its stdin closes, every
 * check as [epoch ms sent, latency ms] (latency null when it failed).
 */
import { createHealthClient } from "@pixelrpc/harness";

import { childArgs, childMain, finishRequested, report } from "./child.js";
import { epochNow } from "./load-loop.js";

export interface HealthProbeArgs {
  readonly address: string;
  readonly intervalMs: number;
}

export type HealthSample = [sentAt: number, latencyMs: number | null];

/** How long checks still out at the end may take to come back. */
const DRAIN_MS = 30_000;

const { address, intervalMs } = childArgs<HealthProbeArgs>();

childMain(async () => {
  const health = createHealthClient(address);
  await health.check("");
  await report({ ready: true });
  const samples: HealthSample[] = [];
  const pending = new Set<Promise<void>>();
  const timer = setInterval(() => {
    const sentAt = epochNow();
    const check = health.check("", DRAIN_MS).then(
      () => void samples.push([sentAt, epochNow() - sentAt]),
      () => void samples.push([sentAt, null]),
    );
    pending.add(check);
    void check.finally(() => pending.delete(check));
  }, intervalMs);
  await finishRequested();
  clearInterval(timer);
  await Promise.all(pending);
  health.close();
  return { samples: samples.sort((a, b) => a[0] - b[0]) };
});
