import {
  ExtendWith,
  Fit,
  Format,
  Position,
  type InputOptions__Output,
  type Operation__Output,
  type OutputOptions__Output,
  type TransformRequest__Output,
} from "@pixelrpc/proto";

import { parseColour } from "../colour.js";
import { RpcError } from "./rpc-error.js";

/** More steps than this in one request is a mistake or an attack, not a transform. */
export const MAX_OPERATIONS = 32;

/** Largest side any operation may ask for; the pixel limit bounds the area too. */
export const MAX_DIMENSION = 65535;

/** SVG is read, never written. */
const outputFormats = new Set(Object.keys(Format).filter((format) => format !== "FORMAT_SVG"));

function fail(message: string): never {
  throw RpcError.invalidArgument(message);
}

function colour(field: string, value: string): void {
  if (parseColour(value) === null) {
    fail(`${field} must be a hex colour such as "#ffffff" or "#00000000", got ${JSON.stringify(value)}`);
  }
}

/** `zero`, when given, says what 0 means ("or 0 for the encoder's default") and allows it. */
function range(field: string, value: number, min: number, max: number, zero?: string): void {
  if (zero !== undefined && value === 0) return;
  if (!Number.isFinite(value) || value < min || value > max) {
    fail(`${field} must be from ${min} to ${max}${zero ? ` (${zero})` : ""}, got ${value}`);
  }
}

function enumValue(field: string, value: string | number, known: Record<string, unknown>): void {
  if (typeof value !== "string" || !Object.hasOwn(known, value)) fail(`${field} has an unknown value ${value}`);
}

const smartPositions = new Set(["POSITION_ENTROPY", "POSITION_ATTENTION"]);

function operation(op: Operation__Output, path: string): void {
  switch (op.operation) {
    case undefined:
      return fail(`${path} names no operation: set one of resize, extract, rotate, flip, flop, blur, sharpen, grayscale, extend, trim, flatten`);
    case "resize": {
      const resize = op.resize!;
      if (resize.width === 0 && resize.height === 0) fail(`${path}.resize needs a width, a height or both`);
      range(`${path}.resize.width`, resize.width, 1, MAX_DIMENSION, "or 0 to derive it from the height");
      range(`${path}.resize.height`, resize.height, 1, MAX_DIMENSION, "or 0 to derive it from the width");
      enumValue(`${path}.resize.fit`, resize.fit, Fit);
      enumValue(`${path}.resize.position`, resize.position, Position);
      if (smartPositions.has(resize.position) && !["FIT_UNSPECIFIED", "FIT_COVER"].includes(resize.fit)) {
        fail(`${path}.resize.position ${resize.position} needs fit FIT_COVER, got ${resize.fit}`);
      }
      if (resize.withoutEnlargement && resize.withoutReduction) {
        fail(`${path}.resize: without_enlargement and without_reduction together would forbid any resize`);
      }
      return colour(`${path}.resize.background`, resize.background);
    }
    case "extract": {
      const { width, height } = op.extract!;
      range(`${path}.extract.width`, width, 1, MAX_DIMENSION);
      return range(`${path}.extract.height`, height, 1, MAX_DIMENSION);
    }
    case "rotate":
      range(`${path}.rotate.angle`, op.rotate!.angle, -360_000, 360_000);
      return colour(`${path}.rotate.background`, op.rotate!.background);
    case "blur":
      return range(`${path}.blur.sigma`, op.blur!.sigma, 0.3, 1000, "or 0 for a fast mild blur");
    case "sharpen": {
      const sharpen = op.sharpen!;
      const { sigma, ...rest } = sharpen;
      if (sigma === 0 && Object.values(rest).some((value) => value !== 0)) {
        fail(`${path}.sharpen.sigma is required when m1, m2, x1, y2 or y3 is set`);
      }
      range(`${path}.sharpen.sigma`, sigma, 0.000001, 10, "or 0 for a fast mild sharpen");
      for (const [name, value] of Object.entries(rest)) range(`${path}.sharpen.${name}`, value, 0, 1_000_000);
      return;
    }
    case "extend": {
      const extend = op.extend!;
      for (const side of ["top", "right", "bottom", "left"] as const) range(`${path}.extend.${side}`, extend[side], 0, MAX_DIMENSION);
      enumValue(`${path}.extend.extend_with`, extend.extendWith, ExtendWith);
      return colour(`${path}.extend.background`, extend.background);
    }
    case "trim":
      range(`${path}.trim.threshold`, op.trim!.threshold, 0, 255);
      return colour(`${path}.trim.background`, op.trim!.background);
    case "flatten":
      return colour(`${path}.flatten.background`, op.flatten!.background);
    case "flip":
    case "flop":
    case "grayscale":
      return;
  }
}

function outputOptions(output: OutputOptions__Output): void {
  if (!outputFormats.has(String(output.format))) {
    fail(
      output.format === "FORMAT_SVG"
        ? "output.format FORMAT_SVG is an input format only; choose JPEG, PNG, WebP, AVIF, GIF or TIFF"
        : `output.format has an unknown value ${output.format}`,
    );
  }
  range("output.quality", output.quality, 1, 100, "or 0 for the encoder's default");
  range("output.effort", output.effort, 0, 10);
}

/**
 * Checks every argument that does not depend on the image, so a bad request
 * fails at once instead of waiting for a worker. Checks that need the image
 * (extract bounds, pixel limits, per-format effort) run in the worker.
 */
export function validateTransformRequest(request: Pick<TransformRequest__Output, "operations" | "output">): void {
  if (request.operations.length > MAX_OPERATIONS) {
    fail(`operations has ${request.operations.length} steps; at most ${MAX_OPERATIONS} are allowed`);
  }
  request.operations.forEach((op, index) => operation(op, `operations[${index}]`));
  if (request.output) outputOptions(request.output);
}

/** What an absent `output` means: keep the input's format with the encoder's defaults. */
export const defaultOutputOptions: OutputOptions__Output = {
  format: "FORMAT_UNSPECIFIED",
  quality: 0,
  lossless: false,
  progressive: false,
  effort: 0,
  keepMetadata: false,
};

/** What an absent `input` means: the first page, EXIF orientation applied. */
export const defaultInputOptions: InputOptions__Output = { page: 0, disableAutoOrient: false };
