/**
 * The client against a real @grpc/grpc-js server on loopback whose
 * ImageService handlers are per-test stubs (see stub-server.ts).
 */
import assert from "node:assert/strict";
import { getEventListeners } from "node:events";
import { after, afterEach, before, beforeEach, describe, it } from "node:test";

import { Metadata, type ServiceError } from "@grpc/grpc-js";

import {
  createImageClient,
  DEFAULT_MAX_MESSAGE_BYTES,
  ImageServiceError,
  Status,
  type ImageClient,
  type InfoResponse,
  type TransformRequest,
  type TransformResponse,
} from "../src/index.js";
import { delay, startStubServer, StubFailure, type StubServer } from "./stub-server.js";

/** How long a "slow" handler would take to answer; every cancellation must beat it by far. */
const SLOW_MS = 5_000;

/** The rejection reason of `promise`; fails the test if it resolves. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    const value = await promise;
    assert.fail(`expected a rejection, got ${JSON.stringify(value)}`);
  } catch (error) {
    if (error instanceof assert.AssertionError) throw error;
    return error;
  }
}

/** The rejection of `promise`, which must be an ImageServiceError. */
async function serviceError(promise: Promise<unknown>): Promise<ImageServiceError> {
  const error = await rejection(promise);
  assert.ok(error instanceof ImageServiceError, `expected an ImageServiceError, got ${String(error)}`);
  return error;
}

/** Resolves with `promise`, or fails with `what` after `ms`. */
async function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const sourceImage = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x01, 0x7f, 0x80, 0xfe, 0xff]);
const webpBytes = Buffer.from("RIFF\x24\x00\x00\x00WEBPVP8L\x00\xff\x01", "latin1");
/** Over 2^32, so it only survives as a uint64 decoded to a JS number. */
const bigSizeBytes = 5_000_000_123;

const transformRequest: TransformRequest = {
  image: sourceImage,
  operations: [
    { resize: { width: 320, height: 200, fit: "FIT_COVER", position: "POSITION_ATTENTION", withoutEnlargement: true } },
    { rotate: { angle: 12.5, background: "#ff000080" } },
    { flop: {} },
    { extract: { left: 1, top: 2, width: 30, height: 40 } },
    { blur: { sigma: 0.75 } },
  ],
  output: { format: "FORMAT_WEBP", quality: 75, lossless: false, progressive: true, effort: 4, keepMetadata: true },
  input: { page: 2, disableAutoOrient: true },
};

const transformResponse: TransformResponse = {
  image: webpBytes,
  info: { format: "FORMAT_WEBP", width: 320, height: 200, sizeBytes: bigSizeBytes, hasAlpha: true, pages: 1, channels: 4, quality: 75 },
};

const infoResponse: InfoResponse = {
  info: { format: "FORMAT_JPEG", width: 1024, height: 768, sizeBytes: 123_456, hasAlpha: false, pages: 1, channels: 3, quality: 0 },
  orientation: 6,
  colorSpace: "srgb",
  hasIccProfile: true,
  dominantColor: "#336699",
  bitsPerSample: 8,
  progressive: true,
  // An animation's timing, with a loop count of 0 (for ever), which only proto3 `optional` can tell from unset.
  frameDelaysMs: [40, 80],
  loop: 0,
  placeholders: { blurhash: "LEHV6nWB2yk8pyo0adR*.7kCMdnj", thumbhash: "1QcSHQRnh493V4dIh4eXh1h4kJUI", lqip: "data:image/webp;base64,UklGRg==" },
};

