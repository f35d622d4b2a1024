/** The measurements the benchmark, the soak and the profiler share: who drives what, with which loop. */
import type { CeilingArgs, VariantTimes } from "./ceiling.js";
import { runChild, type ChildOptions } from "./child.js";
import type { DriveGrpcArgs } from "./drive-grpc.js";
import type { DriveHttpArgs } from "./drive-http.js";
import { healthSummary, startHealthProbe } from "./health.js";
import type { LoopOptions, Measurement } from "./load-loop.js";
import type { BenchOptions } from "./options.js";
import type { LoadRun } from "./results.js";
import { RssSampler } from "./rss.js";
import type { RunningServer } from "./servers.js";
import type { Workload } from "./workloads.js";

/** What each kind of driver is asked to do for one workload. */
export class Jobs {
  constructor(
    readonly spec: Workload,
    readonly input: string,
    readonly options: BenchOptions,
    /** For the drivers: --cpu-prof when profiling. */
    readonly driverOptions: ChildOptions = {},
  ) {}

  /** Every contender gets the same calls in flight and the same window. */
  loop(watch: Record<string, number> = {}, callsPerCore = this.spec.callsPerCore): LoopOptions {
    return {
      concurrency: callsPerCore * this.options.cores,
      warmupSeconds: this.options.warmupSeconds,
      seconds: this.options.seconds,
      // jimp takes seconds per large image: its window stretches to a few calls.
      minCalls: this.options.quick ? 1 : 4,
      maxSeconds: this.options.seconds * 4,
      watch,
    };
  }

  #ceiling<T>(mode: CeilingArgs["mode"], libvipsThreads: number, loop: LoopOptions): Promise<T> {
    const args: CeilingArgs = { mode, workload: this.spec, input: this.input, libvipsThreads, loop, repeat: this.options.variantSets };
    // The service sets libuv's pool size before sharp loads (services/image/src/main.ts); so does the ceiling.
    return runChild(
      "ceiling",
      args,
      { ...this.driverOptions, env: { ...this.driverOptions.env, UV_THREADPOOL_SIZE: String(this.options.uvThreadpoolSize) } },
    );
  }

  #grpc<T>(mode: DriveGrpcArgs["mode"], address: string, loop: LoopOptions): Promise<T> {
    const args: DriveGrpcArgs = { mode, address, workload: this.spec, input: this.input, loop, repeat: this.options.variantSets };
    return runChild("drive-grpc", args, this.driverOptions);
  }

  ceiling(libvipsThreads: number, loop: LoopOptions): Promise<Measurement> {
    return this.#ceiling("loop", libvipsThreads, loop);
  }

  ceilingVariants(): Promise<VariantTimes> {
    return this.#ceiling("variants", 1, this.loop());
  }

  grpc(address: string, loop: LoopOptions): Promise<Measurement> {
    return this.#grpc("loop", address, loop);
  }

  grpcVariants(address: string): Promise<VariantTimes> {
    return this.#grpc("variants", address, this.loop());
  }

  http(url: string, loop: LoopOptions): Promise<Measurement> {
    const args: DriveHttpArgs = { url, workload: this.spec, input: this.input, contentType: this.spec.id === "c" ? "image/png" : "image/jpeg", loop };
    return runChild("drive-http", args, this.driverOptions);
  }
}

/**
 * Runs `drive` with the health probe asking `probed` every 10 ms, and with
 * the memory of `sampled` (the server under test) followed.
 */
export async function withProbe(probed: RunningServer, sampled: RunningServer | undefined, drive: () => Promise<Measurement>): Promise<LoadRun> {
  const probe = await startHealthProbe(probed.address);
  const memory = sampled && new RssSampler(sampled.pid, 200);
  let peak: number | undefined;
  const measurement = await drive().finally(() => (peak = memory?.stop().peakBytes));
  const health = healthSummary(await probe.stop(), measurement.window);
  return { ...measurement, health, ...(peak === undefined ? {} : { serverPeakRssBytes: peak }) };
}

/** One line on a measurement, for progress. */
export const describeRun = ({ throughput, latency }: Measurement): string =>
  `${throughput.toFixed(1)}/s, p50 ${latency.p50.toFixed(1)} ms, p99 ${latency.p99.toFixed(1)} ms`;
