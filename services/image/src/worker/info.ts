import type { InfoResponse__Output } from "@pixelrpc/proto";
import sharp, { type Metadata } from "sharp";

import type { WorkerSettings } from "../contract/task.js";
import type { TaskContext } from "./task-context.js";
import { dominantColorOf } from "./dominant-color.js";
import { readSource } from "./source.js";

const bitsPerSample: Partial<Record<string, number>> = { uchar: 8, char: 8, ushort: 16, short: 16, uint: 32, int: 32, float: 32, double: 64 };

function depth(metadata: Metadata): number {
  return metadata.bitsPerSample ?? bitsPerSample[metadata.depth ?? ""] ?? 0;
}

/** Describes an image from its header, plus its dominant colour (which needs the pixels). */
export async function describe(image: Uint8Array, limits: WorkerSettings, context: TaskContext): Promise<InfoResponse__Output> {
  const source = await readSource(image, { page: 0, disableAutoOrient: false, animated: false }, limits);
  const { metadata } = source;
  const dominantColor = await dominantColorOf(sharp(image, source.decodeOptions), context);
  return {
    info: {
      format: source.format,
      width: source.width,
      height: source.height,
      sizeBytes: image.byteLength,
      hasAlpha: metadata.hasAlpha,
      pages: metadata.pages ?? 1,
      channels: metadata.channels,
    },
    orientation: metadata.orientation ?? 0,
    colorSpace: metadata.space,
    hasIccProfile: metadata.hasProfile,
    dominantColor,
    bitsPerSample: depth(metadata),
    progressive: metadata.isProgressive,
    // GIF and WebP carry these; a multi-page TIFF has pages but no timing.
    frameDelaysMs: metadata.delay ?? [],
    ...(metadata.loop !== undefined && (metadata.pages ?? 1) > 1 ? { loop: metadata.loop } : {}),
  };
}
