import { MessageShapeError, type TransformStreamRequest, type VariantsRequest } from "@pixelrpc/client";
import { messageFromJson } from "@pixelrpc/proto";
import type { FastifyRequest } from "fastify";

import { HttpProblem } from "./problems.js";
import { transformRequest, type TransformQuery } from "./transform-query.js";

/** What an image route was asked for: one output, or a set of named variants. */
export type ImageRequest =
  { readonly kind: "single"; readonly request: TransformStreamRequest } | { readonly kind: "variants"; readonly request: VariantsRequest };

const bad = (detail: string): HttpProblem => new HttpProblem(400, "Bad image or options", detail);

const knownOptions = ["preset", "operations", "output", "input", "variants"];

/**
 * The `options` part: the proto's JSON form of a transform (preset,
 * operations, output, input) or of a variants call (variants, input), checked as deeply
 * as the image service checks its messages, and named by JSON path.
 */
function parseOptions(text: string | undefined, image: Buffer, callbacks: boolean): { readonly work: ImageRequest; readonly callbackUrl?: string } {
  let parsed: unknown = {};
  try {
    if (text !== undefined) parsed = JSON.parse(text);
  } catch (error) {
    throw bad(`the options part is not JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw bad("the options part must be a JSON object");
  const known = callbacks ? [...knownOptions, "callback_url"] : knownOptions;
  const unknown = Object.keys(parsed).filter((key) => !known.includes(key));
  if (unknown.length > 0) throw bad(`options has unknown fields ${unknown.map((key) => JSON.stringify(key)).join(", ")} (known: ${known.join(", ")})`);
  const { callback_url: callbackUrl, ...options } = parsed as Record<string, unknown>;
  if (callbackUrl !== undefined && typeof callbackUrl !== "string") throw bad("options.callback_url must be a string: the URL the job's end is told to");
  const work = parseWork(options, image);
  return callbackUrl === undefined ? { work } : { work, callbackUrl };
}

function parseWork(options: Record<string, unknown>, image: Buffer): ImageRequest {
  const { variants, operations, output, preset } = options;
  if (variants !== undefined && variants !== null && ((operations ?? null) !== null || (output ?? null) !== null || (preset ?? null) !== null)) {
    throw bad("options has variants and preset/operations/output: give each variant its own preset, operations and output");
  }
  try {
    if (variants !== undefined && variants !== null)
      return { kind: "variants", request: { ...messageFromJson<VariantsRequest>("pixelrpc.image.v1.VariantsRequest", options, "options"), image } };
    return { kind: "single", request: { ...messageFromJson<TransformStreamRequest>("pixelrpc.image.v1.TransformRequest", options, "options"), image } };
  } catch (error) {
    if (error instanceof MessageShapeError) throw bad(error.message);
    throw error;
  }
}

/** The image of a request whose body is the image: raw, or the one "image" part of multipart/form-data. */
export async function readImage(request: FastifyRequest): Promise<Buffer> {
  if (!request.isMultipart()) return rawImage(request);
  const { image, options } = await readParts(request);
  if (options !== undefined) throw bad('this route takes no options part: send only an "image" file');
  return image;
}

function rawImage(request: FastifyRequest): Buffer {
  if (request.body instanceof Buffer && request.body.byteLength > 0) return request.body;
  throw bad("the body must be the image: Content-Type image/* or application/octet-stream, or multipart/form-data with an image part");
}

async function readParts(request: FastifyRequest): Promise<{ image: Buffer; options: string | undefined }> {
  let image: Buffer | undefined;
  let options: string | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type === "file" && part.fieldname === "image") image = await part.toBuffer();
      else if (part.type === "field" && part.fieldname === "options") options = String(part.value);
      else {
        if (part.type === "file") part.file.resume();
        throw bad(`unexpected multipart part ${JSON.stringify(part.fieldname)}: send an "image" file and an "options" field`);
      }
    }
  } catch (error) {
    // The multipart parser's own refusals (limits) carry Fastify codes; a body it cannot parse at all is the client's mistake too.
    if (error instanceof HttpProblem || (error as { code?: string }).code !== undefined) throw error;
    throw bad(`the multipart body is malformed: ${(error as Error).message}`);
  }
  if (!image || image.byteLength === 0) throw bad('the multipart upload has no "image" file part');
  return { image, options };
}

/**
 * Reads an image route's request: the raw image as the body with the options
 * in the query string, or `multipart/form-data` with an `image` file part
 * and an `options` part holding the JSON form of the proto's operations and
 * output (or `variants`).
 */
export async function readImageRequest(request: FastifyRequest<{ Querystring: TransformQuery }>): Promise<ImageRequest> {
  return (await readJobRequest(request, false)).work;
}

/**
 * As readImageRequest, and a job's `callback_url` too when `callbacks`: in
 * the query beside the options, or in the multipart options.
 */
export async function readJobRequest(
  request: FastifyRequest<{ Querystring: TransformQuery & { callback_url?: string } }>,
  callbacks: boolean,
): Promise<{ readonly work: ImageRequest; readonly callbackUrl?: string }> {
  if (!request.isMultipart()) {
    const { callback_url: callbackUrl, ...query } = request.query;
    const work: ImageRequest = { kind: "single", request: transformRequest({ image: rawImage(request) }, query, request.headers.accept) };
    return callbackUrl === undefined ? { work } : { work, callbackUrl };
  }
  if (Object.keys(request.query).length > 0) throw bad("a multipart upload carries its options in the options part, not the query");
  const { image, options } = await readParts(request);
  return parseOptions(options, image, callbacks);
}
