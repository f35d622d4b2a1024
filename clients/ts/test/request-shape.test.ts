/**
 * The client checks every request against the proto before it is sent: a
 * request grpc-js would silently reshape (an unknown enum name sent as 0, an
 * unknown field dropped) fails with INVALID_ARGUMENT and never reaches the
 * service. Against a real @grpc/grpc-js server on loopback (stub-server.ts).
 */
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";

import {
  createImageClient,
  ImageServiceError,
  MessageShapeError,
  Status,
  type ImageClient,
  type InfoRequest,
  type TransformRequest,
  type TransformStreamRequest,
  type TransformResponse,
  type VariantsRequest,
} from "../src/index.js";
import { startStubServer, type StubServer } from "./stub-server.js";

const image = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const info = { format: "FORMAT_PNG", width: 1, height: 1, sizeBytes: 8, hasAlpha: false, pages: 1, channels: 3, quality: 0 } as const;
const transformResponse: TransformResponse = { image, info };
const fits = "FIT_UNSPECIFIED, FIT_COVER, FIT_CONTAIN, FIT_FILL, FIT_INSIDE, FIT_OUTSIDE";
const resizeFields = "width, height, fit, position, withoutEnlargement, background, withoutReduction";

/** What a JavaScript caller can pass that TypeScript would refuse. */
const untyped = <T>(value: unknown): T => value as T;

/** The ImageServiceError `promise` rejects with; fails the test if it resolves or rejects with something else. */
async function invalidArgument(promise: Promise<unknown>): Promise<ImageServiceError> {
  let outcome: unknown;
  try {
    outcome = await promise;
  } catch (error) {
    assert.ok(error instanceof ImageServiceError, `expected an ImageServiceError, got ${String(error)}`);
    assert.equal(error.code, Status.INVALID_ARGUMENT);
    assert.equal(error.codeName, "INVALID_ARGUMENT");
    assert.ok(error.cause instanceof MessageShapeError, "the cause is the MessageShapeError");
    assert.equal(error.message, `INVALID_ARGUMENT: ${error.details}`);
    return error;
  }
  assert.fail(`expected a rejection, got ${JSON.stringify(outcome)}`);
}

