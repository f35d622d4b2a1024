/**
 * `npm run bench -- cache`: what the gateway's result cache (GATEWAY_CACHE)
 * does for workload (a) through the signed-image route, GET /v1/images.
 * The image service, the gateways and Redis run on the last core, the load
 * driver and the source's origin on the others, as callers and a CDN on
 * other machines would. Rounds alternate four ways of answering: no cache
 * (every request a transform, streamed), a miss (a new source URL every
 * request: made, then stored), a hit in the file cache and a hit in Redis.
 * Written into docs/benchmarks.md, in its cache section.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { startFixtureOrigin, startRedis } from "@pixelrpc/harness";

import { pinCallers, runChild, type PinnedRun } from "./child.js";
import type { DriveSignedArgs } from "./drive-signed.js";
import { medianAndRounds, ms, rate, ratio, table } from "./format.js";
import { PHOTO, prepareInputs } from "./inputs.js";
import type { Measurement } from "./load-loop.js";
import { CALLER_NODE_FLAGS } from "./measure.js";
import { benchOptions } from "./options.js";
import { progress, writeKeptSection } from "./output.js";
import { startGateway, startImageService, type RunningServer } from "./servers.js";
import { median } from "./stats.js";
import { workloads } from "./workloads.js";

export const CACHE_SECTION = "cache";
export const CACHE_ORIGIN = "written by `npm run bench -- cache`";

const MODES = ["off", "miss", "file", "redis"] as const;
type Mode = (typeof MODES)[number];

const MODE_NAMES: Record<Mode, string> = {
  off: "no cache: every request transformed, streamed",
  miss: "a miss: made, then stored (file cache)",
  file: "a hit in the file cache",
  redis: "a hit in Redis",
};

/** The Cache-Status every answer in a mode's window must have. */
const EXPECTED: Record<Mode, string> = {
  off: "",
  miss: "^pixelrpc; fwd=miss; stored$",
  file: "^pixelrpc; hit; ttl=\\d+$",
  redis: "^pixelrpc; hit; ttl=\\d+$",
};

/** Requests in flight: a page's worth of <img> tags. */
const CONCURRENCY = 4;
const SIGNING_KEY = "bench-signing-key-0123456789abcdef0123";

interface ModeRound {
  readonly run: Measurement;
  /** CPU milliseconds per request: the gateway's, the image service's. */
  readonly gatewayCpu: number;
  readonly serviceCpu: number;
}

