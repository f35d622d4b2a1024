import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { status } from "@grpc/grpc-js";
import { loadImageServicePackageDefinition, MAX_DIMENSION, type Operation__Output, type TransformRequest__Output } from "@pixelrpc/proto";

import { RpcError } from "../src/server/rpc-error.js";
import { MAX_OPERATIONS, defaultInputOptions, defaultOutputOptions, validateTransformRequest } from "../src/server/validate.js";
import { UNKNOWN_ENUM, blur, extend, extract, flatten, flip, flop, grayscale, output, request, resize, rotate, sharpen, trim } from "./factories.js";

/** Asserts that `req` is refused as INVALID_ARGUMENT with exactly `message` (or a message matching it). */
function assertInvalid(req: TransformRequest__Output, message: string | RegExp): void {
  assert.throws(
    () => validateTransformRequest(req),
    (error: unknown) => {
      assert.ok(error instanceof RpcError, `expected an RpcError, got ${String(error)}`);
      assert.equal(error.code, status.INVALID_ARGUMENT);
      assert.equal(error.name, "RpcError");
      if (typeof message === "string") assert.equal(error.message, message);
      else assert.match(error.message, message);
      return true;
    },
  );
}

/** Validates a request made of the one operation `op`. */
const invalidOp = (op: Operation__Output, message: string | RegExp): void => assertInvalid(request([op]), message);
const validOp = (op: Operation__Output): void => assert.doesNotThrow(() => validateTransformRequest(request([op])));
const invalidOutput = (fields: Parameters<typeof output>[0], message: string | RegExp): void => assertInvalid(request([], output(fields)), message);
const validOutput = (fields: Parameters<typeof output>[0]): void => assert.doesNotThrow(() => validateTransformRequest(request([], output(fields))));

const hexColorMessage = (field: string, value: string): string =>
  `${field} must be a hex colour such as "#ffffff" or "#00000000", got ${JSON.stringify(value)}`;

describe("validateTransformRequest: the request as a whole", () => {
  it("accepts an empty request (no operations, no output)", () => {
    assert.doesNotThrow(() => validateTransformRequest(request()));
  });

  it("accepts a request that uses every operation with in-range arguments", () => {
    const ops = [
      resize({ width: 800, height: 600, fit: "FIT_COVER", position: "POSITION_ATTENTION", withoutEnlargement: true, background: "#fff" }),
      extract({ left: 10, top: 20, width: 300, height: 200 }),
      rotate({ angle: -37.5, background: "#00000000" }),
      flip(),
      flop(),
      blur({ sigma: 2.5 }),
      sharpen({ sigma: 1, m1: 1, m2: 2, x1: 2, y2: 10, y3: 20 }),
      grayscale(),
      extend({ top: 1, right: 2, bottom: 3, left: 4, extendWith: "EXTEND_WITH_MIRROR", background: "#123" }),
      trim({ threshold: 12.5, background: "#abcd", lineArt: true }),
      flatten({ background: "#FFEEDD" }),
      resize({ width: 100, fit: "FIT_CONTAIN", position: "POSITION_LEFT_TOP", withoutReduction: true, background: "#11223344" }),
    ];
    const out = output({ format: "FORMAT_WEBP", quality: 80, lossless: false, progressive: true, effort: 6, keepMetadata: true });
    assert.doesNotThrow(() => validateTransformRequest(request(ops, out)));
  });

  it(`accepts exactly MAX_OPERATIONS (${MAX_OPERATIONS}) operations`, () => {
    assert.equal(MAX_OPERATIONS, 32);
    assert.doesNotThrow(() => validateTransformRequest(request(Array.from({ length: MAX_OPERATIONS }, flip))));
  });

  it("refuses one operation more than MAX_OPERATIONS, before looking at any of them", () => {
    // The steps are all invalid: the count check must come first and be what is reported.
    assertInvalid(request(Array.from({ length: 33 }, () => ({}))), "operations has 33 steps; at most 32 are allowed");
    assertInvalid(request(Array.from({ length: 1000 }, flip)), "operations has 1000 steps; at most 32 are allowed");
  });

  it("refuses an operation with no kind set (an empty oneof), naming its index", () => {
    assertInvalid(
      request([flip(), {}]),
      "operations[1] names no operation: set one of resize, extract, rotate, flip, flop, blur, sharpen, grayscale, extend, trim, flatten, round_corners, composite, text, modulate, linear, gamma, tint, normalize, clahe, negate, threshold, median, pixelate, convolve",
    );
  });

  it("names the index of the offending operation, and reports the first bad one", () => {
    assertInvalid(
      request([flip(), resize({ width: 10 }), blur({ sigma: 0.1 }), blur({ sigma: 5000 })]),
      "operations[2].blur.sigma must be from 0.3 to 1000 (or 0 for a fast mild blur), got 0.1",
    );
  });

  it("checks the operations before the output options", () => {
    assertInvalid(request([blur({ sigma: -1 })], output({ quality: 101 })), /^operations\[0\]\.blur\.sigma /);
  });

  it("exports the documented defaults for an absent output and input", () => {
    assert.deepEqual(defaultOutputOptions, output());
    assert.deepEqual(defaultInputOptions, { page: 0, disableAutoOrient: false, animated: false });
    assert.doesNotThrow(() => validateTransformRequest(request([], defaultOutputOptions)));
  });
});

