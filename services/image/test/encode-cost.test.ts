import assert from "node:assert/strict";
import { describe, it } from "node:test";

import type { OutputOptions__Output } from "@pixelrpc/proto";

import { checkEncodeCost, encodeSpeed } from "../src/worker/encode-cost.js";
import { ImageRejection } from "../src/worker/rejection.js";
import { defaultOutputOptions } from "../src/server/validate.js";

const photo2700 = { width: 2700, height: 2203 };
const limits = { maxAvifEffort: 9, maxProcessingSeconds: 60 };
const avif = (effort: number): OutputOptions__Output => ({ ...defaultOutputOptions, format: "FORMAT_AVIF", effort });
const here = { secondsLeft: 60, encodeSpeed: 1 };

const refused = (pattern: RegExp, code: ImageRejection["code"]) => (error: unknown) => {
  assert.ok(error instanceof ImageRejection, String(error));
  assert.equal(error.code, code);
  assert.match(error.message, pattern);
  return true;
};

describe("checkEncodeCost", () => {
  it("refuses an AVIF encode predicted far past the time left, naming the limit and what would help", () => {
    assert.throws(
      () => checkEncodeCost("FORMAT_AVIF", avif(9), photo2700, limits, here),
      refused(
        /^encoding 2700x2203 pixels \(5\.9 megapixels\) as AVIF at effort 9 is predicted to take about 202 s here, far over this service's limit of 60 s; it was not started: ask for a smaller size or a lower effort$/,
        "RESOURCE_EXHAUSTED",
      ),
    );
  });

  it("counts a max_bytes search as that many encodes, and says so", () => {
    const budgeted = { ...avif(2), maxBytes: 50_000 };
    const tight = { ...here, secondsLeft: 5 };
    checkEncodeCost("FORMAT_AVIF", budgeted, photo2700, limits, tight);
    assert.throws(
      () => checkEncodeCost("FORMAT_AVIF", budgeted, photo2700, limits, { ...tight, encodes: 4 }),
      refused(
        /^encoding 2700x2203 pixels \(5\.9 megapixels\) as AVIF at effort 2, about 4 times for output\.max_bytes, is predicted to take about 10 s here, far over the 5 s its deadline leaves; it was not started: ask for a smaller size or a lower effort, or no max_bytes$/,
        "RESOURCE_EXHAUSTED",
      ),
    );
  });

  it("lets through what fits, within its margin, and the quick encoders whatever their size", () => {
    checkEncodeCost("FORMAT_AVIF", avif(0), photo2700, limits, here);
    checkEncodeCost("FORMAT_AVIF", avif(6), photo2700, limits, here);
    checkEncodeCost("FORMAT_WEBP", { ...defaultOutputOptions, format: "FORMAT_WEBP", effort: 6 }, { width: 7000, height: 7000 }, limits, {
      ...here,
      secondsLeft: 1,
    });
    assert.throws(
      () => checkEncodeCost("FORMAT_AVIF", avif(6), photo2700, limits, { ...here, secondsLeft: 30 }),
      refused(/effort 6 is predicted to take about 49 s here, far over the 30 s its deadline leaves;/, "RESOURCE_EXHAUSTED"),
    );
  });

  it("scales the prediction by the machine's measured speed, and counts palette quantisation", () => {
    assert.throws(
      () => checkEncodeCost("FORMAT_AVIF", avif(4), photo2700, limits, { secondsLeft: 10, encodeSpeed: 2 }),
      refused(/about 33 s/, "RESOURCE_EXHAUSTED"),
    );
    const palette = { ...defaultOutputOptions, format: "FORMAT_PNG" as const, quality: 80 };
    assert.throws(
      () => checkEncodeCost("FORMAT_PNG", palette, { width: 8000, height: 8000 }, limits, here),
      refused(/as PNG is predicted to take about 160 s/, "RESOURCE_EXHAUSTED"),
    );
    checkEncodeCost("FORMAT_PNG", { ...palette, quality: 0 }, { width: 8000, height: 8000 }, limits, here);
  });

  it("refuses an AVIF effort over IMAGE_MAX_AVIF_EFFORT as an argument", () => {
    assert.throws(
      () => checkEncodeCost("FORMAT_AVIF", avif(7), { width: 10, height: 10 }, { ...limits, maxAvifEffort: 6 }, here),
      refused(/^output\.effort 7 is over this service's AVIF limit of 6 \(IMAGE_MAX_AVIF_EFFORT\)$/, "INVALID_ARGUMENT"),
    );
  });

  it("measures this machine's speed once, within the clamp", async () => {
    const factor = await encodeSpeed();
    assert.ok(factor >= 0.25 && factor <= 4, String(factor));
    assert.equal(await encodeSpeed(), factor);
  });
});
