/**
 * Builders for the objects @grpc/proto-loader hands the service (camelCase
 * fields, enums as strings, every scalar default filled in, the oneof's name
 * in `operation`), so a test states only the fields it is about.
 */
import type {
  Blur__Output,
  Extend__Output,
  Extract__Output,
  Flatten__Output,
  Operation__Output,
  OutputOptions__Output,
  Resize__Output,
  Rotate__Output,
  Sharpen__Output,
  TransformRequest__Output,
  Trim__Output,
} from "@pixelrpc/proto";

import { defaultOutputOptions } from "../src/server/validate.js";

/** An enum number the schema does not know, as proto-loader passes it through (a number, not a name). */
export const UNKNOWN_ENUM = 99 as never;

export const resize = (fields: Partial<Resize__Output> = {}): Operation__Output => ({
  operation: "resize",
  resize: {
    width: 0,
    height: 0,
    fit: "FIT_UNSPECIFIED",
    position: "POSITION_UNSPECIFIED",
    withoutEnlargement: false,
    background: "",
    withoutReduction: false,
    ...fields,
  },
});

export const extract = (fields: Partial<Extract__Output> = {}): Operation__Output => ({
  operation: "extract",
  extract: { left: 0, top: 0, width: 0, height: 0, ...fields },
});

export const rotate = (fields: Partial<Rotate__Output> = {}): Operation__Output => ({
  operation: "rotate",
  rotate: { angle: 0, background: "", ...fields },
});

export const blur = (fields: Partial<Blur__Output> = {}): Operation__Output => ({
  operation: "blur",
  blur: { sigma: 0, ...fields },
});

export const sharpen = (fields: Partial<Sharpen__Output> = {}): Operation__Output => ({
  operation: "sharpen",
  // As grpc-js gives a message whose optional levels are unset.
  sharpen: { sigma: 0, ...fields },
});

export const extend = (fields: Partial<Extend__Output> = {}): Operation__Output => ({
  operation: "extend",
  extend: { top: 0, right: 0, bottom: 0, left: 0, background: "", extendWith: "EXTEND_WITH_UNSPECIFIED", ...fields },
});

export const trim = (fields: Partial<Trim__Output> = {}): Operation__Output => ({
  operation: "trim",
  trim: { background: "", lineArt: false, ...fields },
});

export const flatten = (fields: Partial<Flatten__Output> = {}): Operation__Output => ({
  operation: "flatten",
  flatten: { background: "", ...fields },
});

export const flip = (): Operation__Output => ({ operation: "flip", flip: {} });
export const flop = (): Operation__Output => ({ operation: "flop", flop: {} });
export const grayscale = (): Operation__Output => ({ operation: "grayscale", grayscale: {} });

export const output = (fields: Partial<OutputOptions__Output> = {}): OutputOptions__Output => ({
  ...defaultOutputOptions,
  ...fields,
});

/** A TransformRequest; `out` null means the caller sent no `output`, as proto-loader reports it. */
export const request = (operations: Operation__Output[] = [], out: OutputOptions__Output | null = null): TransformRequest__Output => ({
  image: Buffer.alloc(0),
  preset: "",
  operations,
  output: out,
  input: null,
});
