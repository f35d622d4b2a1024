import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";

import {
  collectImage,
  streamImage,
  createImageClient,
  ImageServiceError,
  Status,
  type ImageClient,
  type TransformProgress,
  type TransformStreamResponse,
} from "../src/index.js";
import { delay, startStubServer, StubFailure, type StubServer } from "./stub-server.js";

let stub: StubServer;
let client: ImageClient;

before(async () => {
  stub = await startStubServer();
  client = createImageClient(stub.address);
});
beforeEach(() => stub.reset());
after(async () => {
  client.close();
  await stub.close();
});

const image = Buffer.from("0123456789abcdefghij");
const info = { format: "FORMAT_PNG" as const, width: 4, height: 5, sizeBytes: image.byteLength, hasAlpha: false, pages: 1, channels: 3, quality: 0 };
const events: TransformStreamResponse[] = [
  { progress: { stage: "STAGE_QUEUED", queuePosition: 2 } },
  { progress: { stage: "STAGE_ENCODING" } },
  { info },
  { chunk: image.subarray(0, 8) },
  { chunk: image.subarray(8) },
];

const failure = async (promise: Promise<unknown>): Promise<ImageServiceError> => {
  const error = await promise.then(
    () => assert.fail("expected a rejection"),
    (thrown: unknown) => thrown,
  );
  assert.ok(error instanceof ImageServiceError, String(error));
  return error;
};

describe("transformStream() and collectImage()", () => {
  it("yields progress, info and chunks in order, and sends the request intact", async () => {
    stub.transformStream = () => events;
    const seen = [];
    for await (const event of client.transformStream({ image, operations: [{ flip: {} }], chunkSize: 8 })) seen.push(event.event);
    assert.deepEqual(seen, ["progress", "progress", "info", "chunk", "chunk"]);
    const call = await stub.nextCall();
    assert.equal(call.method, "TransformStream");
    assert.equal((call.request as { chunkSize: number }).chunkSize, 8);
  });

  it("collects the chunks into one Buffer with its info, reporting progress", async () => {
    stub.transformStream = () => events;
    const progress: TransformProgress[] = [];
    const result = await collectImage(client.transformStream({ image }), (event) => progress.push(event));
    assert.ok(result.image.equals(image));
    assert.deepEqual(result.info, info);
    assert.deepEqual(
      progress.map((event) => [event.stage, event.queuePosition]),
      [
        ["STAGE_QUEUED", 2],
        ["STAGE_ENCODING", 0],
      ],
    );
  });

  it("refuses a stream whose chunks do not add up to the announced size (DATA_LOSS)", async () => {
    stub.transformStream = () => [{ info }, { chunk: image.subarray(0, 3) }];
    const error = await failure(collectImage(client.transformStream({ image })));
    assert.equal(error.code, Status.DATA_LOSS);
  });

  it("streams the chunks after the info, and refuses a stream out of the contract's order or size", async () => {
    stub.transformStream = () => events;
    const streamed = await streamImage(client.transformStream({ image }));
    assert.deepEqual(streamed.info, info);
    const parts: Buffer[] = [];
    for await (const chunk of streamed.chunks) parts.push(chunk);
    assert.ok(Buffer.concat(parts).equals(image));
    const outOfContract: [TransformStreamResponse[], RegExp][] = [
      [[{ chunk: image }, { info }], /image bytes before their info/],
      [[{ progress: { stage: "STAGE_STARTED" } }], /ended without info/],
    ];
    for (const [responses, pattern] of outOfContract) {
      stub.transformStream = () => responses;
      const error = await failure(streamImage(client.transformStream({ image })));
      assert.equal(error.code, Status.INTERNAL);
      assert.match(error.details, pattern);
    }
    stub.transformStream = () => [{ info }, { chunk: image }, { chunk: image }];
    const long = await streamImage(client.transformStream({ image }));
    const error = await failure(
      (async () => {
        for await (const chunk of long.chunks) void chunk;
      })(),
    );
    assert.equal(error.code, Status.DATA_LOSS);
  });

  it("turns a status from the service into an ImageServiceError", async () => {
    stub.transformStream = () => {
      throw new StubFailure(Status.INVALID_ARGUMENT, "operations[0].blur.sigma must be from 0.3 to 1000");
    };
    const error = await failure(collectImage(client.transformStream({ image })));
    assert.equal(error.code, Status.INVALID_ARGUMENT);
    assert.equal(error.details, "operations[0].blur.sigma must be from 0.3 to 1000");
  });

  it("cancels the call on the server when the AbortSignal aborts mid-stream", async () => {
    stub.transformStream = async function* (call) {
      yield { progress: { stage: "STAGE_STARTED" } };
      await delay(5_000, call.cancelled);
    };
    const controller = new AbortController();
    const started = performance.now();
    const error = await failure(
      (async () => {
        for await (const event of client.transformStream({ image }, { signal: controller.signal })) {
          if (event.progress) controller.abort(new Error("user navigated away"));
        }
      })(),
    );
    assert.equal(error.code, Status.CANCELLED);
    assert.equal((error.cause as Error).message, "user navigated away");
    assert.ok(performance.now() - started < 2_000);
    const call = await stub.nextCall();
    await call.whenCancelled;
  });

  it("cancels the call on the server when the loop is left early", async () => {
    stub.transformStream = async function* (call) {
      yield { progress: { stage: "STAGE_STARTED" } };
      await delay(5_000, call.cancelled);
    };
    for await (const event of client.transformStream({ image })) {
      assert.equal(event.event, "progress");
      break;
    }
    const call = await stub.nextCall();
    const started = performance.now();
    await call.whenCancelled;
    assert.ok(performance.now() - started < 2_000);
  });

  it("fails with DEADLINE_EXCEEDED when the stream outlives timeoutMs", async () => {
    stub.transformStream = async function* (call) {
      await delay(5_000, call.cancelled);
      yield { info };
    };
    const error = await failure(collectImage(client.transformStream({ image }, { timeoutMs: 150 })));
    assert.equal(error.code, Status.DEADLINE_EXCEEDED);
  });
});