export async function cache(): Promise<void> {
  const options = benchOptions();
  const { serverCores, callerCores } = pinCallers(options.cores, "the cache bench");
  const workload = workloads.find((spec) => spec.id === "a")!;
  const inputs = await prepareInputs();
  // The source's origin, in this process on the callers' cores: a CDN elsewhere. It serves the fixture whatever the query.
  const origin = await startFixtureOrigin();
  const directory = mkdtempSync(join(tmpdir(), "pixelrpc-bench-cache-"));
  const redis = await startRedis(serverCores);
  const service = await startImageService({ cpus: serverCores, env: origin.env });
  const gatewayWith = (cacheLocation: string): Promise<RunningServer> =>
    startGateway(service.address, { cpus: serverCores, env: { GATEWAY_URL_SIGNING_KEYS: SIGNING_KEY, GATEWAY_CACHE: cacheLocation } });
  const gateways: Record<Mode, RunningServer> = {} as Record<Mode, RunningServer>;
  const measured: Record<Mode, ModeRound[]> = { off: [], miss: [], file: [], redis: [] };
  const rounds = Math.max(options.rounds, options.quick ? 1 : 3);
  try {
    gateways.off = await gatewayWith("off");
    gateways.miss = gateways.file = await gatewayWith(`file://${directory}`);
    gateways.redis = await gatewayWith(redis.url);
    for (let round = 0; round < rounds; round++) {
      // Each round starts with another mode, so that drift falls on all of them alike.
      for (const mode of MODES.map((_, index) => MODES[(index + round) % MODES.length]!)) {
        const gateway = gateways[mode];
        const loop = {
          concurrency: CONCURRENCY,
          warmupSeconds: options.warmupSeconds,
          seconds: options.seconds,
          minCalls: options.quick ? 4 : 40,
          maxSeconds: options.seconds * 4,
          watch: { gateway: gateway.pid, service: service.pid },
        };
        const run = await runChild<Measurement>(
          "drive-signed",
          {
            gateway: gateway.address,
            source: `${origin.url}/${PHOTO}`,
            key: SIGNING_KEY,
            workload,
            mode: mode === "miss" ? "unique" : "same",
            cacheStatus: EXPECTED[mode],
            loop,
          } satisfies DriveSignedArgs,
          { cpus: callerCores, nodeArgs: CALLER_NODE_FLAGS },
        );
        const perCall = (name: string): number => (run.cpu[name]?.totalMs ?? Number.NaN) / run.calls;
        measured[mode].push({ run, gatewayCpu: perCall("gateway"), serviceCpu: perCall("service") });
        progress(
          `round ${round + 1}, ${mode}: ${rate(run.throughput)} requests/s, p50/p99 ${ms(run.latency.p50)}/${ms(run.latency.p99)}; CPU per request: gateway ${ms(perCall("gateway"))}, image service ${ms(perCall("service"))}`,
        );
      }
    }
  } finally {
    await Promise.all([gateways.off?.stop(), gateways.file?.stop(), gateways.redis?.stop()]);
    await service.stop();
    await redis.stop();
    await origin.close();
    rmSync(directory, { recursive: true, force: true });
    inputs.remove();
  }
  writeReport(measured, { rounds, serverCores, callerCores, photo: inputs.describe.a, seconds: options.seconds, title: workload.title });
  progress("done: docs/benchmarks.md, cache section");
}

function writeReport(measured: Record<Mode, ModeRound[]>, setting: PinnedRun & { readonly title: string }): void {
  const medianOf = (mode: Mode, field: (round: ModeRound) => number): number => median(measured[mode].map(field));
  const every = (mode: Mode, field: (round: ModeRound) => number, format: (value: number) => string): string => medianAndRounds(measured[mode], field, format);
  const missThroughput = medianOf("miss", (round) => round.run.throughput);
  const rows = MODES.map((mode) => [
    MODE_NAMES[mode],
    every(mode, (round) => round.run.throughput, rate),
    ratio(medianOf(mode, (round) => round.run.throughput) / missThroughput),
    every(mode, (round) => round.run.latency.p50, ms),
    every(mode, (round) => round.run.latency.p99, ms),
    ms(medianOf(mode, (round) => round.gatewayCpu)),
    ms(medianOf(mode, (round) => round.serviceCpu)),
  ]);
  const when = new Date().toISOString().slice(0, 16).replace("T", " ");
  writeKeptSection(
    CACHE_SECTION,
    CACHE_ORIGIN,
    "Result cache",
    [
      `Measured by \`npm run bench -- cache\` on ${when} UTC: workload (a), ${setting.title} (${setting.photo}), through the signed-image route \`GET /v1/images\`, ${CONCURRENCY} requests in flight. The image service, the gateways and Redis on core ${setting.serverCores}; the load driver and the source's origin on core ${setting.callerCores}. ${setting.rounds} rounds of ${setting.seconds} s per mode, alternating; medians, every round in brackets. A miss asks for a new source URL each time (the same bytes behind each), so every request is fetched, made and stored; a hit asks for one URL again and again.`,
      "",
      table(
        ["answered by", "requests/s (rounds)", "vs a miss", "p50 (rounds)", "p99 (rounds)", "gateway CPU per request", "image service CPU per request"],
        rows,
      ),
      "",
      "A hit costs the gateway a read of the entry and a write of its bytes: no gRPC call, no fetch from the origin, no pixels. A miss costs what no cache costs plus the write of the entry (about 55 KB here), which is lost in the noise of rounds that the image service's hundred milliseconds of CPU per request dominate; it answers only once the whole image is made, where without a cache the first bytes are sent as they are encoded.",
    ].join("\n"),
  );
}
