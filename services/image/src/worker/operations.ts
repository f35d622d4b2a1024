import type { Linear__Output, Operation__Output, Position__Output, Resize__Output, Sharpen__Output } from "@pixelrpc/proto";
import sharp, { type ResizeOptions, type Sharp, type SharpenOptions } from "sharp";

import { parseColor, type Color } from "../contract/color.js";
import type { Size } from "./geometry.js";
import type { Layer } from "./layer.js";

const fits = {
  FIT_UNSPECIFIED: "cover",
  FIT_COVER: "cover",
  FIT_CONTAIN: "contain",
  FIT_FILL: "fill",
  FIT_INSIDE: "inside",
  FIT_OUTSIDE: "outside",
} as const;

const positions: Record<Position__Output, string | number> = {
  POSITION_UNSPECIFIED: "centre",
  POSITION_CENTER: "centre",
  POSITION_TOP: "top",
  POSITION_RIGHT_TOP: "right top",
  POSITION_RIGHT: "right",
  POSITION_RIGHT_BOTTOM: "right bottom",
  POSITION_BOTTOM: "bottom",
  POSITION_LEFT_BOTTOM: "left bottom",
  POSITION_LEFT: "left",
  POSITION_LEFT_TOP: "left top",
  POSITION_ENTROPY: sharp.strategy.entropy,
  POSITION_ATTENTION: sharp.strategy.attention,
};

const extendWith = {
  EXTEND_WITH_UNSPECIFIED: "background",
  EXTEND_WITH_BACKGROUND: "background",
  EXTEND_WITH_COPY: "copy",
  EXTEND_WITH_REPEAT: "repeat",
  EXTEND_WITH_MIRROR: "mirror",
} as const;

const DEFAULT_GAMMA = 2.2;
const DEFAULT_THRESHOLD = 128;
const DEFAULT_MEDIAN = 3;

/** The fields of `values` that are set: sharp takes an absent option as its default, and a 0 as 0. */
const defined = <Values extends Record<string, number | undefined>>(values: Values): { [Key in keyof Values]?: number } =>
  Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as { [Key in keyof Values]?: number };

/** sharp's linear(a, b): a list left empty takes its default for as many channels as the other names. */
function linearArguments({ a, b }: Linear__Output): [number | number[], number | number[]] {
  const channels = Math.max(a.length, b.length, 1);
  const filled = (values: readonly number[], fallback: number): number[] => (values.length > 0 ? [...values] : Array<number>(channels).fill(fallback));
  const [as, bs] = [filled(a, 1), filled(b, 0)];
  return channels === 1 ? [as[0]!, bs[0]!] : [as, bs];
}

/** How many blocks of `block` pixels cover an image of `size`: each becomes one pixel, then a block again. */
export const blocks = ({ width, height }: Size, block: number): Size => ({
  width: Math.max(1, Math.round(width / block)),
  height: Math.max(1, Math.round(height / block)),
});

/** The second half of pixelate: each pixel of the blocks' image back to a block, by repeating it, at the image's `size`. */
export const enlargeBlocks = (pipeline: Sharp, { width, height }: Size): Sharp => pipeline.resize({ width, height, fit: "fill", kernel: "nearest" });

/** Colours were validated on the way in; an empty one means sharp's default. */
function background(text: string): { background?: Color } {
  const color = parseColor(text);
  return color ? { background: color } : {};
}

function resizeOptions(resize: Resize__Output): ResizeOptions {
  return {
    ...(resize.width > 0 ? { width: resize.width } : {}),
    ...(resize.height > 0 ? { height: resize.height } : {}),
    fit: fits[resize.fit],
    position: positions[resize.position],
    withoutEnlargement: resize.withoutEnlargement,
    withoutReduction: resize.withoutReduction,
    ...background(resize.background),
  };
}

function sharpenOptions(sharpen: Sharpen__Output): SharpenOptions {
  const { sigma, m1, m2, x1, y2, y3 } = sharpen;
  const given = Object.entries({ m1, m2, x1, y2, y3 }).filter(([, value]) => value !== undefined);
  return { sigma, ...Object.fromEntries(given) };
}

/**
 * A mask of the image's shape with its corners rounded by `radius`, for
 * composite's `dest-in`: what the rectangle covers stays, the corners go.
 * The SVG is the service's own, numbers only.
 */