describe("validateTransformRequest: animation options", () => {
  it("takes an optional field left unset, and 0 where it is set: a loop count of 0 plays for ever", () => {
    validOutput({});
    validOutput({ loop: 0, dither: 0 });
    validOutput({ loop: 65535, dither: 1, delaysMs: [0, 65535], colors: 2 });
  });

  it("refuses each value of a list by its index, and a list too long", () => {
    invalidOutput({ delaysMs: [10, 70_000] }, "output.delays_ms[1] must be from 0 to 65535, got 70000");
    invalidOutput({ delaysMs: Array<number>(100_001).fill(10) }, "output.delays_ms has 100001 values; at most 100000 are allowed");
    invalidOutput({ loop: 65536 }, "output.loop must be from 0 to 65535, got 65536");
    invalidOutput({ dither: 1.5 }, "output.dither must be from 0 to 1, got 1.5");
    invalidOutput({ colors: 1 }, "output.colors must be from 2 to 256 (or 0 for 256), got 1");
  });

  it("refuses animated with a page", () => {
    assertInvalid(
      { ...request(), input: { page: 1, disableAutoOrient: false, animated: true } },
      "input: animated reads every frame and page picks one; set one of them",
    );
  });
});

describe("validateTransformRequest: resize", () => {
  it("accepts a width alone, a height alone, or both", () => {
    validOp(resize({ width: 1 }));
    validOp(resize({ height: 1 }));
    validOp(resize({ width: MAX_DIMENSION, height: MAX_DIMENSION }));
  });

  it("refuses a resize with neither width nor height", () => {
    invalidOp(resize(), "operations[0].resize needs a width, a height or both");
  });

  it("refuses a width or height above MAX_DIMENSION, naming the side", () => {
    assert.equal(MAX_DIMENSION, 65535);
    invalidOp(resize({ width: 65536, height: 10 }), "operations[0].resize.width must be from 1 to 65535 (or 0 to derive it from the height), got 65536");
    invalidOp(resize({ width: 10, height: 65536 }), "operations[0].resize.height must be from 1 to 65535 (or 0 to derive it from the width), got 65536");
    invalidOp(resize({ height: 4294967295 }), /^operations\[0\]\.resize\.height must be from 1 to 65535 .*got 4294967295$/);
  });

  it("accepts every fit", () => {
    for (const fit of ["FIT_UNSPECIFIED", "FIT_COVER", "FIT_CONTAIN", "FIT_FILL", "FIT_INSIDE", "FIT_OUTSIDE"] as const) {
      validOp(resize({ width: 10, height: 10, fit }));
    }
  });

  it("refuses an unknown fit (an enum number the schema does not know)", () => {
    invalidOp(resize({ width: 10, fit: UNKNOWN_ENUM }), "operations[0].resize.fit has an unknown value 99");
  });

  it("accepts every non-smart position with every fit", () => {
    const positions = ["UNSPECIFIED", "CENTER", "TOP", "RIGHT_TOP", "RIGHT", "RIGHT_BOTTOM", "BOTTOM", "LEFT_BOTTOM", "LEFT", "LEFT_TOP"];
    for (const name of positions) {
      for (const fit of ["FIT_COVER", "FIT_CONTAIN", "FIT_FILL", "FIT_INSIDE", "FIT_OUTSIDE"] as const) {
        validOp(resize({ width: 10, height: 10, fit, position: `POSITION_${name}` as never }));
      }
    }
  });

  it("refuses an unknown position", () => {
    invalidOp(resize({ width: 10, position: UNKNOWN_ENUM }), "operations[0].resize.position has an unknown value 99");
  });

  it("accepts the smart positions with FIT_COVER and with FIT_UNSPECIFIED (which means cover)", () => {
    for (const position of ["POSITION_ENTROPY", "POSITION_ATTENTION"] as const) {
      validOp(resize({ width: 10, height: 10, fit: "FIT_COVER", position }));
      validOp(resize({ width: 10, height: 10, fit: "FIT_UNSPECIFIED", position }));
    }
  });

  it("refuses the smart positions with any fit other than cover, naming position and fit", () => {
    for (const position of ["POSITION_ENTROPY", "POSITION_ATTENTION"] as const) {
      for (const fit of ["FIT_CONTAIN", "FIT_FILL", "FIT_INSIDE", "FIT_OUTSIDE"] as const) {
        invalidOp(resize({ width: 10, height: 10, fit, position }), `operations[0].resize.position ${position} needs fit FIT_COVER, got ${fit}`);
      }
    }
  });

  it("accepts without_enlargement or without_reduction alone, refuses them together", () => {
    validOp(resize({ width: 10, withoutEnlargement: true }));
    validOp(resize({ width: 10, withoutReduction: true }));
    invalidOp(
      resize({ width: 10, withoutEnlargement: true, withoutReduction: true }),
      "operations[0].resize: without_enlargement and without_reduction together would forbid any resize",
    );
  });

  it("accepts an empty or hex background and refuses anything else", () => {
    validOp(resize({ width: 10, background: "" }));
    validOp(resize({ width: 10, background: "#0f0" }));
    invalidOp(resize({ width: 10, background: "red" }), hexColorMessage("operations[0].resize.background", "red"));
  });
});

