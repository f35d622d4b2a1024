import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import type { Operation, OutputOptions } from "@pixelrpc/client";
import sharp from "sharp";

import { fixture, startImageService, type RunningService } from "@pixelrpc/harness";
import {
  BLUE,
  GREEN,
  RED,
  WHITE,
  colorDistance,
  decode,
  differenceHash,
  hammingDistance,
  meanColor,
  pixel,
  quadrants,
  solid,
  thumbnailDifference,
} from "./images.js";

let service: RunningService;
before(async () => {
  service = await startImageService();
});
after(async () => {
  await service.stop();
});

const transform = (image: Uint8Array, operations: Operation[] = [], output: OutputOptions = {}) =>
  service.client.transform({ image, operations, output: { format: "FORMAT_PNG", ...output } });

describe("the standard workload", () => {
  it("resizes the 2725x2225 photo to 800 wide WebP q80: 800x653, and info says so", async () => {
    const response = await service.client.transform({
      image: fixture("2569067123_aca715a2ee_o.jpg"),
      operations: [{ resize: { width: 800 } }],
      output: { format: "FORMAT_WEBP", quality: 80 },
    });
    const decoded = await decode(response.image);
    assert.equal(decoded.metadata.format, "webp");
    assert.equal(decoded.width, 800);
    assert.equal(decoded.height, 653);
    assert.deepEqual(response.info, {
      format: "FORMAT_WEBP",
      width: 800,
      height: 653,
      sizeBytes: response.image.byteLength,
      hasAlpha: false,
      pages: 1,
      channels: 3,
      quality: 80,
    });
    // The same photo as plain sharp makes of it, not a blank canvas of the right size.
    const reference = await sharp(fixture("2569067123_aca715a2ee_o.jpg")).resize(800).webp({ quality: 80 }).toBuffer();
    assert.ok((await thumbnailDifference(response.image, reference)) < 1);
  });
});

describe("EXIF orientation", () => {
  it("turns all eight Landscape_N.jpg into the same upright 300x225 picture", async () => {
    const hashes: bigint[] = [];
    for (let orientation = 1; orientation <= 8; orientation++) {
      const response = await transform(fixture(`Landscape_${orientation}.jpg`), [{ resize: { width: 300 } }]);
      const decoded = await decode(response.image);
      assert.equal(`${decoded.width}x${decoded.height}`, "300x225", `Landscape_${orientation}`);
      hashes.push(await differenceHash(response.image));
    }
    for (const [index, hash] of hashes.entries()) {
      assert.ok(hammingDistance(hash, hashes[0]!) <= 6, `Landscape_${index + 1} differs from Landscape_1 by ${hammingDistance(hash, hashes[0]!)} bits`);
    }
  });

  it("shows Portrait_6.jpg upright, 450x600, and strips the orientation tag", async () => {
    const response = await transform(fixture("Portrait_6.jpg"), [], { format: "FORMAT_JPEG" });
    const decoded = await decode(response.image);
    assert.equal(`${decoded.width}x${decoded.height}`, "450x600");
    assert.equal(decoded.metadata.orientation, undefined);
    const upright = await sharp(fixture("Portrait_6.jpg")).rotate().png().toBuffer();
    assert.ok((await thumbnailDifference(response.image, upright)) < 2);
  });

  it("keeps the stored orientation when input.disable_auto_orient is set", async () => {
    const response = await service.client.transform({
      image: fixture("Portrait_6.jpg"),
      input: { disableAutoOrient: true },
      output: { format: "FORMAT_PNG" },
    });
    const decoded = await decode(response.image);
    assert.equal(`${decoded.width}x${decoded.height}`, "600x450");
  });
});