function roundedMask({ width, height }: Size, radius: number): Buffer {
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="${width}" height="${height}" rx="${radius}" ry="${radius}"/></svg>`,
  );
}

/**
 * Adds one operation to a sharp pipeline whose image is of `size`. Arguments
 * were validated by the server. A drawing step (composite, text) comes with
 * the layer it draws (layer.ts).
 */
export function applyOperation(pipeline: Sharp, operation: Operation__Output, size: Size, layer?: Layer): Sharp {
  switch (operation.operation) {
    case "resize":
      return pipeline.resize(resizeOptions(operation.resize!));
    case "extract":
      return pipeline.extract(operation.extract!);
    case "rotate":
      return pipeline.rotate(operation.rotate!.angle, background(operation.rotate!.background));
    case "flip":
      return pipeline.flip();
    case "flop":
      return pipeline.flop();
    case "blur": {
      const { sigma } = operation.blur!;
      return sigma === 0 ? pipeline.blur() : pipeline.blur(sigma);
    }
    case "sharpen": {
      const sharpen = operation.sharpen!;
      return sharpen.sigma === 0 ? pipeline.sharpen() : pipeline.sharpen(sharpenOptions(sharpen));
    }
    case "grayscale":
      return pipeline.grayscale();
    case "extend": {
      const { top, right, bottom, left, extendWith: fill } = operation.extend!;
      return pipeline.extend({ top, right, bottom, left, extendWith: extendWith[fill], ...background(operation.extend!.background) });
    }
    case "trim": {
      const { threshold, lineArt } = operation.trim!;
      return pipeline.trim({ ...(threshold === undefined ? {} : { threshold }), lineArt, ...background(operation.trim!.background) });
    }
    case "flatten":
      return pipeline.flatten(background(operation.flatten!.background));
    case "roundCorners": {
      const { radius, circle } = operation.roundCorners!;
      const largest = Math.min(size.width, size.height) / 2;
      return pipeline.ensureAlpha().composite([{ input: roundedMask(size, circle ? largest : Math.min(radius, largest)), blend: "dest-in" }]);
    }
    case "composite":
    case "text":
      if (!layer) throw new Error(`${operation.operation} reached its pipeline without its layer`);
      return pipeline.composite([layer]);
    case "modulate": {
      const { brightness, saturation, hue, lightness } = operation.modulate!;
      return pipeline.modulate({ ...defined({ brightness, saturation }), hue, lightness });
    }
    case "linear":
      return pipeline.linear(...linearArguments(operation.linear!));
    case "gamma": {
      const { gamma, gammaOut } = operation.gamma!;
      return pipeline.gamma(gamma || DEFAULT_GAMMA, gammaOut || gamma || DEFAULT_GAMMA);
    }
    case "tint":
      return pipeline.tint(parseColor(operation.tint!.color)!);
    case "normalize": {
      const { lower, upper } = operation.normalize!;
      return pipeline.normalise(defined({ lower, upper }));
    }
    case "clahe": {
      const { width, height, maxSlope } = operation.clahe!;
      return pipeline.clahe({ width, height, ...defined({ maxSlope }) });
    }
    case "negate":
      return pipeline.negate({ alpha: operation.negate!.alpha });
    case "threshold": {
      const { threshold, keepColor } = operation.threshold!;
      // sharp skips a threshold of 0; every value is at least 0, so every pixel is white.
      if (threshold === 0) return pipeline.linear(0, 255);
      return pipeline.threshold(threshold ?? DEFAULT_THRESHOLD, { greyscale: !keepColor });
    }
    case "median":
      return pipeline.median(operation.median!.size || DEFAULT_MEDIAN);
    case "pixelate": {
      // Down to one pixel a block; the way back up (pixelated()) needs these pixels first.
      return pipeline.resize({ ...blocks(size, operation.pixelate!.size), fit: "fill" });
    }
    case "convolve": {
      const { width, height, kernel, scale, offset } = operation.convolve!;
      const sum = kernel.reduce((total, weight) => total + weight, 0);
      return pipeline.convolve({ width, height, kernel, scale: scale ?? (sum || 1), offset });
    }
    case undefined:
      throw new Error("operation without a kind reached the worker; the server validates this");
  }
}

/** Whether `operation` can leave transparent pixels: rounded corners, a drawing step (a blend mode can cut), or a background colour with alpha below 1. */
export function mayAddTransparency(operation: Operation__Output): boolean {
  if (operation.operation === "roundCorners" || operation.operation === "composite" || operation.operation === "text") return true;
  if (operation.negate?.alpha) return true;
  const color = operation.resize?.background ?? operation.rotate?.background ?? operation.extend?.background ?? "";
  return (parseColor(color)?.alpha ?? 1) < 1;
}

/** What a format without alpha flattens onto: the background of the last rounded corners that name one, else `fallback`. */
export function flattenBackground(operations: readonly Operation__Output[], fallback: Color): Color {
  const named = operations.findLast((operation) => operation.roundCorners?.background);
  return parseColor(named?.roundCorners?.background ?? "") ?? fallback;
}