describe("requests that do not fit the proto", () => {
  let stub: StubServer;
  let client: ImageClient;

  before(async () => {
    stub = await startStubServer();
    client = createImageClient(stub.address);
  });

  after(async () => {
    client?.close();
    await stub?.close();
  });

  beforeEach(() => {
    stub.reset();
    stub.transform = () => transformResponse;
    stub.info = () => ({ info, orientation: 0, colorSpace: "srgb", hasIccProfile: false, dominantColor: "#000000", bitsPerSample: 8, progressive: false });
    stub.transformStream = () => [{ info }, { chunk: image }];
    stub.variants = (call) => ((call.request as { variants: { name: string }[] }).variants ?? []).map((variant) => ({ name: variant.name, image, info }));
  });

  const transformCases: [what: string, request: unknown, details: string][] = [
    [
      "an unknown enum name (grpc-js would send FIT_UNSPECIFIED)",
      { image, operations: [{ resize: { width: 10, fit: "FIT_BOGUS" } }] },
      `operations[0].resize.fit: unknown value "FIT_BOGUS"; expected one of ${fits}`,
    ],
    [
      "a misspelt field (grpc-js would drop it)",
      { image, operations: [{ resize: { widht: 10 } }] },
      `operations[0].resize: unknown field "widht"; did you mean "width"? known: ${resizeFields}`,
    ],
    [
      "the proto's snake_case spelling",
      { image, operations: [{ resize: { width: 10, without_enlargement: true } }] },
      `operations[0].resize: unknown field "without_enlargement"; did you mean "withoutEnlargement"? known: ${resizeFields}`,
    ],
    ['"false" for a bool (grpc-js would send true)', { image, output: { lossless: "false" } }, `output.lossless: expected true or false, got "false"`],
    [
      "a width past uint32 (grpc-js would wrap it)",
      { image, operations: [{ resize: { width: 2 ** 32 + 5 } }] },
      "operations[0].resize.width: expected an integer from 0 to 4294967295, got 4294967301",
    ],
    ["both sources", { image, url: "https://example.com/a.png" }, "both image and url are set; oneof source takes at most one"],
  ];
  for (const [what, request, details] of transformCases) {
    it(`transform() refuses ${what} with INVALID_ARGUMENT, and the service never sees it`, async () => {
      const pending = client.transform(untyped<TransformRequest>(request));
      assert.ok(pending instanceof Promise, "transform() returns a promise rather than throwing");
      const error = await invalidArgument(pending);
      assert.equal(error.details, details);
      // A good call still works on the same client, and is the only call the service saw.
      const response = await client.transform({ image, operations: [{ resize: { width: 10, fit: "FIT_COVER" } }] });
      assert.deepEqual(response.info, info);
      assert.equal(stub.calls.length, 1);
      assert.equal((stub.calls[0]!.request as TransformRequest).operations?.[0]?.resize?.fit, "FIT_COVER");
    });
  }

  it("transform() sends a good request whole, with grpc-js's own oneof discriminators accepted", async () => {
    await client.transform({
      image,
      source: "image",
      operations: [{ operation: "resize", resize: { width: 320, fit: 2 } }],
      output: { format: "FORMAT_WEBP" },
    });
    const seen = (await stub.nextCall()).request as TransformRequest;
    assert.deepEqual(seen.operations?.[0]?.resize, {
      width: 320,
      height: 0,
      fit: "FIT_CONTAIN",
      position: "POSITION_UNSPECIFIED",
      withoutEnlargement: false,
      background: "",
      withoutReduction: false,
    });
  });

  it("info() checks an InfoRequest, and still takes bare bytes", async () => {
    const error = await invalidArgument(client.info(untyped<InfoRequest>({ image, uri: "https://example.com/a.png" })));
    assert.equal(error.details, `unknown field "uri"; did you mean "url"? known: image, url, placeholders`);
    const notBytes = await invalidArgument(client.info(untyped<InfoRequest>({ image: new ArrayBuffer(8) })));
    assert.match(notBytes.details, /^image: expected a Uint8Array, Buffer or base64 string, got an ArrayBuffer/);
    assert.equal(stub.calls.length, 0);

    const response = await client.info(image);
    assert.equal(response.colorSpace, "srgb");
    assert.equal(stub.calls.length, 1);
    assert.deepEqual((stub.calls[0]!.request as InfoRequest).image, image);
  });

  it("transformStream() fails its first next() with INVALID_ARGUMENT, without a synchronous throw or a call", async () => {
    const events = client.transformStream(untyped<TransformStreamRequest>({ image, chunkSize: -1 }));
    const error = await invalidArgument(events.next());
    assert.equal(error.details, "chunk_size: expected an integer from 0 to 4294967295, got -1");
    assert.deepEqual(await events.next(), { done: true, value: undefined });
    assert.equal(stub.calls.length, 0);

    const good = [];
    for await (const event of client.transformStream({ image, chunkSize: 4 })) good.push(event.event);
    assert.deepEqual(good, ["info", "chunk"]);
    assert.equal(stub.calls.length, 1);
  });

  it("variants() refuses a null variant with its index in the path, and never calls the service", async () => {
    const error = await invalidArgument(client.variants(untyped<VariantsRequest>({ image, variants: [{ name: "small" }, null] })).next());
    assert.equal(error.details, "variants[1]: expected an object, got null");
    const badFormat = await invalidArgument(
      client.variants(untyped<VariantsRequest>({ image, variants: [{ name: "small", output: { format: "FORMAT_JPG" } }] })).next(),
    );
    assert.match(
      badFormat.details,
      /^variants\[0\]\.output\.format: unknown value "FORMAT_JPG"; did you mean "FORMAT_JPEG"\? expected one of FORMAT_UNSPECIFIED, /,
    );
    assert.equal(stub.calls.length, 0);

    const names = [];
    for await (const variant of client.variants({ image, variants: [{ name: "small", output: { format: "FORMAT_JPEG" } }] })) names.push(variant.name);
    assert.deepEqual(names, ["small"]);
    assert.equal(stub.calls.length, 1);
  });
});
