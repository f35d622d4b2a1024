/**
 * `npm run bench -- seed`: the question pixelrpc was built for, answered
 * with numbers. The example aiohttp app (examples/aiohttp-thumbnails) makes
 * 320-wide WebP thumbnails of the standard photo three ways: PIL on the
 * event loop (the question's code), PIL through run_in_executor (the
 * accepted answer), and the pixelrpc image service through the Python
 * client. The app (and the image service) run on the last core, the load
 * driver and the /health probe on the others, as callers on other machines
 * would; rounds alternate the modes. Then a burst of uploads at once shows
 * what the accepted answer misses: it queues without bound, where pixelrpc
 * sheds. Written into docs/benchmarks.md (seed section) and docs/seed.svg.
 */
import { join } from "node:path";

import { findPython, pythonEnv, repoRoot } from "@pixelrpc/harness";

import { barChart } from "./chart.js";
import { pinCallers, runChild, type PinnedRun } from "./child.js";
import type { BurstAnswer, DriveSeedArgs } from "./drive-seed.js";
import { mb, medianAndRounds, ms, rate, table } from "./format.js";
import { healthSummary, startHealthProbe } from "./health.js";
import { prepareInputs } from "./inputs.js";
import type { Measurement } from "./load-loop.js";
import { CALLER_NODE_FLAGS } from "./measure.js";
import { benchOptions } from "./options.js";
import { progress, writeDoc, writeKeptSection } from "./output.js";
import type { HealthUnderLoad } from "./results.js";
import { RssSampler } from "./rss.js";
import { startImageService, startListening, type RunningServer } from "./servers.js";
import { median } from "./stats.js";

export const SEED_SECTION = "seed";
export const SEED_ORIGIN = "written by `npm run bench -- seed`";

const MODES = ["loop", "executor", "pixelrpc"] as const;
type Mode = (typeof MODES)[number];

const MODE_NAMES: Record<Mode, string> = {
  loop: "PIL on the event loop (the question)",
  executor: "PIL in run_in_executor (the accepted answer)",
  pixelrpc: "pixelrpc through the Python client",
};
const COLORS: Record<Mode, string> = { loop: "#dc2626", executor: "#f59e0b", pixelrpc: "#2563eb" };

/** Uploads in flight: a small web app's steady load. */
const CONCURRENCY = 4;
/** Uploads sent at once in the burst: twice what the image service queues by default, and the example's own bound. */
const BURST = 128;
/** The burst is about what the accepted answer misses; the question's code would only take longer still. */
const BURST_MODES = ["executor", "pixelrpc"] as const satisfies readonly Mode[];

interface ModeRound {
  readonly run: Measurement;
  readonly health: HealthUnderLoad;
  readonly appPeakRssBytes: number;
}

interface Burst {
  readonly answers: readonly BurstAnswer[];
  readonly appPeakRssBytes: number;
}

/** The example app in `mode` on `cpus`, on a free port, until stopped. */
function startApp(python: string, mode: Mode, imageService: string, cpus: string): Promise<RunningServer> {
  const app = join(repoRoot, "examples", "aiohttp-thumbnails", "app.py");
  const args = [app, "--mode", mode, "--port", "0", "--image-service", imageService];
  return startListening(`the example app (${mode})`, python, args, pythonEnv(), cpus, "http://");
}

export async function seed(): Promise<void> {
  const options = benchOptions();
  const { serverCores, callerCores } = pinCallers(options.cores, "the seed bench");
  const python = findPython();
  const inputs = await prepareInputs();
  const service = await startImageService({ cpus: serverCores });
  const rounds = Math.max(options.rounds, options.quick ? 1 : 3);
  const caller = { cpus: callerCores, nodeArgs: CALLER_NODE_FLAGS };
  const measured: Record<Mode, ModeRound[]> = { loop: [], executor: [], pixelrpc: [] };
  const bursts = {} as Record<(typeof BURST_MODES)[number], Burst>;
  try {
    for (let round = 0; round < rounds; round++) {
      // Each round starts with another mode, so that drift falls on all of them alike.
      const order = MODES.map((_, index) => MODES[(index + round) % MODES.length]!);
      for (const mode of order) {
        const app = await startApp(python, mode, service.address, serverCores);
        try {
          const probe = await startHealthProbe(`${app.address}/health`, { cpus: callerCores });
          const memory = new RssSampler(app.pid, 100);
          const loop = {
            concurrency: CONCURRENCY,
            warmupSeconds: options.warmupSeconds,
            seconds: options.seconds * 2,
            minCalls: options.quick ? 4 : 40,
            maxSeconds: options.seconds * 6,
          };
          const run = await runChild<Measurement>(
            "drive-seed",
            { mode: "loop", url: app.address, input: inputs.paths.a, loop } satisfies DriveSeedArgs,
            caller,
          );
          const appPeakRssBytes = memory.stop().peakBytes;
          const health = healthSummary(await probe.stop(), run.window);
          measured[mode].push({ run, health, appPeakRssBytes });
          progress(
            `round ${round + 1}, ${mode}: ${rate(run.throughput)} thumbnails/s, p50/p99 ${ms(run.latency.p50)}/${ms(run.latency.p99)}; health p50/p99 ${ms(health.p50)}/${ms(health.p99)}; app peak RSS ${mb(appPeakRssBytes)}`,
          );
        } finally {
          await app.stop();
        }
      }
    }
    for (const mode of BURST_MODES) {
      const app = await startApp(python, mode, service.address, serverCores);
      try {
        const memory = new RssSampler(app.pid, 50);
        const { answers } = await runChild<{ answers: BurstAnswer[] }>(
          "drive-seed",
          { mode: "burst", url: app.address, input: inputs.paths.a, count: BURST } satisfies DriveSeedArgs,
          caller,
        );
        bursts[mode] = { answers, appPeakRssBytes: memory.stop().peakBytes };
        progress(`burst, ${mode}: ${burstLine(bursts[mode])}`);
      } finally {
        await app.stop();
      }
    }
  } finally {
    await service.stop();
    inputs.remove();
  }
  writeReport(measured, bursts, { rounds, serverCores, callerCores, photo: inputs.describe.a, seconds: options.seconds * 2 });
  progress("done: docs/benchmarks.md (seed section), docs/seed.svg");
}

