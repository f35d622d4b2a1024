/**
 * The message-shape checker against the image service's real descriptors
 * (every mistake protobufjs's fromObject would let through silently), and
 * against a fixture proto for the types the service does not use yet.
 */
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";

import { loadSync, type MessageTypeDefinition } from "@grpc/proto-loader";

import {
  checkMessage,
  imageServiceProtoFile,
  loaderOptions,
  loadImageServicePackageDefinition,
  MAX_MESSAGE_DEPTH,
  MAX_REPEATED_LENGTH,
  messageFromJson,
  MessageShapeError,
  protoRoot,
  type Operation,
  type TransformRequest,
} from "../src/index.js";
import { createMessageShapes, type MessageShapes } from "../src/message-shape.js";
import { loadProtoRoot } from "../src/package-definition.js";

/** The MessageShapeError `run` throws; fails the test if it throws nothing or something else. */
function shapeError(run: () => unknown): MessageShapeError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof MessageShapeError, `expected a MessageShapeError, got ${String(error)}`);
    return error;
  }
  assert.fail("expected a MessageShapeError, nothing was thrown");
}

const resizeFields = "width, height, fit, position, withoutEnlargement, background, withoutReduction";
const fits = "FIT_UNSPECIFIED, FIT_COVER, FIT_CONTAIN, FIT_FILL, FIT_INSIDE, FIT_OUTSIDE";
const operationFields =
  "resize, extract, rotate, flip, flop, blur, sharpen, grayscale, extend, trim, flatten, roundCorners, composite, text, modulate, linear, gamma, tint, normalize, clahe, negate, threshold, median, pixelate, convolve";
const uint32Range = "expected an integer from 0 to 4294967295";

const TR = "pixelrpc.image.v1.TransformRequest";
const resize = (fields: Record<string, unknown>): unknown => ({ operations: [{ resize: fields }] });

type Case = readonly [what: string, typeName: string, value: unknown, message: string];