describe("colour", () => {
  it("converts the CMYK JPEG to sRGB with its embedded profile", async () => {
    const source = fixture("Channel_digital_image_CMYK_color.jpg");
    const response = await transform(source, [], { format: "FORMAT_JPEG", quality: 95 });
    const decoded = await decode(response.image);
    assert.equal(decoded.metadata.space, "srgb");
    assert.equal(decoded.channels, 3);
    // libvips' own profile-based conversion, in this process, is the reference.
    const reference = await meanColor(await sharp(source).toColourspace("srgb").png().toBuffer());
    assert.ok(colorDistance(await meanColor(response.image), reference) < 3);
  });

  it("colour-manages the Display-P3 PNG to sRGB", async () => {
    const response = await transform(fixture("p3.png"));
    const decoded = await decode(response.image);
    assert.equal(decoded.metadata.space, "srgb");
    assert.equal(decoded.metadata.hasProfile, false);
    // P3's pure red is outside sRGB: after conversion it clips to sRGB red.
    assert.ok(colorDistance(pixel(decoded, 0, 0).slice(0, 3), RED) <= 2, `got ${pixel(decoded, 0, 0)}`);
  });

  it("turns 16-bit grey with alpha into 8-bit output", async () => {
    const response = await transform(fixture("16-bit-grey-alpha.png"));
    const decoded = await decode(response.image);
    assert.equal(decoded.metadata.depth, "uchar");
    assert.equal(decoded.metadata.hasAlpha, true);
    assert.equal(`${decoded.width}x${decoded.height}`, "109x96");
  });

  it("resizes the gamma test image without turning it grey", async () => {
    const source = fixture("gamma_dalai_lama_gray.jpg");
    const response = await transform(source, [{ resize: { width: 129 } }]);
    const before = await meanColor(source);
    const after = await meanColor(response.image);
    assert.ok(colorDistance(before, after) < 10, `mean ${before} became ${after}`);
  });
});

