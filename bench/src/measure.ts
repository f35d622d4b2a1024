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

/**
 * Node flags of the bench's own callers: the ceiling and the load drivers.
 * Load generation should take as little of the machine as it can, since the
 * service needs the same two cores. A driver sends an image per call (two
 * more copies of it in grpc-js's client) from a process with a heap of a few
 * MB, and V8 counts those Buffers against an old-generation limit that
 * starts small: without room, the gRPC driver ran a full mark-compact every
 * five calls or so, 2 ms of CPU per (a) call. The gateway, a caller of the
 * image service too, starts with the same flag. The services themselves run
 * as `npm start` runs them.
 */
export const CALLER_NODE_FLAGS: readonly string[] = ["--initial-old-space-size=128"];

/** What each kind of driver is asked to do for one workload. */
export class Jobs {
  constructor(
    readonly spec: Workload,
    readonly input: string,
    readonly options: BenchOptions,
    /** For the drivers: --cpu-prof when profiling. */
    readonly driverOptions: ChildOptions = {},
  ) {}

  #caller(env: Readonly<Record<string, string>> = {}): ChildOptions {
    const { nodeArgs = [], env: driverEnv } = this.driverOptions;
    return { ...this.driverOptions, nodeArgs: [...CALLER_NODE_FLAGS, ...nodeArgs], env: { ...driverEnv, ...env } };
  }

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
    return runChild("ceiling", args, this.#caller({ UV_THREADPOOL_SIZE: String(this.options.uvThreadpoolSize) }));
  }

  #grpc<T>(mode: DriveGrpcArgs["mode"], address: string, loop: LoopOptions): Promise<T> {
    const args: DriveGrpcArgs = { mode, address, workload: this.spec, input: this.input, loop, repeat: this.options.variantSets };
    return runChild("drive-grpc", args, this.#caller());
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
    return runChild("drive-http", args, this.#caller());
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
