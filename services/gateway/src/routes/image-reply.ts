import { Readable } from "node:stream";

import { streamImage, type Format, type ImageClient, type TransformStreamRequest } from "@pixelrpc/client";
import { formatEntry } from "@pixelrpc/proto";
import type { FastifyReply, FastifyRequest } from "fastify";

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
  return reply
    .headers(headers)
    .header("content-type", mediaTypeOf(info.format))
    .header("content-length", String(info.sizeBytes))
    .header("server-timing", `queue;dur=${(started - received).toFixed(1)}, process;dur=${(finished - started).toFixed(1)}`)
    .header("x-image-width", String(info.width))
    .header("x-image-height", String(info.height))
    .headers(info.quality > 0 ? { "x-image-quality": String(info.quality) } : {})
    .send(body);
}