describe("operations", () => {
  it("resize FIT_COVER fills the box and crops", async () => {
    const decoded = await decode((await transform(await quadrants(400, 200), [{ resize: { width: 100, height: 100, fit: "FIT_COVER" } }])).image);
    assert.equal(`${decoded.width}x${decoded.height}`, "100x100");
    // The centre crop keeps the middle: green/red boundary at the top, blue/white at the bottom.
    assert.ok(colorDistance(pixel(decoded, 10, 10), RED) < 10);
    assert.ok(colorDistance(pixel(decoded, 90, 90), WHITE) < 10);
  });

  it("resize FIT_CONTAIN pads with the background colour", async () => {
    const decoded = await decode(
      (await transform(await quadrants(400, 200), [{ resize: { width: 100, height: 100, fit: "FIT_CONTAIN", background: "#0000ff" } }])).image,
    );
    assert.equal(`${decoded.width}x${decoded.height}`, "100x100");
    assert.ok(colorDistance(pixel(decoded, 50, 5), BLUE) < 10, "top padding is blue");
    assert.ok(colorDistance(pixel(decoded, 10, 40), RED) < 10, "the picture sits in the middle");
  });

  it("resize FIT_FILL stretches, FIT_INSIDE and FIT_OUTSIDE keep the aspect ratio", async () => {
    const source = await quadrants(400, 200);
    const size = async (fit: "FIT_FILL" | "FIT_INSIDE" | "FIT_OUTSIDE") => {
      const decoded = await decode((await transform(source, [{ resize: { width: 100, height: 100, fit } }])).image);
      return `${decoded.width}x${decoded.height}`;
    };
    assert.equal(await size("FIT_FILL"), "100x100");
    assert.equal(await size("FIT_INSIDE"), "100x50");
    assert.equal(await size("FIT_OUTSIDE"), "200x100");
  });

  it("resize position chooses which part FIT_COVER keeps", async () => {
    const source = await quadrants(400, 200);
    const left = await decode((await transform(source, [{ resize: { width: 100, height: 100, position: "POSITION_LEFT" } }])).image);
    const right = await decode((await transform(source, [{ resize: { width: 100, height: 100, position: "POSITION_RIGHT" } }])).image);
    assert.ok(colorDistance(pixel(left, 90, 10), RED) < 10);
    assert.ok(colorDistance(pixel(right, 10, 10), GREEN) < 10);
  });

  it("resize POSITION_ENTROPY and POSITION_ATTENTION keep the detailed region", async () => {
    // Flat grey on the left, noise on the right: a smart crop keeps the noise.
    const noise = await sharp(fixture("random.jpg")).resize(200, 200).raw().toBuffer();
    const source = await sharp({ create: { width: 600, height: 200, channels: 3, background: { r: 128, g: 128, b: 128 } } })
      .composite([{ input: noise, raw: { width: 200, height: 200, channels: 3 }, left: 400, top: 0 }])
      .png()
      .toBuffer();
    for (const position of ["POSITION_ENTROPY", "POSITION_ATTENTION"] as const) {
      const response = await transform(source, [{ resize: { width: 200, height: 200, position } }]);
      const { channels } = await sharp(response.image).stats();
      assert.ok(channels[0]!.stdev > 40, `${position} kept a flat region (stdev ${channels[0]!.stdev})`);
    }
  });

  it("resize without_enlargement never makes the image larger", async () => {
    const decoded = await decode((await transform(await solid(100, 50, { r: 0, g: 0, b: 255 }), [{ resize: { width: 400, withoutEnlargement: true } }])).image);
    assert.equal(`${decoded.width}x${decoded.height}`, "100x50");
  });

  it("extract crops a region", async () => {
    const decoded = await decode((await transform(await quadrants(200, 100), [{ extract: { left: 100, top: 50, width: 100, height: 50 } }])).image);
    assert.equal(`${decoded.width}x${decoded.height}`, "100x50");
    assert.deepEqual(pixel(decoded, 0, 0).slice(0, 3), WHITE);
    assert.deepEqual(pixel(decoded, 99, 49).slice(0, 3), WHITE);
  });

  it("rotate turns by quarter turns and by any angle, filling with the background", async () => {
    const quarter = await decode((await transform(await quadrants(200, 100), [{ rotate: { angle: 90 } }])).image);
    assert.equal(`${quarter.width}x${quarter.height}`, "100x200");
    assert.ok(colorDistance(pixel(quarter, 95, 5), RED) < 10, "red moves to the top right");
    const tilted = await decode((await transform(await solid(100, 100, { r: 255, g: 0, b: 0 }), [{ rotate: { angle: 45, background: "#00ff00" } }])).image);
    assert.ok(tilted.width >= 141 && tilted.width <= 143, `45 degrees grows the canvas, got ${tilted.width}`);
    assert.ok(colorDistance(pixel(tilted, 0, 0), [...GREEN, 255]) < 10, "corners are the background");
    assert.ok(colorDistance(pixel(tilted, 71, 71), [...RED, 255]) < 10, "the centre is the picture");
  });

  it("flip mirrors top to bottom, flop left to right", async () => {
    const source = await quadrants(200, 100);
    const flipped = await decode((await transform(source, [{ flip: {} }])).image);
    const flopped = await decode((await transform(source, [{ flop: {} }])).image);
    assert.deepEqual(pixel(flipped, 0, 0).slice(0, 3), BLUE);
    assert.deepEqual(pixel(flopped, 0, 0).slice(0, 3), GREEN);
  });

  it("blur softens a hard edge", async () => {
    const source = await quadrants(200, 100);
    const decoded = await decode((await transform(source, [{ blur: { sigma: 5 } }])).image);
    const [red, green] = pixel(decoded, 100, 20);
    assert.ok(red! > 40 && red! < 215 && green! > 40 && green! < 215, `the red/green edge is mixed, got ${pixel(decoded, 100, 20)}`);
    assert.deepEqual(pixel(decoded, 50, 20).slice(0, 3), RED, "far from the edge nothing changes");
  });

  it("sharpen steepens a soft edge", async () => {
    const soft = await sharp(await quadrants(200, 100))
      .grayscale()
      .blur(3)
      .png()
      .toBuffer();
    const edgeContrast = async (image: Uint8Array) => {
      const decoded = await decode(image);
      return Math.abs(pixel(decoded, 103, 20)[0]! - pixel(decoded, 97, 20)[0]!);
    };
    const response = await transform(soft, [{ sharpen: { sigma: 2, m1: 2, m2: 4 } }]);
    assert.ok((await edgeContrast(response.image)) > (await edgeContrast(soft)) + 5);
    const mild = await transform(soft, [{ sharpen: {} }]);
    assert.ok((await edgeContrast(mild.image)) > (await edgeContrast(soft)));
  });

  it("grayscale removes colour", async () => {
    const decoded = await decode((await transform(await quadrants(200, 100), [{ grayscale: {} }])).image);
    for (const [x, y] of [
      [10, 10],
      [150, 10],
      [10, 90],
    ] as const) {
      const [r, g, b] = decoded.channels <= 2 ? [pixel(decoded, x, y)[0]!, pixel(decoded, x, y)[0]!, pixel(decoded, x, y)[0]!] : pixel(decoded, x, y);
      assert.equal(r, g);
      assert.equal(g, b);
    }
  });

  it("extend adds edges of the background colour, or copies of the edge", async () => {
    const decoded = await decode(
      (await transform(await solid(100, 100, { r: 255, g: 0, b: 0 }), [{ extend: { top: 10, left: 20, background: "#0000ff" } }])).image,
    );
    assert.equal(`${decoded.width}x${decoded.height}`, "120x110");
    assert.deepEqual(pixel(decoded, 0, 0).slice(0, 3), BLUE);
    assert.deepEqual(pixel(decoded, 20, 10).slice(0, 3), RED);
    const copied = await decode(
      (await transform(await solid(100, 100, { r: 255, g: 0, b: 0 }), [{ extend: { bottom: 5, extendWith: "EXTEND_WITH_COPY" } }])).image,
    );
    assert.deepEqual(pixel(copied, 50, 104).slice(0, 3), RED);
  });

  it("trim removes a uniform border", async () => {
    const framed = await sharp(await solid(100, 60, { r: 255, g: 0, b: 0 }))
      .extend({ top: 30, bottom: 30, left: 30, right: 30, background: "#ffffff" })
      .png()
      .toBuffer();
    const decoded = await decode((await transform(framed, [{ trim: {} }])).image);
    assert.equal(`${decoded.width}x${decoded.height}`, "100x60");
    assert.deepEqual(pixel(decoded, 0, 0).slice(0, 3), RED);
  });

  it("flatten merges transparency onto the background", async () => {
    const halfRed = await solid(10, 10, { r: 255, g: 0, b: 0, alpha: 0.5 });
    const decoded = await decode((await transform(halfRed, [{ flatten: { background: "#0000ff" } }])).image);
    assert.equal(decoded.channels, 3);
    assert.ok(colorDistance(pixel(decoded, 5, 5), [128, 0, 127]) <= 2, `got ${pixel(decoded, 5, 5)}`);
  });

  it("keeps the caller's flatten colour when it is the last step before JPEG", async () => {
    const transparent = await solid(10, 10, { r: 0, g: 0, b: 0, alpha: 0 });
    const decoded = await decode((await transform(transparent, [{ flatten: { background: "#ff0000" } }], { format: "FORMAT_JPEG" })).image);
    assert.ok(colorDistance(pixel(decoded, 5, 5), RED) < 8, `got ${pixel(decoded, 5, 5)}`);
  });

  it("keeps the alpha channel through grayscale followed by another step", async () => {
    const decoded = await decode((await transform(fixture("blackbug.png"), [{ grayscale: {} }, { flip: {} }])).image);
    assert.equal(decoded.metadata.hasAlpha, true);
    assert.ok(pixel(decoded, 0, 0).at(-1)! < 10, "the transparent corner stays transparent");
  });

  it("applies operations in the order given", async () => {
    const source = await quadrants(400, 200);
    const resizeThenExtract = await decode(
      (await transform(source, [{ resize: { width: 200 } }, { extract: { left: 0, top: 0, width: 50, height: 50 } }])).image,
    );
    const extractThenResize = await decode(
      (await transform(source, [{ extract: { left: 0, top: 0, width: 50, height: 50 } }, { resize: { width: 200 } }])).image,
    );
    assert.equal(`${resizeThenExtract.width}x${resizeThenExtract.height}`, "50x50");
    assert.equal(`${extractThenResize.width}x${extractThenResize.height}`, "200x200");
    // rotate then extend puts the new edge on the left of the turned picture;
    // extend then rotate puts it at the top.
    const rotateThenExtend = await decode((await transform(source, [{ rotate: { angle: 90 } }, { extend: { left: 10, background: "#00ff00" } }])).image);
    const extendThenRotate = await decode((await transform(source, [{ extend: { left: 10, background: "#00ff00" } }, { rotate: { angle: 90 } }])).image);
    assert.equal(`${rotateThenExtend.width}x${rotateThenExtend.height}`, "210x400");
    assert.equal(`${extendThenRotate.width}x${extendThenRotate.height}`, "200x410");
    assert.deepEqual(pixel(extendThenRotate, 100, 0).slice(0, 3), GREEN);
  });
});

