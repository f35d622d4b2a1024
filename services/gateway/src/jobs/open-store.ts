import type { GatewayConfig } from "../config.js";
import { RedisJobStore } from "./redis-store.js";
import { MemoryJobStore, type JobStore } from "./store.js";

/** The job store GATEWAY_JOB_STORE names, connected and ready. */
export async function openJobStore(config: GatewayConfig, onError: (error: Error) => void): Promise<JobStore> {
  const limits = { ttlMs: config.jobTtlMs, jobTimeoutMs: config.jobTimeoutMs, maxJobs: config.maxJobs, maxBytes: config.maxJobBytes };
  if (config.jobStore === "memory") return new MemoryJobStore(limits);
  return RedisJobStore.connect(config.jobStore.href, limits, onError);
}