describe("checkMessage (the object form grpc-js takes)", () => {
  const refused: Case[] = [
    ["a misspelt field", TR, resize({ widht: 10 }), `operations[0].resize: unknown field "widht"; did you mean "width"? known: ${resizeFields}`],
    [
      "the proto's snake_case spelling, which fromObject would drop",
      TR,
      resize({ without_enlargement: true }),
      `operations[0].resize: unknown field "without_enlargement"; did you mean "withoutEnlargement"? known: ${resizeFields}`,
    ],
    ["a field nothing is close to", TR, resize({ colour: "#fff" }), `operations[0].resize: unknown field "colour"; known: ${resizeFields}`],
    ["a field on a message without fields", "pixelrpc.image.v1.Operation", { flip: { vertical: true } }, `flip: unknown field "vertical"; Flip has no fields`],
    [
      "an unknown top-level field",
      TR,
      { images: Buffer.alloc(1) },
      `unknown field "images"; did you mean "image"? known: image, url, operations, output, input, preset`,
    ],
    ["__proto__ as an own key", TR, JSON.parse('{"__proto__": {"x": 1}}'), `unknown field "__proto__"; known: image, url, operations, output, input, preset`],
    [
      "an unknown enum name, which fromObject would turn into 0",
      TR,
      resize({ fit: "FIT_BOGUS" }),
      `operations[0].resize.fit: unknown value "FIT_BOGUS"; expected one of ${fits}`,
    ],
    [
      "an enum name without its prefix",
      TR,
      resize({ fit: "cover" }),
      `operations[0].resize.fit: unknown value "cover"; did you mean "FIT_COVER"? expected one of ${fits}`,
    ],
    [
      "a misspelt enum name",
      TR,
      resize({ fit: "FIT_CONTIAN" }),
      `operations[0].resize.fit: unknown value "FIT_CONTIAN"; did you mean "FIT_CONTAIN"? expected one of ${fits}`,
    ],
    ["an enum number the enum lacks", TR, resize({ fit: 9 }), `operations[0].resize.fit: unknown value 9; expected one of ${fits}`],
    ["an enum given as a boolean", TR, resize({ fit: true }), `operations[0].resize.fit: expected one of ${fits}, got true`],
    ["uint32 2^32, which the wire would wrap to 0", TR, resize({ width: 4294967296 }), `operations[0].resize.width: ${uint32Range}, got 4294967296`],
    ["uint32 -1", TR, resize({ width: -1 }), `operations[0].resize.width: ${uint32Range}, got -1`],
    ["uint32 1.5", TR, resize({ height: 1.5 }), `operations[0].resize.height: ${uint32Range}, got 1.5`],
    ["uint32 NaN", TR, resize({ width: Number.NaN }), `operations[0].resize.width: ${uint32Range}, got NaN`],
    ["uint32 Infinity", TR, resize({ width: Number.POSITIVE_INFINITY }), `operations[0].resize.width: ${uint32Range}, got Infinity`],
    ["uint32 as a string", TR, resize({ width: "10" }), `operations[0].resize.width: ${uint32Range}, got "10"`],
    ["uint32 as a bigint", TR, resize({ width: 10n }), `operations[0].resize.width: ${uint32Range}, got 10n`],
    ["double NaN", TR, { operations: [{ rotate: { angle: Number.NaN } }] }, "operations[0].rotate.angle: expected a finite number, got NaN"],
    [
      "double -Infinity",
      TR,
      { operations: [{ blur: { sigma: Number.NEGATIVE_INFINITY } }] },
      "operations[0].blur.sigma: expected a finite number, got -Infinity",
    ],
    ["double as a string", TR, { operations: [{ rotate: { angle: "90" } }] }, `operations[0].rotate.angle: expected a finite number, got "90"`],
    [
      'bool "false", which fromObject would make true',
      TR,
      resize({ withoutEnlargement: "false" }),
      `operations[0].resize.without_enlargement: expected true or false, got "false"`,
    ],
    ["bool 0", TR, { input: { disableAutoOrient: 0 } }, "input.disable_auto_orient: expected true or false, got 0"],
    ["string as a number", TR, resize({ background: 0xffffff }), "operations[0].resize.background: expected a string, got 16777215"],
    ["string as an object", TR, { url: new URL("https://example.com/a.png") }, "url: expected a string, got a URL"],
    [
      "bytes as an ArrayBuffer, which fromObject would drop",
      TR,
      { image: new ArrayBuffer(4) },
      "image: expected a Uint8Array, Buffer or base64 string, got an ArrayBuffer (wrap it: new Uint8Array(buffer))",
    ],
    ["bytes as an array of numbers", TR, { image: [1, 2, 300] }, "image: expected a Uint8Array, Buffer or base64 string, got an array"],
    ["bytes as invalid base64", TR, { image: "not base64!" }, `image: expected base64 (standard alphabet, padding optional), got "not base64!"`],
    [
      "bytes as URL-safe base64, which protobufjs cannot decode",
      TR,
      { image: "-_8" },
      `image: expected base64 (standard alphabet, padding optional), got "-_8"`,
    ],
    ["a message as a string", TR, { output: "webp" }, `output: expected an object, got "webp"`],
    ["a message as an array", TR, { output: [] }, "output: expected an object, got an array"],
    ["a message as a Buffer", TR, { input: Buffer.alloc(2) }, "input: expected an object, got a Buffer"],
    ["a message as a Map", TR, { output: new Map([["format", "FORMAT_PNG"]]) }, "output: expected an object, got a Map"],
    ["a repeated field as an object", TR, { operations: { resize: {} } }, "operations: expected an array, got an object"],
    ["a null list entry", "pixelrpc.image.v1.VariantsRequest", { variants: [{ name: "a" }, null] }, "variants[1]: expected an object, got null"],
    ["a number as a list entry", TR, { operations: [{ flip: {} }, 3] }, "operations[1]: expected an object, got 3"],
    [
      "more list entries than MAX_REPEATED_LENGTH",
      TR,
      { operations: Array.from({ length: MAX_REPEATED_LENGTH + 1 }, () => ({ flip: {} })) },
      `operations: expected at most ${MAX_REPEATED_LENGTH} entries, got ${MAX_REPEATED_LENGTH + 1}`,
    ],
    [
      "two members of a oneof",
      TR,
      { operations: [{ resize: { width: 1 }, extract: { width: 1 } }] },
      "operations[0]: both resize and extract are set; oneof operation takes at most one",
    ],
    ["both sources", TR, { image: Buffer.alloc(1), url: "https://example.com/a.png" }, "both image and url are set; oneof source takes at most one"],
    [
      "a discriminator that disagrees with the member set",
      TR,
      { operations: [{ resize: { width: 1 }, operation: "extract" }] },
      `operations[0]: operation says "extract" but resize is set`,
    ],
    ["a discriminator naming a member that is not set", TR, { image: null, source: "image" }, `source says "image" but image is not set`],
    [
      "a discriminator naming no member",
      TR,
      { operations: [{ resize: {}, operation: "crop" }] },
      `operations[0]: operation must name a member of oneof operation (${operationFields}), got "crop"`,
    ],
    ["a message that is null", TR, null, "expected an object, got null"],
    ["a message that is a class instance", TR, new (class Request {})(), "expected an object, got a Request"],
  ];
  for (const [what, typeName, value, message] of refused) {
    it(`refuses ${what}`, () => {
      const error = shapeError(() => checkMessage(typeName, value));
      assert.equal(error.message, message);
      assert.equal(error.name, "MessageShapeError");
      assert.equal(error.message, error.path === "" ? error.problem : `${error.path}: ${error.problem}`);
    });
  }

  const accepted: [what: string, typeName: string, value: unknown][] = [
    [
      "a full request",
      TR,
      {
        image: Buffer.alloc(8),
        operations: [
          {
            resize: {
              width: 4294967295,
              height: 0,
              fit: "FIT_COVER",
              position: "POSITION_ATTENTION",
              withoutEnlargement: true,
              background: "#fff",
              withoutReduction: false,
            },
          },
          { rotate: { angle: -12.5, background: "" } },
          { flip: {} },
          { sharpen: { sigma: 1, m1: 0, m2: 2.5, x1: 2, y2: 10, y3: 20 } },
          { extend: { top: 1, right: 2, bottom: 3, left: 4, extendWith: "EXTEND_WITH_MIRROR" } },
        ],
        output: { format: "FORMAT_AVIF", quality: 50, lossless: false, progressive: false, effort: 9, keepMetadata: true },
        input: { page: 0, disableAutoOrient: true },
      } satisfies TransformRequest,
    ],
    ["enum numbers the enum defines (proto-loader's types allow them)", TR, { output: { format: 3 }, operations: [{ resize: { fit: 0, position: 11 } }] }],
    ["bytes as a plain Uint8Array", TR, { image: new Uint8Array([1, 2, 3]) }],
    ["bytes as standard base64, padded or not", TR, { image: "aGVsbG8", operations: [], url: undefined }],
    [
      "null and undefined as absent, for messages, lists and oneof members",
      TR,
      { image: "aGVsbG8=", url: null, output: null, input: undefined, operations: null },
    ],
    [
      "discriminators that agree, as grpc-js's own output objects have",
      TR,
      { source: "url", url: "https://example.com/a.png", operations: [{ operation: "flop", flop: {} }] },
    ],
    ["a null or undefined discriminator, as no claim", TR, { image: Buffer.alloc(1), source: null, operations: [{ flip: {}, operation: undefined }] }],
    ["-0 as a uint32", TR, resize({ width: -0 })],
    ["an object without a prototype", "pixelrpc.image.v1.Resize", Object.assign(Object.create(null) as object, { width: 3 })],
    ["a short type name", "Operation", { grayscale: {} } satisfies Operation],
  ];
  for (const [what, typeName, value] of accepted) {
    it(`accepts ${what}`, () => {
      assert.doesNotThrow(() => checkMessage(typeName, value));
    });
  }

  it("prefixes every path with the caller's root path", () => {
    const error = shapeError(() => checkMessage("pixelrpc.image.v1.Operation", { resize: { fit: "FIT_BOGUS" } }, "options.operations[3]"));
    assert.equal(error.path, "options.operations[3].resize.fit");
    assert.equal(error.problem, `unknown value "FIT_BOGUS"; expected one of ${fits}`);
    assert.equal(error.message, `options.operations[3].resize.fit: unknown value "FIT_BOGUS"; expected one of ${fits}`);
    const unknown = shapeError(() => checkMessage("pixelrpc.image.v1.Operation", { crop: {} }, "options.operations[3]"));
    assert.equal(unknown.path, "options.operations[3]");
  });

  it("throws a plain Error, not a MessageShapeError, for a type name the proto lacks", () => {
    assert.throws(
      () => checkMessage("pixelrpc.image.v1.Crop", {}),
      (error: unknown) => error instanceof Error && !(error instanceof MessageShapeError) && /no message type pixelrpc\.image\.v1\.Crop/.test(error.message),
    );
    assert.throws(() => checkMessage("pixelrpc.image.v1.Fit", {}), /no message type/);
  });

  it("covers every field of every message, under its proto name, straight from the descriptors", () => {
    const definition = loadImageServicePackageDefinition();
    const protoNames = loadSync(imageServiceProtoFile, { ...loaderOptions, keepCase: true, includeDirs: [protoRoot] });
    let checked = 0;
    for (const [typeName, entry] of Object.entries(definition)) {
      if (entry.format !== "Protocol Buffer 3 DescriptorProto") continue;
      const { field: fields } = (entry as MessageTypeDefinition<object, object>).type as { field: { name: string; number: number }[] };
      const { field: protoFields } = (protoNames[typeName] as MessageTypeDefinition<object, object>).type as { field: { name: string; number: number }[] };
      assert.doesNotThrow(() => checkMessage(typeName, {}), typeName);
      for (const field of fields) {
        const protoName = protoFields.find((candidate) => candidate.number === field.number)!.name;
        const error = shapeError(() => checkMessage(typeName, { [field.name]: Symbol("wrong") }));
        assert.equal(error.path, protoName, `${typeName}.${field.name}`);
        assert.match(error.problem, /^expected .*, got a symbol$/, `${typeName}.${field.name}`);
        checked += 1;
      }
    }
    assert.ok(checked >= 90, `only ${checked} fields checked`);
  });

  it("takes microseconds for a request with 800 KiB of image bytes (which it neither copies nor encodes)", () => {
    const request: TransformRequest = {
      image: Buffer.alloc(800 * 1024, 7),
      operations: [{ resize: { width: 320, fit: "FIT_COVER", withoutEnlargement: true } }, { rotate: { angle: 90 } }, { flop: {} }],
      output: { format: "FORMAT_WEBP", quality: 75 },
      input: { page: 0 },
    };
    // Warm up first: what is measured is the steady state, not V8 compiling the walker.
    for (let i = 0; i < 20_000; i++) checkMessage(TR, request);
    const runs = 5_000;
    const start = process.hrtime.bigint();
    for (let i = 0; i < runs; i++) checkMessage(TR, request);
    const microseconds = Number(process.hrtime.bigint() - start) / 1_000 / runs;
    assert.ok(microseconds < 50, `one check took ${microseconds.toFixed(1)} µs`);
  });
});