describe("output formats", () => {
  const formats = [
    ["FORMAT_JPEG", "jpeg"],
    ["FORMAT_PNG", "png"],
    ["FORMAT_WEBP", "webp"],
    ["FORMAT_AVIF", "heif"],
    ["FORMAT_GIF", "gif"],
    ["FORMAT_TIFF", "tiff"],
  ] as const;

  for (const [format, decodedAs] of formats) {
    it(`encodes ${format} that decodes to the same picture`, async () => {
      const source = fixture("320x240.jpg");
      const response = await transform(source, [{ resize: { width: 160 } }], { format });
      const decoded = await decode(response.image);
      assert.equal(decoded.metadata.format, decodedAs);
      assert.equal(`${decoded.width}x${decoded.height}`, "160x120");
      assert.equal(response.info.format, format);
      assert.equal(response.info.sizeBytes, response.image.byteLength);
      const expected = await meanColor(await sharp(source).resize(160).png().toBuffer());
      assert.ok(colorDistance(await meanColor(response.image), expected) < 6, `${format} changed the colours`);
    });
  }

  it("keeps the input's format when none is asked for, and rasterises SVG to PNG", async () => {
    const fromWebp = await service.client.transform({ image: fixture("4.webp"), operations: [{ resize: { width: 100 } }] });
    assert.equal((await decode(fromWebp.image)).metadata.format, "webp");
    const fromSvg = await service.client.transform({ image: fixture("check.svg") });
    const decoded = await decode(fromSvg.image);
    assert.equal(decoded.metadata.format, "png");
    assert.equal(`${decoded.width}x${decoded.height}`, "100x100");
  });

  it("honours quality: JPEG q10 is smaller than q90", async () => {
    const source = fixture("2569067123_aca715a2ee_o.jpg");
    const low = await transform(source, [{ resize: { width: 400 } }], { format: "FORMAT_JPEG", quality: 10 });
    const high = await transform(source, [{ resize: { width: 400 } }], { format: "FORMAT_JPEG", quality: 90 });
    assert.ok(low.image.byteLength * 2 < high.image.byteLength);
  });

  it("encodes lossless WebP pixel for pixel", async () => {
    const source = await quadrants(64, 64);
    const response = await transform(source, [], { format: "FORMAT_WEBP", lossless: true });
    const rgb = (image: Uint8Array) => sharp(image).removeAlpha().raw().toBuffer();
    assert.deepEqual(await rgb(response.image), await rgb(source));
  });

  it("encodes progressive JPEG and interlaced PNG", async () => {
    const source = fixture("320x240.jpg");
    assert.equal((await decode((await transform(source, [], { format: "FORMAT_JPEG", progressive: true })).image)).metadata.isProgressive, true);
    assert.equal((await decode((await transform(source, [], { format: "FORMAT_PNG", progressive: true })).image)).metadata.isProgressive, true);
    assert.equal((await decode((await transform(source, [], { format: "FORMAT_JPEG" })).image)).metadata.isProgressive, false);
  });

  it("honours effort: WebP effort 6 is no larger than effort 1, and PNG effort 10 is smaller than 1", async () => {
    const source = fixture("320x240.jpg");
    const fast = await transform(source, [], { format: "FORMAT_WEBP", effort: 1 });
    const slow = await transform(source, [], { format: "FORMAT_WEBP", effort: 6 });
    assert.ok(slow.image.byteLength <= fast.image.byteLength);
    const stored = await transform(source, [], { format: "FORMAT_PNG", effort: 1 });
    const squeezed = await transform(source, [], { format: "FORMAT_PNG", effort: 10 });
    assert.ok(squeezed.image.byteLength < stored.image.byteLength * 0.9);
  });

  it("strips metadata by default and keeps it with keep_metadata", async () => {
    const source = fixture("Landscape_6.jpg");
    const stripped = await decode((await transform(source, [], { format: "FORMAT_JPEG" })).image);
    const kept = await decode((await transform(source, [{ resize: { width: 300 } }, { blur: {} }], { format: "FORMAT_JPEG", keepMetadata: true })).image);
    assert.equal(stripped.metadata.exif, undefined);
    assert.equal(stripped.metadata.icc, undefined);
    assert.ok(kept.metadata.exif && kept.metadata.exif.byteLength > 0, "EXIF kept across two operations");
    assert.ok(kept.metadata.icc, "ICC profile kept");
    assert.equal(`${kept.width}x${kept.height}`, "300x225", "still upright");
    assert.ok((kept.metadata.orientation ?? 1) === 1, "the orientation tag no longer rotates it");
  });

  it("keeps alpha in PNG, WebP and AVIF and flattens it onto white in JPEG", async () => {
    const source = fixture("blackbug.png");
    const ops: Operation[] = [{ resize: { width: 256 } }];
    for (const format of ["FORMAT_PNG", "FORMAT_WEBP", "FORMAT_AVIF"] as const) {
      const decoded = await decode((await transform(source, ops, { format })).image);
      assert.equal(decoded.metadata.hasAlpha, true, format);
      assert.ok(pixel(decoded, 0, 0)[3]! < 10, `${format} keeps the transparent corner`);
    }
    const jpeg = await decode((await transform(source, ops, { format: "FORMAT_JPEG" })).image);
    assert.equal(jpeg.channels, 3);
    assert.ok(colorDistance(pixel(jpeg, 0, 0), WHITE) < 8, `transparent corner becomes white, got ${pixel(jpeg, 0, 0)}`);
  });

  it("flattens transparent edges that an operation adds when encoding JPEG", async () => {
    const response = await transform(await solid(50, 50, { r: 255, g: 0, b: 0 }), [{ extend: { left: 10, background: "#00000000" } }], {
      format: "FORMAT_JPEG",
    });
    const decoded = await decode(response.image);
    assert.ok(colorDistance(pixel(decoded, 2, 25), WHITE) < 8, `got ${pixel(decoded, 2, 25)}`);
  });
});

