/**
 * The health probe (child process): a grpc.health.v1 Check every 10 ms
 * (or, for an http:// address, a GET that must answer 200), from a process
 * of its own, as a load balancer or kubelet would send them.
 * Open loop: a check goes out every tick whether or not the last one has
 * come back, so an event loop that stalls shows the whole stall in the
 * latencies instead of hiding it behind fewer samples.
 *
 * Reports {"ready": true} once connected, then, when its stdin closes, every
 * check as [epoch ms sent, latency ms] (latency null when it failed).
 */
import { Agent, get } from "node:http";

import { createHealthClient } from "@pixelrpc/harness";

import { childArgs, childMain, finishRequested, report } from "./child.js";
import { epochNow } from "./load-loop.js";

export interface HealthProbeArgs {
  /** host:port of a gRPC server, or the URL of an HTTP health route. */
  readonly address: string;
  readonly intervalMs: number;
}

export type HealthSample = [sentAt: number, latencyMs: number | null];

/** How long checks still out at the end may take to come back. */
const DRAIN_MS = 30_000;

const { address, intervalMs } = childArgs<HealthProbeArgs>();

/** One check: resolves when it passed, rejects when it failed or took longer than `timeoutMs`. */
type Check = (timeoutMs: number) => Promise<unknown>;

function httpCheck(url: string): { check: Check; close(): void } {
  // Open loop: a check that finds every socket busy opens another, as a prober's would.
  const agent = new Agent({ keepAlive: true });
  const check: Check = (timeoutMs) =>
    new Promise((resolve, reject) => {
      const outgoing = get(url, { agent, timeout: timeoutMs }, (response) => {
        response.resume();
        response.on("end", () => (response.statusCode === 200 ? resolve(undefined) : reject(new Error(`GET ${url}: ${response.statusCode}`))));
      });
      outgoing.on("timeout", () => outgoing.destroy(new Error(`GET ${url}: no answer in ${timeoutMs} ms`)));
      outgoing.on("error", reject);
    });
  return { check, close: () => agent.destroy() };
}

function grpcCheck(address: string): { check: Check; close(): void } {
  const health = createHealthClient(address);
  return { check: (timeoutMs) => health.check("", timeoutMs), close: () => health.close() };
}

childMain(async () => {
  const health = address.startsWith("http") ? httpCheck(address) : grpcCheck(address);
  await health.check(DRAIN_MS);
  await report({ ready: true });
  const samples: HealthSample[] = [];
  const pending = new Set<Promise<void>>();
  const timer = setInterval(() => {
    const sentAt = epochNow();
    const check = health.check(DRAIN_MS).then(
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
