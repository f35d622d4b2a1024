import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import type { ImageServiceError } from "@pixelrpc/client";
import { Status, type TransformRequest } from "@pixelrpc/client";
import sharp from "sharp";

import { callError, fixture, startImageService, type RunningService } from "@pixelrpc/harness";
import { decode, endlessBlur, solid } from "./images.js";

let service: RunningService;
before(async () => {
  // One worker and a short processing limit make a stuck pool obvious.
  service = await startImageService({ IMAGE_POOL_THREADS: "1", IMAGE_MAX_PROCESSING_SECONDS: "2" });
});
after(async () => {
  await service.stop();
});

const rejection = (request: TransformRequest, timeoutMs?: number): Promise<ImageServiceError> =>
  callError(service.client.transform(request, timeoutMs === undefined ? {} : { timeoutMs }));

/** A small transform, timed: the pool is free when this is fast. */
async function smallTransformMs(): Promise<number> {
  const started = performance.now();
  const response = await service.client.transform({ image: fixture("320x240.jpg"), operations: [{ resize: { width: 32 } }], output: { format: "FORMAT_PNG" } });
  assert.equal((await decode(response.image)).width, 32);
  return performance.now() - started;
}

describe("work that would run for minutes is bounded", () => {
  it("stops a transform at IMAGE_MAX_PROCESSING_SECONDS with RESOURCE_EXHAUSTED, and serves the next", async () => {
    const started = performance.now();
    const error = await rejection(await endlessBlur());
    assert.equal(error.code, Status.RESOURCE_EXHAUSTED);
    assert.match(error.details, /^processing took longer than this service's limit of 2 s/);
    assert.equal(error.retryable, false, "a retry would run into the same limit");
    assert.ok(performance.now() - started < 6000, `took ${Math.round(performance.now() - started)} ms`);
    assert.ok((await smallTransformMs()) < 2000);
  });

  it("drops cancelled work: after a burst of calls that time out, the pool is free again at once", async () => {
    const burst = await endlessBlur();
    const errors = await Promise.all(Array.from({ length: 6 }, () => rejection(burst, 300)));
    for (const error of errors) assert.equal(error.code, Status.DEADLINE_EXCEEDED);
    // The queued ones never start. The running one cannot be interrupted
    // from outside libvips: it stops at its sharp timeout (the deadline,
    // rounded up to a second), which libvips checks between tiles.
    // Six uncancelled calls would hold the pool for 6 x 2 s.
    const elapsed = await smallTransformMs();
    assert.ok(elapsed < 5000, `a small transform waited ${Math.round(elapsed)} ms behind cancelled work`);
  });

  it("refuses a smart crop whose covering image is over the pixel limit, before computing it", async () => {
    const sliver = await sharp({ create: { width: 100, height: 1, channels: 3, background: "#808080" } })
      .png()
      .toBuffer();
    const started = performance.now();
    const error = await rejection({ image: sliver, operations: [{ resize: { width: 1, height: 3000, position: "POSITION_ATTENTION" } }] });
    assert.equal(error.code, Status.INVALID_ARGUMENT);
    assert.match(error.details, /^operations\[0\]\.resize would make an image of 300000x3000 pixels/);
    assert.ok(performance.now() - started < 1000);
  });
});

describe("SVG embedded images count against the pixel limit", () => {
  const svgWith = (image: Buffer, type: string): Buffer =>
    Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10">` +
        `<image width="10" height="10" xlink:href="data:${type};base64,${image.toString("base64")}"/></svg>`,
    );

  it("refuses a 10x10 SVG that embeds a 4-gigapixel PNG, from the embedded header", async () => {
    const error = await rejection({ image: svgWith(fixture("65536-uint32-limit.png"), "image/png") });
    assert.equal(error.code, Status.INVALID_ARGUMENT);
    assert.match(error.details, /^SVG embeds raster images of 4295\.0 megapixels in all, over this service's limit of 50\.0 megapixels/);
  });

  it("rasterises an SVG that embeds a small image", async () => {
    const response = await service.client.transform({
      image: svgWith(await solid(10, 10, { r: 0, g: 0, b: 255 }), "image/png"),
      output: { format: "FORMAT_PNG" },
    });
    const decoded = await decode(response.image);
    assert.equal(`${decoded.width}x${decoded.height}`, "10x10");
    assert.deepEqual([...decoded.data.subarray(0, 3)], [0, 0, 255]);
  });

  it("refuses an embedded image that is not base64", async () => {
    const svg = Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><image width="10" height="10" href="data:image/svg+xml,%3Csvg%3E%3C/svg%3E"/></svg>`,
    );
    const error = await rejection({ image: svg });
    assert.match(error.details, /not base64-encoded/);
  });
});

describe("pipeline failures name the step", () => {
  it("says which operation libvips could not run", async () => {
    const error = await rejection({ image: await solid(1, 1, { r: 0, g: 0, b: 0 }), operations: [{ flip: {} }, { trim: {} }] });
    assert.equal(error.code, Status.INVALID_ARGUMENT);
    assert.match(error.details, /^cannot process image at operations\[1\]\.trim: /);
  });

  it("names input.page when a multi-frame image has fewer frames", async () => {
    const error = await rejection({ image: fixture("animated-loop-3.gif"), input: { page: 10 } });
    assert.equal(error.details, "input.page 10 does not exist: the image has 10 pages");
  });
});
