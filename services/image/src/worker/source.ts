import type { Format__Output, InputOptions__Output } from "@pixelrpc/proto";
import sharp, { type Metadata, type SharpOptions } from "sharp";

import type { WorkerSettings } from "../contract/task.js";
import { sourceFormat } from "./formats.js";
import { megapixels, pixelLimitExcess } from "./geometry.js";
import { ImageRejection, describeLibvipsFailure, isLibvipsFailure } from "./rejection.js";
import { decodeDataUrl, svgDataUrls } from "./svg-references.js";

/** A validated source image: its header and the options to decode it with. */
export interface Source {
  readonly metadata: Metadata;
  readonly format: Format__Output;
  /** One page's size as displayed, after EXIF orientation when that applies. */
  readonly width: number;
  readonly height: number;
  /** How many frames the decode reads: all of an animation read as one (InputOptions.animated), else 1. */
  readonly frames: number;
  /** Constructor options for every decode of this source. */
  readonly decodeOptions: SharpOptions;
}

async function readHeader(image: Uint8Array, options: SharpOptions): Promise<Metadata> {
  try {
    // The limit is checked by the caller, against the page that will be decoded, with a message that names it.
    return await sharp(image, { ...options, limitInputPixels: false }).metadata();
  } catch (error) {
    if (!isLibvipsFailure(error)) throw error;
    throw new ImageRejection(`cannot read image: ${describeLibvipsFailure(error)}`);
  }
}

/**
 * An SVG can carry raster images of its own (`<image>`, `<feImage>`, as
 * data: URLs) that librsvg decodes, and its header does not show their size:
 * a 10x10 SVG can hold a 169-megapixel PNG. Their headers are read here and
 * their pixels count against the limit too. svgDataUrls finds them however
 * the XML or CSS spells them, and refuses what would load anything else.
 */
async function checkSvgEmbeddedImages(image: Uint8Array, maxInputPixels: number): Promise<void> {
  const text = Buffer.from(image.buffer, image.byteOffset, image.byteLength).toString("latin1");
  let pixels = 0;
  for (const url of svgDataUrls(text)) {
    const { mediaType, bytes } = decodeDataUrl(url);
    const header = await readHeader(bytes, {}).catch(() => {
      throw new ImageRejection(`SVG embeds a data: URL (${mediaType || "no media type"}) that is not an image this service can read`);
    });
    if (header.format === "svg" || mediaType === "image/svg+xml") {
      throw new ImageRejection("SVG embeds another SVG document as a data: URL, whose own references would go unchecked; only raster images may be embedded");
    }
    pixels += header.width * (header.pageHeight ?? header.height);
  }
  if (pixels > maxInputPixels) {
    throw new ImageRejection(
      `SVG embeds raster images of ${megapixels(pixels)} in all, over this service's limit of ${megapixels(maxInputPixels)}; it was not decoded`,
    );
  }
}

/**
 * Reads only the header of `image`, refuses what the service will not
 * decode (unknown formats, more pixels than `maxInputPixels`, pages that do
 * not exist), and returns how to decode it. No pixel is decoded here.
 * `animates` says whether the result can keep the frames of an animation
 * read with `input.animated` (the output format decides, and may be the
 * source's own); when it can, every frame is read and the pixel limit counts
 * them all.
 */
export async function readSource(
  image: Uint8Array,
  input: InputOptions__Output,
  limits: WorkerSettings,
  animates: (format: Format__Output) => boolean = () => false,
): Promise<Source> {
  const { maxInputPixels, maxInputBytes, maxInputDimension, maxInputPages } = limits;
  if (image.byteLength === 0) {
    throw new ImageRejection("image is empty: put the encoded image bytes in the `image` field");
  }
  if (image.byteLength > maxInputBytes) {
    throw new ImageRejection(`image is ${image.byteLength} bytes, over this service's input limit of ${maxInputBytes} bytes`);
  }
  let metadata = await readHeader(image, {});
  const format = sourceFormat(metadata);
  const pages = metadata.pages ?? 1;
  if (pages > maxInputPages) {
    throw new ImageRejection(`image has ${pages} pages or frames, over this service's limit of ${maxInputPages}; it was not decoded`);
  }
  if (input.page >= pages && input.page > 0) {
    throw new ImageRejection(`input.page ${input.page} does not exist: the image has ${pages} page${pages === 1 ? "" : "s"}`);
  }
  // HEIF/AVIF default to the primary image only while `page` is left unset.
  const page = input.page > 0 ? { page: input.page } : {};
  if (input.page > 0) metadata = await readHeader(image, page);
  if (format === "FORMAT_SVG") await checkSvgEmbeddedImages(image, maxInputPixels);
  const storedWidth = metadata.width;
  const storedHeight = metadata.pageHeight ?? metadata.height;
  const frames = input.animated && pages > 1 && animates(format) ? pages : 1;
  const excess = pixelLimitExcess({ width: storedWidth, height: storedHeight * frames }, maxInputPixels);
  if (excess) throw new ImageRejection(`image is ${excess}${frames > 1 ? ` in its ${frames} frames together` : ""}; it was not decoded`);
  if (Math.max(storedWidth, storedHeight) > maxInputDimension) {
    throw new ImageRejection(`image is ${storedWidth}x${storedHeight} pixels, a side over this service's limit of ${maxInputDimension}; it was not decoded`);
  }
  const autoOrient = !input.disableAutoOrient;
  const rotated = autoOrient && (metadata.orientation ?? 1) >= 5;
  return {
    metadata,
    format,
    width: rotated ? storedHeight : storedWidth,
    height: rotated ? storedWidth : storedHeight,
    frames,
    decodeOptions: {
      ...page,
      ...(frames > 1 ? { pages: -1 } : {}),
      autoOrient,
      limitInputPixels: maxInputPixels,
      // Refuse truncated files instead of padding them with grey; tolerate
      // the benign warnings that many real-world JPEGs trigger.
      failOn: "truncated",
    },
  };
}