describe("variants()", () => {
  it("yields each variant as it arrives, failed ones with their error", async () => {
    stub.variants = async function* () {
      yield { name: "small", image: Buffer.from("s"), info };
      yield { name: "broken", error: { code: Status.INVALID_ARGUMENT, message: "operations[0].extract: outside" } };
      yield { name: "large", image: Buffer.from("l"), info };
    };
    const seen = [];
    for await (const variant of client.variants({ image, variants: [{ name: "small" }, { name: "broken" }, { name: "large" }] })) {
      seen.push([variant.name, variant.error?.code ?? 0, variant.image.toString()]);
    }
    assert.deepEqual(seen, [
      ["small", 0, "s"],
      ["broken", Status.INVALID_ARGUMENT, ""],
      ["large", 0, "l"],
    ]);
  });

  it("rejects a pre-aborted signal without calling the server", async () => {
    const error = await failure(client.variants({ image }, { signal: AbortSignal.abort() }).next());
    assert.equal(error.code, Status.CANCELLED);
    assert.equal(stub.calls.length, 0);
  });
});

describe("resuming streams on another replica after UNAVAILABLE", () => {
  it("starts a TransformStream over when it fails before its info, and the caller gets the whole image", async () => {
    let attempts = 0;
    stub.transformStream = async function* () {
      attempts++;
      yield { progress: { stage: "STAGE_QUEUED", queuePosition: 0 } };
      if (attempts === 1) throw new StubFailure(Status.UNAVAILABLE, "the replica is shutting down");
      yield* events.slice(2);
    };
    const result = await collectImage(client.transformStream({ image }));
    assert.deepEqual(result.image, image);
    assert.equal(attempts, 2);
  });

  it("does not start over once chunks have arrived: the failure reaches the caller", async () => {
    stub.transformStream = async function* () {
      yield* events.slice(2, 4);
      throw new StubFailure(Status.UNAVAILABLE, "connection lost mid-image");
    };
    const error = await failure(collectImage(client.transformStream({ image })));
    assert.equal(error.codeName, "UNAVAILABLE");
    assert.equal(stub.calls.length, 1);
  });

  it("does not retry other codes", async () => {
    stub.transformStream = () => {
      throw new StubFailure(Status.INVALID_ARGUMENT, "bad");
    };
    await failure(collectImage(client.transformStream({ image })));
    assert.equal(stub.calls.length, 1);
  });

  it("resumes Variants with only the variants that have not arrived, and gives up after maxAttempts", async () => {
    const names: string[][] = [];
    stub.variants = async function* (call) {
      names.push(call.request.variants.map((variant) => variant.name));
      yield { name: call.request.variants[0]!.name, image, info };
      if (call.request.variants.length > 1) throw new StubFailure(Status.UNAVAILABLE, "replica killed");
    };
    const received: string[] = [];
    for await (const variant of client.variants({ image, variants: ["a", "b", "c"].map((name) => ({ name })) })) received.push(variant.name);
    assert.deepEqual(received, ["a", "b", "c"]);
    assert.deepEqual(names, [["a", "b", "c"], ["b", "c"], ["c"]]);

    names.length = 0;
    const error = await failure(
      (async () => {
        for await (const variant of client.variants({ image, variants: ["a", "b", "c", "d"].map((name) => ({ name })) })) void variant;
      })(),
    );
    assert.equal(error.codeName, "UNAVAILABLE");
    assert.equal(names.length, 3, "three attempts in all (the default maxAttempts)");
  });

  it("keeps the caller's time budget across attempts", async () => {
    stub.transformStream = async function* () {
      await delay(150);
      yield { progress: { stage: "STAGE_QUEUED", queuePosition: 0 } };
      throw new StubFailure(Status.UNAVAILABLE, "draining");
    };
    const started = performance.now();
    const error = await failure(collectImage(client.transformStream({ image }, { timeoutMs: 250 })));
    assert.equal(error.codeName, "DEADLINE_EXCEEDED");
    assert.ok(performance.now() - started < 600);
  });
});
