/**
 * `npm run bench`: every contender on every workload, in rounds, on this
 * machine, written to docs/benchmarks.md (with docs/benchmarks.svg and the
 * raw docs/benchmarks.json). `npm run bench -- soak` runs the memory soak
 * (soak.ts); `npm run bench -- network` the flow-control latencies
 * (network.ts); `npm run bench -- placeholders` what Info's placeholders
 * cost (placeholders.ts); `npm run bench -- seed` the aiohttp example's three
 * modes (seed.ts); `npm run bench -- cache` the gateway's result cache
 * (cache.ts); `npm run bench -- profile <a|b|c> <grpc|gateway|naive>`
 * profiles one path (profile.ts); `npm run bench -- report` rewrites the
 * report from the last run's benchmarks.json.
 *
 * Each round runs every contender on one workload back to back, so that a
 * noisy neighbour's burst lands on one round of all of them rather than on
 * every round of one: ratios are taken within a round, then the median.
 */
import { cpus, loadavg, totalmem } from "node:os";

import sharp from "sharp";

import type { VariantTimes } from "./ceiling.js";
import { prepareInputs, type Inputs } from "./inputs.js";
import { idleHealth } from "./health.js";
import { Jobs, describeRun, withProbe } from "./measure.js";
import { network } from "./network.js";
import { placeholders } from "./placeholders.js";
import { benchOptions, type BenchOptions } from "./options.js";
import { progress, readDoc, writeDoc } from "./output.js";
import { profile } from "./profile.js";
import { writeBenchmarkReport } from "./report.js";
import {
  bestCeiling,
  type BenchResults,
  type CeilingConfig,
  type HealthUnderLoad,
  type LoadRun,
  type Round,
  type VariantsRound,
  type WorkloadRound,
} from "./results.js";
import { startGateway, startImageService, startNaiveServer, type RunningServer } from "./servers.js";
import { seed } from "./seed.js";
import { cache } from "./cache.js";
import { soak } from "./soak.js";
import { workloadsFor, type BenchmarkWorkloadId, type Workload } from "./workloads.js";

/** The sharp configurations tried for the ceiling; a quick run tries the first only. */
function ceilingConfigs(options: BenchOptions): CeilingConfig[] {
  const configs = [
    { label: "libvips 1 thread per image, as the service's workers (and sharp's default on glibc without jemalloc)", libvipsThreads: 1 },
    { label: `libvips ${options.cores} threads per image`, libvipsThreads: options.cores },
  ];
  return options.quick ? configs.slice(0, 1) : configs;
}

const health = ({ health: checks, serverPeakRssBytes }: LoadRun): string =>
  `health p50/p99 ${checks.p50.toFixed(1)}/${checks.p99.toFixed(1)} ms${serverPeakRssBytes ? `, server peak RSS ${(serverPeakRssBytes / 1e6).toFixed(0)} MB` : ""}`;

type PixelrpcRuns = Pick<WorkloadRound, "ceiling" | "grpc" | "gateway" | "sequential"> & { idle: HealthUnderLoad };

/**
 * On one image service: its idle health, the ceiling (with the idle
 * service probed: the control), gRPC, then the gateway in front of it.
 */
async function measurePixelrpc(jobs: Jobs, configs: readonly CeilingConfig[], withGateway: boolean, say: (line: string) => void): Promise<PixelrpcRuns> {
  const service = await startImageService();
  try {
    const idle = await idleHealth(service.address, jobs.options.idleSeconds);
    say(`idle image service: health p50/p99 ${idle.p50.toFixed(1)}/${idle.p99.toFixed(1)} ms`);
    const ceiling = [];
    for (const config of configs) {
      const run = await withProbe(service, undefined, () => jobs.ceiling(config.libvipsThreads, jobs.loop({}, config.callsPerCore)));
      say(`ceiling, libvips ${config.libvipsThreads} thread(s) per image: ${describeRun(run)}; idle service's ${health(run)}`);
      ceiling.push({ config, run });
    }
    const grpc = await withProbe(service, service, () => jobs.grpc(service.address, jobs.loop({ service: service.pid })));
    say(`pixelrpc over gRPC: ${describeRun(grpc)}; ${health(grpc)}`);
    if (!withGateway) return { idle, ceiling, grpc };

    const front = await startGateway(service.address);
    try {
      const watch = { service: service.pid, gateway: front.pid };
      const gateway = await withProbe(service, service, () => jobs.http(front.address, jobs.loop(watch)));
      say(`pixelrpc through the gateway: ${describeRun(gateway)}; ${health(gateway)}`);
      if (jobs.spec.id !== "c") return { idle, ceiling, grpc, gateway };
      const single = { ...jobs.loop(watch), concurrency: 1, seconds: jobs.options.seconds / 2, warmupSeconds: Math.min(1, jobs.options.warmupSeconds) };
      const sequential = {
        ceiling: await jobs.ceiling(1, single),
        grpc: await jobs.grpc(service.address, single),
        gateway: await jobs.http(front.address, single),
      };
      say(
        `one call at a time, p50: ceiling ${sequential.ceiling.latency.p50.toFixed(2)} ms, gRPC ${sequential.grpc.latency.p50.toFixed(2)} ms, gateway ${sequential.gateway.latency.p50.toFixed(2)} ms`,
      );
      return { idle, ceiling, grpc, gateway, sequential };
    } finally {
      await front.stop();
    }
  } finally {
    await service.stop();
  }
}

