/**
 * `npm run bench -- placeholders`: what InfoRequest.placeholders adds to an
 * Info call, for the photo and for a 64x64 image. The image service runs on
 * the last core, this process (the caller, one call at a time) on the
 * others, as callers on other machines would; rounds alternate Info with
 * and without placeholders. Written into docs/benchmarks.md, in its
 * placeholders section.
 */
import { readFileSync } from "node:fs";

import { createImageClient, type ImageClient } from "@pixelrpc/client";

import { pinCallers } from "./child.js";
import { cpuBetween, readCpu } from "./cpu-time.js";
import { ms, table } from "./format.js";
import { prepareInputs } from "./inputs.js";
import { benchOptions } from "./options.js";
import { progress, writeKeptSection } from "./output.js";
import { startImageService } from "./servers.js";
import { median, percentile } from "./stats.js";

const WARMUP_CALLS = 5;

interface Cell {
  /** Per call: latency p50 and p99 as the caller saw it, and the service's CPU (every thread and task process). */
  readonly p50: number;
  readonly p99: number;
  readonly cpu: number;
}

async function measure(client: ImageClient, servicePid: number, image: Uint8Array, placeholders: boolean, calls: number): Promise<Cell> {
  for (let call = 0; call < WARMUP_CALLS; call++) await client.info({ image, placeholders });
  const before = readCpu(servicePid)!;
  const times: number[] = [];
  for (let call = 0; call < calls; call++) {
    const started = performance.now();
    await client.info({ image, placeholders });
    times.push(performance.now() - started);
  }
  const cpu = cpuBetween(before, readCpu(servicePid)!);
  return { p50: percentile(times, 50), p99: percentile(times, 99), cpu: cpu.totalMs / calls };
}

/** The section's marker, as report.ts keeps it when the main bench rewrites the file. */
export const PLACEHOLDERS_SECTION = "placeholders";
export const PLACEHOLDERS_ORIGIN = "written by `npm run bench -- placeholders`";

export async function placeholders(): Promise<void> {
  const options = benchOptions();
  // This process is the caller.
  const { serverCores: serviceCore, callerCores } = pinCallers(options.cores, "the placeholders bench");
  const inputs = await prepareInputs();
  const images = [
    { name: `the photo (${inputs.describe.a})`, image: readFileSync(inputs.paths.a), calls: options.quick ? 10 : 60 },
    { name: `a 64x64 PNG (${inputs.describe.c})`, image: readFileSync(inputs.paths.c), calls: options.quick ? 20 : 200 },
  ];
  const service = await startImageService({ cpus: serviceCore });
  const client = createImageClient(service.address);
  const rounds = Math.max(options.rounds, options.quick ? 1 : 5);
  const rows: string[][] = [];
  try {
    for (const { name, image, calls } of images) {
      const plain: Cell[] = [];
      const asked: Cell[] = [];
      for (let round = 0; round < rounds; round++) {
        // Alternating, and each round in the other order, so that drift and warm caches fall on both alike.
        const order = round % 2 === 0 ? [false, true] : [true, false];
        for (const withPlaceholders of order) (withPlaceholders ? asked : plain).push(await measure(client, service.pid, image, withPlaceholders, calls));
      }
      const added = (field: keyof Cell): number[] => asked.map((cell, round) => cell[field] - plain[round]![field]);
      const listed = (values: readonly number[]): string => values.map(ms).join(", ");
      progress(`${name}: p50 ${listed(plain.map((cell) => cell.p50))} without, ${listed(asked.map((cell) => cell.p50))} with placeholders`);
      rows.push([
        name,
        ms(median(plain.map((cell) => cell.p50))),
        ms(median(asked.map((cell) => cell.p50))),
        `${ms(median(added("p50")))} (${listed(added("p50"))})`,
        ms(median(plain.map((cell) => cell.cpu))),
        ms(median(asked.map((cell) => cell.cpu))),
        `${ms(median(added("cpu")))} (${listed(added("cpu"))})`,
      ]);
    }
  } finally {
    client.close();
    await service.stop();
    inputs.remove();
  }
  const when = new Date().toISOString().slice(0, 16).replace("T", " ");
  writeKeptSection(
    PLACEHOLDERS_SECTION,
    PLACEHOLDERS_ORIGIN,
    "Placeholders",
    [
      `Measured by \`npm run bench -- placeholders\` on ${when} UTC: the image service pinned to core ${serviceCore}, the caller to core ${callerCores}, one Info call at a time; ${rounds} rounds alternating Info without and with \`placeholders\` (after ${WARMUP_CALLS} warm-up calls each), medians over rounds and, in brackets, every round's difference. CPU is the service's, every thread and task process, per call.`,
      "",
      table(["image", "Info p50", "with placeholders", "added (rounds)", "service CPU per Info", "with placeholders", "added (rounds)"], rows),
      "",
      "Placeholders run on the Info pool, never on the transform lane, from the 128-pixel sample the dominant colour is counted in: the decode is shared, and what they add is two small resizes, the BlurHash and ThumbHash codecs in JavaScript and one 32-pixel WebP encode.",
    ].join("\n"),
  );
  progress("done: docs/benchmarks.md, placeholders section");
}
