import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import sharp from "sharp";

import { fixture, startImageService, type RunningService } from "@pixelrpc/harness";
import { colorDistance, solid } from "./images.js";

let service: RunningService;
before(async () => {
  service = await startImageService();
});
after(async () => {
  await service.stop();
});

const hexToRgb = (hex: string): number[] => [1, 3, 5].map((index) => Number.parseInt(hex.slice(index, index + 2), 16));

describe("Info", () => {
  it("reports the size as displayed and the raw EXIF orientation", async () => {
    const image = fixture("Portrait_6.jpg");
    const response = await service.client.info(image);
    assert.deepEqual(response.info, {
      format: "FORMAT_JPEG",
      width: 450,
      height: 600,
      sizeBytes: image.byteLength,
      hasAlpha: false,
      pages: 1,
      channels: 3,
      quality: 0,
    });
    assert.equal(response.orientation, 6);
    assert.equal(response.colorSpace, "srgb");
    assert.equal(response.bitsPerSample, 8);
    assert.equal(response.progressive, false);
  });

  it("reports 0 for the orientation of an image without EXIF", async () => {
    assert.equal((await service.client.info(await solid(4, 4, { r: 0, g: 0, b: 0 }))).orientation, 0);
  });

  it("reports the colour space and ICC profile of the CMYK JPEG", async () => {
    const response = await service.client.info({ image: fixture("Channel_digital_image_CMYK_color.jpg") });
    assert.equal(response.colorSpace, "cmyk");
    assert.equal(response.hasIccProfile, true);
    assert.equal(response.info.channels, 4);
  });

  it("reports alpha and 16 bits per sample", async () => {
    const response = await service.client.info(fixture("16-bit-grey-alpha.png"));
    assert.equal(response.info.hasAlpha, true);
    assert.equal(response.bitsPerSample, 16);
    assert.equal(response.colorSpace, "grey16");
  });

  it("counts pages and frames", async () => {
    assert.equal((await service.client.info(fixture("animated-loop-3.gif"))).info.pages, 10);
    assert.equal((await service.client.info(fixture("rotating-squares.gif"))).info.pages, 30);
    const tiff = await service.client.info(fixture("G31D_MULTI.TIF"));
    assert.equal(tiff.info.pages, 2);
    assert.equal(tiff.bitsPerSample, 1);
  });

  it("names every supported format", async () => {
    const formats: [string, string][] = [
      ["4.webp", "FORMAT_WEBP"],
      ["pitm.avif", "FORMAT_AVIF"],
      ["check.svg", "FORMAT_SVG"],
      ["G31D_MULTI.TIF", "FORMAT_TIFF"],
      ["blackbug.png", "FORMAT_PNG"],
      ["animated-loop-3.gif", "FORMAT_GIF"],
    ];
    for (const [name, format] of formats) assert.equal((await service.client.info(fixture(name))).info.format, format, name);
  });

  it("finds the dominant colour", async () => {
    const red = await service.client.info(await solid(64, 64, { r: 250, g: 10, b: 10 }));
    assert.match(red.dominantColor, /^#[0-9a-f]{6}$/);
    assert.ok(colorDistance(hexToRgb(red.dominantColor), [250, 10, 10]) <= 16, red.dominantColor);
  });

  it("finds the most common colour, not the average, counting only the visible pixels", async () => {
    // Over transparent white (whose colour no one sees): a blue area, and a red one half its size.
    const patch = (width: number, height: number, r: number, g: number, b: number) => ({
      input: { create: { width, height, channels: 4 as const, background: { r, g, b, alpha: 1 } } },
    });
    const image = await sharp({ create: { width: 600, height: 400, channels: 4, background: { r: 255, g: 255, b: 255, alpha: 0 } } })
      .composite([
        { ...patch(200, 200, 20, 40, 230), left: 0, top: 0 },
        { ...patch(100, 200, 230, 20, 20), left: 400, top: 200 },
      ])
      .png()
      .toBuffer();
    const { dominantColor, info } = await service.client.info(image);
    assert.equal(info.hasAlpha, true);
    // The centre of the bin of (20, 40, 230): neither white nor a purple average of blue and red.
    assert.equal(dominantColor, "#1828e8");
  });
});
