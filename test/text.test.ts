/**
 * Operation.text through the service and the gateway: the text leaves ink
 * in its box and none outside it, in the font that ships with the service
 * (Cyrillic, Greek and Arabic with it), coloured and faded as asked, wrapped
 * where it should, the same bytes every time; markup only by its
 * whitelist, and every bad text refused naming the field.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { Status, type Operation, type Text } from "@pixelrpc/client";
import sharp from "sharp";

import { callError, fixture, withStack } from "@pixelrpc/harness";
import { decode, pixel, solid, type Decoded } from "./images.js";

const stack = withStack({ IMAGE_MAX_TEXT_CHARACTERS: "200" });

const WHITE = { r: 255, g: 255, b: 255 };

async function written(text: Text, base: { width: number; height: number } = { width: 400, height: 200 }): Promise<Decoded> {
  const { image } = await stack.images.client.transform({
    image: await solid(base.width, base.height, WHITE),
    operations: [{ text }],
    output: { format: "FORMAT_PNG" },
  });
  return decode(image);
}

/** The box around every pixel that is not the white background; undefined when there is none. */
function ink(decoded: Decoded): { left: number; top: number; right: number; bottom: number; pixels: number } | undefined {
  let box: { left: number; top: number; right: number; bottom: number; pixels: number } | undefined;
  for (let y = 0; y < decoded.height; y++) {
    for (let x = 0; x < decoded.width; x++) {
      const [r, g, b] = pixel(decoded, x, y);
      if (r === 255 && g === 255 && b === 255) continue;
      box ??= { left: x, top: y, right: x, bottom: y, pixels: 0 };
      box = { left: Math.min(box.left, x), top: Math.min(box.top, y), right: Math.max(box.right, x), bottom: Math.max(box.bottom, y), pixels: box.pixels + 1 };
    }
  }
  return box;
}

/** The darkest pixel of an image: the ink's own colour, where the glyphs are solid. */
function darkest(decoded: Decoded): number[] {
  let best = [255, 255, 255];
  for (let y = 0; y < decoded.height; y++) {
    for (let x = 0; x < decoded.width; x++) {
      const rgb = pixel(decoded, x, y).slice(0, 3);
      if (rgb.reduce((a, b) => a + b) < best.reduce((a, b) => a + b)) best = rgb;
    }
  }
  return best;
}

