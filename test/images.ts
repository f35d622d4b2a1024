/** Decoding helpers: every test checks the pixels that came back, not just that something did. */
import type { TransformRequest } from "@pixelrpc/client";
import sharp, { type Metadata } from "sharp";

export interface Decoded {
  readonly metadata: Metadata;
  readonly width: number;
  readonly height: number;
  readonly channels: number;
  readonly data: Buffer;
}

/** Decodes an encoded image to 8-bit raw pixels, keeping its own channel count. */
export async function decode(image: Uint8Array): Promise<Decoded> {
  const metadata = await sharp(image).metadata();
  const { data, info } = await sharp(image).raw().toBuffer({ resolveWithObject: true });
  return { metadata, width: info.width, height: info.height, channels: info.channels, data };
}

/** The pixel at (x, y), one number per channel. */
export function pixel(decoded: Decoded, x: number, y: number): number[] {
  const offset = (y * decoded.width + x) * decoded.channels;
  return [...decoded.data.subarray(offset, offset + decoded.channels)];
}

/** The largest per-channel difference between two colours, over the channels `expected` gives. */
export function colorDistance(actual: readonly number[], expected: readonly number[]): number {
  return Math.max(...expected.map((value, index) => Math.abs(value - (actual[index] ?? Number.NaN))));
}

/** Mean of each of the first three channels (RGB, or grey repeated). */
export async function meanColor(image: Uint8Array): Promise<number[]> {
  const { channels } = await sharp(image).removeAlpha().toColourspace("srgb").stats();
  return [0, 1, 2].map((index) => (channels[index] ?? channels[0]!).mean);
}

/**
 * 64-bit difference hash: shrink to 9x8 grey and compare neighbours. Images
 * that look the same have hashes a few bits apart, whatever their encoding.
 */
export async function differenceHash(image: Uint8Array): Promise<bigint> {
  const data = await sharp(image).grayscale().resize(9, 8, { fit: "fill" }).raw().toBuffer();
  let hash = 0n;
  for (let row = 0; row < 8; row++) {
    for (let column = 0; column < 8; column++) {
      hash = (hash << 1n) | (data[row * 9 + column]! > data[row * 9 + column + 1]! ? 1n : 0n);
    }
  }
  return hash;
}

/** Mean absolute difference of two images' 32x32 grey thumbnails, 0 to 255: near 0 means the same picture. */
export async function thumbnailDifference(a: Uint8Array, b: Uint8Array): Promise<number> {
  const thumbnail = (image: Uint8Array) => sharp(image).grayscale().resize(32, 32, { fit: "fill" }).raw().toBuffer();
  const [first, second] = await Promise.all([thumbnail(a), thumbnail(b)]);
  let total = 0;
  for (let index = 0; index < first.length; index++) total += Math.abs(first[index]! - second[index]!);
  return total / first.length;
}

export function hammingDistance(a: bigint, b: bigint): number {
  let difference = a ^ b;
  let bits = 0;
  while (difference > 0n) {
    bits += Number(difference & 1n);
    difference >>= 1n;
  }
  return bits;
}

/** A solid-colour PNG, made in the test rather than stored. */
export function solid(width: number, height: number, color: { r: number; g: number; b: number; alpha?: number }): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 4, background: { alpha: 1, ...color } } })
    .png()
    .toBuffer();
}

/** A PNG split into four coloured quadrants: red, green / blue, white. */
export function quadrants(width: number, height: number): Promise<Buffer> {
  const halfWidth = width / 2;
  const halfHeight = height / 2;
  const block = (r: number, g: number, b: number) => ({
    input: { create: { width: halfWidth, height: halfHeight, channels: 3 as const, background: { r, g, b } } },
  });
  return sharp({ create: { width, height, channels: 3, background: { r: 0, g: 0, b: 0 } } })
    .composite([
      { ...block(255, 0, 0), left: 0, top: 0 },
      { ...block(0, 255, 0), left: halfWidth, top: 0 },
      { ...block(0, 0, 255), left: 0, top: halfHeight },
      { ...block(255, 255, 255), left: halfWidth, top: halfHeight },
    ])
    .png()
    .toBuffer();
}

export const RED = [255, 0, 0];
export const GREEN = [0, 255, 0];
export const BLUE = [0, 0, 255];
export const WHITE = [255, 255, 255];

/** Seconds of blur on a megapixel: far beyond any limit here, and no prediction refuses it up front. */
export const endlessBlur = async (): Promise<TransformRequest> => ({
  image: await solid(1000, 1000, { r: 10, g: 200, b: 30 }),
  operations: [{ blur: { sigma: 1000 } }],
  output: { format: "FORMAT_PNG" },
});
