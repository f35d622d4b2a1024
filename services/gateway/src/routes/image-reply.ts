import { Readable } from "node:stream";

import { collectImage, streamImage, type Format, type ImageClient, type ImageInfo__Output, type TransformStreamRequest } from "@pixelrpc/client";
import { formatEntry } from "@pixelrpc/proto";
import type { FastifyReply, FastifyRequest } from "fastify";

import type { CachedResults } from "../cache/cached-results.js";
import type { ResultName } from "../http-cache.js";
import { callOptions } from "./call-options.js";

/** The Content-Type of an image the service made, by its format. */
export function mediaTypeOf(format: Format | number | undefined): string {
  return formatEntry(format)?.mediaType ?? "application/octet-stream";
}

/**
 * Runs `call` as a TransformStream and answers with its image, streamed as
 * the chunks arrive, with Content-Type, Content-Length, Server-Timing and
 * `headers`. Everything up to the stream's info can still become an error
 * status (and a problem, which must not carry `headers`: a validator or a
 * long max-age on an error would be cached); after it, the bytes flow. A
 * HEAD request ends the call once the headers are known.
 */
export async function replyWithTransform(
  client: ImageClient,
  call: TransformStreamRequest,
  request: FastifyRequest,
  reply: FastifyReply,
  timeoutMs: number,
  headers: Readonly<Record<string, string>>,
): Promise<FastifyReply> {
  const received = performance.now();
  let started = received;
  const { info, chunks, cancel } = await streamImage(client.transformStream(call, callOptions(request, reply, timeoutMs)), ({ stage }) => {
    if (stage === "STAGE_STARTED") started = performance.now();
  });
  const finished = performance.now();
  let body: Readable;
  if (request.method === "HEAD") {
    // Leaving the stream cancels the call: its chunks would only be thrown away.
    await cancel();
    // An empty stream rather than no payload, which would make Fastify answer HEAD with Content-Length: 0.
    body = Readable.from([]);
  } else {
    body = Readable.from(chunks);
  }
  return withImageHeaders(reply.headers(headers), info)
    .header("server-timing", `queue;dur=${(started - received).toFixed(1)}, process;dur=${(finished - started).toFixed(1)}`)
    .send(body);
}

/** The headers that describe an image the service made: its type, length, size and quality. */
function withImageHeaders(reply: FastifyReply, info: ImageInfo__Output): FastifyReply {
  return reply
    .header("content-type", mediaTypeOf(info.format))
    .header("content-length", String(info.sizeBytes))
    .header("x-image-width", String(info.width))
    .header("x-image-height", String(info.height))
    .headers(info.quality > 0 ? { "x-image-quality": String(info.quality) } : {});
}

/**
 * As replyWithTransform, through the result cache when there is one: a hit
 * is answered from it; a miss waits for the whole image (the cache keeps it
 * whole), made once for every request that asks for it meanwhile. The call
 * is not tied to this HTTP client, which others may be waiting with: it
 * runs to its deadline and fills the cache even if this client goes away.
 * `Cache-Status` says which it was.
 */
export async function replyWithResult(
  client: ImageClient,
  results: CachedResults | undefined,
  call: TransformStreamRequest,
  name: ResultName,
  request: FastifyRequest,
  reply: FastifyReply,
  timeoutMs: number,
  headers: Readonly<Record<string, string>>,
): Promise<FastifyReply> {
  if (!results) return replyWithTransform(client, call, request, reply, timeoutMs, headers);
  const received = performance.now();
  const outcome = await results.resolve(name, () => collectImage(client.transformStream(call, { timeoutMs })));
  const { info, image } = outcome.entry;
  return withImageHeaders(reply.headers(headers), info)
    .header("cache-status", results.cacheStatus(outcome))
    .header("server-timing", `cache;desc=${outcome.status};dur=${(performance.now() - received).toFixed(1)}`)
    .send(image);
}
