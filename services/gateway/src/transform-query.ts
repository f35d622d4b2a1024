import { type Format, type TransformStreamRequest } from "@pixelrpc/client";
import { compactParameters, CompactFormError, describedAs, fromCompactForm, HEX_COLOR, type CompactParameter, type CompactQuery } from "@pixelrpc/proto";

import { HttpProblem } from "./problems.js";
import type { QueryParameter, QuerySpec } from "./query.js";

/**
 * The compact query-string form of a transform (see @pixelrpc/proto's
 * compact-form.ts): `?w=800&h=600&fit=cover&position=attention&format=webp&q=80`.
 * Its parameters, their ranges and the order the operations run in are the
 * catalogue's: trim, extract, resize, rotate, flip, flop, round corners,
 * flatten, grayscale, blur, sharpen.
 */
export type TransformQuery = CompactQuery;

const color = {
  type: "string",
  pattern: HEX_COLOR,
  expected: "a hex colour: rgb, rgba, rrggbb or rrggbbaa, with or without #",
  maxLength: 9,
} as const;

/** A catalogue parameter as the query parser reads it: colours and texts are strings here. */
function queryParameter(compact: CompactParameter): QueryParameter {
  const { readable, description, ...parameter } = compact;
  const described = description === undefined ? parameter : { ...parameter, description: describedAs(compact) };
  if (described.type === "color") {
    const { type, ...help } = described;
    return { ...color, ...help };
  }
  if (described.type === "text") {
    const { type, maxLength, ...help } = described;
    return { type: "string", expected: `text of 1 to ${maxLength} characters`, maxLength, ...help };
  }
  return described;
}

/** The query parameters of a transform; the names other services give them lead the way to ours in errors. */
export const transformQuerySpec: QuerySpec = Object.fromEntries(
  Object.entries(compactParameters).map(([name, parameter]) => [name, queryParameter(parameter)]),
);

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

/** Where the source image comes from: the request's body, or a URL the image service fetches. */
export type ImageSource = { readonly image: Buffer } | { readonly url: string };

/** Turns a validated query into the request for the image service; `accept` serves format=auto. */
export function transformRequest(source: ImageSource, query: TransformQuery, accept: string | undefined): TransformStreamRequest {
  try {
    return { ...source, ...fromCompactForm(query, () => negotiateFormat(accept)) };
  } catch (error) {
    if (error instanceof CompactFormError) throw new HttpProblem(400, "Bad image or options", error.message);
    throw error;
  }
}
