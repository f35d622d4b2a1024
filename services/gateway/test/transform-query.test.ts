import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { negotiateFormat, transformRequest } from "../src/transform-query.js";

const image = Buffer.from("image");

describe("negotiateFormat", () => {
  it("prefers AVIF, then WebP, else JPEG, and honours q=0", () => {
    assert.equal(negotiateFormat("image/avif,image/webp,*/*"), "FORMAT_AVIF");
    assert.equal(negotiateFormat("image/webp,image/avif"), "FORMAT_AVIF");
    assert.equal(negotiateFormat("image/webp;q=0.9, */*;q=0.1"), "FORMAT_WEBP");
    assert.equal(negotiateFormat("image/avif;q=0, image/webp"), "FORMAT_WEBP");
    assert.equal(negotiateFormat("image/avif; q=0.0"), "FORMAT_JPEG");
    assert.equal(negotiateFormat("*/*"), "FORMAT_JPEG");
    assert.equal(negotiateFormat(undefined), "FORMAT_JPEG");
  });
});

describe("transformRequest", () => {
  it("turns the compact query into operations in the documented order", () => {
    const request = transformRequest(
      { image: image },
      { sharpen: 1, blur: 2, grayscale: true, flip: true, rotate: 90, w: 300, extract: [1, 2, 30, 40], trim: 5 },
      undefined,
    );
    assert.deepEqual(
      request.operations!.map((operation) => Object.keys(operation)[0]),
      ["trim", "extract", "resize", "rotate", "flip", "grayscale", "blur", "sharpen"],
    );
    assert.deepEqual(request.operations![1], { extract: { left: 1, top: 2, width: 30, height: 40 } });
  });

  it("maps resize options and colours", () => {
    const request = transformRequest(
      { image: image },
      { w: 10, h: 20, fit: "contain", position: "right-top", bg: "ff0000", without_enlargement: true },
      undefined,
    );
    assert.deepEqual(request.operations![0], {
      resize: { width: 10, height: 20, fit: "FIT_CONTAIN", position: "POSITION_RIGHT_TOP", withoutEnlargement: true, background: "#ff0000" },
    });
  });

  it("maps output options, and format=auto through the Accept header", () => {
    const request = transformRequest({ image: image }, { format: "auto", q: 70, progressive: true, effort: 3, keep_metadata: true }, "image/webp");
    assert.deepEqual(request.output, {
      format: "FORMAT_WEBP",
      quality: 70,
      lossless: false,
      progressive: true,
      effort: 3,
      keepMetadata: true,
      delaysMs: [],
      colors: 0,
      minSize: false,
      mixed: false,
    });
    assert.equal(transformRequest({ image: image }, {}, undefined).output!.format, "FORMAT_UNSPECIFIED");
  });

  it("refuses fit, position or bg without a size", () => {
    assert.throws(() => transformRequest({ image: image }, { fit: "cover" }, undefined), /fit, position, bg and without_enlargement need w, h or both/);
  });
});
