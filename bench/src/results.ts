/** What a benchmark run records: every round's raw figures, kept in docs/benchmarks.json beside the report. */
import type { VariantTimes } from "./ceiling.js";
import type { Measurement } from "./load-loop.js";
import type { LatencySummary } from "./stats.js";
import type { BenchmarkWorkloadId, Workload } from "./workloads.js";

/** A sharp configuration tried for the ceiling. */
export interface CeilingConfig {
  readonly label: string;
  /** sharp.concurrency(): libvips threads per image. */
  readonly libvipsThreads: number;
  /** Calls in flight per core; undefined: the workload's own (as every contender gets). */
  readonly callsPerCore?: number;
}

export interface HealthUnderLoad extends LatencySummary {
  /** Checks that failed (none expected: they have 30 s). */
  readonly failed: number;
}

/**
 * A throughput measurement with the health probe going: every contender is
 * measured so, the probe's own small cost falling on all alike. For the
 * ceiling the probe asks an idle image service: what the machine alone,
 * saturated, does to a health check.
 */
export interface LoadRun extends Measurement {
  /** Health checks sent during the window, to the image service (to the naive server for naive). */
  readonly health: HealthUnderLoad;
  /** VmHWM of the server process at the end of the run: its peak since it started. */
  readonly serverPeakRssBytes?: number;
}

export interface WorkloadRound {
  readonly workload: BenchmarkWorkloadId;
  /** Health checks every 10 ms on the image service and on the naive server before any load. */
  readonly idleHealth: { readonly pixelrpc: HealthUnderLoad; readonly naive?: HealthUnderLoad };
  readonly ceiling: readonly { readonly config: CeilingConfig; readonly run: LoadRun }[];
  readonly grpc: LoadRun;
  /** A quick run measures the gateway and the naive server on workload (c) only. */
  readonly gateway?: LoadRun;
  readonly naive?: LoadRun;
  /** One call at a time: the unloaded latency of each path (workload c only). */
  readonly sequential?: { readonly ceiling: Measurement; readonly grpc: Measurement; readonly gateway: Measurement };
}

export interface VariantsRound {
  readonly ceiling: VariantTimes;
  readonly grpc: VariantTimes;
  /** Not in a quick run. */
  readonly naive?: VariantTimes;
}

export interface Round {
  readonly workloads: WorkloadRound[];
  variants?: VariantsRound;
}

export interface BenchResults {
  readonly date: string;
  readonly machine: {
    readonly cores: number;
    readonly cpu: string;
    readonly memoryGiB: number;
    readonly node: string;
    readonly sharp: string;
    readonly libvips: string;
    readonly loadAverage: number[];
  };
  readonly settings: { readonly rounds: number; readonly seconds: number; readonly quick: boolean; readonly uvThreadpoolSize: number };
  readonly inputs: Readonly<Record<BenchmarkWorkloadId, string>>;
  /** The workloads as this run measured them. */
  readonly workloads: readonly Workload<BenchmarkWorkloadId>[];
  readonly ceilingConfigs: readonly CeilingConfig[];
  readonly rounds: Round[];
  /** Wall-clock seconds the run took. */
  durationSeconds: number;
}

/** A round's ceiling: the best of the sharp configurations it tried. */
export function bestCeiling(round: WorkloadRound): WorkloadRound["ceiling"][number] {
  return round.ceiling.reduce((best, candidate) => (candidate.run.throughput > best.run.throughput ? candidate : best));
}
