/**
 * `npm run bench -- soak`: the image service's memory over minutes of
 * saturating 12 MP transforms, once per malloc configuration, sampled every
 * second; written to docs/memory.md with a chart.
 *
 * libvips allocates and frees large pixel buffers from many threads; glibc
 * gives each thread's allocations an arena of its own (up to 8 per core)
 * and returns little of them to the system, so RSS can creep up for as
 * long as the service runs (lovell/sharp#2607, imgproxy/imgproxy#116). Every
 * configuration here is set from the environment alone.
 */
import { existsSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";

import { prepareInputs } from "./inputs.js";
import type { Measurement } from "./load-loop.js";
import { Jobs, describeRun } from "./measure.js";
import { writeMemoryReport, type MemoryConfiguration, type SoakResults, type SoakRun } from "./memory-report.js";
import { benchOptions } from "./options.js";
import { progress, writeDoc } from "./output.js";
import { RssSampler } from "./rss.js";
import { startImageService } from "./servers.js";
import { soakWorkload } from "./workloads.js";

const JEMALLOC = "/usr/lib/x86_64-linux-gnu/libjemalloc.so.2";

function configurations(): MemoryConfiguration[] {
  return [
    { label: "glibc defaults", short: "glibc defaults", env: {}, why: "glibc's own: up to 8 arenas per core" },
    {
      label: "MALLOC_ARENA_MAX=2",
      short: "ARENA_MAX=2",
      env: { MALLOC_ARENA_MAX: "2" },
      why: "at most two malloc arenas, shared by every thread: what `npm start`, the Dockerfiles and the Kubernetes config set",
    },
    {
      label: "MALLOC_ARENA_MAX=2, MALLOC_TRIM_THRESHOLD_=128 KiB",
      short: "ARENA_MAX=2 + TRIM 128K",
      env: { MALLOC_ARENA_MAX: "2", MALLOC_TRIM_THRESHOLD_: String(128 * 1024) },
      why: "also fixes glibc's thresholds (setting one turns off their dynamic growth): large buffers are mapped and unmapped each time and free memory is trimmed at once",
    },
    ...(existsSync(JEMALLOC)
      ? [
          {
            label: "jemalloc (LD_PRELOAD)",
            short: "jemalloc",
            env: { LD_PRELOAD: JEMALLOC },
            why: "sharp's own recommendation on glibc; Debian's libjemalloc2 package",
          },
        ]
      : []),
  ];
}

/** glibc's malloc variables that this process may have inherited: each configuration sets its own and no other. */
const MALLOC_VARIABLES = [
  "MALLOC_ARENA_MAX",
  "MALLOC_TRIM_THRESHOLD_",
  "MALLOC_MMAP_THRESHOLD_",
  "MALLOC_TOP_PAD_",
  "MALLOC_MMAP_MAX_",
  "GLIBC_TUNABLES",
  "LD_PRELOAD",
];

/** How long the service is left idle after the load, to see whether it gives memory back. */
const SETTLE_SECONDS = 10;

export async function soak(): Promise<void> {
  const options = benchOptions();
  const seconds = options.soakMinutes * 60;
  for (const name of MALLOC_VARIABLES) delete process.env[name];
  const inputs = await prepareInputs();
  const jobs = new Jobs(soakWorkload, inputs.paths.soak, options);
  const runs: SoakRun[] = [];
  const started = Date.now();
  progress(
    `memory soak: ${configurations().length} configurations, ${options.soakMinutes} min each, ${soakWorkload.title}, ${soakWorkload.callsPerCore * options.cores} calls in flight`,
  );
  try {
    for (const configuration of configurations()) {
      const service = await startImageService({ env: configuration.env, allocator: "inherited" });
      const begun = Date.now();
      const memory = new RssSampler(service.pid, 1000);
      let measurement: Measurement;
      try {
        const loop = { ...jobs.loop({ service: service.pid }), warmupSeconds: 5, seconds, minCalls: 1, maxSeconds: seconds * 2 };
        measurement = await jobs.grpc(service.address, loop);
        await sleep(SETTLE_SECONDS * 1000);
      } finally {
        memory.stop();
        await service.stop();
      }
      const { samples, peakBytes } = memory.stop();
      runs.push({
        configuration,
        measurement,
        samples: samples.map((sample) => [(sample.time - begun) / 1000, sample.rssBytes] as const),
        loadEndSeconds: (measurement.window.end - begun) / 1000,
        peakBytes,
      });
      progress(
        `${configuration.label}: ${describeRun(measurement)}; RSS ${(samples.at(-1)!.rssBytes / 1e6).toFixed(0)} MB after ${SETTLE_SECONDS} s idle, peak ${(peakBytes / 1e6).toFixed(0)} MB`,
      );
    }
  } finally {
    inputs.remove();
  }
  const results: SoakResults = {
    date: new Date().toISOString(),
    cores: options.cores,
    minutes: options.soakMinutes,
    settleSeconds: SETTLE_SECONDS,
    concurrency: soakWorkload.callsPerCore * options.cores,
    runs,
    durationSeconds: Math.round((Date.now() - started) / 1000),
  };
  writeDoc("memory.json", `${JSON.stringify(results)}\n`);
  writeMemoryReport(results);
  progress(`done in ${results.durationSeconds} s: docs/memory.md`);
}
