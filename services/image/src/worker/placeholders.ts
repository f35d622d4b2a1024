import type { Placeholders__Output } from "@pixelrpc/proto";
import { encode as blurhashOf } from "blurhash";
import sharp, { type Sharp } from "sharp";
import { rgbaToThumbHash } from "thumbhash";

import { highestFitting } from "./budget.js";
import type { Size } from "./geometry.js";
import { rgbaPixels } from "./rgba.js";
import type { TaskContext } from "./task-context.js";

/** ThumbHash reads at most 100 pixels a side. */
const THUMBHASH_SIDE = 100;
/** Components along the longer side; the shorter side gets its share by the aspect ratio. */
const BLURHASH_COMPONENTS = 4;

const LQIP_PREFIX = "data:image/webp;base64,";
/** The longest data: URL an lqip may be, and the WebP bytes whose base64 fits it. */
const MAX_LQIP_CHARACTERS = 1024;
const LQIP_BYTES = Math.floor((MAX_LQIP_CHARACTERS - LQIP_PREFIX.length) / 4) * 3;
/**
 * The lqip's longest side, largest first: almost every image fits 32 pixels
 * in the budget; noisy transparency may need fewer. BlurHash reads the
 * largest: its encoder computes every component over every pixel, and 32
 * pixels hold far more detail than 4x4 components can show.
 */
const LQIP_SIDES = [32, 16, 8] as const;
/** A placeholder is upscaled and blurred by the page: quality past this buys nothing it shows. */
const LQIP_QUALITY = 50;

/** A sample of at most `side` pixels a side, never larger than its source. */
export const fitInside = (pipeline: Sharp, side: number): Sharp => pipeline.resize(side, side, { fit: "inside", withoutEnlargement: true });

/** The components of a BlurHash for a `width` x `height` image: 4 on the longer side, 1 to 4 on the other by the aspect ratio. */
function blurhashComponents(width: number, height: number): { x: number; y: number } {
  const shorter = Math.max(1, Math.round((BLURHASH_COMPONENTS * Math.min(width, height)) / Math.max(width, height)));
  return width >= height ? { x: BLURHASH_COMPONENTS, y: shorter } : { x: shorter, y: BLURHASH_COMPONENTS };
}

/** RGBA pixels with every pixel seen on white at its opacity, as BlurHash (which reads RGB only) should see them. */
function onWhite(rgba: Buffer): Uint8ClampedArray {
  const seen = new Uint8ClampedArray(rgba.length);
  for (let offset = 0; offset < rgba.length; offset += 4) {
    const alpha = rgba[offset + 3]! / 255;
    for (let channel = 0; channel < 3; channel++) seen[offset + channel] = rgba[offset + channel]! * alpha + 255 * (1 - alpha);
    seen[offset + 3] = 255;
  }
  return seen;
}

type Pixels = { readonly data: Buffer; readonly size: Size };

/** `pixels` (RGBA) scaled down to at most `side` pixels a side. */
async function scaled({ data, size }: Pixels, side: number, context: TaskContext): Promise<Pixels> {
  if (Math.max(size.width, size.height) <= side) return { data, size };
  return rgbaPixels(fitInside(sharp(data, { raw: { ...size, channels: 4 } }), side), "placeholders", context);
}

/** The lossy WebP of `pixels` whose data: URL fits MAX_LQIP_CHARACTERS: the highest quality up to LQIP_QUALITY that fits, at the largest of `sides`. */
async function lqipOf(pixels: Pixels, context: TaskContext, sides: readonly number[] = LQIP_SIDES.slice(1)): Promise<string> {
  const found = await highestFitting(LQIP_BYTES, LQIP_QUALITY, "FORMAT_WEBP", async (quality) => {
    const webp = await sharp(pixels.data, { raw: { ...pixels.size, channels: 4 } })
      .webp({ quality, alphaQuality: quality })
      .toBuffer();
    return { quality, bytes: webp.byteLength, result: webp };
  });
  if (found.fits) return LQIP_PREFIX + found.result.toString("base64");
  const [side, ...smaller] = sides;
  if (side === undefined) throw new Error(`an lqip of ${pixels.size.width}x${pixels.size.height} pixels took ${found.bytes} bytes, over ${LQIP_BYTES}`);
  return lqipOf(await scaled(pixels, side, context), context, smaller);
}

/**
 * BlurHash, ThumbHash and a tiny WebP of `sample`, RGBA pixels of the image
 * as it is displayed, at most 128 a side (info.ts reads it for the dominant
 * colour too: decoding is the cost).
 */
export async function placeholdersOf(sample: Pixels, context: TaskContext): Promise<Placeholders__Output> {
  const forThumbhash = await scaled(sample, THUMBHASH_SIDE, context);
  const small = await scaled(sample, LQIP_SIDES[0], context);
  const { x, y } = blurhashComponents(sample.size.width, sample.size.height);
  return {
    blurhash: blurhashOf(onWhite(small.data), small.size.width, small.size.height, x, y),
    thumbhash: Buffer.from(rgbaToThumbHash(forThumbhash.size.width, forThumbhash.size.height, forThumbhash.data)).toString("base64"),
    lqip: await lqipOf(small, context),
  };
}
