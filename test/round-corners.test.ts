/**
 * Operation.round_corners through the service and the gateway: the corners'
 * pixels are transparent where the format keeps alpha and the background
 * colour where it cannot, and the rest of the image is untouched.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import type { Operation, OutputOptions } from "@pixelrpc/client";
import sharp from "sharp";

import { callError, fixture, withStack } from "@pixelrpc/harness";
import { colorDistance, decode, pixel, type Decoded } from "./images.js";

const stack = withStack();

/** The photo as a 200x100 box, then `round`. */
async function rounded(round: Operation["roundCorners"], output: OutputOptions = { format: "FORMAT_PNG" }): Promise<Decoded> {
  const { image } = await stack.images.client.transform({
    image: fixture("320x240.jpg"),
    operations: [{ resize: { width: 200, height: 100 } }, { roundCorners: round }],
    output,
  });
  return decode(image);
}

const alpha = (decoded: Decoded, x: number, y: number): number => pixel(decoded, x, y)[3]!;
const corners = (decoded: Decoded): [number, number][] => [
  [0, 0],
  [decoded.width - 1, 0],
  [0, decoded.height - 1],
  [decoded.width - 1, decoded.height - 1],
];

describe("round_corners", () => {
  it("makes the corners transparent in PNG, and leaves the edges between them and the middle opaque", async () => {
    const decoded = await rounded({ radius: 20 });
    assert.deepEqual([decoded.width, decoded.height, decoded.channels], [200, 100, 4]);
    for (const [x, y] of corners(decoded)) assert.equal(alpha(decoded, x, y), 0, `corner ${x},${y}`);
    // Outside the radius-20 arc at the corner ((3, 3) is 24 from its centre), inside it ((20, 2) is 18).
    assert.equal(alpha(decoded, 3, 3), 0);
    for (const [x, y] of [
      [20, 2],
      [100, 0],
      [0, 50],
      [100, 50],
      [199, 50],
    ] as const)
      assert.equal(alpha(decoded, x, y), 255, `${x},${y}`);
  });

  it("rounds by half the shorter side with circle: a pill on a 200x100 image, as a radius past that does", async () => {
    for (const round of [{ circle: true }, { radius: 1000 }]) {
      const decoded = await rounded(round);
      // The ends are half circles of radius 50: (10, 10) lies outside, the middle of the top edge inside.
      assert.equal(alpha(decoded, 10, 10), 0, JSON.stringify(round));
      assert.equal(alpha(decoded, 100, 1), 255, JSON.stringify(round));
      assert.equal(alpha(decoded, 2, 50), 255, JSON.stringify(round));
    }
  });

  it("cuts a circle from a square image (an avatar)", async () => {
    const { image } = await stack.images.client.transform({
      image: fixture("320x240.jpg"),
      operations: [{ resize: { width: 100, height: 100, position: "POSITION_ATTENTION" } }, { roundCorners: { circle: true } }],
      output: { format: "FORMAT_WEBP", lossless: true },
    });
    const decoded = await decode(image);
    for (const [x, y] of [
      [50, 50],
      [50, 1],
      [1, 50],
      [98, 50],
      [50, 98],
    ] as const)
      assert.equal(alpha(decoded, x, y), 255, `${x},${y}`);
    for (const [x, y] of [
      [5, 5],
      [94, 5],
      [5, 94],
      [94, 94],
    ] as const)
      assert.equal(alpha(decoded, x, y), 0, `${x},${y}`);
  });

  it("fills the corners with the background in JPEG, white by default", async () => {
    const red = await rounded({ radius: 30, background: "#ff0000" }, { format: "FORMAT_JPEG", quality: 95 });
    assert.equal(red.channels, 3);
    for (const [x, y] of corners(red)) assert.ok(colorDistance(pixel(red, x, y), [255, 0, 0]) < 24, `corner ${x},${y}: ${pixel(red, x, y).join(",")}`);
    assert.ok(colorDistance(pixel(red, 100, 50), [255, 0, 0]) > 60, "the middle is the photo");
    const white = await rounded({ radius: 30 }, { format: "FORMAT_JPEG", quality: 95 });
    assert.ok(colorDistance(pixel(white, 0, 0), [255, 255, 255]) < 16, pixel(white, 0, 0).join(","));
  });

  it("rounds every frame of an animation", async () => {
    const { image, info } = await stack.images.client.transform({
      image: fixture("rotating-squares.gif"),
      operations: [{ roundCorners: { radius: 20 } }],
      output: { format: "FORMAT_GIF" },
      input: { animated: true },
    });
    assert.equal(info.pages, 30);
    for (const page of [0, 15, 29]) {
      const frame = await decode(await sharp(image, { page }).png().toBuffer());
      assert.equal(alpha(frame, 0, 0), 0, `frame ${page}`);
      assert.equal(alpha(frame, 79, 79), 0, `frame ${page}`);
    }
  });

  const refusals: [name: string, round: Operation["roundCorners"], message: string | RegExp][] = [
    ["no radius and no circle", {}, "operations[1].round_corners needs a radius or circle"],
    ["a radius and circle together", { radius: 5, circle: true }, /^operations\[1\]\.round_corners: radius and circle together/],
    ["a radius past the largest side", { radius: 70_000 }, /^operations\[1\]\.round_corners\.radius must be from 1 to 65535/],
    ["a background that is not a colour", { radius: 5, background: "red" }, /^operations\[1\]\.round_corners\.background must be a hex colour/],
  ];
  for (const [name, round, message] of refusals) {
    it(`refuses ${name} with INVALID_ARGUMENT naming the field`, async () => {
      const error = await callError(rounded(round));
      assert.equal(error.codeName, "INVALID_ARGUMENT");
      if (typeof message === "string") assert.equal(error.details, message);
      else assert.match(error.details, message);
    });
  }

  it("the gateway's query says it as round= or circle=1", async () => {
    for (const query of ["w=200&h=100&round=20&format=png", "w=100&h=100&circle=1&format=png"]) {
      const response = await fetch(`${stack.gateway.url}/v1/transform?${query}`, {
        method: "POST",
        headers: { "content-type": "image/jpeg" },
        body: fixture("320x240.jpg"),
      });
      assert.equal(response.status, 200, await response.clone().text());
      const decoded = await decode(Buffer.from(await response.arrayBuffer()));
      assert.equal(alpha(decoded, 0, 0), 0, query);
      assert.equal(alpha(decoded, decoded.width >> 1, decoded.height >> 1), 255, query);
    }
  });
});
