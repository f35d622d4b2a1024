/**
 * Animated GIF and WebP through the service: every frame transformed, the
 * frames' delays and the loop count kept, and each frame the same as that
 * frame transformed alone.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import type { Operation, OutputOptions } from "@pixelrpc/client";
import sharp from "sharp";

import { callError, fixture, startImageService, withStack } from "@pixelrpc/harness";

const stack = withStack();

interface Animation {
  readonly format: string | undefined;
  readonly frames: number;
  readonly width: number;
  readonly height: number;
  readonly delays: readonly number[] | undefined;
  readonly loop: number | undefined;
  /** Frame `index` as raw RGBA. */
  frame(index: number): Promise<Buffer>;
}

async function decodeAnimation(image: Uint8Array): Promise<Animation> {
  const metadata = await sharp(image, { pages: -1 }).metadata();
  const height = metadata.pageHeight ?? metadata.height;
  return {
    format: metadata.format,
    frames: metadata.pages ?? 1,
    width: metadata.width,
    height,
    delays: metadata.delay,
    loop: metadata.loop,
    frame: (index) => sharp(image, { page: index }).ensureAlpha().raw().toBuffer(),
  };
}

/**
 * Mean absolute difference per channel value of two RGBA buffers of one
 * size, as GIF sees them: a pixel is transparent or opaque (GIF has one bit
 * of alpha), and a transparent pixel's colour is whatever its encoder left
 * there, counting for nothing.
 */
function meanDifference(a: Buffer, b: Buffer): number {
  assert.equal(a.length, b.length, "the frames have one size");
  let total = 0;
  for (let offset = 0; offset < a.length; offset += 4) {
    const [opaqueA, opaqueB] = [a[offset + 3]! >= 128, b[offset + 3]! >= 128];
    if (opaqueA !== opaqueB) total += 4 * 255;
    else if (opaqueA) for (let channel = 0; channel < 3; channel++) total += Math.abs(a[offset + channel]! - b[offset + channel]!);
  }
  return total / a.length;
}

const transform = (name: string, operations: Operation[], output: OutputOptions) =>
  stack.images.client.transform({ image: fixture(name), operations, output, input: { animated: true } }, { timeoutMs: 60_000 });

/** The same frame transformed alone, as lossless PNG RGBA. */
async function frameAlone(name: string, page: number, operations: Operation[]): Promise<Buffer> {
  const { image } = await stack.images.client.transform(
    { image: fixture(name), operations, output: { format: "FORMAT_PNG" }, input: { page } },
    { timeoutMs: 30_000 },
  );
  return sharp(image).ensureAlpha().raw().toBuffer();
}

const LOOP_3_DELAYS = [3000, 3000, 3000, 3000, 3000, 3000, 3000, 3000, 3000, 15000];

