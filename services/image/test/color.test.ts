import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { parseColor } from "../src/contract/color.js";

describe("parseColor", () => {
  it("returns undefined for the empty string (the operation's default colour)", () => {
    assert.equal(parseColor(""), undefined);
  });

  it('parses "#rgb", doubling each digit, opaque', () => {
    assert.deepEqual(parseColor("#f80"), { r: 0xff, g: 0x88, b: 0x00, alpha: 1 });
    assert.deepEqual(parseColor("#000"), { r: 0, g: 0, b: 0, alpha: 1 });
  });

  it('parses "#rgba", doubling each digit, alpha scaled to 0..1', () => {
    assert.deepEqual(parseColor("#f808"), { r: 0xff, g: 0x88, b: 0x00, alpha: 0x88 / 255 });
    assert.deepEqual(parseColor("#fff0"), { r: 255, g: 255, b: 255, alpha: 0 });
    assert.deepEqual(parseColor("#000f"), { r: 0, g: 0, b: 0, alpha: 1 });
  });

  it('parses "#rrggbb", opaque', () => {
    assert.deepEqual(parseColor("#123456"), { r: 0x12, g: 0x34, b: 0x56, alpha: 1 });
    assert.deepEqual(parseColor("#ffffff"), { r: 255, g: 255, b: 255, alpha: 1 });
  });

  it('parses "#rrggbbaa", alpha scaled to 0..1', () => {
    assert.deepEqual(parseColor("#12345678"), { r: 0x12, g: 0x34, b: 0x56, alpha: 0x78 / 255 });
    assert.deepEqual(parseColor("#00000000"), { r: 0, g: 0, b: 0, alpha: 0 });
    assert.deepEqual(parseColor("#ffffff80"), { r: 255, g: 255, b: 255, alpha: 128 / 255 });
    assert.deepEqual(parseColor("#abcdefff"), { r: 0xab, g: 0xcd, b: 0xef, alpha: 1 });
  });

  it("accepts upper- and mixed-case digits", () => {
    assert.deepEqual(parseColor("#ABCDEF"), { r: 0xab, g: 0xcd, b: 0xef, alpha: 1 });
    assert.deepEqual(parseColor("#AbC"), { r: 0xaa, g: 0xbb, b: 0xcc, alpha: 1 });
    assert.deepEqual(parseColor("#aBcD"), parseColor("#aabbccdd"));
  });

  it("gives the short and long forms of the same colour the same value", () => {
    assert.deepEqual(parseColor("#1a2"), parseColor("#11aa22"));
    assert.deepEqual(parseColor("#1a2b"), parseColor("#11aa22bb"));
  });

  it("returns null for anything that is not one of the four hex forms", () => {
    const junk = [
      "#",
      "#f",
      "#ff",
      "#fffff", // 5 digits
      "#fffffff", // 7 digits
      "#fffffffff", // 9 digits
      "fff", // no #
      "ffffff",
      "##fff",
      "#ggg",
      "#12345g",
      " #fff",
      "#fff ",
      "#fff\n",
      "red",
      "transparent",
      "rgb(0, 0, 0)",
      "0x000000",
      "#-1-1-1",
    ];
    for (const text of junk) assert.equal(parseColor(text), null, `parseColor(${JSON.stringify(text)})`);
  });
});