describe("text", () => {
  it("leaves ink inside its box at the gravity and offsets asked, and none outside", async () => {
    for (const [gravity, check] of [
      ["POSITION_LEFT_TOP", (box: NonNullable<ReturnType<typeof ink>>) => box.left >= 10 && box.left <= 14 && box.top >= 10 && box.top <= 20],
      ["POSITION_RIGHT_BOTTOM", (box: NonNullable<ReturnType<typeof ink>>) => box.right <= 389 && box.right >= 380 && box.bottom <= 189 && box.bottom >= 175],
    ] as const) {
      const decoded = await written({ text: "Hello", size: 40, gravity, offsetX: 10, offsetY: 10 });
      const box = ink(decoded);
      assert.ok(box && box.pixels > 200, `${gravity}: ink`);
      assert.ok(check(box), `${gravity}: ${JSON.stringify(box)}`);
      // About 40 px tall (cap height and descender-free), and about as wide as five 40 px glyphs.
      assert.ok(box.bottom - box.top >= 25 && box.bottom - box.top <= 45, `${gravity}: ${JSON.stringify(box)}`);
      assert.ok(box.right - box.left >= 80 && box.right - box.left <= 140, `${gravity}: ${JSON.stringify(box)}`);
    }
  });

  it("renders Cyrillic, Greek and Arabic with the shipped font, not as missing-glyph boxes", async () => {
    /** Pango draws a glyph the font lacks as a frame around its code point: the ink's left column is dark from top to bottom. */
    const boxed = async (text: string): Promise<boolean> => {
      const decoded = await written({ text, size: 48 });
      const box = ink(decoded)!;
      let dark = 0;
      for (let y = box.top; y <= box.bottom; y++) if (pixel(decoded, box.left, y)[0]! < 128) dark++;
      return dark >= 0.9 * (box.bottom - box.top + 1);
    };
    for (const glyph of ["Ж", "Щ", "Ω", "Ψ", "م", "ب"]) assert.equal(await boxed(glyph), false, `${glyph} is drawn from the font`);
    // DejaVu has no CJK: the check above does tell a missing glyph.
    assert.equal(await boxed("中"), true);
  });

  it("draws the same pixels every time", async () => {
    const request = { image: await solid(300, 100, WHITE), operations: [{ text: { text: "Same every time", bold: true } }] };
    const [a, b] = await Promise.all([stack.images.client.transform(request), stack.images.client.transform(request)]);
    assert.ok(Buffer.from(a.image).equals(Buffer.from(b.image)));
  });

  it("colours the text, and fades it by its opacity and its colour's alpha", async () => {
    const solidRed = darkest(await written({ text: "█", color: "#ff0000", size: 60 }));
    assert.deepEqual(solidRed, [255, 0, 0]);
    for (const text of [
      { text: "█", color: "#ff0000", size: 60, opacity: 0.5 },
      { text: "█", color: "#ff000080", size: 60 },
    ]) {
      const [r, g, b] = darkest(await written(text));
      assert.equal(r, 255, JSON.stringify(text));
      assert.ok(Math.abs(g! - 128) <= 2 && Math.abs(b! - 128) <= 2, `${JSON.stringify(text)}: ${[r, g, b]}`);
    }
  });

  it("wraps at the wrap width, and at the room the image has when none is given", async () => {
    const words = "the quick brown fox jumps over the lazy dog";
    const narrow = ink(await written({ text: words, size: 20, wrapWidth: 120, gravity: "POSITION_LEFT_TOP" }))!;
    assert.ok(narrow.right - narrow.left < 120, JSON.stringify(narrow));
    assert.ok(narrow.bottom - narrow.top > 60, `several lines: ${JSON.stringify(narrow)}`);
    const roomy = ink(await written({ text: words, size: 20, gravity: "POSITION_LEFT_TOP" }, { width: 200, height: 200 }))!;
    assert.ok(roomy.right < 200 && roomy.bottom - roomy.top > 40, JSON.stringify(roomy));
  });

  it("reads markup when asked: bold, colours and sizes by the whitelist", async () => {
    const decoded = await written({ text: 'plain <b>bold</b> <span foreground="#0000ff" size="30pt">blue</span>', size: 20, markup: true });
    let blue = 0;
    for (let y = 0; y < decoded.height; y++) for (let x = 0; x < decoded.width; x++) if (pixel(decoded, x, y).slice(0, 3).join() === "0,0,255") blue++;
    assert.ok(blue > 50, `${blue} blue pixels`);
    // Without markup the tags are text: no blue at all.
    const literal = await written({ text: '<span foreground="#0000ff">blue</span>', size: 12 });
    assert.deepEqual(darkest(literal), [0, 0, 0]);
  });

  it("writes on every frame of an animation", async () => {
    const { image, info } = await stack.images.client.transform({
      image: fixture("animated-loop-3.gif"),
      input: { animated: true },
      operations: [{ text: { text: "█", size: 20, color: "#ff0000", gravity: "POSITION_LEFT_TOP" } }],
      output: { format: "FORMAT_GIF" },
    });
    const { data, info: raw } = await sharp(image, { pages: -1 }).raw().toBuffer({ resolveWithObject: true });
    const frameBytes = raw.width * info.height * raw.channels;
    assert.ok(info.pages > 1);
    for (let frame = 0; frame < info.pages; frame++) {
      const decoded = { width: raw.width, height: info.height, channels: raw.channels, data: data.subarray(frame * frameBytes) } as Decoded;
      const [r, g, b] = pixel(decoded, 5, 10);
      assert.ok(r! > 200 && g! < 60 && b! < 60, `frame ${frame}: ${[r, g, b]}`);
    }
  });

  it("takes text in the gateway's query", async () => {
    const query = new URLSearchParams({ text: "Hello, мир", text_size: "30", text_color: "ff0000", text_position: "left-top", format: "png" });
    const response = await fetch(`${stack.gateway.url}/v1/transform?${query}`, {
      method: "POST",
      headers: { "content-type": "image/png" },
      body: await solid(300, 100, WHITE),
    });
    assert.equal(response.status, 200, await response.clone().text());
    const decoded = await decode(new Uint8Array(await response.arrayBuffer()));
    assert.deepEqual(darkest(decoded), [255, 0, 0]);
    assert.ok(ink(decoded)!.left < 10);
  });

  it("refuses bad texts with INVALID_ARGUMENT naming the field, and keeps serving", async () => {
    const base = await solid(200, 100, WHITE);
    const cases: [string, Operation["text"], RegExp][] = [
      ["an empty text", { text: "" }, /^operations\[0\]\.text\.text is empty/],
      [
        "more characters than the service allows",
        { text: "x".repeat(201) },
        /^operations\[0\]\.text\.text has 201 characters; this service allows at most 200/,
      ],
      ["a size past the largest", { text: "a", size: 5000 }, /^operations\[0\]\.text\.size must be from 1 to 1000/],
      ["a smart gravity", { text: "a", gravity: "POSITION_ENTROPY" }, /^operations\[0\]\.text\.gravity POSITION_ENTROPY is a smart crop/],
      ["a bad colour", { text: "a", color: "red" }, /^operations\[0\]\.text\.color must be a hex colour/],
      [
        "text larger than the image",
        { text: "far too wide", size: 200, wrapWidth: 5000 },
        /^operations\[0\]\.text: the rendered text is \d+x\d+, larger than the 200x100 image/,
      ],
      ["an offset past the edge", { text: "a", gravity: "POSITION_LEFT", offsetX: 199 }, /would reach past the edge of the 200x100 image/],
      [
        "markup asking for a huge size",
        { text: '<span size="50000pt">a</span>', markup: true },
        /^operations\[0\]\.text\.text is markup that asks for 50000 px in a <span>; at most 1000/,
      ],
      [
        "markup nesting big past the largest size",
        { text: `${"<big>".repeat(12)}a${"</big>".repeat(12)}`, size: 200, markup: true },
        /asks for \d+ px in a <big>/,
      ],
      ["markup with a tag outside the whitelist", { text: "<img src='x'>", markup: true }, /has a <img> tag; the tags allowed are/],
      [
        "markup with a font the service lacks",
        { text: '<span font_family="Comic Sans">a</span>', markup: true },
        /font_family="Comic Sans", which it cannot use \(the fonts are DejaVu Sans/,
      ],
      [
        "markup with a free-form font",
        { text: '<span font="Sans 900">a</span>', markup: true },
        /has a font attribute: set font_family, size, weight and style apart/,
      ],
      ["markup left open", { text: "<b>a", markup: true }, /leaves <b> open/],
      ["markup with a bare &", { text: "a & b", markup: true }, /has an & at character 2 that starts no entity/],
      ["markup closing what is not open", { text: "a</i>", markup: true }, /closes <\/i> that was never opened/],
      ["a colour name Pango does not know", { text: '<span foreground="notacolour">a</span>', markup: true }, /operations\[0\]\.text\.text: .*/],
    ];
    for (const [name, text, pattern] of cases) {
      const error = await callError(stack.images.client.transform({ image: base, operations: [{ text }] }));
      assert.equal(error.codeName, Status[Status.INVALID_ARGUMENT], `${name}: ${error.details}`);
      assert.match(error.details, pattern, name);
    }
    assert.equal((await stack.images.client.transform({ image: base, operations: [{ text: { text: "still here" } }] })).info.width, 200);
  });
});
