import type { Operation__Output, Position__Output, Resize__Output, Sharpen__Output } from "@pixelrpc/proto";
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
  const given = Object.entries({ m1, m2, x1, y2, y3 }).filter(([, value]) => value !== 0);
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
      return pipeline.trim({ ...(threshold > 0 ? { threshold } : {}), lineArt, ...background(operation.trim!.background) });
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
    case undefined:
      throw new Error("operation without a kind reached the worker; the server validates this");
  }
}

/** Whether `operation` can leave transparent pixels: rounded corners, a drawing step (a blend mode can cut), or a background colour with alpha below 1. */
export function mayAddTransparency(operation: Operation__Output): boolean {
  if (operation.operation === "roundCorners" || operation.operation === "composite" || operation.operation === "text") return true;
  const color = operation.resize?.background ?? operation.rotate?.background ?? operation.extend?.background ?? "";
  return (parseColor(color)?.alpha ?? 1) < 1;
}

/** What a format without alpha flattens onto: the background of the last rounded corners that name one, else `fallback`. */
export function flattenBackground(operations: readonly Operation__Output[], fallback: Color): Color {
  const named = operations.findLast((operation) => operation.roundCorners?.background);
  return parseColor(named?.roundCorners?.background ?? "") ?? fallback;
}
