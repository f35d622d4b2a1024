/**
 * The call adapters against a real grpc-js server and client on loopback:
 * flow control, draining, and the statuses handlers' errors become.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";

import { credentials, Server, ServerCredentials, status, type ClientReadableStream, type ServiceError } from "@grpc/grpc-js";
import { loadImageServiceGrpcObject, type ImageServiceClient, type TransformStreamResponse__Output } from "@pixelrpc/proto";

import { createLogger } from "@pixelrpc/service-runtime";
import { serverStream, unary } from "../src/server/calls.js";
import { RpcError } from "../src/server/rpc-error.js";

const CHUNK = 1024 * 1024;
const CHUNKS = 64;

let server: Server;
let client: ImageServiceClient;
let draining = false;
let writesDone = 0;
const lines: Record<string, unknown>[] = [];

before(async () => {
  const environment = {
    logger: createLogger("test", (line) => void lines.push(JSON.parse(line) as Record<string, unknown>)),
    isDraining: () => draining,
    stopping: new AbortController().signal,
  };
  const { ImageService } = loadImageServiceGrpcObject().pixelrpc.image.v1;
  server = new Server();
  server.addService(ImageService.service, {
    // 64 MiB in 1 MiB messages, counting each write the adapter let through.
    TransformStream: serverStream("TransformStream", environment, async (_request, _context, write) => {
      writesDone = 0;
      const chunk = Buffer.alloc(CHUNK, 7);
      for (let index = 0; index < CHUNKS; index++) {
        await write({ chunk });
        writesDone++;
      }
    }),
    Info: unary("Info", environment, async () => {
      throw RpcError.invalidArgument("image is empty");
    }),
    Transform: unary("Transform", environment, async () => {
      throw new Error("a bug");
    }),
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  client = new ImageService(`127.0.0.1:${port}`, credentials.createInsecure(), { "grpc.max_receive_message_length": 4 * CHUNK });
});

after(() => {
  client.close();
  server.forceShutdown();
});

describe("serverStream", () => {
  it("waits for a slow reader instead of buffering the whole stream", async () => {
    const call: ClientReadableStream<TransformStreamResponse__Output> = client.transformStream({});
    let received = 0;
    const ended = new Promise<void>((resolve, reject) => {
      call.on("end", resolve);
      call.on("error", reject);
    });
    call.on("data", () => {
      received++;
      if (received === 1) call.pause();
    });
    await sleep(700);
    // HTTP/2 and stream buffers hold a few messages; the rest waits for the reader.
    assert.ok(writesDone < CHUNKS / 2, `${writesDone} of ${CHUNKS} writes went through while the reader was paused`);
    call.resume();
    await ended;
    assert.equal(received, CHUNKS);
    assert.equal(writesDone, CHUNKS);
  });

  it("refuses new calls with UNAVAILABLE while draining", async () => {
    draining = true;
    try {
      const error = await new Promise<ServiceError>((resolve) => {
        const call = client.transformStream({});
        call.on("data", () => undefined);
        call.on("error", resolve);
      });
      assert.equal(error.code, status.UNAVAILABLE);
      assert.match(error.details, /shutting down/);
    } finally {
      draining = false;
    }
  });
});

describe("unary", () => {
  const call = (method: "info" | "transform") =>
    new Promise<ServiceError>((resolve) => {
      const done = (error: ServiceError | null): void => resolve(error!);
      if (method === "info") client.info({}, done);
      else client.transform({}, done);
    });

  it("answers an RpcError with its status and message", async () => {
    const error = await call("info");
    assert.equal(error.code, status.INVALID_ARGUMENT);
    assert.equal(error.details, "image is empty");
  });

  it("answers anything else with INTERNAL, without its message, and logs it with the stack", async () => {
    const error = await call("transform");
    assert.equal(error.code, status.INTERNAL);
    assert.equal(error.details, "internal error: the service failed to process the request");
    const line = lines.find((entry) => entry.method === "Transform")!;
    assert.equal(line.level, "error");
    assert.equal(line.code, "INTERNAL");
    assert.match(JSON.stringify(line.error), /a bug/);
  });
});
