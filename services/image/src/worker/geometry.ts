import type { Operation__Output, Resize__Output } from "@pixelrpc/proto";

import { ImageRejection } from "./rejection.js";

export interface Size {
  readonly width: number;
  readonly height: number;
}

/** The size sharp gives for `resize` with neither without_enlargement nor without_reduction. */
function fitted(size: Size, resize: Resize__Output): Size {
  const { width, height } = resize;
  // With one side given, FIT_FILL stretches that side and leaves the other.
  if (resize.fit === "FIT_FILL" && (width === 0 || height === 0)) {
    return { width: width || size.width, height: height || size.height };
  }
  if (width === 0) return { width: Math.max(1, Math.round((size.width * height) / size.height)), height };
  if (height === 0) return { width, height: Math.max(1, Math.round((size.height * width) / size.width)) };
  const fit = resize.fit;
  if (fit === "FIT_INSIDE" || fit === "FIT_OUTSIDE") {
    const scales = [width / size.width, height / size.height];
    const scale = fit === "FIT_INSIDE" ? Math.min(...scales) : Math.max(...scales);
    return { width: Math.max(1, Math.round(size.width * scale)), height: Math.max(1, Math.round(size.height * scale)) };
  }
  return { width, height };
}

/**
 * An upper bound of what sharp makes of `resize`. without_reduction keeps a
 * side that is already larger than asked; without_enlargement keeps a side
 * from growing, except that FIT_CONTAIN still pads to the box, so there the
 * plain size stands as the bound.
 */
function resized(size: Size, resize: Resize__Output): Size {
  const plain = fitted(size, resize);
  if (resize.withoutReduction) {
    return { width: Math.max(plain.width, size.width), height: Math.max(plain.height, size.height) };
  }
  if (resize.withoutEnlargement && resize.fit !== "FIT_CONTAIN") {
    return { width: Math.min(plain.width, size.width), height: Math.min(plain.height, size.height) };
  }
  return plain;
}

function rotated(size: Size, angle: number): Size {
  const quarterTurns = angle / 90;
  if (Number.isInteger(quarterTurns)) return quarterTurns % 2 === 0 ? size : { width: size.height, height: size.width };
  const radians = (angle * Math.PI) / 180;
  const cos = Math.abs(Math.cos(radians));
  const sin = Math.abs(Math.sin(radians));
  return {
    width: Math.ceil(size.width * cos + size.height * sin),
    height: Math.ceil(size.width * sin + size.height * cos),
  };
}

/**
 * The largest image libvips holds while running `operation`. FIT_COVER
 * scales the whole image to cover the box before it crops, and the smart
 * crops analyse all of that scaled image: from a 100x1 input, a 1x3000 box
 * means a 300000x3000 intermediate, however small the result.
 */
export function largestSizeDuring(operation: Operation__Output, size: Size): Size {
  const resize = operation.resize;
  const after = sizeAfter(operation, size);
  const covers = resize && resize.width > 0 && resize.height > 0 && (resize.fit === "FIT_COVER" || resize.fit === "FIT_UNSPECIFIED");
  if (!covers) return after;
  const scaled = resized(size, { ...resize, fit: "FIT_OUTSIDE" });
  return { width: Math.max(scaled.width, after.width), height: Math.max(scaled.height, after.height) };
}

/**
 * The largest size `operation` can produce from an image of `size`. Checked
 * before each step runs, so a request cannot make libvips allocate an
 * enormous canvas (a 100000-pixel-wide resize, a huge extend).
 */
export function sizeAfter(operation: Operation__Output, size: Size): Size {
  switch (operation.operation) {
    case "resize":
      return resized(size, operation.resize!);
    case "extract":
      return { width: operation.extract!.width, height: operation.extract!.height };
    case "rotate":
      return rotated(size, operation.rotate!.angle);
    case "extend": {
      const { top, right, bottom, left } = operation.extend!;
      return { width: size.width + left + right, height: size.height + top + bottom };
    }
    default:
      return size;
  }
}

/** Refuses an extract region that does not lie within the image it is taken from. */
export function checkExtractRegion(operation: Operation__Output, size: Size, path: string): void {
  const region = operation.extract;
  if (!region) return;
  if (region.left + region.width > size.width || region.top + region.height > size.height) {
    throw new ImageRejection(
      `${path}.extract: the region ${region.width}x${region.height} at (${region.left}, ${region.top}) is outside the ${size.width}x${size.height} image at that step`,
    );
  }
}

export const megapixels = (pixels: number): string => `${(pixels / 1e6).toFixed(1)} megapixels`;
const exactPixels = (pixels: number): string => `${pixels.toLocaleString("en-US")} pixels`;

/**
 * Describes how `size` breaks the pixel limit ("20000x14000 pixels (280.0
 * megapixels), over ..."), or returns undefined when it is within it.
 */
export function pixelLimitExcess(size: Size, maxPixels: number): string | undefined {
  const pixels = size.width * size.height;
  if (pixels <= maxPixels) return undefined;
  // Just over the limit, one decimal would print the same figure twice.
  const [have, limit] =
    megapixels(pixels) === megapixels(maxPixels) ? [exactPixels(pixels), exactPixels(maxPixels)] : [megapixels(pixels), megapixels(maxPixels)];
  return `${size.width}x${size.height} pixels (${have}), over this service's limit of ${limit}`;
}
