import type { InfoResponse__Output } from "@pixelrpc/proto";
import sharp, { type Metadata } from "sharp";

import type { TaskData, WorkerSettings } from "../contract/task.js";
import type { TaskContext } from "./task-context.js";
import { dominantColorOf } from "./dominant-color.js";
import { fitInside, placeholdersOf } from "./placeholders.js";
import { rgbaPixels } from "./rgba.js";
import { readSource } from "./source.js";

type InfoTask = Extract<TaskData, { kind: "info" }>;

/**
 * The longest side of the sample the pixels are read from, for the dominant
 * colour and the placeholders. sharp's stats() counts every pixel of the full
 * image, and computes entropy, sharpness and per-band statistics besides:
 * over 10 ms even for a 64x64 image, 200 ms for a 6-megapixel one. A sample
 * this size finds the same most populated bin but for near ties, holds more
 * than a placeholder shows, and JPEG and WebP decode it at a fraction of
 * their size.
 */
const SAMPLE_SIDE = 128;

const bitsPerSample: Partial<Record<string, number>> = { uchar: 8, char: 8, ushort: 16, short: 16, uint: 32, int: 32, float: 32, double: 64 };

function depth(metadata: Metadata): number {
  return metadata.bitsPerSample ?? bitsPerSample[metadata.depth ?? ""] ?? 0;
}

/** Describes an image from its header, plus its dominant colour and, when asked, its placeholders (which need the pixels). */
export async function describe(task: InfoTask, limits: WorkerSettings, context: TaskContext): Promise<InfoResponse__Output> {
  const { image } = task;
  const source = await readSource(image, { page: 0, disableAutoOrient: false, animated: false }, limits);
  const { metadata } = source;
  const sample = await rgbaPixels(fitInside(sharp(image, source.decodeOptions), SAMPLE_SIDE), "sample", context);
  const dominantColor = dominantColorOf(sample.data);
  const placeholders = task.placeholders ? await placeholdersOf(sample, context) : null;
  return {
    info: {
      format: source.format,
      width: source.width,
      height: source.height,
      sizeBytes: image.byteLength,
      hasAlpha: metadata.hasAlpha,
      pages: metadata.pages ?? 1,
      channels: metadata.channels,
      quality: 0,
    },
    orientation: metadata.orientation ?? 0,
    colorSpace: metadata.space,
    hasIccProfile: metadata.hasProfile,
    dominantColor,
    bitsPerSample: depth(metadata),
    progressive: metadata.isProgressive,
    // GIF and WebP carry these; a multi-page TIFF has pages but no timing.
    frameDelaysMs: metadata.delay ?? [],
    placeholders,
    ...(metadata.loop !== undefined && (metadata.pages ?? 1) > 1 ? { loop: metadata.loop } : {}),
  };
}
