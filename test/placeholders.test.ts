import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import { decode as decodeBlurhash, isBlurhashValid } from "blurhash";
import sharp from "sharp";
import { thumbHashToApproximateAspectRatio, thumbHashToAverageRGBA, thumbHashToRGBA } from "thumbhash";

import { fixture, startGateway, startImageService, type RunningService } from "@pixelrpc/harness";
import { colorDistance, solid } from "./images.js";

let service: RunningService;
before(async () => {
  service = await startImageService();
});
after(async () => {
  await service.stop();
});

interface Rgba {
  readonly data: ArrayLike<number>;
  readonly width: number;
  readonly height: number;
}

/** The image as it is displayed (EXIF orientation applied, first page), as 8-bit sRGB with alpha, at most 256 pixels a side. */
async function displayed(image: Uint8Array): Promise<Rgba> {
  const { data, info } = await sharp(image, { autoOrient: true })
    .resize(256, 256, { fit: "inside", withoutEnlargement: true })
    .toColourspace("srgb")
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

const toLinear = (value: number): number => {
  const v = value / 255;
  return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
};
const fromLinear = (value: number): number => 255 * (value <= 0.0031308 ? value * 12.92 : 1.055 * value ** (1 / 2.4) - 0.055);

/**
 * The means of `pixels`: their colour weighted by alpha (what ThumbHash and
 * a WebP keep), their mean alpha, and the colour they make seen on white
 * averaged in linear light (what BlurHash's first component is).
 */
function means({ data }: Rgba): { weighted: number[]; alpha: number; onWhiteLinear: number[] } {
  const weighted = [0, 0, 0];
  const linear = [0, 0, 0];
  let alphaSum = 0;
  const pixels = data.length / 4;
  for (let offset = 0; offset < data.length; offset += 4) {
    const alpha = data[offset + 3]! / 255;
    alphaSum += alpha;
    for (let channel = 0; channel < 3; channel++) {
      weighted[channel]! += data[offset + channel]! * alpha;
      linear[channel]! += toLinear(data[offset + channel]! * alpha + 255 * (1 - alpha));
    }
  }
  return {
    weighted: weighted.map((sum) => (alphaSum > 0 ? sum / alphaSum : 0)),
    alpha: (alphaSum / pixels) * 255,
    onWhiteLinear: linear.map((sum) => fromLinear(sum / pixels)),
  };
}

const BASE83 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz#$%*+,-.:;=?@[]^_{|}~";

/** A BlurHash's components along x and y, from its first character. */
function blurhashComponents(hash: string): { x: number; y: number } {
  const flag = BASE83.indexOf(hash[0]!);
  return { x: (flag % 9) + 1, y: Math.floor(flag / 9) + 1 };
}

async function placeholdersOf(image: Uint8Array) {
  const response = await service.client.info({ image, placeholders: true });
  assert.ok(response.placeholders, "placeholders were asked for");
  return { info: response.info, ...response.placeholders };
}

describe("Info placeholders", () => {
  // The fixtures a page shows most: a photo, a portrait stored sideways, transparency, an animation's first frame, 16-bit grey with alpha, CMYK.
  const cases: [name: string, width: number, height: number][] = [
    ["2569067123_aca715a2ee_o.jpg", 2725, 2225],
    ["Portrait_6.jpg", 450, 600],
    ["blackbug.png", 2048, 1536],
    ["animated-loop-3.gif", 370, 285],
    ["16-bit-grey-alpha.png", 109, 96],
    ["Channel_digital_image_CMYK_color.jpg", 0, 0],
  ];

  for (const [name, width, height] of cases) {
    it(`${name}: each placeholder decodes to the source's mean colour and aspect`, async () => {
      const image = fixture(name);
      const { info, blurhash, thumbhash, lqip } = await placeholdersOf(image);
      if (width > 0) assert.deepEqual([info.width, info.height], [width, height], "the size as displayed");
      const aspect = info.width / info.height;
      const source = means(await displayed(image));

      // BlurHash: 4 components on the longer side, the shorter side's share by the aspect ratio; the mean colour as seen on white.
      assert.equal(isBlurhashValid(blurhash).result, true, blurhash);
      const components = blurhashComponents(blurhash);
      const longer = Math.max(components.x, components.y);
      const shorter = Math.min(components.x, components.y);
      assert.equal(longer, 4, blurhash);
      assert.equal(shorter, Math.max(1, Math.round((4 * Math.min(info.width, info.height)) / Math.max(info.width, info.height))), blurhash);
      assert.equal(components.x >= components.y, aspect >= 1, `${blurhash}: components follow the orientation`);
      const blurWidth = 32;
      const blurHeight = Math.max(1, Math.round(blurWidth / aspect));
      const blurred = means({ data: decodeBlurhash(blurhash, blurWidth, blurHeight), width: blurWidth, height: blurHeight });
      // The service samples in sRGB, which darkens fine detail as light adds up by a few levels (8 for the CMYK poster's).
      assert.ok(colorDistance(blurred.onWhiteLinear, source.onWhiteLinear) <= 10, `blurhash mean ${blurred.onWhiteLinear} vs ${source.onWhiteLinear}`);

      // ThumbHash: standard base64 of the hash, which carries the aspect ratio and the alpha.
      assert.match(thumbhash, /^[A-Za-z0-9+/]+={0,2}$/);
      const hash = Buffer.from(thumbhash, "base64");
      const ratio = thumbHashToApproximateAspectRatio(hash);
      assert.ok(Math.abs(Math.log(ratio / aspect)) <= Math.log(1.25), `thumbhash aspect ${ratio} vs ${aspect}`);
      const average = thumbHashToAverageRGBA(hash);
      assert.ok(Math.abs(average.a * 255 - source.alpha) <= 8, `thumbhash alpha ${average.a * 255} vs ${source.alpha}`);
      if (source.alpha > 64) {
        const averageColor = [average.r, average.g, average.b].map((value) => value * 255);
        assert.ok(colorDistance(averageColor, source.weighted) <= 10, `thumbhash average ${averageColor} vs ${source.weighted}`);
        const rendered = thumbHashToRGBA(hash);
        const renderedMeans = means({ data: rendered.rgba, width: rendered.w, height: rendered.h });
        assert.ok(colorDistance(renderedMeans.weighted, source.weighted) <= 12, `thumbhash rendered ${renderedMeans.weighted} vs ${source.weighted}`);
      }

      // lqip: a data: URL of at most 1024 characters holding a lossy WebP at most 32 pixels a side, of the same aspect and colour.
      const prefix = "data:image/webp;base64,";
      assert.ok(lqip.startsWith(prefix), lqip.slice(0, 40));
      assert.ok(lqip.length <= 1024, `lqip is ${lqip.length} characters`);
      const webp = Buffer.from(lqip.slice(prefix.length), "base64");
      const metadata = await sharp(webp).metadata();
      assert.equal(metadata.format, "webp");
      assert.ok(Math.max(metadata.width, metadata.height) <= 32, `${metadata.width}x${metadata.height}`);
      assert.ok(Math.abs(metadata.width / metadata.height - aspect) <= 2 / Math.min(metadata.width, metadata.height) + 0.05, "lqip aspect");
      const small = await sharp(webp).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
      const lqipMeans = means({ data: small.data, width: small.info.width, height: small.info.height });
      assert.ok(Math.abs(lqipMeans.alpha - source.alpha) <= 8, `lqip alpha ${lqipMeans.alpha} vs ${source.alpha}`);
      if (source.alpha > 64) assert.ok(colorDistance(lqipMeans.weighted, source.weighted) <= 8, `lqip mean ${lqipMeans.weighted} vs ${source.weighted}`);
    });
  }

  it("are left out unless asked for", async () => {
    const response = await service.client.info(fixture("320x240.jpg"));
    assert.equal(response.placeholders, null);
  });

  it("handle a single pixel and extreme aspect ratios", async () => {
    for (const [width, height, components] of [
      [1, 1, { x: 4, y: 4 }],
      [1000, 10, { x: 4, y: 1 }],
      [10, 1000, { x: 1, y: 4 }],
    ] as const) {
      const { blurhash, thumbhash, lqip } = await placeholdersOf(await solid(width, height, { r: 200, g: 40, b: 90 }));
      assert.deepEqual(blurhashComponents(blurhash), components, `${width}x${height}`);
      const average = thumbHashToAverageRGBA(Buffer.from(thumbhash, "base64"));
      assert.ok(
        colorDistance(
          [average.r, average.g, average.b].map((value) => value * 255),
          [200, 40, 90],
        ) <= 8,
        `${width}x${height} thumbhash`,
      );
      const webp = Buffer.from(lqip.split(",")[1]!, "base64");
      const { width: lqipWidth, height: lqipHeight } = await sharp(webp).metadata();
      assert.deepEqual([lqipWidth, lqipHeight], width === height ? [1, 1] : width > height ? [32, 1] : [1, 32], `${width}x${height} lqip`);
    }
  });

  it("keep an lqip within its 1024 characters when the transparency is noise", async () => {
    // Noise in every channel, alpha too: the hardest image to make small.
    const noise = await sharp({ create: { width: 400, height: 400, channels: 4, background: "#808080", noise: { type: "gaussian", mean: 128, sigma: 90 } } })
      .png()
      .toBuffer();
    const { lqip } = await placeholdersOf(noise);
    assert.ok(lqip.length <= 1024, `lqip is ${lqip.length} characters`);
    assert.equal((await sharp(Buffer.from(lqip.split(",")[1]!, "base64")).metadata()).format, "webp");
  });
});

describe("placeholders through the gateway", () => {
  it("answers /v1/info?placeholders=1 with them, and leaves them out otherwise", async () => {
    const gateway = await startGateway(service.address);
    try {
      const post = (query: string) =>
        fetch(`${gateway.url}/v1/info${query}`, { method: "POST", headers: { "content-type": "image/jpeg" }, body: fixture("Portrait_6.jpg") });
      const asked = await post("?placeholders=1");
      assert.equal(asked.status, 200);
      const body = (await asked.json()) as { info: { width: number; height: number }; placeholders: { blurhash: string; thumbhash: string; lqip: string } };
      assert.deepEqual([body.info.width, body.info.height], [450, 600]);
      assert.deepEqual(blurhashComponents(body.placeholders.blurhash), { x: 3, y: 4 });
      assert.ok(thumbHashToApproximateAspectRatio(Buffer.from(body.placeholders.thumbhash, "base64")) < 1);
      assert.match(body.placeholders.lqip, /^data:image\/webp;base64,/);
      for (const query of ["", "?placeholders=0", "?placeholders=false"]) {
        const plain = (await (await post(query)).json()) as Record<string, unknown>;
        assert.equal("placeholders" in plain, false, query);
        assert.equal((plain.info as { width: number }).width, 450, query);
      }
    } finally {
      await gateway.stop();
    }
  });
});
