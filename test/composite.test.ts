/**
 * Operation.composite through the service, the gateway and real URL
 * fetches: the watermark lands where its gravity and offsets say, its
 * opacity blends as computed, a tiled overlay covers the image, an animation
 * gets the overlay on every frame, and a bad overlay is refused naming its
 * field.
 */
import assert from "node:assert/strict";
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";

import { collectImage, Status, type Operation, type TransformRequest } from "@pixelrpc/client";
import sharp from "sharp";

import { callError, fixture, startStack, type Stack } from "@pixelrpc/harness";
import { colorDistance, decode, pixel, solid, type Decoded } from "./images.js";

/** An origin on loopback serving the overlays, counting its requests by path. */
let origin: { url: string; hits: string[]; server: Server };
let stack: Stack;

const BLACK = { r: 0, g: 0, b: 0 };
const WHITE = { r: 255, g: 255, b: 255 };

before(async () => {
  const logo = await solid(100, 50, WHITE);
  const hits: string[] = [];
  const server = createServer((request, response) => {
    hits.push(request.url ?? "");
    if (request.url !== "/logo.png") return response.writeHead(404).end();
    response.writeHead(200, { "content-type": "image/png", "content-length": logo.byteLength }).end(logo);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  origin = { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits, server };
  stack = await startStack({
    IMAGE_ALLOWED_SOURCES: `${origin.url}/`,
    IMAGE_ALLOWED_SOURCE_ADDRESSES: "127.0.0.1/32",
    IMAGE_MAX_OVERLAYS: "3",
    IMAGE_MAX_OVERLAY_PIXELS: "1000000",
    IMAGE_MAX_OVERLAY_BYTES: String(512 * 1024),
  });
});

after(async () => {
  await stack?.stop();
  origin?.server.close();
});

async function transformed(request: TransformRequest): Promise<Decoded> {
  const { image } = await stack.images.client.transform(request);
  return decode(image);
}

/** The watermark of the issue: bottom right, 50% opacity, 12% of the width, 16 px from the edges. */
const watermark = (overlay: Operation["composite"]): Operation => ({
  composite: { gravity: "POSITION_RIGHT_BOTTOM", offsetX: 16, offsetY: 16, opacity: 0.5, widthRatio: 0.12, ...overlay },
});

describe("composite", () => {
  it("puts the watermark where gravity and offsets say, at the width asked, blended at its opacity", async () => {
    const decoded = await transformed({
      image: await solid(500, 400, BLACK),
      operations: [watermark({ image: await solid(100, 50, WHITE) })],
      output: { format: "FORMAT_PNG" },
    });
    assert.deepEqual([decoded.width, decoded.height], [500, 400]);
    // 12% of 500 is 60 wide, so 30 tall; 16 px in from the right and the bottom: x 424..483, y 354..383.
    const inside: [number, number][] = [
      [424, 354],
      [483, 354],
      [424, 383],
      [483, 383],
      [450, 370],
    ];
    for (const [x, y] of inside) assert.ok(colorDistance(pixel(decoded, x, y), [128, 128, 128]) <= 1, `${x},${y}: ${pixel(decoded, x, y)}`);
    const outside: [number, number][] = [
      [423, 370],
      [484, 370],
      [450, 353],
      [450, 384],
      [499, 399],
      [10, 10],
    ];
    for (const [x, y] of outside) assert.deepEqual(pixel(decoded, x, y).slice(0, 3), [0, 0, 0], `${x},${y}`);
  });

  it("changes a real photo only under the overlay", async () => {
    const photo = { image: fixture("320x240.jpg"), output: { format: "FORMAT_PNG" as const } };
    const logo = await sharp(fixture("blackbug.png")).resize({ width: 64 }).png().toBuffer();
    const { height } = await sharp(logo).metadata();
    const [plain, marked] = await Promise.all([
      transformed(photo),
      transformed({ ...photo, operations: [{ composite: { image: logo, gravity: "POSITION_LEFT_TOP", offsetX: 8, offsetY: 8 } }] }),
    ]);
    let changedInside = 0;
    for (let y = 0; y < plain.height; y++) {
      for (let x = 0; x < plain.width; x++) {
        const same = colorDistance(pixel(marked, x, y), pixel(plain, x, y)) === 0;
        const under = x >= 8 && x < 72 && y >= 8 && y < 8 + height!;
        if (!under) assert.ok(same, `${x},${y} is outside the overlay and changed`);
        else if (!same) changedInside++;
      }
    }
    assert.ok(changedInside > 100, `the overlay changed ${changedInside} pixels`);
  });

  it("centres with offsets that move it right and down, and blends with the mode asked", async () => {
    const decoded = await transformed({
      image: await solid(200, 100, { r: 200, g: 100, b: 50 }),
      operations: [{ composite: { image: await solid(20, 10, { r: 128, g: 128, b: 128 }), offsetX: 30, offsetY: -20, blend: "BLEND_MULTIPLY" } }],
      output: { format: "FORMAT_PNG" },
    });
    // Centred at 90..109 x 45..54, then 30 right and 20 up: 120..139 x 25..34; multiply halves each channel.
    assert.ok(colorDistance(pixel(decoded, 125, 30), [100, 50, 25]) <= 2, `${pixel(decoded, 125, 30)}`);
    assert.deepEqual(pixel(decoded, 119, 30).slice(0, 3), [200, 100, 50]);
    assert.deepEqual(pixel(decoded, 100, 50).slice(0, 3), [200, 100, 50]);
  });

  it("tiles an overlay across the whole image", async () => {
    // A 30x20 tile, black with one white pixel in its top-left corner.
    const tile = await sharp({ create: { width: 30, height: 20, channels: 4, background: { ...BLACK, alpha: 1 } } })
      .composite([{ input: await solid(1, 1, WHITE), left: 0, top: 0 }])
      .png()
      .toBuffer();
    const decoded = await transformed({
      image: await solid(200, 100, { r: 0, g: 0, b: 255 }),
      operations: [{ composite: { image: tile, tile: true, gravity: "POSITION_LEFT_TOP" } }],
      output: { format: "FORMAT_PNG" },
    });
    for (let y = 0; y < 100; y += 20) {
      for (let x = 0; x < 200; x += 30) {
        assert.deepEqual(pixel(decoded, x, y).slice(0, 3), [255, 255, 255], `tile corner ${x},${y}`);
        assert.deepEqual(pixel(decoded, x + 1, y).slice(0, 3), [0, 0, 0], `inside the tile at ${x + 1},${y}`);
      }
    }
    // Nothing of the blue base shows: the tiles cover it, the last row and column cut at the edge.
    assert.deepEqual(pixel(decoded, 199, 99).slice(0, 3), [0, 0, 0]);
  });

  it("fetches an overlay URL once for every variant of a call, and draws it", async () => {
    const before = origin.hits.length;
    const variants: { name: string; image: Decoded }[] = [];
    for await (const variant of stack.images.client.variants({
      image: await solid(400, 200, BLACK),
      variants: [200, 400].map((width) => ({
        name: `w${width}`,
        operations: [{ resize: { width } }, watermark({ url: `${origin.url}/logo.png`, opacity: 1 })],
        output: { format: "FORMAT_PNG" },
      })),
    })) {
      assert.ok(variant.image.byteLength > 0, variant.error?.message);
      variants.push({ name: variant.name, image: await decode(variant.image) });
    }
    assert.equal(origin.hits.length - before, 1, "one fetch for the call");
    for (const { name, image } of variants) {
      const overlayWidth = Math.round(image.width * 0.12);
      const x = image.width - 16 - Math.floor(overlayWidth / 2);
      assert.deepEqual(pixel(image, x, image.height - 17).slice(0, 3), [255, 255, 255], `${name} at ${x}`);
      assert.deepEqual(pixel(image, image.width - 15, image.height - 17).slice(0, 3), [0, 0, 0], name);
    }
  });

  it("draws the overlay on every frame of an animation, at the same place", async () => {
    const { image, info } = await stack.images.client.transform({
      image: fixture("rotating-squares.gif"),
      input: { animated: true },
      operations: [{ composite: { image: await solid(10, 10, { r: 255, g: 0, b: 0 }), gravity: "POSITION_LEFT_TOP" } }],
      output: { format: "FORMAT_WEBP", lossless: true },
    });
    const metadata = await sharp(image, { pages: -1 }).metadata();
    assert.ok(info.pages > 1 && metadata.pages === info.pages, `${info.pages} frames, ${metadata.pages} decoded`);
    const frames = await sharp(image, { pages: -1 }).raw().toBuffer({ resolveWithObject: true });
    const height = metadata.pageHeight!;
    for (let frame = 0; frame < info.pages; frame++) {
      const decoded = { ...frames.info, height, data: frames.data.subarray(frame * height * frames.info.width * 4), metadata } as Decoded;
      assert.deepEqual(pixel(decoded, 5, 5).slice(0, 3), [255, 0, 0], `frame ${frame}`);
    }
  });

  it("takes the watermark in the gateway's query", async () => {
    const query = new URLSearchParams({
      overlay: `${origin.url}/logo.png`,
      overlay_position: "right-bottom",
      overlay_x: "16",
      overlay_y: "16",
      overlay_opacity: "0.5",
      overlay_width: "0.12",
      format: "png",
    });
    const response = await fetch(`${stack.gateway.url}/v1/transform?${query}`, {
      method: "POST",
      headers: { "content-type": "image/png" },
      body: await solid(500, 400, BLACK),
    });
    assert.equal(response.status, 200, await response.clone().text());
    const decoded = await decode(new Uint8Array(await response.arrayBuffer()));
    assert.ok(colorDistance(pixel(decoded, 450, 370), [128, 128, 128]) <= 1, `${pixel(decoded, 450, 370)}`);
    assert.deepEqual(pixel(decoded, 423, 370).slice(0, 3), [0, 0, 0]);
  });

  it("streams a composited result like any other", async () => {
    const { image, info } = await collectImage(
      stack.images.client.transformStream({
        image: await solid(100, 100, BLACK),
        operations: [{ composite: { image: await solid(10, 10, WHITE), gravity: "POSITION_RIGHT_TOP" } }],
        output: { format: "FORMAT_PNG" },
      }),
    );
    assert.equal(info.width, 100);
    assert.deepEqual(pixel(await decode(image), 95, 5).slice(0, 3), [255, 255, 255]);
  });

  it("refuses bad overlays with INVALID_ARGUMENT naming the field, and keeps serving", async () => {
    const base = await solid(100, 100, BLACK);
    const small = await solid(10, 10, WHITE);
    const cases: [string, Operation[], RegExp, Status?][] = [
      ["no overlay", [{ composite: { gravity: "POSITION_TOP" } }], /^operations\[0\]\.composite needs an overlay: set image \(its bytes\) or url/],
      [
        "a smart gravity",
        [{ composite: { image: small, gravity: "POSITION_ATTENTION" } }],
        /^operations\[0\]\.composite\.gravity POSITION_ATTENTION is a smart crop/,
      ],
      ["offsets on a tile", [{ composite: { image: small, tile: true, offsetX: 4 } }], /offsets do not apply to a tiled overlay/],
      ["opacity past 1", [{ composite: { image: small, opacity: 1.5 } }], /^operations\[0\]\.composite\.opacity must be from 0 to 1, got 1\.5/],
      ["a width ratio past 1", [{ composite: { image: small, widthRatio: 2 } }], /^operations\[0\]\.composite\.width_ratio must be from 0\.001 to 1/],
      ["an offset past the edge", [{ composite: { image: small, gravity: "POSITION_RIGHT", offsetX: 95 } }], /would reach past the edge of the 100x100 image/],
      ["an overlay larger than the image", [{ composite: { image: await solid(150, 50, WHITE) } }], /the overlay is 150x50, larger than the 100x100 image/],
      [
        "overlay bytes that are no image",
        [{ composite: { image: Buffer.from("not an image at all") } }],
        /^operations\[0\]\.composite\.image, the overlay: cannot read image/,
      ],
      ["an empty overlay", [{ composite: { image: Buffer.alloc(0) } }], /^operations\[0\]\.composite\.image, the overlay: image is empty/],
      [
        "an overlay over the pixel limit",
        [{ composite: { image: await solid(1200, 1000, WHITE), widthRatio: 0.5 } }],
        /overlay: image is 1200x1000 pixels \(1\.2 megapixels\), over this service's limit of 1\.0 megapixels/,
      ],
      [
        "more overlays than the service allows",
        [1, 2, 3, 4].map(() => ({ composite: { image: small } })),
        /^operations draw 4 overlays and texts; this service allows at most 3 a call/,
      ],
      [
        "overlay bytes over the limit",
        [{ composite: { image: Buffer.alloc(600 * 1024, 1) } }],
        /^the overlays are 614400 bytes together, over this service's limit of 524288/,
      ],
      [
        "a URL off the allowed sources",
        [{ composite: { url: "http://example.com/logo.png" } }],
        /^operations\[0\]\.composite\.url: http:\/\/example\.com\/logo\.png is not an allowed source/,
        Status.PERMISSION_DENIED,
      ],
      ["a URL that is no URL", [{ composite: { url: "logo.png" } }], /^operations\[0\]\.composite\.url "logo\.png" is not a valid absolute URL/],
      ["a URL the origin does not have", [{ composite: { url: `${origin.url}/missing.png` } }], /missing\.png answered HTTP 404/, Status.NOT_FOUND],
    ];
    for (const [name, operations, pattern, code] of cases) {
      const error = await callError(stack.images.client.transform({ image: base, operations, output: { format: "FORMAT_PNG" } }));
      assert.equal(error.codeName, Status[code ?? Status.INVALID_ARGUMENT], `${name}: ${error.details}`);
      assert.match(error.details, pattern, name);
    }
    const { info } = await stack.images.client.transform({ image: base, operations: [{ composite: { image: small } }] });
    assert.equal(info.width, 100);
  });
});
