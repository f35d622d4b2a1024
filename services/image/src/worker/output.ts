import { formats, type FormatEntry, type OutputFormat, type OutputOptions__Output } from "@pixelrpc/proto";
import type { Sharp } from "sharp";

import { ImageRejection } from "./rejection.js";

/** Formats without an alpha channel get transparent pixels flattened onto this. */
export const FLATTEN_BACKGROUND = { r: 255, g: 255, b: 255, alpha: 1 } as const;

const formatName = (format: OutputFormat): string => format.slice("FORMAT_".length);

/** How an animation is written: its frame count, and the delays and loop count of its source. */
export interface Animation {
  readonly frames: number;
  readonly delays: readonly number[] | undefined;
  readonly loop: number | undefined;
}

/** Refuses, before any pixel is decoded, output options that the chosen encoder, or a result of one frame, cannot honour. */
export function checkOptions(format: OutputFormat, output: OutputOptions__Output, animation: Animation | undefined): void {
  const entry: FormatEntry = formats[format];
  const range = entry.effort;
  if (output.effort !== undefined && range === undefined) {
    throw new ImageRejection(`output.effort is not supported for ${formatName(format)}`);
  }
  if (range && output.effort !== undefined && (output.effort < range[0] || output.effort > range[1])) {
    throw new ImageRejection(`output.effort ${output.effort} is out of range for ${formatName(format)}: ${range[0]} to ${range[1]}`);
  }
  if (output.lossless && !entry.lossless) {
    throw new ImageRejection(`output.lossless is not supported for ${formatName(format)}`);
  }
  if (output.maxBytes > 0 && (entry.defaultQuality === undefined || output.lossless)) {
    const lossy =
      entry.defaultQuality === undefined ? `${formatName(format)} is not a lossy format` : `a lossless ${formatName(format)} has no quality to lower`;
    throw new ImageRejection(`output.max_bytes is for lossy encodes (JPEG, and WebP or AVIF without lossless): ${lossy}`);
  }
  if (format !== "FORMAT_GIF") {
    for (const [field, set] of [
      ["colors", output.colors !== 0],
      ["dither", output.dither !== undefined],
    ] as const) {
      if (set) throw new ImageRejection(`output.${field} is for GIF, not ${formatName(format)}`);
    }
  }
  if (!animation) {
    const animationOnly = { loop: output.loop !== undefined, delays_ms: output.delaysMs.length > 0, min_size: output.minSize, mixed: output.mixed };
    for (const [field, set] of Object.entries(animationOnly)) {
      if (set) {
        throw new ImageRejection(`output.${field} is for an animated result: read an animated GIF or WebP with input.animated and write GIF or WebP`);
      }
    }
    return;
  }
  if (format !== "FORMAT_WEBP" && (output.minSize || output.mixed))
    throw new ImageRejection(`output.${output.minSize ? "min_size" : "mixed"} is for WebP, not GIF`);
  if (output.keepMetadata) throw new ImageRejection("output.keep_metadata is not supported for an animated result: each frame is rebuilt from its pixels");
  const delays = output.delaysMs.length;
  if (delays > 1 && delays !== animation.frames) {
    throw new ImageRejection(`output.delays_ms has ${delays} values for ${animation.frames} frames: give one for every frame, or one for all`);
  }
}

/** The loop count and frame delays: the caller's, else the source's. */
function animationOptions(output: OutputOptions__Output, animation: Animation): { loop: number; delay?: number[] } {
  const delays = output.delaysMs.length === 1 ? Array<number>(animation.frames).fill(output.delaysMs[0]!) : output.delaysMs;
  const delay = delays.length > 0 ? delays : animation.delays?.length === animation.frames ? [...animation.delays] : undefined;
  return { loop: output.loop ?? animation.loop ?? 0, ...(delay ? { delay } : {}) };
}

const quality = (output: OutputOptions__Output): { quality?: number } => (output.quality > 0 ? { quality: output.quality } : {});

/** The quality a lossy encode (JPEG, WebP or AVIF without lossless) is given: the caller's, or the encoder's default; 0 for the others. */
export function lossyQuality(format: OutputFormat, output: OutputOptions__Output): number {
  const { defaultQuality } = formats[format] as FormatEntry;
  return defaultQuality === undefined || output.lossless ? 0 : output.quality || defaultQuality;
}

const effort = (output: OutputOptions__Output): { effort?: number } => (output.effort === undefined ? {} : { effort: output.effort });

/**
 * Configures the encoder. PNG and TIFF are lossless unless `quality` asks
 * for palette quantisation (PNG) or JPEG compression (TIFF). An `animation`
 * (GIF or WebP only) keeps every frame: GIF would otherwise merge frames
 * that came out the same and change the frame count.
 */
export function encode(pipeline: Sharp, format: OutputFormat, output: OutputOptions__Output, animation?: Animation): Sharp {
  const timing = animation ? animationOptions(output, animation) : {};
  const encoded = output.keepMetadata ? pipeline.keepMetadata() : pipeline;
  switch (format) {
    case "FORMAT_JPEG":
      return encoded.jpeg({ ...quality(output), progressive: output.progressive, mozjpeg: false });
    case "FORMAT_PNG":
      return encoded.png({
        progressive: output.progressive,
        // PNG's "effort" is how hard zlib works: 1 to 10 maps to levels 0 to 9.
        ...(output.effort === undefined ? {} : { compressionLevel: output.effort - 1 }),
        ...(output.quality > 0 && !output.lossless ? { palette: true, quality: output.quality } : {}),
      });
    case "FORMAT_WEBP":
      return encoded.webp({ ...quality(output), ...effort(output), lossless: output.lossless, minSize: output.minSize, mixed: output.mixed, ...timing });
    case "FORMAT_AVIF":
      return encoded.avif({ ...quality(output), ...effort(output), lossless: output.lossless });
    case "FORMAT_GIF":
      return encoded.gif({
        ...effort(output),
        progressive: output.progressive,
        ...(output.colors > 0 ? { colours: output.colors } : {}),
        ...(output.dither !== undefined ? { dither: output.dither } : {}),
        ...(animation ? { keepDuplicateFrames: true } : {}),
        ...timing,
      });
    case "FORMAT_TIFF":
      return encoded.tiff(output.lossless || output.quality === 0 ? { compression: "deflate" } : { compression: "jpeg", quality: output.quality });
  }
}