describe("validateTransformRequest: extract", () => {
  it("accepts a region of at least 1x1 and at most MAX_DIMENSION a side, at any offset", () => {
    validOp(extract({ width: 1, height: 1 }));
    validOp(extract({ left: 4294967295, top: 4294967295, width: 65535, height: 65535 }));
  });

  it("refuses a zero or oversized width or height, naming the side", () => {
    invalidOp(extract({ width: 0, height: 10 }), "operations[0].extract.width must be from 1 to 65535, got 0");
    invalidOp(extract({ width: 10, height: 0 }), "operations[0].extract.height must be from 1 to 65535, got 0");
    invalidOp(extract({ width: 65536, height: 10 }), "operations[0].extract.width must be from 1 to 65535, got 65536");
    invalidOp(extract({ width: 10, height: 65536 }), "operations[0].extract.height must be from 1 to 65535, got 65536");
  });
});

describe("validateTransformRequest: rotate", () => {
  it("accepts angles from -360000 to 360000, fractional ones included", () => {
    for (const angle of [0, 90, -90, 45, 0.5, -359.99, 360_000, -360_000]) validOp(rotate({ angle }));
  });

  it("refuses angles outside the range, and NaN or infinite ones", () => {
    invalidOp(rotate({ angle: 360_001 }), "operations[0].rotate.angle must be from -360000 to 360000, got 360001");
    invalidOp(rotate({ angle: -360_001 }), "operations[0].rotate.angle must be from -360000 to 360000, got -360001");
    invalidOp(rotate({ angle: Number.NaN }), "operations[0].rotate.angle must be from -360000 to 360000, got NaN");
    invalidOp(rotate({ angle: Number.POSITIVE_INFINITY }), "operations[0].rotate.angle must be from -360000 to 360000, got Infinity");
  });

  it("checks the background colour", () => {
    validOp(rotate({ angle: 30, background: "#ffffff80" }));
    invalidOp(rotate({ angle: 30, background: "#ggg" }), hexColorMessage("operations[0].rotate.background", "#ggg"));
  });
});

