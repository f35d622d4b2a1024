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
      maxBytes: 0,
    });
    assert.equal(transformRequest({ image: image }, {}, undefined).output!.format, "FORMAT_UNSPECIFIED");
  });

  it("multiplies the lengths by dpr, and only those", () => {
    const request = transformRequest(
      { image: image },
      { dpr: 2, w: 300, h: 101, extract: [1, 2, 30, 40], round: 8, text: "a", text_x: -5, overlay: "https://x/a.png", overlay_y: 3, pixelate: 4, q: 80 },
      undefined,
    );
    const [extract, resize, round, pixelate, composite, text] = request.operations!;
    assert.deepEqual(extract, { extract: { left: 1, top: 2, width: 30, height: 40 } }, "an extract is in the source's pixels");
    assert.deepEqual([resize!.resize!.width, resize!.resize!.height], [600, 202]);
    assert.equal(round!.roundCorners!.radius, 16);
    assert.equal(pixelate!.pixelate!.size, 8);
    assert.equal(composite!.composite!.offsetY, 6);
    assert.deepEqual([text!.text!.size, text!.text!.offsetX], [48, -10], "the default text size too");
    assert.equal(request.output!.quality, 80);
    assert.equal(transformRequest({ image: image }, { dpr: 1.5, w: 3 }, undefined).operations![0]!.resize!.width, 5);
  });

  it("refuses a length that dpr takes past its limit", () => {
    assert.throws(
      () => transformRequest({ image: image }, { dpr: 2, w: 40000 }, undefined),
      /^Error: w 40000 at dpr 2 is 80000, over its limit of 65535$|w 40000 at dpr 2 is 80000, over its limit of 65535/,
    );
    assert.throws(
      () => transformRequest({ image: image }, { dpr: 4, text: "a", text_size: 300 }, undefined),
      /text_size 300 at dpr 4 is 1200, over its limit of 1000/,
    );
  });

  it("refuses fit, position or bg without a size", () => {
    assert.throws(() => transformRequest({ image: image }, { fit: "cover" }, undefined), /fit, position, bg and without_enlargement need w, h or both/);
  });
});
