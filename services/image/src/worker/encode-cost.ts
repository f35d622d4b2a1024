import type { OutputOptions__Output } from "@pixelrpc/proto";
import sharp from "sharp";

import type { OutputFormat } from "@pixelrpc/proto";
import type { Size } from "./geometry.js";
import { ImageRejection } from "./rejection.js";

/**
 * Seconds of one core per output megapixel for the encoders that take
 * seconds, measured on the machine the service is developed on (a 2-core VM;
 * the photo resized to 512 and 1024 wide; docs/api.md, "Limits", has the table):
 * AVIF by effort 0 to 9 (libheif encodes as one call that nothing
 * interrupts), and palette quantisation (PNG with a quality, GIF). Every
 * other encoder takes under 0.3 s a megapixel: the pixel limit bounds it.
 */
const AVIF_SECONDS_PER_MEGAPIXEL = [0.16, 0.26, 0.4, 0.7, 2.8, 4.0, 8.2, 12, 16, 34];
const PALETTE_SECONDS_PER_MEGAPIXEL = 2.5;
/** sharp's default AVIF effort, what an unset effort means. */
const DEFAULT_AVIF_EFFORT = 4;

/**
 * A prediction refuses a call only when it is this many times what the call
 * has left: content moves an encoder's speed by a factor of two either way,
 * and a call that slips through is still stopped at its limit.
 */
const MARGIN = 1.5;

/** The calibration encode: AVIF at effort 2 of a 256x256 noise image (after one of 16x16 to load the encoder), and what it took where the table was measured. */
const CALIBRATION = { width: 256, height: 256, effort: 2 } as const;
const CALIBRATION_REFERENCE_MS = 50;

let speed: Promise<number> | undefined;

/**
 * How much slower than the table's machine this one encodes: the ratio of
 * small encodes' time to the table's, measured once per worker thread as
 * it starts (about 0.2 s) and handed to its task processes, clamped to a
 * factor of four either way so that one noisy moment cannot make the
 * service refuse everything or nothing.
 */
export function encodeSpeed(): Promise<number> {
  speed ??= (async () => {
    const image = (width: number, height: number) =>
      sharp({ create: { width, height, channels: 3, background: "#808080", noise: { type: "gaussian", mean: 128, sigma: 40 } } })
        .raw()
        .toBuffer({ resolveWithObject: true });
    const warm = await image(16, 16);
    await sharp(warm.data, { raw: warm.info }).avif({ effort: CALIBRATION.effort }).toBuffer();
    const raw = await image(CALIBRATION.width, CALIBRATION.height);
    // The quickest of three: what the machine can do, not how busy it was starting everything else.
    let quickest = Number.POSITIVE_INFINITY;
    for (let run = 0; run < 3; run++) {
      const started = performance.now();
      await sharp(raw.data, { raw: raw.info }).avif({ effort: CALIBRATION.effort }).toBuffer();
      quickest = Math.min(quickest, performance.now() - started);
    }
    return Math.min(4, Math.max(0.25, quickest / CALIBRATION_REFERENCE_MS));
  })();
  return speed;
}

/** Seconds of a core the encode of `size` as `format` is predicted to take here (`factor`: encodeSpeed()); undefined for the quick encoders. */
function predictedSeconds(format: OutputFormat, output: OutputOptions__Output, size: Size, factor: number): number | undefined {
  const megapixels = (size.width * size.height) / 1e6;
  let perMegapixel: number | undefined;
  if (format === "FORMAT_AVIF") perMegapixel = AVIF_SECONDS_PER_MEGAPIXEL[output.effort ?? DEFAULT_AVIF_EFFORT];
  else if (format === "FORMAT_GIF" || (format === "FORMAT_PNG" && output.quality > 0 && !output.lossless)) perMegapixel = PALETTE_SECONDS_PER_MEGAPIXEL;
  if (perMegapixel === undefined) return undefined;
  return megapixels * perMegapixel * factor;
}

const formatName = (format: OutputFormat): string => format.slice("FORMAT_".length);

/**
 * Refuses, before any pixel is decoded, an encode predicted to take far
 * longer than the call has (`secondsLeft`: the processing limit or the
 * caller's deadline), naming the limit and what would fit, instead of
 * starting work that would only be killed at the limit; a search for
 * `max_bytes` counts as `encodes` encodes of that size. AVIF efforts above
 * `maxAvifEffort` are refused as arguments.
 */
export function checkEncodeCost(
  format: OutputFormat,
  output: OutputOptions__Output,
  size: Size,
  limits: { readonly maxAvifEffort: number; readonly maxProcessingSeconds: number },
  here: { readonly secondsLeft: number; readonly encodeSpeed: number; readonly encodes?: number },
): void {
  if (format === "FORMAT_AVIF" && (output.effort ?? DEFAULT_AVIF_EFFORT) > limits.maxAvifEffort) {
    throw new ImageRejection(`output.effort ${output.effort} is over this service's AVIF limit of ${limits.maxAvifEffort} (IMAGE_MAX_AVIF_EFFORT)`);
  }
  const encodes = here.encodes ?? 1;
  const once = predictedSeconds(format, output, size, here.encodeSpeed);
  const seconds = once === undefined ? undefined : once * encodes;
  if (seconds === undefined || seconds <= here.secondsLeft * MARGIN) return;
  const megapixels = ((size.width * size.height) / 1e6).toFixed(1);
  const effort = `${format === "FORMAT_AVIF" ? ` at effort ${output.effort ?? DEFAULT_AVIF_EFFORT}` : ""}${encodes > 1 ? `, about ${encodes} times for output.max_bytes,` : ""}`;
  const left =
    here.secondsLeft < limits.maxProcessingSeconds
      ? `the ${here.secondsLeft} s its deadline leaves`
      : `this service's limit of ${limits.maxProcessingSeconds} s`;
  throw new ImageRejection(
    `encoding ${size.width}x${size.height} pixels (${megapixels} megapixels) as ${formatName(format)}${effort} is predicted to take about ${Math.round(seconds)} s here, far over ${left}; it was not started: ask for a smaller size${format === "FORMAT_AVIF" ? " or a lower effort" : ""}${encodes > 1 ? ", or no max_bytes" : ""}`,
    "RESOURCE_EXHAUSTED",
  );
}