describe("messageFromJson (the proto3 JSON form, as the gateway's options part carries it)", () => {
  it("turns JSON names, proto names, enum numbers, decimal strings and base64 into the loader's object form", () => {
    const json = JSON.parse(`{
      "image": "iVBORw0KGgo=",
      "operations": [
        { "resize": { "width": "320", "height": 200, "fit": 1, "position": "POSITION_ATTENTION", "without_enlargement": true } },
        { "rotate": { "angle": "12.5", "background": "#ff000080" } },
        { "flop": {} },
        { "extend": { "extend_with": "EXTEND_WITH_COPY", "top": 1.0 } }
      ],
      "output": { "format": 3, "keepMetadata": true, "quality": null },
      "input": null,
      "url": null
    }`);
    const request = messageFromJson<TransformRequest>(TR, json);
    assert.deepEqual(request, {
      image: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      operations: [
        { resize: { width: 320, height: 200, fit: "FIT_COVER", position: "POSITION_ATTENTION", withoutEnlargement: true } },
        { rotate: { angle: 12.5, background: "#ff000080" } },
        { flop: {} },
        { extend: { extendWith: "EXTEND_WITH_COPY", top: 1 } },
      ],
      output: { format: "FORMAT_WEBP", keepMetadata: true },
    });
    assert.ok(Buffer.isBuffer(request.image));
    // What it returns is what checkMessage accepts and grpc-js sends intact.
    assert.doesNotThrow(() => checkMessage(TR, request));
    const type = loadImageServicePackageDefinition()[TR] as MessageTypeDefinition<object, object>;
    const onTheWire = type.deserialize(type.serialize(request)) as { operations: { resize?: { withoutEnlargement: boolean; fit: string } }[] };
    assert.equal(onTheWire.operations[0]!.resize!.withoutEnlargement, true);
    assert.equal(onTheWire.operations[0]!.resize!.fit, "FIT_COVER");
  });

  it("accepts URL-safe base64 and base64 without padding", () => {
    assert.deepEqual(messageFromJson<TransformRequest>(TR, { image: "-_8" }).image, Buffer.from([0xfb, 0xff]));
    assert.deepEqual(messageFromJson<TransformRequest>(TR, { image: "+/8=" }).image, Buffer.from([0xfb, 0xff]));
    assert.deepEqual(messageFromJson<TransformRequest>(TR, { image: "" }).image, Buffer.alloc(0));
  });

  it("treats null as absent for fields and oneof members, and leaves them out", () => {
    assert.deepEqual(messageFromJson(TR, { image: null, url: "https://example.com/a.png", operations: null, output: { format: null } }), {
      url: "https://example.com/a.png",
      output: {},
    });
  });

  const base64 = "expected base64 (standard or URL-safe alphabet, padding optional)";
  const refused: Case[] = [
    [
      "a misspelt JSON name",
      TR,
      resize({ withoutEnlargment: true }),
      `operations[0].resize: unknown field "withoutEnlargment"; did you mean "withoutEnlargement"? known: ${resizeFields}`,
    ],
    [
      "a misspelt proto name, suggesting the proto spelling",
      TR,
      resize({ without_enlargment: true }),
      `operations[0].resize: unknown field "without_enlargment"; did you mean "without_enlargement"? known: ${resizeFields}`,
    ],
    [
      "a field given in both spellings",
      TR,
      resize({ without_enlargement: true, withoutEnlargement: false }),
      `operations[0].resize: field without_enlargement is given twice, as "without_enlargement" and "withoutEnlargement"`,
    ],
    [
      "the object form's oneof discriminator",
      TR,
      { operations: [{ operation: "flip", flip: {} }] },
      `operations[0]: unknown field "operation"; known: ${operationFields}`,
    ],
    ["an unknown enum name", TR, resize({ fit: "FIT_BOGUS" }), `operations[0].resize.fit: unknown value "FIT_BOGUS"; expected one of ${fits}`],
    ["an enum number the enum lacks", TR, resize({ fit: 17 }), `operations[0].resize.fit: unknown value 17; expected one of ${fits}`],
    ["an enum number as a string", TR, resize({ fit: "1" }), `operations[0].resize.fit: unknown value "1"; expected one of ${fits}`],
    ["an enum as an object", TR, resize({ fit: {} }), `operations[0].resize.fit: expected one of ${fits}, got an object`],
    ["uint32 2^32", TR, resize({ width: 4294967296 }), `operations[0].resize.width: ${uint32Range}, got 4294967296`],
    ["uint32 2^32 as a string", TR, resize({ width: "4294967296" }), `operations[0].resize.width: ${uint32Range}, got "4294967296"`],
    ["uint32 -1 as a string", TR, resize({ width: "-1" }), `operations[0].resize.width: ${uint32Range}, got "-1"`],
    ["uint32 1.5", TR, resize({ width: 1.5 }), `operations[0].resize.width: ${uint32Range}, got 1.5`],
    ["an integer string in hex", TR, resize({ width: "0x10" }), `operations[0].resize.width: ${uint32Range}, got "0x10"`],
    ["an integer string with an exponent", TR, resize({ width: "1e3" }), `operations[0].resize.width: ${uint32Range}, got "1e3"`],
    ["an integer string with a leading zero", TR, resize({ width: "010" }), `operations[0].resize.width: ${uint32Range}, got "010"`],
    ["an integer string with spaces", TR, resize({ width: " 10" }), `operations[0].resize.width: ${uint32Range}, got " 10"`],
    ["an integer string with a fraction", TR, resize({ width: "10.0" }), `operations[0].resize.width: ${uint32Range}, got "10.0"`],
    ["an empty integer string", TR, resize({ width: "" }), `operations[0].resize.width: ${uint32Range}, got ""`],
    ["an integer as a boolean", TR, resize({ width: true }), `operations[0].resize.width: ${uint32Range}, got true`],
    [
      'double "NaN", which proto3 JSON allows and the service never wants',
      TR,
      { operations: [{ rotate: { angle: "NaN" } }] },
      `operations[0].rotate.angle: expected a finite number, got "NaN"`,
    ],
    ['double "Infinity"', TR, { operations: [{ blur: { sigma: "Infinity" } }] }, `operations[0].blur.sigma: expected a finite number, got "Infinity"`],
    ['double "-Infinity"', TR, { operations: [{ blur: { sigma: "-Infinity" } }] }, `operations[0].blur.sigma: expected a finite number, got "-Infinity"`],
    [
      "double as a non-numeric string",
      TR,
      { operations: [{ rotate: { angle: "90deg" } }] },
      `operations[0].rotate.angle: expected a finite number, got "90deg"`,
    ],
    [
      "double as a huge decimal string",
      TR,
      { operations: [{ rotate: { angle: "1e400" } }] },
      `operations[0].rotate.angle: expected a finite number, got "1e400"`,
    ],
    ['bool "true"', TR, { output: { lossless: "true" } }, `output.lossless: expected true or false, got "true"`],
    ["string as a number", TR, { url: 42 }, "url: expected a string, got 42"],
    ["bytes as an array", TR, { image: [1, 2] }, "image: expected a base64 string, got an array"],
    ["bytes with a character outside base64", TR, { image: "aGVs*G8=" }, `image: ${base64}, got "aGVs*G8="`],
    ["bytes mixing the two alphabets", TR, { image: "+_8=" }, `image: ${base64}, got "+_8="`],
    ["bytes with too much padding", TR, { image: "aGVsbG8==" }, `image: ${base64}, got "aGVsbG8=="`],
    ["bytes with padding in the middle", TR, { image: "aG=sbG8=" }, `image: ${base64}, got "aG=sbG8="`],
    ["bytes of an impossible length", TR, { image: "aGVsb" }, `image: ${base64}, got "aGVsb"`],
    ["bytes with stray bits in the last character", TR, { image: "QR==" }, `image: ${base64}, got "QR=="`],
    ["bytes with whitespace", TR, { image: "aGVs bG8=" }, `image: ${base64}, got "aGVs bG8="`],
    ["a null list entry", "pixelrpc.image.v1.VariantsRequest", { variants: [null] }, "variants[0]: expected an object, got null"],
    [
      "a null entry in a nested list",
      "pixelrpc.image.v1.VariantsRequest",
      { variants: [{ name: "a", operations: [{ flip: {} }, null] }] },
      "variants[0].operations[1]: expected an object, got null",
    ],
    ["a message as a number", TR, { output: 1 }, "output: expected an object, got 1"],
    ["a repeated field as a string", TR, { operations: "resize" }, `operations: expected an array, got "resize"`],
    ["two members of a oneof", TR, { image: "aGVsbG8=", url: "https://example.com/a.png" }, "both image and url are set; oneof source takes at most one"],
    [
      "__proto__ as a key",
      TR,
      JSON.parse('{"output": {"__proto__": {"format": "FORMAT_PNG"}}}'),
      `output: unknown field "__proto__"; known: format, quality, lossless, progressive, effort, keepMetadata, loop, delaysMs, colors, dither, minSize, mixed, maxBytes`,
    ],
    ["a root that is an array", TR, [], "expected an object, got an array"],
  ];
  for (const [what, typeName, value, message] of refused) {
    it(`refuses ${what}`, () => {
      assert.equal(shapeError(() => messageFromJson(typeName, value)).message, message);
    });
  }

  it("prefixes every path with the caller's root path, as the gateway gives it", () => {
    const error = shapeError(() => messageFromJson("pixelrpc.image.v1.VariantSpec", { name: "w320", output: { format: "FORMAT_JPG" } }, "options.variants[2]"));
    assert.equal(error.path, "options.variants[2].output.format");
    assert.match(error.problem, /^unknown value "FORMAT_JPG"; did you mean "FORMAT_JPEG"\? expected one of FORMAT_UNSPECIFIED, /);
    const nullVariant = shapeError(() => messageFromJson("pixelrpc.image.v1.VariantsRequest", { variants: [null] }, "options"));
    assert.equal(nullVariant.message, "options.variants[0]: expected an object, got null");
  });

  it("leaves the input alone and builds a fresh object", () => {
    const json = { operations: [{ resize: { width: "7" } }] };
    const copy = structuredClone(json);
    const result = messageFromJson<TransformRequest>(TR, json);
    assert.deepEqual(json, copy);
    assert.notEqual(result.operations, json.operations);
    assert.equal(Object.getPrototypeOf(result), Object.prototype);
  });
});

