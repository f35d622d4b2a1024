/**
 * The ceiling (child process): sharp called in-process in a closed loop, no
 * RPC at all. The service's workers run sharp with cache(false) and
 * concurrency(1), one image per worker and one worker per core; here the
 * same settings run with calls in flight on libuv's pool, and with libvips
 * allowed a thread per core per image, and the best of these is the ceiling.
 * On glibc Linux without jemalloc, concurrency(1) is also sharp's default.
 */
import { readFileSync } from "node:fs";

import sharp from "sharp";

import { childArgs, childMain } from "./child.js";
import { closedLoop, epochNow, type LoopOptions } from "./load-loop.js";
import { VARIANT_QUALITY, variantWidths, type Workload } from "./workloads.js";

export interface CeilingArgs {
  readonly mode: "loop" | "variants";
  readonly workload: Workload;
  readonly input: string;
  /** libvips threads per image (sharp.concurrency). */
  readonly libvipsThreads: number;
  readonly loop: LoopOptions;
  /** Variants mode: how many sets to make, one after another. */
  readonly repeat: number;
}

export interface VariantTimes {
  /** Milliseconds from the call to the first variant, and to the last, per set. */
  readonly first: number[];
  readonly last: number[];
}

const args = childArgs<CeilingArgs>();
// As in services/image/src/worker/index.ts: every request brings a new image.
sharp.cache(false);
sharp.concurrency(args.libvipsThreads);

async function variantSets(image: Buffer): Promise<VariantTimes> {
  const times: VariantTimes = { first: [], last: [] };
  for (let set = 0; set < args.repeat; set++) {
    const started = epochNow();
    const finished = await Promise.all(
      variantWidths.map(async (width) => {
        await sharp(image).resize({ width }).webp({ quality: VARIANT_QUALITY }).toBuffer();
        return epochNow() - started;
      }),
    );
    times.first.push(Math.min(...finished));
    times.last.push(Math.max(...finished));
  }
  return times;
}

childMain(async () => {
  const image = readFileSync(args.input);
  if (args.mode === "variants") return variantSets(image);
  const spec = args.workload;
  const options = { ...(spec.quality ? { quality: spec.quality } : {}), ...(spec.effort ? { effort: spec.effort } : {}) };
  return closedLoop(async () => {
    const { info } = await sharp(image).resize({ width: spec.width }).toFormat(spec.format, options).toBuffer({ resolveWithObject: true });
    if (info.width !== spec.width) throw new Error(`expected a ${spec.width} wide result, got ${info.width}`);
  }, args.loop);
});