describe("animated input (InputOptions.animated)", () => {
  // Operations sharp refuses or mangles on a frame strip among them: rotation by 90 and freely, trim, the attention crop.
  // `compared`: the frame that must equal itself transformed alone; a smart crop is chosen on the first frame and kept for all.
  const cases: [name: string, source: string, operations: Operation[], size: [number, number], compared: "middle" | "first"][] = [
    ["resize", "animated-loop-3.gif", [{ resize: { width: 100 } }], [100, 77], "middle"],
    [
      "resize to contain, padded",
      "animated-loop-3.gif",
      [{ resize: { width: 90, height: 90, fit: "FIT_CONTAIN", background: "#ff0000" } }],
      [90, 90],
      "middle",
    ],
    ["resize, then flip", "rotating-squares.gif", [{ resize: { width: 50, height: 30, fit: "FIT_FILL" } }, { flip: {} }], [50, 30], "middle"],
    ["rotate 90", "rotating-squares.gif", [{ rotate: { angle: 90 } }], [80, 80], "middle"],
    ["rotate 30, then flop", "rotating-squares.gif", [{ rotate: { angle: 30, background: "#00000000" } }, { flop: {} }], [109, 109], "middle"],
    ["attention crop", "animated-loop-3.gif", [{ resize: { width: 60, height: 120, position: "POSITION_ATTENTION" } }], [60, 120], "first"],
    [
      "extract, blur, grayscale",
      "animated-loop-3.gif",
      [{ extract: { left: 50, top: 40, width: 200, height: 150 } }, { blur: { sigma: 2 } }, { grayscale: {} }],
      [200, 150],
      "middle",
    ],
  ];
  for (const [name, source, operations, [width, height], compared] of cases) {
    it(`${name}: every frame, its delay and the loop count survive, and the ${compared} frame is that frame transformed alone`, async () => {
      const { image, info } = await transform(source, operations, { format: "FORMAT_GIF" });
      const input = await decodeAnimation(fixture(source));
      const output = await decodeAnimation(image);
      assert.equal(output.format, "gif");
      assert.deepEqual([output.frames, output.width, output.height], [input.frames, width, height]);
      assert.deepEqual([info.pages, info.width, info.height], [input.frames, width, height]);
      assert.deepEqual(output.delays, input.delays);
      assert.equal(output.loop, input.loop);
      const page = compared === "first" ? 0 : Math.floor(input.frames / 2);
      const other = (page + Math.floor(input.frames / 3)) % input.frames;
      // GIF's palette moves colours a little; another frame, or the same frame misplaced, moves them more.
      const frame = await output.frame(page);
      const [same, wrong] = [
        meanDifference(frame, await frameAlone(source, page, operations)),
        meanDifference(frame, await frameAlone(source, other, operations)),
      ];
      assert.ok(same < 1 && same < wrong, `frame ${page} differs from itself alone by ${same}, from frame ${other} alone by ${wrong}`);
    });
  }

  it("WebP to WebP keeps the frames and their timing", async () => {
    const { image } = await transform("animated-loop-3.webp", [{ resize: { width: 120 } }], { format: "FORMAT_WEBP", quality: 90 });
    const output = await decodeAnimation(image);
    assert.deepEqual([output.format, output.frames, output.width, output.height, output.loop], ["webp", 10, 120, 92, 3]);
    assert.deepEqual(output.delays, LOOP_3_DELAYS);
    const frame = await output.frame(5);
    const alone = (page: number) => frameAlone("animated-loop-3.webp", page, [{ resize: { width: 120 } }]);
    const [same, wrong] = [meanDifference(frame, await alone(5)), meanDifference(frame, await alone(8))];
    assert.ok(same < 1 && same < wrong, `frame 5 differs from itself alone by ${same}, from frame 8 alone by ${wrong}`);
  });

  it("trim cuts every frame by one box, so the frames stay aligned", async () => {
    const { image } = await transform("animated-loop-3.gif", [{ trim: {} }], { format: "FORMAT_GIF" });
    const output = await decodeAnimation(image);
    assert.equal(output.frames, 10);
    // The union of the frames' boxes: no smaller than any one frame trimmed alone.
    for (const page of [0, 5, 9]) {
      const alone = await sharp(await frameAloneEncoded("animated-loop-3.gif", page, [{ trim: {} }])).metadata();
      assert.ok(output.width >= alone.width && output.height >= alone.height, `frame ${page}`);
    }
    assert.ok(output.width <= 370 && output.height <= 285);
  });

  it("overrides the loop count and the delays: one for all frames, or one per frame", async () => {
    const all = await decodeAnimation((await transform("rotating-squares.gif", [], { format: "FORMAT_GIF", loop: 0, delaysMs: [50] })).image);
    assert.deepEqual([all.loop, all.delays], [0, Array<number>(30).fill(50)]);
    const each = Array.from({ length: 10 }, (_, index) => 100 + index * 10);
    const some = await decodeAnimation((await transform("animated-loop-3.gif", [], { format: "FORMAT_WEBP", loop: 1, delaysMs: each })).image);
    assert.deepEqual([some.loop, some.delays], [1, each]);
  });

  it("GIF's colors and dither shape its palette", async () => {
    const { image } = await transform("animated-loop-3.gif", [], { format: "FORMAT_GIF", colors: 4, dither: 0 });
    const frame = await (await decodeAnimation(image)).frame(0);
    const colors = new Set<number>();
    for (let offset = 0; offset < frame.length; offset += 4) colors.add(frame.readUInt32BE(offset));
    assert.ok(colors.size <= 4, `${colors.size} colours`);
  });

  it("writes the first frame alone to a format that cannot animate", async () => {
    const { image, info } = await transform("animated-loop-3.gif", [{ resize: { width: 100 } }], { format: "FORMAT_PNG" });
    const output = await sharp(image).metadata();
    assert.deepEqual([output.format, output.pages ?? 1, info.pages], ["png", 1, 1]);
  });

  it("leaves animations alone without it: the first frame, as before", async () => {
    const { info } = await stack.images.client.transform({ image: fixture("animated-loop-3.gif"), output: { format: "FORMAT_GIF" } });
    assert.equal(info.pages, 1);
  });

  const refusals: [name: string, request: Parameters<typeof stack.images.client.transform>[0], message: RegExp][] = [
    [
      "animated with a page",
      { image: fixture("animated-loop-3.gif"), input: { animated: true, page: 2 } },
      /^input: animated reads every frame and page picks one/,
    ],
    [
      "a loop count for a still result",
      { image: fixture("animated-loop-3.gif"), output: { format: "FORMAT_GIF", loop: 2 } },
      /^output\.loop is for an animated result/,
    ],
    [
      "delays for some frames only",
      { image: fixture("animated-loop-3.gif"), input: { animated: true }, output: { format: "FORMAT_GIF", delaysMs: [10, 20] } },
      /^output\.delays_ms has 2 values for 10 frames/,
    ],
    [
      "a delay out of range",
      { image: fixture("animated-loop-3.gif"), output: { delaysMs: [70_000] } },
      /^output\.delays_ms\[0\] must be from 0 to 65535, got 70000/,
    ],
    ["GIF colours for WebP", { image: fixture("animated-loop-3.gif"), output: { format: "FORMAT_WEBP", colors: 16 } }, /^output\.colors is for GIF, not WEBP/],
    [
      "a colour count out of range",
      { image: fixture("animated-loop-3.gif"), output: { format: "FORMAT_GIF", colors: 1 } },
      /^output\.colors must be from 2 to 256/,
    ],
    [
      "WebP's min_size for GIF",
      { image: fixture("animated-loop-3.gif"), input: { animated: true }, output: { format: "FORMAT_GIF", minSize: true } },
      /^output\.min_size is for WebP/,
    ],
  ];
  for (const [name, request, message] of refusals) {
    it(`refuses ${name} with INVALID_ARGUMENT naming the field`, async () => {
      const error = await callError(stack.images.client.transform(request));
      assert.equal(error.codeName, "INVALID_ARGUMENT");
      assert.match(error.details, message);
    });
  }

  it("counts every frame against the pixel limit, from the header", async () => {
    // One 370x285 frame (105,450 pixels) fits; ten do not.
    const limited = await startImageService({ IMAGE_MAX_INPUT_PIXELS: "500000" });
    try {
      const request = { image: fixture("animated-loop-3.gif"), output: { format: "FORMAT_GIF" as const } };
      assert.equal((await limited.client.transform(request)).info.pages, 1);
      const error = await callError(limited.client.transform({ ...request, input: { animated: true } }));
      assert.equal(error.codeName, "INVALID_ARGUMENT");
      assert.match(
        error.details,
        /^image is 370x2850 pixels \(1\.1 megapixels\), over this service's limit of 0\.5 megapixels in its 10 frames together; it was not decoded$/,
      );
    } finally {
      await limited.stop();
    }
  });

  it("Info reports each frame's delay and the loop count", async () => {
    const gif = await stack.images.client.info(fixture("animated-loop-3.gif"));
    assert.deepEqual([gif.info?.pages, gif.frameDelaysMs, gif.loop], [10, LOOP_3_DELAYS, 3]);
    const still = await stack.images.client.info(fixture("320x240.jpg"));
    assert.deepEqual([still.frameDelaysMs, still.loop], [[], undefined]);
  });

  it("the gateway's /v1/info answers the timing as JSON", async () => {
    const response = await fetch(`${stack.gateway.url}/v1/info`, {
      method: "POST",
      headers: { "content-type": "image/gif" },
      body: fixture("animated-loop-3.gif"),
    });
    const body = (await response.json()) as Record<string, unknown>;
    assert.deepEqual([body.frameDelaysMs, body.loop, "_loop" in body], [LOOP_3_DELAYS, 3, false]);
  });

  it("the gateway's query says it as animated=1, loop and delay", async () => {
    const response = await fetch(`${stack.gateway.url}/v1/transform?animated=1&w=100&format=gif&loop=0&delay=40`, {
      method: "POST",
      headers: { "content-type": "image/gif" },
      body: fixture("animated-loop-3.gif"),
    });
    assert.equal(response.status, 200, await response.clone().text());
    const output = await decodeAnimation(Buffer.from(await response.arrayBuffer()));
    assert.deepEqual([output.frames, output.width, output.loop, output.delays], [10, 100, 0, Array<number>(10).fill(40)]);
  });
});

async function frameAloneEncoded(name: string, page: number, operations: Operation[]): Promise<Buffer> {
  const { image } = await stack.images.client.transform({ image: fixture(name), operations, output: { format: "FORMAT_PNG" }, input: { page } });
  return image;
}