/** Types the image service does not use (yet): other scalars, nesting, recursion, maps, well-known types. */
const fixtureProto = `
syntax = "proto3";
package fixture.v1;
import "google/protobuf/timestamp.proto";

message Node {
  Node child = 1;
  repeated Node children = 2;
  string label = 3;
}

message Numbers {
  int32 i32 = 1;
  sint32 s32 = 2;
  sfixed32 sf32 = 3;
  fixed32 f32 = 4;
  int64 i64 = 5;
  uint64 u64 = 6;
  sint64 s64 = 7;
  fixed64 f64 = 8;
  float fl = 9;
  repeated uint32 many = 10;
  optional uint32 maybe = 11;
  string snake_case_2x = 12;
  Outer.Inner inner = 13;
  Outer.Mood mood = 14;
}

message Outer {
  message Inner { int32 value_one = 1; }
  enum Mood {
    MOOD_UNSPECIFIED = 0;
    MOOD_HAPPY = 1;
    MOOD_SAD = -2;
  }
  Inner inner = 1;
}

message Choices {
  oneof first_choice {
    int32 a = 1;
    string b = 2;
  }
  oneof second_choice {
    bool c = 3;
    Node d = 4;
  }
}

message Other {
  message Inner { bool flag = 1; }
}

message WithMap { map<string, int32> counts = 1; }
message WithTime { google.protobuf.Timestamp at = 1; }
`;

