/**
 * The tone and colour operations through the service and the gateway, each
 * checked on the decoded pixels: saturation 0 makes R=G=B, negate inverts a
 * sampled pixel, a 3x3 identity kernel changes nothing, and so on; the
 * fields where 0 is a value (proto3 `optional`) take it; each works on an
 * animation; bad arguments are refused naming the field.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { Status, type Operation, type OutputOptions } from "@pixelrpc/client";
import sharp from "sharp";

import { callError, fixture, withStack } from "@pixelrpc/harness";
import { colorDistance, decode, pixel, quadrants, solid, type Decoded } from "./images.js";

const stack = withStack();

const png: OutputOptions = { format: "FORMAT_PNG" };
const photo = fixture("320x240.jpg");

async function transformed(image: Uint8Array, operations: Operation[], output: OutputOptions = png): Promise<Decoded> {
  return decode((await stack.images.client.transform({ image, operations, output })).image);
}

/** Every pixel's first three channels, for comparing images. */
function rgbOf(decoded: Decoded): number[][] {
  const pixels: number[][] = [];
  for (let y = 0; y < decoded.height; y++) for (let x = 0; x < decoded.width; x++) pixels.push(pixel(decoded, x, y).slice(0, 3));
  return pixels;
}

const mean = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0) / values.length;