async function measureNaive(jobs: Jobs, say: (line: string) => void): Promise<{ idle: HealthUnderLoad; naive: LoadRun }> {
  const server = await startNaiveServer();
  try {
    const idle = await idleHealth(server.address, jobs.options.idleSeconds);
    const naive = await withProbe(server, server, () => jobs.grpc(server.address, jobs.loop({ service: server.pid })));
    say(`naive jimp server: ${describeRun(naive)}; ${health(naive)} (idle p99 ${idle.p99.toFixed(1)} ms)`);
    return { idle, naive };
  } finally {
    await server.stop();
  }
}

async function measureWorkload(
  spec: Workload<BenchmarkWorkloadId>,
  jobs: Jobs,
  configs: readonly CeilingConfig[],
  say: (line: string) => void,
): Promise<WorkloadRound> {
  // A quick run smoke-tests the gateway and the naive server on the cheapest workload only: jimp takes seconds per large image.
  const everything = !jobs.options.quick || spec.id === "c";
  const { idle, ...pixelrpc } = await measurePixelrpc(jobs, configs, everything, say);
  const naive = everything ? await measureNaive(jobs, say) : undefined;
  return { workload: spec.id, idleHealth: { pixelrpc: idle, ...(naive ? { naive: naive.idle } : {}) }, ...pixelrpc, ...(naive ? { naive: naive.naive } : {}) };
}

/** Variants 320/640/1280 WebP from the photo, on idle servers: when does the first arrive, when the last? */
async function measureVariants(jobs: Jobs): Promise<VariantsRound> {
  const times = async (server: Promise<RunningServer>): Promise<VariantTimes> => {
    const running = await server;
    try {
      return await jobs.grpcVariants(running.address);
    } finally {
      await running.stop();
    }
  };
  const ceiling = await jobs.ceilingVariants();
  const grpc = await times(startImageService());
  return jobs.options.quick ? { ceiling, grpc } : { ceiling, grpc, naive: await times(startNaiveServer()) };
}

async function benchmark(): Promise<void> {
  const options = benchOptions();
  const started = Date.now();
  const configs = ceilingConfigs(options);
  const specs = workloadsFor(options.quick).filter(({ id }) => options.workloads.includes(id));
  progress(`benchmark: ${options.rounds} round(s) of ${options.seconds} s windows on ${options.cores} cores${options.quick ? ", quick mode" : ""}`);
  const inputs: Inputs = await prepareInputs();
  const results: BenchResults = {
    date: new Date().toISOString(),
    machine: {
      cores: options.cores,
      cpu: cpus()[0]?.model ?? "unknown",
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      sharp: sharp.versions.sharp ?? "",
      libvips: sharp.versions.vips,
      loadAverage: loadavg(),
    },
    settings: { rounds: options.rounds, seconds: options.seconds, quick: options.quick, uvThreadpoolSize: options.uvThreadpoolSize },
    inputs: inputs.describe,
    workloads: specs,
    ceilingConfigs: configs,
    rounds: [],
    durationSeconds: 0,
  };
  try {
    for (let index = 1; index <= options.rounds; index++) {
      const round: Round = { workloads: [] };
      for (const spec of specs) {
        const say = (line: string): void => progress(`round ${index}/${options.rounds} (${spec.id}) ${line}`);
        // Every ceiling configuration is tried in the first round; later rounds run the one that won it, to keep a run near ten minutes.
        const first = results.rounds[0]?.workloads.find((measured) => measured.workload === spec.id);
        const tried = first ? [bestCeiling(first).config] : configs;
        round.workloads.push(await measureWorkload(spec, new Jobs(spec, inputs.paths[spec.id], options), tried, say));
      }
      // Variants come from workload (a)'s photo, whichever workloads this run measures.
      round.variants = await measureVariants(new Jobs(workloadsFor(options.quick)[0]!, inputs.paths.a, options));
      progress(
        `round ${index}/${options.rounds} Variants: gRPC first ${round.variants.grpc.first.map((ms) => ms.toFixed(0)).join("/")} ms, last ${round.variants.grpc.last.map((ms) => ms.toFixed(0)).join("/")} ms`,
      );
      results.rounds.push(round);
    }
  } finally {
    inputs.remove();
  }
  results.durationSeconds = Math.round((Date.now() - started) / 1000);
  writeDoc("benchmarks.json", `${JSON.stringify(results, null, 1)}\n`);
  writeBenchmarkReport(results);
  progress(`done in ${results.durationSeconds} s: docs/benchmarks.md`);
}

/** Writes docs/benchmarks.md and .svg again from docs/benchmarks.json: after editing the findings, or the report's code. */
async function report(): Promise<void> {
  writeBenchmarkReport(JSON.parse(readDoc("benchmarks.json")) as BenchResults);
}

const [command = "bench", ...rest] = process.argv.slice(2);
const commands: Record<string, () => Promise<void>> = { bench: benchmark, soak, network, placeholders, seed, cache, profile: () => profile(rest), report };
const run = commands[command];
if (!run) {
  console.error(
    `unknown command ${JSON.stringify(command)}: use bench (the default), soak, network, placeholders, seed, cache, report, or profile <a|b|c> <grpc|gateway|naive>`,
  );
  process.exit(2);
}
run().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