describe("the checker on other proto types (a fixture proto)", () => {
  let directory: string;
  let shapes: MessageShapes;

  before(() => {
    directory = mkdtempSync(join(tmpdir(), "message-shape-"));
    mkdirSync(join(directory, "fixture"));
    writeFileSync(join(directory, "fixture", "fixture.proto"), fixtureProto);
    shapes = createMessageShapes(loadProtoRoot("fixture/fixture.proto", [directory]));
  });

  after(() => rmSync(directory, { recursive: true, force: true }));

  const int32Range = "expected an integer from -2147483648 to 2147483647";
  const int64Range = "expected an integer from -9007199254740991 to 9007199254740991";
  const uint64Range = "expected an integer from 0 to 9007199254740991";
  const N = "fixture.v1.Numbers";
  const objectRefused: Case[] = [
    ["int32 2^31", N, { i32: 2 ** 31 }, `i32: ${int32Range}, got 2147483648`],
    ["sint32 below -2^31", N, { s32: -(2 ** 31) - 1 }, `s32: ${int32Range}, got -2147483649`],
    ["sfixed32 as a string", N, { sf32: "1" }, `sf32: ${int32Range}, got "1"`],
    ["fixed32 -1", N, { f32: -1 }, `f32: expected an integer from 0 to 4294967295, got -1`],
    ["int64 beyond Number.MAX_SAFE_INTEGER (longs: Number could not give it back)", N, { i64: 2 ** 53 }, `i64: ${int64Range}, got 9007199254740992`],
    ["int64 as a hex string", N, { i64: "0x10" }, `i64: ${int64Range}, got "0x10"`],
    ["uint64 as a bigint", N, { u64: 5n }, `u64: ${uint64Range}, got 5n`],
    ["uint64 -1 as a Long", N, { u64: { low: -1, high: -1, unsigned: false } }, `u64: ${uint64Range}, got an object`],
    ["fixed64 beyond safe as a Long", N, { f64: { low: 0, high: 0x200000, unsigned: true } }, `f64: ${uint64Range}, got an object`],
    ["float beyond float range", N, { fl: 3.5e38 }, "fl: expected a finite number within ±3.4028234663852886e+38 (float), got 3.5e+38"],
    ["a null entry in a repeated scalar", N, { many: [1, null] }, "many[1]: expected an integer from 0 to 4294967295, got null"],
    ["a sparse repeated scalar", N, { many: [1, undefined, 3] }, "many[1]: expected an integer from 0 to 4294967295, got undefined"],
    ["a nested enum's unknown number", N, { mood: -1 }, "mood: unknown value -1; expected one of MOOD_UNSPECIFIED, MOOD_HAPPY, MOOD_SAD"],
    ["a nested message's unknown field", N, { inner: { value_one: 1 } }, `inner: unknown field "value_one"; did you mean "valueOne"? known: valueOne`],
    [
      "the proto3 JSON name where protobufjs spells it differently",
      N,
      { snakeCase2x: "x" },
      `unknown field "snakeCase2x"; did you mean "snakeCase_2x"? known: i32, s32, sf32, f32, i64, u64, s64, f64, fl, many, maybe, snakeCase_2x, inner, mood`,
    ],
    ["a proto3 optional's discriminator that disagrees", N, { _maybe: "maybe" }, `_maybe says "maybe" but maybe is not set`],
    ["two members of the second of two oneofs", "fixture.v1.Choices", { a: 1, c: true, d: {} }, "both c and d are set; oneof second_choice takes at most one"],
  ];
  for (const [what, typeName, value, message] of objectRefused) {
    it(`object form refuses ${what}`, () => {
      assert.equal(shapeError(() => shapes.checkMessage(typeName, value)).message, message);
    });
  }

  it("object form accepts the edges of each range, Longs, and one member of each oneof", () => {
    assert.doesNotThrow(() =>
      shapes.checkMessage(N, {
        i32: -(2 ** 31),
        s32: 2 ** 31 - 1,
        f32: 2 ** 32 - 1,
        i64: Number.MIN_SAFE_INTEGER,
        u64: "9007199254740991",
        s64: { low: -1, high: -1, unsigned: false },
        f64: { low: 5, high: 0, unsigned: true },
        fl: -3.4028234663852886e38,
        many: [0, 1, 2],
        maybe: 0,
        _maybe: "maybe",
        snakeCase_2x: "x",
        inner: { valueOne: -3 },
        mood: "MOOD_SAD",
      }),
    );
    assert.doesNotThrow(() => shapes.checkMessage("fixture.v1.Choices", { b: "x", d: { label: "y" }, firstChoice: "b", secondChoice: "d" }));
  });

  it("JSON form reads nested types, negative enum numbers, 64-bit strings and the proto3 JSON name", () => {
    assert.deepEqual(
      shapes.messageFromJson(N, {
        i64: "-9007199254740991",
        u64: 9007199254740991,
        s32: "-5",
        fl: "1.5e3",
        many: ["1", 2],
        maybe: 0,
        snake_case_2x: "proto name",
        inner: { value_one: "-7" },
        mood: -2,
      }),
      {
        i64: -9007199254740991,
        u64: 9007199254740991,
        s32: -5,
        fl: 1500,
        many: [1, 2],
        maybe: 0,
        snakeCase_2x: "proto name",
        inner: { valueOne: -7 },
        mood: "MOOD_SAD",
      },
    );
    assert.deepEqual(shapes.messageFromJson(N, { snakeCase2x: "json name" }), { snakeCase_2x: "json name" });
  });

  const jsonRefused: Case[] = [
    ["uint64 beyond safe as a string", N, { u64: "9007199254740992" }, `u64: ${uint64Range}, got "9007199254740992"`],
    ["int64 as a Long-shaped object", N, { i64: { low: 1, high: 0, unsigned: false } }, `i64: ${int64Range}, got an object`],
    [
      "the object form's spelling where it differs from the JSON name",
      N,
      { snakeCase_2x: "x" },
      `unknown field "snakeCase_2x"; did you mean "snake_case_2x"? known: i32, s32, sf32, f32, i64, u64, s64, f64, fl, many, maybe, snakeCase2x, inner, mood`,
    ],
    ["a null entry in a repeated scalar", N, { many: [1, null] }, "many[1]: expected an integer from 0 to 4294967295, got null"],
    ["float beyond float range as a string", N, { fl: "1e39" }, `fl: expected a finite number within ±3.4028234663852886e+38 (float), got "1e39"`],
  ];
  for (const [what, typeName, value, message] of jsonRefused) {
    it(`JSON form refuses ${what}`, () => {
      assert.equal(shapeError(() => shapes.messageFromJson(typeName, value)).message, message);
    });
  }

  /** `levels` messages, each the `child` of the one before. */
  const chain = (levels: number): Record<string, unknown> => {
    const root: Record<string, unknown> = {};
    let node = root;
    for (let i = 1; i < levels; i++) {
      const child = {};
      node.child = child;
      node = child;
    }
    return root;
  };

  it(`allows nesting ${MAX_MESSAGE_DEPTH} messages below the root and refuses one more, in both forms`, () => {
    assert.doesNotThrow(() => shapes.checkMessage("fixture.v1.Node", chain(MAX_MESSAGE_DEPTH + 1)));
    assert.doesNotThrow(() => shapes.messageFromJson("fixture.v1.Node", chain(MAX_MESSAGE_DEPTH + 1)));
    const deepPath = Array.from({ length: MAX_MESSAGE_DEPTH + 1 }, () => "child").join(".");
    for (const run of [
      () => shapes.checkMessage("fixture.v1.Node", chain(MAX_MESSAGE_DEPTH + 2)),
      () => shapes.messageFromJson("fixture.v1.Node", chain(MAX_MESSAGE_DEPTH + 2)),
    ]) {
      const error = shapeError(run);
      assert.equal(error.path, deepPath);
      assert.equal(error.problem, `messages nested more than ${MAX_MESSAGE_DEPTH} deep`);
    }
  });

  it("refuses a cycle instead of recursing forever", () => {
    const loop: Record<string, unknown> = { label: "me" };
    loop.children = [loop];
    assert.match(shapeError(() => shapes.checkMessage("fixture.v1.Node", loop)).problem, /nested more than 32 deep/);
  });

  it("fails loudly, with a plain Error, on a map or a well-known type it does not support", () => {
    for (const [typeName, pattern] of [
      ["fixture.v1.WithMap", /fixture\.v1\.WithMap\.counts is a map; the message-shape checker does not support that yet/],
      ["fixture.v1.WithTime", /fixture\.v1\.WithTime\.at is a well-known type \(google\.protobuf\.Timestamp\)/],
    ] as const) {
      for (const run of [() => shapes.checkMessage(typeName, {}), () => shapes.messageFromJson(typeName, {})]) {
        assert.throws(run, (error: unknown) => error instanceof Error && !(error instanceof MessageShapeError) && pattern.test(error.message));
      }
    }
  });

  it("refuses a short type name that two messages share", () => {
    assert.throws(() => shapes.checkMessage("Inner", {}), /^Error: message-shape: Inner is ambiguous: fixture\.v1\.Outer\.Inner, fixture\.v1\.Other\.Inner$/);
    assert.doesNotThrow(() => shapes.checkMessage("Outer.Inner", { valueOne: 1 }));
  });
});