describe("tone and colour operations", () => {
  it("modulate: saturation 0 makes R=G=B, brightness scales, hue rotates red towards green", async () => {
    const grey = await transformed(await quadrants(40, 40), [{ modulate: { saturation: 0 } }]);
    for (const [r, g, b] of rgbOf(grey)) assert.ok(Math.abs(r! - g!) <= 1 && Math.abs(g! - b!) <= 1, `${r},${g},${b}`);
    const base = await solid(10, 10, { r: 100, g: 60, b: 40 });
    const [dark, bright] = await Promise.all([transformed(base, [{ modulate: { brightness: 0.5 } }]), transformed(base, [{ modulate: { brightness: 1.5 } }])]);
    assert.ok(mean(pixel(dark, 5, 5).slice(0, 3)) < 45 && mean(pixel(bright, 5, 5).slice(0, 3)) > 85, `${pixel(dark, 5, 5)} / ${pixel(bright, 5, 5)}`);
    const [r, g] = pixel(await transformed(await solid(10, 10, { r: 220, g: 20, b: 20 }), [{ modulate: { hue: 120 } }]), 5, 5);
    assert.ok(g! > r!, `hue 120 of red: ${r},${g}`);
  });

  it("negate inverts a sampled pixel, keeping alpha unless asked", async () => {
    const source = await solid(10, 10, { r: 200, g: 100, b: 30, alpha: 0.5 });
    const kept = await transformed(source, [{ negate: {} }]);
    assert.ok(colorDistance(pixel(kept, 3, 3), [55, 155, 225, 128]) <= 1, `${pixel(kept, 3, 3)}`);
    const inverted = await transformed(source, [{ negate: { alpha: true } }]);
    assert.ok(Math.abs(pixel(inverted, 3, 3)[3]! - 127) <= 1, `${pixel(inverted, 3, 3)}`);
  });

  it("convolve with a 3x3 identity kernel leaves the image unchanged; a box kernel blurs it", async () => {
    const [plain, identity, box] = await Promise.all([
      transformed(photo, []),
      transformed(photo, [{ convolve: { width: 3, height: 3, kernel: [0, 0, 0, 0, 1, 0, 0, 0, 0] } }]),
      transformed(photo, [{ convolve: { width: 3, height: 3, kernel: Array<number>(9).fill(1) } }]),
    ]);
    const [a, b, c] = [rgbOf(plain), rgbOf(identity), rgbOf(box)];
    assert.ok(
      a.every((rgb, index) => colorDistance(b[index]!, rgb) <= 1),
      "identity within rounding",
    );
    assert.ok(a.filter((rgb, index) => colorDistance(c[index]!, rgb) > 10).length > 1000, "the box kernel changes the edges");
  });

  it("linear scales and offsets each channel, or all of them", async () => {
    const base = await solid(10, 10, { r: 50, g: 60, b: 70 });
    assert.ok(colorDistance(pixel(await transformed(base, [{ linear: { a: [2], b: [10] } }]), 5, 5), [110, 130, 150]) <= 1);
    assert.ok(colorDistance(pixel(await transformed(base, [{ linear: { a: [1, 2, 3, 1] } }]), 5, 5), [50, 120, 210]) <= 1);
  });

  it("tint, threshold, normalize, clahe, gamma, median and pixelate change what they say", async () => {
    const [tinted] = rgbOf(await transformed(await solid(4, 4, { r: 128, g: 128, b: 128 }), [{ tint: { color: "#ff0000" } }]));
    assert.ok(tinted![0]! > tinted![2]! + 20, `tint red: ${tinted}`);

    const binary = rgbOf(await transformed(photo, [{ threshold: {} }]));
    assert.ok(
      binary.every(([r, g, b]) => r === g && g === b && (r === 0 || r === 255)),
      "only black and white",
    );
    const allWhite = rgbOf(await transformed(photo, [{ threshold: { threshold: 0 } }]));
    assert.ok(
      allWhite.every(([r]) => r === 255),
      "threshold 0, set explicitly, is 0: everything is white",
    );

    // A dull grey ramp stretched to the full range.
    const ramp = await sharp(Buffer.from(Array.from({ length: 100 }, (_, index) => 100 + Math.floor(index / 2))), {
      raw: { width: 100, height: 1, channels: 1 },
    })
      .png()
      .toBuffer();
    const stretched = rgbOf(await transformed(ramp, [{ normalize: { lower: 0, upper: 100 } }])).map(([value]) => value!);
    assert.ok(Math.min(...stretched) <= 10 && Math.max(...stretched) >= 245, `${Math.min(...stretched)}..${Math.max(...stretched)}`);

    const [plain, local] = await Promise.all([transformed(photo, []), transformed(photo, [{ clahe: { width: 16, height: 16 } }])]);
    const equalised = rgbOf(local);
    assert.ok(rgbOf(plain).filter((rgb, index) => colorDistance(equalised[index]!, rgb) > 5).length > 1000, "clahe changes local contrast");

    const darker = pixel(await transformed(await solid(4, 4, { r: 128, g: 128, b: 128 }), [{ gamma: { gamma: 2.2, gammaOut: 1 } }]), 1, 1)[0]!;
    assert.ok(darker < 100, `gamma 2.2 then 1 darkens mid-grey: ${darker}`);

    // Salt on a black square: the median takes it out.
    const salted = await sharp({ create: { width: 20, height: 20, channels: 3, background: { r: 0, g: 0, b: 0 } } })
      .composite([{ input: await solid(1, 1, { r: 255, g: 255, b: 255 }), left: 10, top: 10 }])
      .png()
      .toBuffer();
    assert.deepEqual(pixel(await transformed(salted, [{ median: {} }]), 10, 10).slice(0, 3), [0, 0, 0]);

    const blocky = await transformed(photo, [{ pixelate: { size: 16 } }]);
    assert.deepEqual([blocky.width, blocky.height], [320, 240]);
    for (const [x, y] of [
      [0, 0],
      [96, 48],
      [192, 160],
    ] as const)
      for (let dx = 0; dx < 16; dx++) assert.deepEqual(pixel(blocky, x + dx, y), pixel(blocky, x, y), `one colour in the 16 px block at ${x},${y}`);
  });

  it("takes 0 where 0 is a value: trim threshold, sharpen levels, WebP and AVIF effort; PNG effort 0 is refused", async () => {
    const framed = await sharp({ create: { width: 30, height: 30, channels: 3, background: { r: 250, g: 250, b: 250 } } })
      .composite([{ input: await solid(10, 10, { r: 245, g: 245, b: 245 }), left: 10, top: 10 }])
      .png()
      .toBuffer();
    // sharp's default threshold (10) trims the near-white square too; 0 trims only the exact frame colour.
    const [byDefault, exact] = await Promise.all([
      stack.images.client.transform({ image: framed, operations: [{ trim: {} }], output: png }),
      stack.images.client.transform({ image: framed, operations: [{ trim: { threshold: 0 } }], output: png }),
    ]);
    assert.equal(exact.info.width, 10);
    assert.notEqual(byDefault.info.width, 10);

    const { info } = await stack.images.client.transform({ image: photo, operations: [{ sharpen: { sigma: 1, m1: 0, m2: 0 } }], output: png });
    assert.equal(info.width, 320);
    for (const format of ["FORMAT_WEBP", "FORMAT_AVIF"] as const) {
      const result = await stack.images.client.transform({ image: photo, operations: [{ resize: { width: 64 } }], output: { format, effort: 0 } });
      assert.equal((await sharp(result.image).metadata()).width, 64, format);
    }
    const error = await callError(stack.images.client.transform({ image: photo, output: { format: "FORMAT_PNG", effort: 0 } }));
    assert.match(error.details, /^output\.effort 0 is out of range for PNG: 1 to 10/);
  });

  it("works on every frame of an animation", async () => {
    const { image, info } = await stack.images.client.transform({
      image: fixture("animated-loop-3.gif"),
      input: { animated: true },
      operations: [{ resize: { width: 60 } }, { modulate: { saturation: 0 } }, { pixelate: { size: 4 } }],
      output: { format: "FORMAT_GIF" },
    });
    assert.ok(info.pages > 1);
    const { data, info: raw } = await sharp(image, { pages: -1 }).raw().toBuffer({ resolveWithObject: true });
    assert.equal(raw.height, info.height * info.pages);
    for (let index = 0; index < data.length; index += raw.channels) {
      assert.ok(Math.abs(data[index]! - data[index + 1]!) <= 8 && Math.abs(data[index + 1]! - data[index + 2]!) <= 8, `grey at byte ${index}`);
    }
  });

  it("takes the short names in the gateway's query", async () => {
    const cases: [string, (decoded: Decoded) => boolean][] = [
      ["saturation=0", (decoded) => pixel(decoded, 5, 5)[0] === pixel(decoded, 5, 5)[2]],
      ["negate=1", (decoded) => colorDistance(pixel(decoded, 5, 5), [155, 195, 225]) <= 1],
      ["threshold=0", (decoded) => pixel(decoded, 5, 5)[0] === 255],
      ["linear=2&linear_offset=-10", (decoded) => colorDistance(pixel(decoded, 5, 5), [190, 110, 50]) <= 1],
      ["tint=0000ff", (decoded) => pixel(decoded, 5, 5)[2]! > pixel(decoded, 5, 5)[0]!],
      ["pixelate=4&median=3&normalize=1&gamma=2.2", (decoded) => decoded.width === 20],
      ["clahe_width=4&clahe_height=4&clahe_slope=0", (decoded) => decoded.width === 20],
    ];
    const body = await solid(20, 20, { r: 100, g: 60, b: 30 });
    for (const [query, check] of cases) {
      const response = await fetch(`${stack.gateway.url}/v1/transform?${query}&format=png`, { method: "POST", headers: { "content-type": "image/png" }, body });
      assert.equal(response.status, 200, `${query}: ${await response.clone().text()}`);
      const decoded = await decode(new Uint8Array(await response.arrayBuffer()));
      assert.ok(check(decoded), `${query}: ${pixel(decoded, 5, 5)}`);
    }
  });

  it("refuses bad arguments with INVALID_ARGUMENT naming the field, and keeps serving", async () => {
    const cases: [string, Operation, RegExp][] = [
      ["brightness below 0", { modulate: { brightness: -1 } }, /^operations\[0\]\.modulate\.brightness must be from 0 to 100, got -1/],
      ["hue past 360", { modulate: { hue: 400 } }, /^operations\[0\]\.modulate\.hue must be from -360 to 360/],
      ["linear lists of two lengths", { linear: { a: [1, 2, 3], b: [1] } }, /^operations\[0\]\.linear: a has 3 values and b 1; give them one length/],
      ["linear with five values", { linear: { a: [1, 1, 1, 1, 1] } }, /^operations\[0\]\.linear\.a has 5 values; at most 4/],
      ["linear with values for channels the image lacks", { linear: { a: [1, 2] } }, /^cannot process image at operations\[0\]\.linear/],
      ["gamma below 1", { gamma: { gamma: 0.5 } }, /^operations\[0\]\.gamma\.gamma must be from 1 to 3 \(or 0 for 2\.2\), got 0\.5/],
      ["tint without a colour", { tint: {} }, /^operations\[0\]\.tint\.color is empty/],
      ["tint with a named colour", { tint: { color: "red" } }, /^operations\[0\]\.tint\.color must be a hex colour/],
      ["normalize lower over upper", { normalize: { lower: 60, upper: 40 } }, /^operations\[0\]\.normalize: lower \(60\) must be below upper \(40\)/],
      ["clahe without a tile", { clahe: {} }, /^operations\[0\]\.clahe\.width must be from 1 to 65535, got 0/],
      ["clahe slope past 100", { clahe: { width: 8, height: 8, maxSlope: 101 } }, /^operations\[0\]\.clahe\.max_slope must be from 0 to 100/],
      ["threshold past 255", { threshold: { threshold: 256 } }, /^operations\[0\]\.threshold\.threshold must be from 0 to 255/],
      ["median past 15", { median: { size: 16 } }, /^operations\[0\]\.median\.size must be from 1 to 15 \(or 0 for 3\)/],
      ["pixelate of 1", { pixelate: { size: 1 } }, /^operations\[0\]\.pixelate\.size must be from 2 to 1000, got 1/],
      [
        "a kernel of the wrong size",
        { convolve: { width: 3, height: 3, kernel: [1, 2, 3] } },
        /^operations\[0\]\.convolve\.kernel has 3 weights; a 3x3 kernel needs 9/,
      ],
      ["a kernel too wide", { convolve: { width: 17, height: 3, kernel: [] } }, /^operations\[0\]\.convolve\.width must be from 3 to 15/],
      ["a kernel scale of 0", { convolve: { width: 3, height: 3, kernel: Array<number>(9).fill(1), scale: 0 } }, /^operations\[0\]\.convolve\.scale is 0/],
      [
        "a weight that is not finite",
        { convolve: { width: 3, height: 3, kernel: [1, 1, 1, 1, Number.NaN, 1, 1, 1, 1] } },
        /convolve\.kernel\[4\]: expected a finite number, got NaN/,
      ],
      ["sharpen levels without sigma", { sharpen: { m1: 0 } }, /^operations\[0\]\.sharpen\.sigma is required when m1/],
    ];
    for (const [name, operation, pattern] of cases) {
      const error = await callError(stack.images.client.transform({ image: photo, operations: [operation] }));
      assert.equal(error.codeName, Status[Status.INVALID_ARGUMENT], `${name}: ${error.details}`);
      assert.match(error.details, pattern, name);
    }
    assert.equal((await stack.images.client.transform({ image: photo, operations: [{ negate: {} }] })).info.width, 320);
  });
});
