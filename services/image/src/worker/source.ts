import type { Format__Output, InputOptions__Output } from "@pixelrpc/proto";
import sharp, { type Metadata, type SharpOptions } from "sharp";

import { sourceFormat } from "./formats.js";
import { pixelLimitExcess } from "./geometry.js";
import { ImageRejection, describeLibvipsFailure, isLibvipsFailure } from "./rejection.js";

/** A validated source image: its header and the options to decode it with. */
export interface Source {
  readonly metadata: Metadata;
  readonly format: Format__Output;
  /** One page's size as displayed, after EXIF orientation when that applies. */
  readonly width: number;
  readonly height: number;
  /** Constructor options for every decode of this source. */
  readonly decodeOptions: SharpOptions;
}

/**
 * Reads only the header of `image`, refuses what the service will not
 * decode (unknown formats, more pixels than `maxInputPixels`), and returns
 * how to decode it. No pixel is decoded here.
 */
export async function readSource(
  image: Uint8Array,
  input: InputOptions__Output,
  maxInputPixels: number,
): Promise<Source> {
  if (image.byteLength === 0) {
    throw new ImageRejection("image is empty: put the encoded image bytes in the `image` field");
  }
  // HEIF/AVIF default to the primary image only while `page` is left unset.
  const page = input.page > 0 ? { page: input.page } : {};
  let metadata: Metadata;
  try {
    // The limit is checked below, against the page that will be decoded, with a message that names it.
    metadata = await sharp(image, { ...page, limitInputPixels: false }).metadata();
  } catch (error) {
    if (!isLibvipsFailure(error)) throw error;
    throw new ImageRejection(`cannot read image: ${describeLibvipsFailure(error)}`);
  }
  const format = sourceFormat(metadata);
  const storedWidth = metadata.width;
  const storedHeight = metadata.pageHeight ?? metadata.height;
  const excess = pixelLimitExcess({ width: storedWidth, height: storedHeight }, maxInputPixels);
  if (excess) throw new ImageRejection(`image is ${excess}; it was not decoded`);
  if (input.page > 0 && input.page >= (metadata.pages ?? 1)) {
    throw new ImageRejection(`input.page ${input.page} does not exist: the image has ${metadata.pages ?? 1} page(s)`);
  }
  const autoOrient = !input.disableAutoOrient;
  const rotated = autoOrient && (metadata.orientation ?? 1) >= 5;
  return {
    metadata,
    format,
    width: rotated ? storedHeight : storedWidth,
    height: rotated ? storedWidth : storedHeight,
    decodeOptions: {
      ...page,
      autoOrient,
      limitInputPixels: maxInputPixels,
      // Refuse truncated files instead of padding them with grey; tolerate
      // the benign warnings that many real-world JPEGs trigger.
      failOn: "truncated",
    },
  };
}