describe("other real-world inputs", () => {
  it("reads the first page of a multi-page TIFF by default, and the page asked for", async () => {
    const first = await service.client.transform({ image: fixture("G31D_MULTI.TIF"), output: { format: "FORMAT_PNG" } });
    const second = await service.client.transform({ image: fixture("G31D_MULTI.TIF"), input: { page: 1 }, output: { format: "FORMAT_PNG" } });
    assert.equal(`${first.info.width}x${first.info.height}`, "2464x3248");
    assert.equal(`${second.info.width}x${second.info.height}`, "1232x1624");
  });

  it("decodes the primary image of a multi-item AVIF", async () => {
    const response = await transform(fixture("pitm.avif"), [{ resize: { width: 512 } }]);
    const decoded = await decode(response.image);
    assert.equal(`${decoded.width}x${decoded.height}`, "512x100");
  });

  it("takes the first frame of an animation", async () => {
    for (const name of ["animated-loop-3.gif", "animated-loop-3.webp", "rotating-squares.gif"]) {
      const response = await service.client.transform({ image: fixture(name) });
      const decoded = await decode(response.image);
      assert.equal(decoded.metadata.pages ?? 1, 1, name);
      assert.equal(response.info.pages, 1);
    }
  });

  it("handles an all-transparent PNG", async () => {
    const decoded = await decode((await transform(fixture("full-transparent.png"), [{ resize: { width: 30 } }])).image);
    assert.equal(`${decoded.width}x${decoded.height}`, "30x30");
    assert.equal(pixel(decoded, 15, 15)[3], 0);
  });

  it("rasterises a complex SVG", async () => {
    const response = await transform(fixture("struct-image-04-t.svg"), [{ resize: { width: 240 } }]);
    const decoded = await decode(response.image);
    assert.equal(decoded.width, 240);
    const { channels } = await sharp(response.image).stats();
    assert.ok(
      channels.some((channel) => channel.stdev > 10),
      "not a blank canvas",
    );
  });
});