function burstLine({ answers, appPeakRssBytes }: Burst): string {
  const count = (status: number): number => answers.filter(([code]) => code === status).length;
  const last = (statuses: readonly number[]): number => Math.max(...answers.filter(([code]) => statuses.includes(code)).map(([, at]) => at));
  const shed = count(429) + count(503);
  const other = answers.length - count(200) - shed;
  return [
    `${count(200)} thumbnails, the last after ${ms(last([200]))}`,
    shed > 0 ? `${shed} shed (${count(503)} × 503, ${count(429)} × 429), all within ${ms(last([429, 503]))}` : "none shed",
    ...(other > 0 ? [`${other} other answers`] : []),
    `app peak RSS ${mb(appPeakRssBytes)}`,
  ].join("; ");
}

function writeReport(measured: Record<Mode, ModeRound[]>, bursts: Record<(typeof BURST_MODES)[number], Burst>, setting: PinnedRun): void {
  const each = (mode: Mode, field: (round: ModeRound) => number, format: (value: number) => string): string => medianAndRounds(measured[mode], field, format);
  const rows = MODES.map((mode) => [
    MODE_NAMES[mode],
    each(mode, (round) => round.run.throughput, rate),
    each(mode, (round) => round.run.latency.p50, ms),
    each(mode, (round) => round.run.latency.p99, ms),
    each(mode, (round) => round.health.p50, ms),
    each(mode, (round) => round.health.p99, ms),
    each(mode, (round) => round.appPeakRssBytes, mb),
  ]);
  const when = new Date().toISOString().slice(0, 16).replace("T", " ");
  const healthP99 = (mode: Mode): number => median(measured[mode].map((round) => round.health.p99));
  writeDoc(
    "seed.svg",
    barChart({
      title: "The aiohttp thumbnail app: /health p99 while it makes thumbnails",
      subtitle: `${CONCURRENCY} uploads of the photo in flight, the app on core ${setting.serverCores}, callers on core ${setting.callerCores}; medians of ${setting.rounds} rounds`,
      groups: [
        {
          title: "health check p99 (ms), and thumbnails per second",
          bars: MODES.map((mode) => ({
            label: mode === "pixelrpc" ? "pixelrpc" : mode === "loop" ? "PIL on the loop" : "run_in_executor",
            value: healthP99(mode),
            note: `${ms(healthP99(mode))} · ${rate(median(measured[mode].map((round) => round.run.throughput)))} thumbnails/s`,
            color: COLORS[mode],
          })),
        },
      ],
      axisLabel: "health check p99, ms",
      axisMax: Math.max(...MODES.map(healthP99)) * 1.1,
      markers: [],
    }),
  );
  writeKeptSection(
    SEED_SECTION,
    SEED_ORIGIN,
    "The question pixelrpc was built for",
    [
      `Measured by \`npm run bench -- seed\` on ${when} UTC. The example app ([examples/aiohttp-thumbnails](../examples/aiohttp-thumbnails/)) turns uploads of the photo (${setting.photo}) into 320-wide WebP q80 thumbnails, with ${CONCURRENCY} uploads always in flight from a load driver, while a probe GETs \`/health\` every 10 ms. The app, and in the pixelrpc mode the image service beside it, are pinned to core ${setting.serverCores}; the driver and the probe to core ${setting.callerCores}. ${setting.rounds} rounds of ${setting.seconds} s windows alternate the modes; medians, then every round in brackets.`,
      "",
      table(["mode", "thumbnails/s", "thumbnail p50", "thumbnail p99", "health p50", "health p99", "app peak RSS"], rows),
      "",
      "![/health p99 of the aiohttp app in each mode](seed.svg)",
      "",
      `**A burst.** ${BURST} uploads at once to a fresh app, the same placement (the example's default \`--max-pending 64\`, the image service's default queue of 64):`,
      "",
      table(
        ["mode", "what happened"],
        BURST_MODES.map((mode) => [MODE_NAMES[mode], burstLine(bursts[mode])]),
      ),
      "",
      "PIL decodes every pixel of the 6-megapixel JPEG before resizing it, where libvips shrinks on load: that, more than the hops, is the gap in thumbnails per second (PIL's `Image.draft` would narrow it for JPEG). What no PIL setting changes is the health column: on the loop, every check waits behind a thumbnail; in the executor, behind the GIL the resize and the encode hold for part of their time.",
      "",
      "The accepted answer keeps the event loop answering, but takes every upload: the executor's queue has no bound, so the last of a burst waits for all the others and the app holds every body meanwhile. Its fire-and-forget route (`POST /thumbnail/later`) answers 202 even for an image that cannot be read, and the exception dies in the pool: the result is \"not yet\" for ever (examples/aiohttp-thumbnails/tests/test_app.py shows it). The pixelrpc mode answers what it can, sheds the rest at once with 503 and `Retry-After` (the image service's queue is full) or 429 (the app's own bound on uploads in flight), and returns an unreadable image to its caller as a 400 naming what was wrong.",
    ].join("\n"),
  );
}
