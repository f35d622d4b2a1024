import { formats, type FormatEntry, type OutputFormat, type OutputOptions__Output } from "@pixelrpc/proto";
import type { Sharp } from "sharp";

import { ImageRejection } from "./rejection.js";

/** Formats without an alpha channel get transparent pixels flattened onto this. */
export const FLATTEN_BACKGROUND = { r: 255, g: 255, b: 255, alpha: 1 } as const;

const formatName = (format: OutputFormat): string => format.slice("FORMAT_".length);

/** Refuses output options that the chosen encoder cannot honour. */
function checkOptions(format: OutputFormat, output: OutputOptions__Output): void {
  const entry: FormatEntry = formats[format];
  const range = entry.effort;
  if (output.effort !== 0 && range === undefined) {
    throw new ImageRejection(`output.effort is not supported for ${formatName(format)}`);
  }
  if (range && output.effort !== 0 && (output.effort < range[0] || output.effort > range[1])) {
    throw new ImageRejection(`output.effort ${output.effort} is out of range for ${formatName(format)}: ${range[0]} to ${range[1]}`);
  }
  if (output.lossless && !entry.lossless) {
    throw new ImageRejection(`output.lossless is not supported for ${formatName(format)}`);
  }
}

const quality = (output: OutputOptions__Output): { quality?: number } => (output.quality > 0 ? { quality: output.quality } : {});

const effort = (output: OutputOptions__Output): { effort?: number } => (output.effort > 0 ? { effort: output.effort } : {});

/**
 * Configures the encoder. PNG and TIFF are lossless unless `quality` asks
 * for palette quantisation (PNG) or JPEG compression (TIFF).
 */
export function encode(pipeline: Sharp, format: OutputFormat, output: OutputOptions__Output): Sharp {
  checkOptions(format, output);
  const encoded = output.keepMetadata ? pipeline.keepMetadata() : pipeline;
  switch (format) {
    case "FORMAT_JPEG":
      return encoded.jpeg({ ...quality(output), progressive: output.progressive, mozjpeg: false });
    case "FORMAT_PNG":
      return encoded.png({
        progressive: output.progressive,
        // PNG's "effort" is how hard zlib works: 1 to 10 maps to levels 0 to 9.
        ...(output.effort > 0 ? { compressionLevel: output.effort - 1 } : {}),
        ...(output.quality > 0 && !output.lossless ? { palette: true, quality: output.quality } : {}),
      });
    case "FORMAT_WEBP":
      return encoded.webp({ ...quality(output), ...effort(output), lossless: output.lossless });
    case "FORMAT_AVIF":
      return encoded.avif({ ...quality(output), ...effort(output), lossless: output.lossless });
    case "FORMAT_GIF":
      return encoded.gif({ ...effort(output), progressive: output.progressive });
    case "FORMAT_TIFF":
      return encoded.tiff(output.lossless || output.quality === 0 ? { compression: "deflate" } : { compression: "jpeg", quality: output.quality });
  }
}
