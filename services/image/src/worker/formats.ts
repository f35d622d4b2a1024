import type { Format__Output, OutputFormat } from "@pixelrpc/proto";
import type { Metadata } from "sharp";

import { ImageRejection } from "./rejection.js";

/**
 * Maps what sharp detected to the API's format. libvips can read more (PDF,
 * FITS, its own .v format, ...), but those loaders are not meant for untrusted
 * input, so anything outside the documented set is refused.
 */
export function sourceFormat(metadata: Metadata): Format__Output {
  switch (metadata.format) {
    case "jpeg":
      return "FORMAT_JPEG";
    case "png":
      return "FORMAT_PNG";
    case "webp":
      return "FORMAT_WEBP";
    case "gif":
      return "FORMAT_GIF";
    case "tiff":
      return "FORMAT_TIFF";
    case "svg":
      return "FORMAT_SVG";
    case "heif":
      if (metadata.compression === "av1") return "FORMAT_AVIF";
      throw new ImageRejection(
        `unsupported image format: HEIF with ${metadata.compression ?? "unknown"} compression (only AVIF, that is HEIF with AV1, is supported)`,
      );
    default:
      throw new ImageRejection(`unsupported image format: ${metadata.format ?? "unknown"} (supported: JPEG, PNG, WebP, AVIF, GIF, TIFF, SVG)`);
  }
}

/** The format to encode to: the requested one, or the source's (PNG for SVG). */
export function outputFormat(requested: Format__Output, source: Format__Output): OutputFormat {
  const format = requested === "FORMAT_UNSPECIFIED" ? source : requested;
  if (format === "FORMAT_SVG") return "FORMAT_PNG";
  if (format === "FORMAT_UNSPECIFIED") throw new Error("the source format is never FORMAT_UNSPECIFIED");
  return format;
}
