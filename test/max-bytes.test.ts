import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import { ImageServiceError, type OutputOptions } from "@pixelrpc/client";
import { status } from "@grpc/grpc-js";
import sharp from "sharp";

import { fixture, startGateway, startImageService, type RunningGateway, type RunningService } from "@pixelrpc/harness";
import { thumbnailDifference } from "./images.js";

let service: RunningService;
before(async () => {
  service = await startImageService();
});
after(async () => {
  await service.stop();
});

const photo = fixture("2569067123_aca715a2ee_o.jpg");

async function transform(width: number, output: OutputOptions, image: Uint8Array = photo) {
  return service.client.transform({ image, operations: [{ resize: { width } }], output });
}

describe("OutputOptions.max_bytes", () => {
  // AVIF encodes take seconds at 800 wide: it is searched on a smaller result.
  const cases: [format: OutputOptions["format"], width: number, budget: number, ceiling: number][] = [
    ["FORMAT_WEBP", 800, 30_000, 0],
    ["FORMAT_JPEG", 800, 25_000, 0],
    ["FORMAT_JPEG", 800, 60_000, 95],
    ["FORMAT_AVIF", 240, 3_000, 0],
  ];
  for (const [format, width, budget, ceiling] of cases) {
    it(`${format} ${width} wide in ${budget} bytes: the highest quality that fits, and one step higher does not`, async () => {
      const result = await transform(width, { format, maxBytes: budget, quality: ceiling });
      const { quality } = result.info;
      assert.ok(result.image.byteLength <= budget, `${result.image.byteLength} bytes`);
      assert.equal(result.info.sizeBytes, result.image.byteLength);
      const decoded = await sharp(result.image).metadata();
      assert.equal(decoded.format, format === "FORMAT_JPEG" ? "jpeg" : format === "FORMAT_WEBP" ? "webp" : "heif");
      assert.equal(decoded.width, width);
      const top = ceiling || (format === "FORMAT_AVIF" ? 50 : 80);
      assert.ok(quality >= 1 && quality < top, `quality ${quality} (the ceiling ${top} must not fit this budget)`);
      // The same request at that quality gives the same bytes; one step higher does not fit.
      const same = await transform(width, { format, quality });
      assert.equal(same.image.byteLength, result.image.byteLength);
      const higher = await transform(width, { format, quality: quality + 1 });
      assert.ok(higher.image.byteLength > budget, `quality ${quality + 1} makes ${higher.image.byteLength} bytes, within ${budget}`);
      // Still the photo.
      assert.ok((await thumbnailDifference(result.image, photo)) < 12);
    });
  }

  it("keeps the asked quality, or the encoder's default, when that fits", async () => {
    const asked = await transform(800, { format: "FORMAT_WEBP", quality: 60, maxBytes: 1_000_000 });
    assert.equal(asked.info.quality, 60);
    assert.equal(asked.image.byteLength, (await transform(800, { format: "FORMAT_WEBP", quality: 60 })).image.byteLength);
    const byDefault = await transform(800, { format: "FORMAT_WEBP", maxBytes: 1_000_000 });
    assert.equal(byDefault.info.quality, 80);
  });

  it("reports the quality of every lossy result, and 0 for the others", async () => {
    assert.equal((await transform(100, { format: "FORMAT_JPEG" })).info.quality, 80);
    assert.equal((await transform(100, { format: "FORMAT_AVIF", quality: 30 })).info.quality, 30);
    assert.equal((await transform(100, { format: "FORMAT_WEBP", lossless: true })).info.quality, 0);
    assert.equal((await transform(100, { format: "FORMAT_PNG" })).info.quality, 0);
  });

  it("keeps an animation within the budget, every frame kept", async () => {
    const gif = fixture("animated-loop-3.gif");
    const whole = await service.client.transform({ image: gif, input: { animated: true }, output: { format: "FORMAT_WEBP" } });
    const budget = Math.floor(whole.image.byteLength * 0.6);
    const result = await service.client.transform({ image: gif, input: { animated: true }, output: { format: "FORMAT_WEBP", maxBytes: budget } });
    assert.ok(result.image.byteLength <= budget, `${result.image.byteLength} bytes over ${budget}`);
    assert.ok(result.info.quality < 80);
    const metadata = await sharp(result.image, { pages: -1 }).metadata();
    assert.equal(metadata.pages, whole.info.pages);
    assert.equal(result.info.pages, whole.info.pages);
    assert.deepEqual([metadata.width, metadata.pageHeight], [370, 285]);
    assert.equal(metadata.height, 285 * whole.info.pages);
    // Frame by frame (any operation but a resize) too.
    const flopped = await service.client.transform({
      image: gif,
      operations: [{ flop: {} }],
      input: { animated: true },
      output: { format: "FORMAT_WEBP", maxBytes: budget },
    });
    assert.ok(flopped.image.byteLength <= budget && flopped.info.pages === whole.info.pages, `${flopped.image.byteLength} bytes, ${flopped.info.pages} frames`);
  });

  it("refuses a budget no quality meets, naming the smallest size, and keeps serving", async () => {
    await assert.rejects(
      transform(800, { format: "FORMAT_WEBP", maxBytes: 500 }),
      (error: unknown) =>
        error instanceof ImageServiceError &&
        error.code === status.INVALID_ARGUMENT &&
        /output\.max_bytes 500 cannot be met: at quality 1 the 800x653 webp result is \d+ bytes/.test(error.details),
    );
    assert.equal((await transform(64, { format: "FORMAT_WEBP", maxBytes: 5000 })).info.width, 64);
  });

  it("refuses it where there is no quality to lower, before decoding", async () => {
    const refusals: [OutputOptions, RegExp][] = [
      [{ format: "FORMAT_PNG", maxBytes: 10_000 }, /output\.max_bytes is for lossy encodes .*: PNG is not a lossy format/],
      [{ format: "FORMAT_GIF", maxBytes: 10_000 }, /GIF is not a lossy format/],
      [{ format: "FORMAT_TIFF", maxBytes: 10_000 }, /TIFF is not a lossy format/],
      [{ format: "FORMAT_WEBP", lossless: true, maxBytes: 10_000 }, /a lossless WEBP has no quality to lower/],
      [{ format: "FORMAT_AVIF", lossless: true, maxBytes: 10_000 }, /a lossless AVIF has no quality to lower/],
    ];
    for (const [output, message] of refusals) {
      await assert.rejects(
        transform(800, output),
        (error: unknown) => error instanceof ImageServiceError && error.code === status.INVALID_ARGUMENT && message.test(error.details),
        JSON.stringify(output),
      );
    }
  });
});

describe("max_bytes through the gateway", () => {
  let gateway: RunningGateway;
  before(async () => {
    gateway = await startGateway(service.address);
  });
  after(async () => {
    await gateway.stop();
  });

  it("answers within the budget and says the quality it chose", async () => {
    const response = await fetch(`${gateway.url}/v1/transform?w=800&format=webp&max_bytes=30000`, {
      method: "POST",
      headers: { "content-type": "image/jpeg" },
      body: photo,
    });
    assert.equal(response.status, 200, await response.clone().text());
    const body = new Uint8Array(await response.arrayBuffer());
    assert.ok(body.byteLength <= 30_000);
    const quality = Number(response.headers.get("x-image-quality"));
    assert.ok(quality >= 1 && quality < 80, `x-image-quality ${quality}`);
    assert.equal((await sharp(body).metadata()).format, "webp");
  });
});