describe("validateTransformRequest: blur", () => {
  it("accepts sigma 0 (the fast mild blur) and 0.3 to 1000", () => {
    for (const sigma of [0, 0.3, 1, 1000]) validOp(blur({ sigma }));
  });

  it("refuses sigma between 0 and 0.3, above 1000, negative or NaN", () => {
    const message = (got: string) => `operations[0].blur.sigma must be from 0.3 to 1000 (or 0 for a fast mild blur), got ${got}`;
    invalidOp(blur({ sigma: 0.29 }), message("0.29"));
    invalidOp(blur({ sigma: 1000.5 }), message("1000.5"));
    invalidOp(blur({ sigma: -1 }), message("-1"));
    invalidOp(blur({ sigma: Number.NaN }), message("NaN"));
  });
});

describe("validateTransformRequest: sharpen", () => {
  it("accepts sigma 0 alone (the fast mild sharpen), and a sigma with or without the other fields, 0 included", () => {
    validOp(sharpen());
    validOp(sharpen({ sigma: 0.000001 }));
    validOp(sharpen({ sigma: 10, m1: 1_000_000, m2: 0, x1: 0.5, y2: 1_000_000, y3: 1_000_000 }));
  });

  it("refuses any of m1, m2, x1, y2, y3 without a sigma", () => {
    for (const name of ["m1", "m2", "x1", "y2", "y3"] as const) {
      invalidOp(sharpen({ [name]: 1 }), "operations[0].sharpen.sigma is required when m1, m2, x1, y2 or y3 is set");
      invalidOp(sharpen({ [name]: 0 }), "operations[0].sharpen.sigma is required when m1, m2, x1, y2 or y3 is set");
    }
  });

  it("refuses a sigma outside 0.000001 to 10", () => {
    const message = (got: string) => `operations[0].sharpen.sigma must be from 0.000001 to 10 (or 0 for a fast mild sharpen), got ${got}`;
    invalidOp(sharpen({ sigma: 10.01 }), message("10.01"));
    invalidOp(sharpen({ sigma: -1 }), message("-1"));
    invalidOp(sharpen({ sigma: 1e-7 }), message("1e-7"));
  });

  it("refuses each of m1, m2, x1, y2, y3 outside 0 to 1000000, naming it", () => {
    for (const name of ["m1", "m2", "x1", "y2", "y3"] as const) {
      invalidOp(sharpen({ sigma: 1, [name]: 1_000_001 }), `operations[0].sharpen.${name} must be from 0 to 1000000, got 1000001`);
      invalidOp(sharpen({ sigma: 1, [name]: -0.5 }), `operations[0].sharpen.${name} must be from 0 to 1000000, got -0.5`);
    }
  });
});

describe("validateTransformRequest: extend", () => {
  it("accepts 0 to MAX_DIMENSION on each side and every extend_with", () => {
    validOp(extend({ top: 65535, right: 65535, bottom: 65535, left: 65535 }));
    for (const extendWith of ["EXTEND_WITH_UNSPECIFIED", "EXTEND_WITH_BACKGROUND", "EXTEND_WITH_COPY", "EXTEND_WITH_REPEAT", "EXTEND_WITH_MIRROR"] as const) {
      validOp(extend({ top: 1, extendWith }));
    }
  });

  it("refuses more than MAX_DIMENSION on any side, naming the side", () => {
    for (const side of ["top", "right", "bottom", "left"] as const) {
      invalidOp(extend({ [side]: 65536 }), `operations[0].extend.${side} must be from 0 to 65535, got 65536`);
    }
  });

  it("refuses an unknown extend_with", () => {
    invalidOp(extend({ top: 1, extendWith: UNKNOWN_ENUM }), "operations[0].extend.extend_with has an unknown value 99");
  });

  it("checks the background colour", () => {
    invalidOp(extend({ top: 1, background: "#12345" }), hexColorMessage("operations[0].extend.background", "#12345"));
  });
});

describe("validateTransformRequest: trim", () => {
  it("accepts a threshold from 0 to 255", () => {
    for (const threshold of [0, 10, 254.5, 255]) validOp(trim({ threshold }));
  });

  it("refuses a threshold outside 0 to 255", () => {
    invalidOp(trim({ threshold: 256 }), "operations[0].trim.threshold must be from 0 to 255, got 256");
    invalidOp(trim({ threshold: -1 }), "operations[0].trim.threshold must be from 0 to 255, got -1");
    invalidOp(trim({ threshold: Number.NaN }), "operations[0].trim.threshold must be from 0 to 255, got NaN");
  });

  it("checks the background colour", () => {
    validOp(trim({ background: "#000" }));
    invalidOp(trim({ background: "white" }), hexColorMessage("operations[0].trim.background", "white"));
  });
});

