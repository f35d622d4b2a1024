import type { InputOptions, Operation, OutputOptions, TransformStreamRequest, VariantSpec, VariantsRequest } from "@pixelrpc/client";
import type { FastifyRequest } from "fastify";

import { HttpProblem } from "./problems.js";
import { transformRequest, type TransformQuery } from "./transform-query.js";

/** What an image route was asked for: one output, or a set of named variants. */
export type ImageRequest =
  | { readonly kind: "single"; readonly request: TransformStreamRequest }
  | { readonly kind: "variants"; readonly request: VariantsRequest };

const bad = (detail: string): HttpProblem => new HttpProblem(400, "Bad image or options", detail);

/** The JSON form of the proto's options, as the `options` part of a multipart upload carries it. */
interface JsonOptions {
  operations?: Operation[];
  output?: OutputOptions;
  input?: InputOptions;
  variants?: VariantSpec[];
}

function parseOptions(text: string | undefined): JsonOptions {
  if (text === undefined) return {};
  let options: unknown;
  try {
    options = JSON.parse(text);
  } catch (error) {
    throw bad(`the options part is not JSON: ${(error as Error).message}`);
  }
  if (typeof options !== "object" || options === null || Array.isArray(options)) throw bad("the options part must be a JSON object");
  const known = new Set(["operations", "output", "input", "variants"]);
  const unknown = Object.keys(options).filter((key) => !known.has(key));
  if (unknown.length > 0) throw bad(`the options part has unknown fields: ${unknown.join(", ")} (known: ${[...known].join(", ")})`);
  const { operations, variants, output, input } = options as Record<string, unknown>;
  if (operations !== undefined && !Array.isArray(operations)) throw bad("options.operations must be an array of operations");
  if (variants !== undefined && !Array.isArray(variants)) throw bad("options.variants must be an array of variants");
  for (const [name, value] of Object.entries({ output, input })) {
    if (value !== undefined && (typeof value !== "object" || value === null)) throw bad(`options.${name} must be an object`);
  }
  if (variants !== undefined && (operations !== undefined || output !== undefined)) {
    throw bad("options has variants and operations/output: give each variant its own operations and output");
  }
  return options as JsonOptions;
}

/**
 * Reads an image route's request: the raw image as the body with the options
 * in the query string, or `multipart/form-data` with an `image` file part
 * and an `options` part holding the JSON form of the proto's operations and
 * output (or `variants`).
 */
export async function readImageRequest(request: FastifyRequest<{ Querystring: TransformQuery }>): Promise<ImageRequest> {
  if (!request.isMultipart()) {
    return { kind: "single", request: transformRequest({ image: request.body as Buffer }, request.query, request.headers.accept) };
  }
  let image: Buffer | undefined;
  let optionsText: string | undefined;
  for await (const part of request.parts()) {
    if (part.type === "file" && part.fieldname === "image") image = await part.toBuffer();
    else if (part.type === "field" && part.fieldname === "options") optionsText = String(part.value);
    else throw bad(`unexpected multipart part ${JSON.stringify(part.fieldname)}: send an "image" file and an "options" field`);
  }
  if (!image || image.byteLength === 0) throw bad('the multipart upload has no "image" file part');
  const options = parseOptions(optionsText);
  if (options.variants) return { kind: "variants", request: { image, variants: options.variants, input: options.input } };
  return { kind: "single", request: { image, operations: options.operations ?? [], output: options.output, input: options.input } };
}
