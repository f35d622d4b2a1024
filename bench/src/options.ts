/** The bench's settings, from the environment (see README, "Performance"). */
import { availableParallelism } from "node:os";

import { workloads, type BenchmarkWorkloadId } from "./workloads.js";

export interface BenchOptions {
  readonly quick: boolean;
  /** BENCH_WORKLOADS=a,c runs only those (a partial run, for development). */
  readonly workloads: readonly BenchmarkWorkloadId[];
  /** Rounds of every measurement; results are medians over rounds. */
  readonly rounds: number;
  /** Length of each throughput window. */
  readonly seconds: number;
  readonly warmupSeconds: number;
  /** Length of the idle health-check baseline. */
  readonly idleSeconds: number;
  /** Variants calls per contender per round. */
  readonly variantSets: number;
  /** Soak: minutes per memory configuration. */
  readonly soakMinutes: number;
  readonly cores: number;
  /** As the image service sets it (services/image/src/main.ts), for the ceiling too. */
  readonly uvThreadpoolSize: number;
}

function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got ${JSON.stringify(raw)}`);
  return value;
}

export function benchOptions(): BenchOptions {
  const quick = process.env.BENCH_QUICK === "1";
  const cores = availableParallelism();
  const ids = workloads.map((spec) => spec.id);
  const chosen = (process.env.BENCH_WORKLOADS ?? ids.join(",")).split(",").map((id) => id.trim());
  const unknown = chosen.filter((id) => !ids.includes(id as BenchmarkWorkloadId));
  if (unknown.length > 0) throw new Error(`BENCH_WORKLOADS names unknown workloads ${unknown.join(", ")}: use ${ids.join(", ")}`);
  return {
    quick,
    workloads: chosen as BenchmarkWorkloadId[],
    rounds: Math.round(positive("BENCH_ROUNDS", quick ? 1 : 3)),
    seconds: positive("BENCH_SECONDS", quick ? 1 : 5),
    // A fresh service takes seconds to reach its steady state (heap sizes, malloc arenas); so does the ceiling, a little.
    warmupSeconds: quick ? 0.3 : 3,
    idleSeconds: quick ? 0.5 : 2,
    variantSets: quick ? 1 : 3,
    soakMinutes: positive("BENCH_SOAK_MINUTES", quick ? 0.25 : 3),
    cores,
    uvThreadpoolSize: Number(process.env.UV_THREADPOOL_SIZE ?? Math.max(4, cores + 2)),
  };
}
