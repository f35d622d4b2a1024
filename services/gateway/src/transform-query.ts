import {
  fitNamed,
  fitNames,
  positionNamed,
  positionNames,
  type FitName,
  type Format,
  type Operation,
  type OutputOptions,
  type PositionName,
  type TransformStreamRequest,
} from "@pixelrpc/client";

import { HttpProblem } from "./problems.js";
import type { QuerySpec } from "./query.js";

/**
 * The compact query-string form of a transform, imgproxy/imaginary style:
 * `?w=800&h=600&fit=cover&position=attention&format=webp&q=80`. A query
 * string cannot say in what order operations run, so they run in this one:
 * trim, extract, resize, rotate, flip, flop, flatten, grayscale, blur, sharpen.
 */
export interface TransformQuery {
  w?: number;
  h?: number;
  fit?: FitName;
  position?: PositionName;
  bg?: string;
  without_enlargement?: boolean;
  trim?: number;
  extract?: [left: number, top: number, width: number, height: number];
  rotate?: number;
  flip?: boolean;
  flop?: boolean;
  flatten?: string;
  grayscale?: boolean;
  blur?: number;
  sharpen?: number;
  format?: (typeof formatNames)[number];
  q?: number;
  lossless?: boolean;
  progressive?: boolean;
  effort?: number;
  keep_metadata?: boolean;
}

const formatNames = ["jpeg", "png", "webp", "avif", "gif", "tiff", "auto"] as const;

const colour = {
  type: "string",
  pattern: /^#?(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/,
  expected: "a hex colour: rgb, rgba, rrggbb or rrggbbaa, with or without #",
  maxLength: 9,
} as const;
const flag = { type: "boolean" } as const;
const side = { type: "integer", min: 0, max: 65535 } as const;

/** The query parameters of a transform; the names other services give them lead the way to ours in errors. */
export const transformQuerySpec = {
  w: { ...side, description: "width; 0 or absent derives it from h", suggestFor: ["width"] },
  h: { ...side, description: "height; 0 or absent derives it from w", suggestFor: ["height"] },
  fit: { type: "enum", values: fitNames, suggestFor: ["crop", "mode", "resize"] },
  position: { type: "enum", values: positionNames, suggestFor: ["gravity", "pos", "anchor", "crop_position"] },
  bg: { ...colour, description: "padding colour for fit=contain, hex", suggestFor: ["background", "color", "colour"] },
  without_enlargement: { ...flag, suggestFor: ["enlarge", "no_upscale", "noupscale"] },
  trim: { type: "number", min: 0, max: 255, description: "trim edges; the value is the threshold (0 = default 10)" },
  extract: { type: "integers", count: 4, min: 0, max: 65535, names: "left,top,width,height", suggestFor: ["crop_area", "area", "region"] },
  rotate: { type: "number", min: -360_000, max: 360_000, description: "clockwise, in degrees", suggestFor: ["angle", "rotation"] },
  flip: flag,
  flop: flag,
  flatten: { ...colour, description: "background to merge the alpha channel onto, hex" },
  grayscale: { ...flag, suggestFor: ["greyscale", "gray", "grey", "bw"] },
  blur: { type: "number", min: 0, max: 1000, description: "Gaussian sigma, 0.3 to 1000; 0 is a fast mild blur", suggestFor: ["sigma"] },
  sharpen: { type: "number", min: 0, max: 10, description: "sigma, 0.000001 to 10; 0 is a fast mild sharpen" },
  format: { type: "enum", values: formatNames, suggestFor: ["fm", "type", "output", "f", "ext"] },
  q: { type: "integer", min: 1, max: 100, description: "encoder quality", suggestFor: ["quality", "qual"] },
  lossless: flag,
  progressive: { ...flag, suggestFor: ["interlace", "interlaced"] },
  effort: { type: "integer", min: 0, max: 10, suggestFor: ["compression", "speed"] },
  keep_metadata: { ...flag, suggestFor: ["strip", "strip_metadata", "metadata", "keep_exif"] },
} as const satisfies QuerySpec;

const hex = (value: string): string => (value.startsWith("#") ? value : `#${value}`);

/** The formats `format=auto` chooses from, best first, by the media type an Accept header names. */
const negotiable: [mediaType: string, format: Format][] = [
  ["image/avif", "FORMAT_AVIF"],
  ["image/webp", "FORMAT_WEBP"],
];

/** `format=auto`: AVIF or WebP when the Accept header admits them (q > 0), else JPEG. */
export function negotiateFormat(accept: string | undefined): Format {
  const admitted = new Set(
    (accept ?? "")
      .split(",")
      .map((part) => part.trim().split(";"))
      .filter(([, ...parameters]) => !parameters.some((parameter) => /^\s*q\s*=\s*0(\.0*)?\s*$/.test(parameter)))
      .map(([mediaType]) => mediaType!.trim().toLowerCase()),
  );
  return negotiable.find(([mediaType]) => admitted.has(mediaType))?.[1] ?? "FORMAT_JPEG";
}

function operations(query: TransformQuery): Operation[] {
  const steps: Operation[] = [];
  if (query.trim !== undefined) steps.push({ trim: { threshold: query.trim } });
  if (query.extract !== undefined) {
    const [left, top, width, height] = query.extract;
    steps.push({ extract: { left, top, width, height } });
  }
  if (query.w || query.h) {
    steps.push({
      resize: {
        width: query.w ?? 0,
        height: query.h ?? 0,
        fit: fitNamed(query.fit),
        position: positionNamed(query.position),
        withoutEnlargement: query.without_enlargement ?? false,
        background: query.bg === undefined ? "" : hex(query.bg),
      },
    });
  } else if (query.fit || query.position || query.bg !== undefined) {
    throw new HttpProblem(400, "Bad image or options", "fit, position and bg need w, h or both");
  }
  if (query.rotate !== undefined) steps.push({ rotate: { angle: query.rotate } });
  if (query.flip) steps.push({ flip: {} });
  if (query.flop) steps.push({ flop: {} });
  if (query.flatten !== undefined) steps.push({ flatten: { background: hex(query.flatten) } });
  if (query.grayscale) steps.push({ grayscale: {} });
  if (query.blur !== undefined) steps.push({ blur: { sigma: query.blur } });
  if (query.sharpen !== undefined) steps.push({ sharpen: { sigma: query.sharpen } });
  return steps;
}

/** Where the source image comes from: the request's body, or a URL the image service fetches. */
export type ImageSource = { readonly image: Buffer } | { readonly url: string };

/** Turns a validated query into the request for the image service; `accept` serves format=auto. */
export function transformRequest(source: ImageSource, query: TransformQuery, accept: string | undefined): TransformStreamRequest {
  const format: Format =
    query.format === "auto" ? negotiateFormat(accept) : query.format ? (`FORMAT_${query.format.toUpperCase()}` as Format) : "FORMAT_UNSPECIFIED";
  const output: OutputOptions = {
    format,
    quality: query.q ?? 0,
    lossless: query.lossless ?? false,
    progressive: query.progressive ?? false,
    effort: query.effort ?? 0,
    keepMetadata: query.keep_metadata ?? false,
  };
  return { ...source, operations: operations(query), output };
}