describe("validateTransformRequest: flatten, flip, flop, grayscale", () => {
  it("checks flatten's background colour", () => {
    validOp(flatten());
    validOp(flatten({ background: "#ffffffff" }));
    invalidOp(flatten({ background: "#fffffffff" }), hexColorMessage("operations[0].flatten.background", "#fffffffff"));
  });

  it("accepts flip, flop and grayscale, which take no arguments", () => {
    validOp(flip());
    validOp(flop());
    validOp(grayscale());
  });
});

describe("validateTransformRequest: output", () => {
  it("accepts every output format and FORMAT_UNSPECIFIED", () => {
    for (const format of ["FORMAT_UNSPECIFIED", "FORMAT_JPEG", "FORMAT_PNG", "FORMAT_WEBP", "FORMAT_AVIF", "FORMAT_GIF", "FORMAT_TIFF"] as const) {
      validOutput({ format });
    }
  });

  it("refuses FORMAT_SVG as an output format, saying it is input only", () => {
    invalidOutput({ format: "FORMAT_SVG" }, "output.format FORMAT_SVG is an input format only; choose JPEG, PNG, WebP, AVIF, GIF or TIFF");
  });

  it("refuses an unknown format", () => {
    invalidOutput({ format: UNKNOWN_ENUM }, "output.format has an unknown value 99");
  });

  it("accepts quality 0 (the encoder's default) and 1 to 100", () => {
    for (const quality of [0, 1, 50, 100]) validOutput({ format: "FORMAT_JPEG", quality });
  });

  it("refuses quality above 100", () => {
    invalidOutput({ format: "FORMAT_JPEG", quality: 101 }, "output.quality must be from 1 to 100 (or 0 for the encoder's default), got 101");
  });

  it("accepts effort 0 to 10 and refuses more", () => {
    for (const effort of [0, 1, 10]) validOutput({ format: "FORMAT_PNG", effort });
    invalidOutput({ format: "FORMAT_PNG", effort: 11 }, "output.effort must be from 0 to 10, got 11");
  });
});

describe("validateTransformRequest on requests decoded by the service's own proto loader", () => {
  const method = loadImageServicePackageDefinition()["pixelrpc.image.v1.ImageService"] as unknown as Record<
    string,
    { requestSerialize(value: object): Buffer; requestDeserialize(bytes: Buffer): TransformRequest__Output }
  >;
  const decode = (message: object): TransformRequest__Output => {
    const transform = method.Transform!;
    return transform.requestDeserialize(transform.requestSerialize(message));
  };

  it("decodes operations in the shape the factories build", () => {
    const decoded = decode({ operations: [{ resize: { width: 5 } }, { flip: {} }], output: { format: "FORMAT_PNG" } });
    assert.deepEqual(decoded.operations, [resize({ width: 5 }), flip()]);
    assert.deepEqual(decoded.output, output({ format: "FORMAT_PNG" }));
    assert.equal(decoded.input, null);
  });

  it("refuses an enum number from the wire that the schema does not know", () => {
    const decoded = decode({ operations: [{ resize: { width: 5, fit: 99 } }] });
    assert.equal(decoded.operations[0]?.resize?.fit, 99);
    assertInvalid(decoded, "operations[0].resize.fit has an unknown value 99");
  });

  it("refuses an operation whose oneof is not set on the wire", () => {
    assertInvalid(decode({ operations: [{}] }), /^operations\[0\] names no operation/);
  });

  it("refuses a NaN double from the wire", () => {
    assertInvalid(decode({ operations: [{ rotate: { angle: Number.NaN } }] }), "operations[0].rotate.angle must be from -360000 to 360000, got NaN");
  });

  it("treats an absent output as null and accepts it", () => {
    const decoded = decode({ operations: [{ grayscale: {} }] });
    assert.equal(decoded.output, null);
    assert.doesNotThrow(() => validateTransformRequest(decoded));
  });
});