describe("@pixelrpc/client against a stub ImageService", () => {
  let stub: StubServer;
  let client: ImageClient;
  /** Clients a test creates for itself; closed after it. */
  const extraClients: ImageClient[] = [];
  const clientFor = (options: Parameters<typeof createImageClient>[1] = {}): ImageClient => {
    const created = createImageClient(stub.address, options);
    extraClients.push(created);
    return created;
  };

  before(async () => {
    stub = await startStubServer();
    client = createImageClient(stub.address);
  });

  after(async () => {
    client?.close();
    await stub?.close();
  });

  beforeEach(() => stub.reset());

  afterEach(() => {
    for (const extra of extraClients.splice(0)) extra.close();
  });

  describe("transform()", () => {
    it("resolves with the response, bytes and info fields decoded as the loader options say", async () => {
      stub.transform = () => transformResponse;

      const response = await client.transform(transformRequest);

      assert.ok(Buffer.isBuffer(response.image));
      assert.deepEqual(response.image, webpBytes);
      assert.deepEqual(response.info, {
        format: "FORMAT_WEBP",
        width: 320,
        height: 200,
        sizeBytes: bigSizeBytes,
        hasAlpha: true,
        pages: 1,
        channels: 4,
        quality: 75,
      });
      assert.equal(typeof response.info?.sizeBytes, "number");
    });

    it("delivers the request to the server intact: bytes, operations in order, output and input options", async () => {
      stub.transform = () => transformResponse;

      await client.transform(transformRequest);

      assert.equal(stub.calls.length, 1);
      const [seen] = stub.calls;
      assert.equal(seen!.method, "Transform");
      assert.deepEqual(seen!.request, {
        source: "image",
        image: sourceImage,
        preset: "",
        operations: [
          {
            operation: "resize",
            resize: {
              width: 320,
              height: 200,
              fit: "FIT_COVER",
              position: "POSITION_ATTENTION",
              withoutEnlargement: true,
              background: "",
              withoutReduction: false,
            },
          },
          { operation: "rotate", rotate: { angle: 12.5, background: "#ff000080" } },
          { operation: "flop", flop: {} },
          { operation: "extract", extract: { left: 1, top: 2, width: 30, height: 40 } },
          { operation: "blur", blur: { sigma: 0.75 } },
        ],
        output: {
          format: "FORMAT_WEBP",
          quality: 75,
          lossless: false,
          progressive: true,
          effort: 4,
          // A proto3 optional field set comes with its synthetic oneof's marker.
          _effort: "effort",
          keepMetadata: true,
          delaysMs: [],
          colors: 0,
          minSize: false,
          mixed: false,
          maxBytes: 0,
        },
        input: { page: 2, disableAutoOrient: true, animated: false },
      });
    });

    it("accepts numeric enum values and sends them as the same enum", async () => {
      stub.transform = () => transformResponse;

      await client.transform({ image: sourceImage, output: { format: 3 } });

      assert.equal(stub.calls[0]?.request.image?.length, sourceImage.length);
      assert.equal((stub.calls[0]?.request as { output?: { format?: string } }).output?.format, "FORMAT_WEBP");
    });

    it("refuses a reply without info as INTERNAL, since the service always sends it", async () => {
      stub.transform = () => ({});

      const error = await rejection(client.transform({ image: sourceImage }));

      assert.ok(error instanceof ImageServiceError, String(error));
      assert.equal(error.code, Status.INTERNAL);
      assert.match(error.details, /has no info/);
    });
  });

  describe("info()", () => {
    for (const [kind, toArgument] of [
      ["a Buffer", (bytes: Buffer) => Buffer.from(bytes)],
      ["a plain Uint8Array", (bytes: Buffer) => new Uint8Array(bytes)],
      ["an InfoRequest object", (bytes: Buffer) => ({ image: bytes })],
    ] as const) {
      it(`accepts ${kind} and sends its bytes as InfoRequest.image`, async () => {
        stub.info = () => infoResponse;

        const response = await client.info(toArgument(sourceImage));

        // proto-loader marks a proto3 `optional` field that is set by its synthetic oneof, `_loop`.
        assert.deepEqual(response, { ...infoResponse, _loop: "loop" });
        assert.equal(stub.calls.length, 1);
        assert.equal(stub.calls[0]!.method, "Info");
        assert.deepEqual(stub.calls[0]!.request, { image: sourceImage, source: "image", placeholders: false });
      });
    }

    it("asks for placeholders, and decodes them", async () => {
      stub.info = () => infoResponse;
      const response = await client.info({ image: sourceImage, placeholders: true });
      assert.deepEqual(response.placeholders, infoResponse.placeholders);
      assert.equal((stub.calls[0]!.request as { placeholders: boolean }).placeholders, true);
    });
  });

  describe("errors", () => {
    it("turns INVALID_ARGUMENT from the server into an ImageServiceError with code, name, details and metadata", async () => {
      // Colons and a code-like prefix in the message must survive untouched in `details`.
      const message = "operations[0].resize.width must be 1 to 16384: got 20000 (INTERNAL: not a prefix)";
      const trailers = new Metadata();
      trailers.set("x-pixelrpc-field", "operations[0].resize.width");
      stub.transform = () => {
        throw new StubFailure(Status.INVALID_ARGUMENT, message, trailers);
      };

      const error = await serviceError(client.transform(transformRequest));

      assert.equal(error.code, Status.INVALID_ARGUMENT);
      assert.equal(error.codeName, "INVALID_ARGUMENT");
      assert.equal(error.details, message);
      assert.ok(error.message.startsWith("INVALID_ARGUMENT: "), error.message);
      assert.equal(error.message, `INVALID_ARGUMENT: ${message}`);
      assert.equal(error.name, "ImageServiceError");
      assert.ok(error instanceof Error);
      assert.deepEqual(error.metadata?.get("x-pixelrpc-field"), ["operations[0].resize.width"]);
      const cause = error.cause as ServiceError;
      assert.ok(cause instanceof Error, "the cause is grpc-js's own error");
      assert.equal(cause.code, Status.INVALID_ARGUMENT);
    });

    it("maps other status codes from info() the same way", async () => {
      stub.info = () => {
        throw new StubFailure(Status.FAILED_PRECONDITION, "image is 20000x14000 pixels, more than the limit");
      };

      const error = await serviceError(client.info(sourceImage));

      assert.equal(error.code, Status.FAILED_PRECONDITION);
      assert.equal(error.codeName, "FAILED_PRECONDITION");
      assert.equal(error.details, "image is 20000x14000 pixels, more than the limit");
      assert.equal(error.message, "FAILED_PRECONDITION: image is 20000x14000 pixels, more than the limit");
    });

    it("reports a handler's plain Error as UNKNOWN with its message", async () => {
      stub.transform = () => {
        throw new Error("worker crashed");
      };

      const error = await serviceError(client.transform(transformRequest));

      assert.equal(error.code, Status.UNKNOWN);
      assert.equal(error.codeName, "UNKNOWN");
      assert.equal(error.details, "worker crashed");
    });
  });

  describe("retryable", () => {
    it("is true for RESOURCE_EXHAUSTED only when the service marks it retryable, and for UNAVAILABLE", async () => {
      const retryable = new Metadata();
      retryable.set("pixelrpc-retryable", "true");
      stub.transform = () => {
        throw new StubFailure(Status.RESOURCE_EXHAUSTED, "the service is busy", retryable);
      };
      assert.equal((await serviceError(client.transform(transformRequest))).retryable, true);
      stub.transform = () => {
        throw new StubFailure(Status.RESOURCE_EXHAUSTED, "processing took longer than this service's limit");
      };
      assert.equal((await serviceError(client.transform(transformRequest))).retryable, false);
      stub.transform = () => {
        throw new StubFailure(Status.UNAVAILABLE, "shutting down");
      };
      assert.equal((await serviceError(client.transform(transformRequest))).retryable, true);
      stub.transform = () => {
        throw new StubFailure(Status.INVALID_ARGUMENT, "bad");
      };
      assert.equal((await serviceError(client.transform(transformRequest))).retryable, false);
    });
  });

  describe("deadlines", () => {
    /** A handler that would answer after SLOW_MS unless the call is cancelled first. */
    const slow = async ({ cancelled }: { cancelled: AbortSignal }): Promise<TransformResponse> => {
      await delay(SLOW_MS, cancelled);
      return transformResponse;
    };

    it("sends no deadline when none is given", async () => {
      stub.transform = () => transformResponse;

      await client.transform({ image: sourceImage });

      assert.equal(stub.calls[0]?.deadline, Infinity);
    });

    it("timeoutMs counts from now: a generous one lets a fast call through with that deadline on the server", async () => {
      stub.transform = () => transformResponse;
      const before = Date.now();

      const response = await client.transform(transformRequest, { timeoutMs: 10_000 });

      const afterCall = Date.now();
      assert.deepEqual(response.image, webpBytes);
      const deadline = Number(stub.calls[0]?.deadline);
      assert.ok(deadline >= before + 9_000 && deadline <= afterCall + 11_000, `server deadline ${deadline - before} ms from the call`);
    });

    const expired: [string, () => { timeoutMs?: number; deadline?: Date | number }][] = [
      ["timeoutMs", () => ({ timeoutMs: 150 })],
      ["deadline as a Date", () => ({ deadline: new Date(Date.now() + 150) })],
      ["deadline as epoch milliseconds", () => ({ deadline: Date.now() + 150 })],
    ];
    for (const [name, options] of expired) {
      it(`${name} shorter than a slow handler rejects with DEADLINE_EXCEEDED`, async () => {
        stub.transform = slow;
        const started = performance.now();

        const error = await serviceError(client.transform(transformRequest, options()));

        const elapsed = performance.now() - started;
        assert.equal(error.code, Status.DEADLINE_EXCEEDED);
        assert.equal(error.codeName, "DEADLINE_EXCEEDED");
        assert.ok(elapsed >= 100, `rejected after ${elapsed} ms, before the 150 ms deadline`);
        assert.ok(elapsed < 2_000, `rejected after ${elapsed} ms, not near the 150 ms deadline`);
        assert.equal(stub.calls.length, 1, "the call reached the server before its deadline");
      });
    }

    it("rejects deadline and timeoutMs together with a TypeError, without calling the server", async () => {
      stub.transform = () => transformResponse;

      const error = await rejection(client.transform(transformRequest, { deadline: new Date(Date.now() + 10_000), timeoutMs: 10_000 }));

      assert.ok(error instanceof TypeError, `expected a TypeError, got ${String(error)}`);
      assert.match(error.message, /deadline/);
      assert.ok(!(error instanceof ImageServiceError));
      // The same client still works, and the rejected call never reached the server.
      await client.transform({ image: Buffer.from("next") });
      assert.equal(stub.calls.length, 1);
      assert.deepEqual(stub.calls[0]!.request.image, Buffer.from("next"));
    });
  });

  describe("AbortSignal", () => {
    it("aborting mid-call rejects at once with CANCELLED, the signal's reason as cause, and cancels the call on the server", async () => {
      stub.transform = async ({ cancelled }) => {
        await delay(SLOW_MS, cancelled);
        return transformResponse;
      };
      const controller = new AbortController();
      const reason = new Error("the user navigated away");

      const pending = client.transform(transformRequest, { signal: controller.signal });
      const seen = await stub.nextCall();
      assert.equal(seen.cancelled.aborted, false, "the server call is open before the abort");
      const started = performance.now();
      controller.abort(reason);
      const error = await serviceError(pending);
      const elapsed = performance.now() - started;

      assert.ok(elapsed < 500, `rejected ${elapsed} ms after the abort`);
      assert.equal(error.code, Status.CANCELLED);
      assert.equal(error.codeName, "CANCELLED");
      assert.ok(error.message.startsWith("CANCELLED: "), error.message);
      assert.equal(error.cause, reason);
      // Long before the handler's own SLOW_MS delay would have ended.
      await within(1_000, seen.whenCancelled, "the server's 'cancelled' event");
      assert.equal(seen.cancelled.aborted, true);
    });

    it("an abort without a reason gives the default AbortError as the cause", async () => {
      stub.info = async ({ cancelled }) => {
        await delay(SLOW_MS, cancelled);
        return infoResponse;
      };
      const controller = new AbortController();

      const pending = client.info(sourceImage, { signal: controller.signal });
      const seen = await stub.nextCall();
      controller.abort();
      const error = await serviceError(pending);

      assert.equal(error.code, Status.CANCELLED);
      assert.equal(error.cause, controller.signal.reason);
      assert.equal((error.cause as Error).name, "AbortError");
      await within(1_000, seen.whenCancelled, "the server's 'cancelled' event");
    });

    for (const method of ["transform", "info"] as const) {
      it(`an already aborted signal rejects ${method}() without the server ever seeing the call`, async () => {
        stub.transform = () => transformResponse;
        stub.info = () => infoResponse;
        const reason = new Error("gave up before starting");

        const pending =
          method === "transform"
            ? client.transform(transformRequest, { signal: AbortSignal.abort(reason) })
            : client.info(sourceImage, { signal: AbortSignal.abort(reason) });
        const error = await serviceError(pending);

        assert.equal(error.code, Status.CANCELLED);
        assert.equal(error.cause, reason);
        // Calls on one connection arrive in order: had the aborted call been
        // sent, the server would see it before this one.
        await client.info(Buffer.from("marker"));
        assert.equal(stub.calls.length, 1);
        assert.equal(stub.calls[0]!.method, "Info");
        assert.deepEqual(stub.calls[0]!.request.image, Buffer.from("marker"));
      });
    }

    it("removes its abort listener once the call settles, and a later abort changes nothing", async () => {
      stub.transform = () => transformResponse;
      stub.info = () => {
        throw new StubFailure(Status.NOT_FOUND, "nope");
      };
      const controller = new AbortController();

      const pending = client.transform(transformRequest, { signal: controller.signal });
      assert.equal(getEventListeners(controller.signal, "abort").length, 1, "listening while the call is in flight");
      const response = await pending;
      assert.equal(getEventListeners(controller.signal, "abort").length, 0, "no listener left after success");

      await serviceError(client.info(sourceImage, { signal: controller.signal }));
      assert.equal(getEventListeners(controller.signal, "abort").length, 0, "no listener left after failure");

      controller.abort(new Error("too late"));
      assert.deepEqual(response.image, webpBytes);
    });
  });

  describe("close()", () => {
    it("a call after close() rejects and never reaches the server", async () => {
      stub.info = () => infoResponse;
      const own = clientFor();
      await own.info(sourceImage);

      own.close();
      const error = await within(2_000, rejection(own.info(sourceImage)), "the rejection after close()");

      assert.ok(error instanceof Error, String(error));
      assert.equal(stub.calls.length, 1, "only the call before close() reached the server");
    });

    it("a call after close() rejects with an ImageServiceError UNAVAILABLE", async () => {
      stub.info = () => infoResponse;
      const connected = clientFor();
      await connected.info(sourceImage);
      const neverUsed = clientFor();

      connected.close();
      neverUsed.close();

      for (const closed of [connected, neverUsed]) {
        const error = await within(2_000, rejection(closed.info(sourceImage)), "the rejection after close()");
        assert.ok(error instanceof ImageServiceError, `expected an ImageServiceError, got ${String(error)}`);
        assert.equal(error.code, Status.UNAVAILABLE);
      }
    });
  });

  describe("maxMessageBytes", () => {
    it("defaults to the service's 32 MiB", () => {
      assert.equal(DEFAULT_MAX_MESSAGE_BYTES, 32 * 1024 * 1024);
    });

    it("a small limit rejects a larger request with RESOURCE_EXHAUSTED before it is sent", async () => {
      stub.transform = () => ({ info: transformResponse.info });
      const small = clientFor({ maxMessageBytes: 1024 });

      const error = await serviceError(small.transform({ image: Buffer.alloc(2048, 7) }));

      assert.equal(error.code, Status.RESOURCE_EXHAUSTED);
      assert.equal(error.codeName, "RESOURCE_EXHAUSTED");
      // A request under the limit still goes through, and is the only one the server saw.
      await small.transform({ image: Buffer.alloc(512, 1) });
      assert.equal(stub.calls.length, 1);
      assert.equal(stub.calls[0]!.request.image?.length, 512);
    });

    it("a small limit rejects a larger response with RESOURCE_EXHAUSTED", async () => {
      stub.transform = () => ({ ...transformResponse, image: Buffer.alloc(4096, 9) });
      const small = clientFor({ maxMessageBytes: 1024 });

      const error = await serviceError(small.transform({ image: sourceImage }));

      assert.equal(error.code, Status.RESOURCE_EXHAUSTED);
      assert.equal(stub.calls.length, 1, "the request itself was small enough to send");
    });

    it("the default accepts a response above grpc-js's own 4 MiB receive limit", async () => {
      const big = Buffer.alloc(5 * 1024 * 1024, 3);
      stub.transform = () => ({ ...transformResponse, image: big });

      const response = await client.transform({ image: sourceImage });

      assert.equal(response.image.length, big.length);
      assert.ok(response.image.equals(big));
    });

    it("channelOptions override the limits maxMessageBytes sets", async () => {
      stub.transform = () => ({ ...transformResponse, image: Buffer.alloc(4096, 9) });
      const strict = clientFor({ maxMessageBytes: 1024 * 1024, channelOptions: { "grpc.max_receive_message_length": 1024 } });

      const error = await serviceError(strict.transform({ image: sourceImage }));

      assert.equal(error.code, Status.RESOURCE_EXHAUSTED);
    });
  });
});