/** Names where protobufjs's casing, protoc's JSON names and a `json_name` option part ways. */
const namingProto = `
syntax = "proto3";
package naming.v1;

message Names {
  string snake_case_2x = 1;
  string _leading = 2;
  string double__under = 3;
  string trailing_ = 4;
  string colour_name = 5 [json_name = "color"];
  optional uint32 _opt = 6;
  optional string late_bloomer = 7;
  oneof my_choice {
    int32 first_pick = 8;
    string second_pick = 9;
  }
}
`;

describe("the checker and the loader agree on names", () => {
  let directory: string;
  let shapes: MessageShapes;
  const file = "naming/naming.proto";

  before(() => {
    directory = mkdtempSync(join(tmpdir(), "message-shape-naming-"));
    mkdirSync(join(directory, "naming"));
    writeFileSync(join(directory, file), namingProto);
    shapes = createMessageShapes(loadProtoRoot(file, [directory]));
  });

  after(() => rmSync(directory, { recursive: true, force: true }));

  type Descriptor = { field: { name: string; number: number }[]; oneofDecl: { name: string }[] };
  const descriptor = (definition: ReturnType<typeof loadSync>, typeName: string): Descriptor =>
    (definition[typeName] as MessageTypeDefinition<object, object>).type as Descriptor;

  /** Every field and oneof discriminator the loader names is one the checker knows, under the proto's name. */
  function assertAgreement(check: MessageShapes["checkMessage"], definition: ReturnType<typeof loadSync>, protoNames: ReturnType<typeof loadSync>): number {
    let checked = 0;
    for (const [typeName, entry] of Object.entries(definition)) {
      if (entry.format !== "Protocol Buffer 3 DescriptorProto" || typeName.startsWith("google.protobuf.")) continue;
      const { field: fields, oneofDecl: oneofs } = descriptor(definition, typeName);
      const { field: protoFields, oneofDecl: protoOneofs } = descriptor(protoNames, typeName);
      for (const field of fields) {
        const error = shapeError(() => check(typeName, { [field.name]: Symbol("wrong") }));
        assert.equal(error.path, protoFields.find((candidate) => candidate.number === field.number)!.name, `${typeName}.${field.name}`);
        checked += 1;
      }
      oneofs.forEach((oneof, index) => {
        const error = shapeError(() => check(typeName, { [oneof.name]: Symbol("wrong") }));
        assert.ok(error.problem.startsWith(`${oneof.name} must name a member of oneof ${protoOneofs[index]!.name} (`), `${typeName}: ${error.problem}`);
        checked += 1;
      });
    }
    return checked;
  }

  it("on every field and oneof of the image service", () => {
    const protoNames = loadSync(imageServiceProtoFile, { ...loaderOptions, keepCase: true, includeDirs: [protoRoot] });
    assert.ok(assertAgreement(checkMessage, loadImageServicePackageDefinition(), protoNames) >= 95);
  });

  it("on names protobufjs cases oddly, and proto3 optional's synthetic oneofs", () => {
    const options = { ...loaderOptions, includeDirs: [directory] };
    const checked = assertAgreement(shapes.checkMessage.bind(shapes), loadSync(file, options), loadSync(file, { ...options, keepCase: true }));
    assert.equal(checked, 9 + 3);
    assert.doesNotThrow(() =>
      shapes.checkMessage("naming.v1.Names", {
        _opt: 1,
        __opt: "_opt",
        lateBloomer: "x",
        _lateBloomer: "lateBloomer",
        secondPick: "y",
        myChoice: "secondPick",
      }),
    );
  });

  it("reads a json_name option as the field's JSON name, besides its proto name", () => {
    assert.deepEqual(shapes.messageFromJson("naming.v1.Names", { color: "red" }), { colourName: "red" });
    assert.deepEqual(shapes.messageFromJson("naming.v1.Names", { colour_name: "red" }), { colourName: "red" });
    assert.equal(
      shapeError(() => shapes.messageFromJson("naming.v1.Names", { colourName: "red" })).message,
      `unknown field "colourName"; did you mean "color"? known: snakeCase2x, Leading, doubleUnder, trailing, color, Opt, lateBloomer, firstPick, secondPick`,
    );
  });
});
