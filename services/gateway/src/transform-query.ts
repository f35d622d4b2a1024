import { fitNamed, fitNames, positionNamed, positionNames, type FitName, type Format, type Operation, type OutputOptions, type PositionName, type TransformStreamRequest } from "@pixelrpc/client";

import { HttpProblem } from "./problems.js";

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
  extract?: string;
  rotate?: number;
  flip?: boolean;
  flop?: boolean;
  flatten?: string;
  grayscale?: boolean;
  blur?: number;
  sharpen?: number;
  format?: "jpeg" | "png" | "webp" | "avif" | "gif" | "tiff" | "auto";
  q?: number;
  lossless?: boolean;
  progressive?: boolean;
  effort?: number;
  keep_metadata?: boolean;
}

const colour = { type: "string", pattern: "^#?([0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$" } as const;
const flag = { type: "boolean" } as const;

/** JSON schema of TransformQuery: Fastify validates and coerces the query string with it. */
export const transformQuerySchema = {
  type: "object",
  additionalProperties: false,
  properties: {
    w: { type: "integer", minimum: 0, maximum: 65535, description: "width; 0 or absent derives it from h" },
    h: { type: "integer", minimum: 0, maximum: 65535, description: "height; 0 or absent derives it from w" },
    fit: { enum: fitNames },
    position: { enum: positionNames },
    bg: { ...colour, description: "padding colour for fit=contain, hex" },
    without_enlargement: flag,
    trim: { type: "number", minimum: 0, maximum: 255, description: "trim edges; the value is the threshold (0 = default 10)" },
    extract: { type: "string", pattern: "^\\d+,\\d+,\\d+,\\d+$", description: "left,top,width,height" },
    rotate: { type: "number" },
    flip: flag,
    flop: flag,
    flatten: colour,
    grayscale: flag,
    blur: { type: "number", minimum: 0, description: "Gaussian sigma; 0 is a fast mild blur" },
    sharpen: { type: "number", minimum: 0, description: "sigma; 0 is a fast mild sharpen" },
    format: { enum: ["jpeg", "png", "webp", "avif", "gif", "tiff", "auto"] },
    q: { type: "integer", minimum: 1, maximum: 100 },
    lossless: flag,
    progressive: flag,
    effort: { type: "integer", minimum: 0, maximum: 10 },
    keep_metadata: flag,
  },
} as const;

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
    const [left, top, width, height] = query.extract.split(",").map(Number) as [number, number, number, number];
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
