/**
 * The naive way (child process): what a team without pixelrpc writes, the
 * image work done with jimp (pure JavaScript) right in the gRPC handler, on
 * the server's one event loop. Same proto, same loader as pixelrpc, so the
 * same driver calls it. jimp encodes neither WebP nor AVIF: those requests
 * get JPEG at the requested quality (80 when unset), which flatters jimp,
 * since JPEG encodes far faster than AVIF.
 *
 * Prints {"address": "127.0.0.1:<port>"} once it listens; exits when its
 * stdin closes.
 */
import { Server, ServerCredentials, status, type sendUnaryData, type ServerUnaryCall, type ServerWritableStream, type ServiceDefinition } from "@grpc/grpc-js";
import {
  loadImageServiceGrpcObject,
  type Format,
  type ImageInfo,
  type TransformRequest__Output,
  type TransformResponse,
  type VariantsRequest__Output,
  type VariantsResponse,
} from "@pixelrpc/proto";
import { Jimp } from "jimp";

import { childMain, finishRequested, report } from "./child.js";

type Picture = Awaited<ReturnType<typeof Jimp.fromBuffer>>;

const MESSAGE_BYTES = 32 * 1024 * 1024;
const DEFAULT_JPEG_QUALITY = 80;

/** Resize is the only operation the workloads use; a width alone keeps the aspect ratio. */
function applyOperations(picture: Picture, operations: TransformRequest__Output["operations"]): Picture {
  for (const operation of operations) {
    if (!operation.resize) throw new Error(`the naive server only resizes, got ${operation.operation}`);
    const { width, height } = operation.resize;
    picture.resize(height ? { w: width || Math.round((picture.width * height) / picture.height), h: height } : { w: width });
  }
  return picture;
}

async function encode(picture: Picture, format: Format, quality: number): Promise<{ image: Buffer; info: ImageInfo }> {
  const png = format === "FORMAT_PNG";
  const image = png ? await picture.getBuffer("image/png") : await picture.getBuffer("image/jpeg", { quality: quality || DEFAULT_JPEG_QUALITY });
  const info = {
    format: png ? "FORMAT_PNG" : "FORMAT_JPEG",
    width: picture.width,
    height: picture.height,
    sizeBytes: image.byteLength,
    hasAlpha: png,
    pages: 1,
    channels: png ? 4 : 3,
  } as const;
  return { image, info };
}

const failure = (error: unknown) => ({ code: status.INVALID_ARGUMENT, details: error instanceof Error ? error.message : String(error) });

function transform(call: ServerUnaryCall<TransformRequest__Output, TransformResponse>, callback: sendUnaryData<TransformResponse>): void {
  const { image, operations, output } = call.request;
  Jimp.fromBuffer(image!)
    .then((picture) => encode(applyOperations(picture, operations), output?.format ?? "FORMAT_JPEG", output?.quality ?? 0))
    .then(
      (result) => callback(null, result),
      (error: unknown) => callback(failure(error)),
    );
}

/** Decodes once, then makes and sends each variant in turn: one event loop, one image at a time. */
function variants(call: ServerWritableStream<VariantsRequest__Output, VariantsResponse>): void {
  (async () => {
    const source = await Jimp.fromBuffer(call.request.image!);
    for (const variant of call.request.variants) {
      const result = await encode(applyOperations(source.clone(), variant.operations), variant.output?.format ?? "FORMAT_JPEG", variant.output?.quality ?? 0);
      call.write({ name: variant.name, ...result });
    }
  })().then(
    () => call.end(),
    (error: unknown) => call.emit("error", failure(error)),
  );
}

/**
 * grpc.health.v1.Health/Check, always SERVING, by hand: the bench has no
 * grpc-health-check dependency, and the answer is two constant bytes
 * (field 1, varint, SERVING = 1).
 */
const SERVING = Buffer.from([0x08, 0x01]);
const healthDefinition: ServiceDefinition = {
  Check: {
    path: "/grpc.health.v1.Health/Check",
    requestStream: false,
    responseStream: false,
    requestSerialize: (value: Buffer) => value,
    requestDeserialize: (bytes: Buffer) => bytes,
    responseSerialize: () => SERVING,
    responseDeserialize: (bytes: Buffer) => bytes,
  },
};

childMain(async () => {
  const server = new Server({ "grpc.max_receive_message_length": MESSAGE_BYTES, "grpc.max_send_message_length": MESSAGE_BYTES });
  server.addService(loadImageServiceGrpcObject().pixelrpc.image.v1.ImageService.service, { Transform: transform, Variants: variants });
  server.addService(healthDefinition, { Check: (_call: unknown, callback: sendUnaryData<Buffer>) => callback(null, SERVING) });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  // Exit on SIGTERM through process.exit, so that node --cpu-prof writes its profile.
  process.once("SIGTERM", () => process.exit(0));
  await report({ address: `127.0.0.1:${port}` });
  await finishRequested();
  server.forceShutdown();
  return undefined;
});
