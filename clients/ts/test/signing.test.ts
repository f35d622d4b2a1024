import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { describe, it } from "node:test";

import { compactParameters } from "@pixelrpc/proto";

import { canonicalImageRequest, imageRequestSignature, signImageUrl, type ImageUrlOptions } from "../src/index.js";

const key = "0123456789abcdef0123456789abcdef";

describe("signed image URLs", () => {
  it("sign the documented canonical form: sorted, RFC 3986 encoded, without sig (a fixed vector)", () => {
    const url = new URL(
      signImageUrl({
        baseUrl: "https://images.example.com",
        source: "https://cdn.example.com/a b/photo(1).jpg?v=2",
        options: { width: 800, format: "webp", grayscale: true, height: undefined },
        key,
        expiresAt: Date.UTC(2030, 0, 1),
      }),
    );
    assert.equal(url.origin + url.pathname, "https://images.example.com/v1/images");
    const canonical = "/v1/images?exp=1893456000&format=webp&grayscale=true&url=https%3A%2F%2Fcdn.example.com%2Fa%20b%2Fphoto%281%29.jpg%3Fv%3D2&w=800";
    assert.equal(canonicalImageRequest(url.searchParams), canonical);
    // Computed apart from this code (openssl dgst -sha256 -hmac, then base64url), and fixed here: a
    // change to the canonical form would break every signer written in another language.
    const vector = "bZcPZFKYMY3uSYB5TRjDV22dKgG-dUNxE35VxpoEDa8";
    assert.equal(createHmac("sha256", key).update(canonical).digest("base64url"), vector);
    assert.equal(url.searchParams.get("sig"), vector);
    assert.equal(url.searchParams.has("h"), false);
  });

  it("sort by byte value of name=value, so a name that prefixes another sorts after it when a '-' or digit follows", () => {
    assert.equal(
      canonicalImageRequest([
        ["a", "2"],
        ["a-b", "1"],
        ["a", "1"],
        ["B", "~é"],
      ]),
      "/v1/images?B=~%C3%A9&a-b=1&a=1&a=2",
    );
  });

  it("map every readable option to the gateway's query name", () => {
    const url = new URL(
      signImageUrl({
        baseUrl: "https://g",
        source: "https://x/y.png",
        key,
        options: {
          width: 1,
          height: 2,
          fit: "contain",
          position: "left-top",
          background: "#ffffff00",
          withoutEnlargement: true,
          trim: 3,
          extract: { left: 4, top: 5, width: 6, height: 7 },
          rotate: 90,
          flip: true,
          flop: false,
          flatten: "#000",
          grayscale: true,
          blur: 0.5,
          sharpen: 1,
          format: "png",
          quality: 80,
          lossless: true,
          progressive: true,
          effort: 6,
          keepMetadata: true,
        },
      }),
    );
    assert.deepEqual(Object.fromEntries([...url.searchParams].filter(([name]) => name !== "sig")), {
      url: "https://x/y.png",
      w: "1",
      h: "2",
      fit: "contain",
      position: "left-top",
      bg: "#ffffff00",
      without_enlargement: "true",
      trim: "3",
      extract: "4,5,6,7",
      rotate: "90",
      flip: "true",
      flop: "false",
      flatten: "#000",
      grayscale: "true",
      blur: "0.5",
      sharpen: "1",
      format: "png",
      q: "80",
      lossless: "true",
      progressive: "true",
      effort: "6",
      keep_metadata: "true",
    });
  });

  it("name every compact parameter of the catalogue as an option", () => {
    // A value for every option: the compiler refuses one the interface lacks, this test one the catalogue has that the interface lacks.
    const every: Required<ImageUrlOptions> = {
      ...{
        width: 1,
        height: 1,
        fit: "cover",
        position: "center",
        background: "",
        withoutEnlargement: false,
        trim: 0,
        extract: { left: 0, top: 0, width: 1, height: 1 },
      },
      ...{ gamma: 0, rotate: 0, flip: false, flop: false, radius: 0, circle: false, flatten: "", grayscale: false, median: 0, blur: 0, sharpen: 0 },
      ...{ normalize: false, normalizeLower: 0, normalizeUpper: 0, claheWidth: 0, claheHeight: 0, claheSlope: 0, linear: 0, linearOffset: 0 },
      ...{ brightness: 0, saturation: 0, hue: 0, lightness: 0, tint: "", negate: false, negateAlpha: false, threshold: 0, thresholdColor: false, pixelate: 0 },
      ...{
        overlay: "",
        overlayPosition: "center",
        overlayX: 0,
        overlayY: 0,
        overlayTile: false,
        overlayOpacity: 0,
        overlayBlend: "over",
        overlayWidth: 0,
        overlayHeight: 0,
      },
      ...{
        text: "",
        textFont: "sans",
        textSize: 0,
        textBold: false,
        textItalic: false,
        textColor: "",
        textPosition: "center",
        textX: 0,
        textY: 0,
        textWrap: 0,
      },
      ...{ textAlign: "left", textJustify: false, textOpacity: 0, textMarkup: false },
      ...{ format: "png", quality: 0, lossless: false, progressive: false, effort: 0, keepMetadata: false, loop: 0, delaysMs: 0, colors: 0, dither: 0 },
      ...{ minSize: false, mixed: false, maxBytes: 0, animated: false, dpr: 1, preset: "thumbnail" },
    };
    assert.deepEqual(
      Object.keys(every).sort(),
      Object.values(compactParameters)
        .map((parameter) => parameter.readable)
        .sort(),
    );
  });

  it("do not depend on parameter order or encoding style, and change with any parameter", () => {
    const a: [string, string][] = [
      ["url", "https://x/y.png"],
      ["w", "10"],
    ];
    const b: [string, string][] = [
      ["w", "10"],
      ["url", "https://x/y.png"],
      ["sig", "ignored"],
    ];
    assert.equal(imageRequestSignature(a, key), imageRequestSignature(b, key));
    assert.equal(imageRequestSignature(new URLSearchParams("w=10&url=https%3a//x/y%2Epng"), key), imageRequestSignature(a, key));
    assert.notEqual(
      imageRequestSignature(a, key),
      imageRequestSignature(
        [
          ["url", "https://x/y.png"],
          ["w", "11"],
        ],
        key,
      ),
    );
    assert.notEqual(imageRequestSignature(a, key), imageRequestSignature(a, `${key}x`));
  });

  it("keep a base URL's path prefix, outside what is signed", () => {
    const url = new URL(signImageUrl({ baseUrl: "https://example.com/pixel/?ignored=1", source: "https://x/y.png", key }));
    assert.equal(url.pathname, "/pixel/v1/images");
    assert.deepEqual([...url.searchParams.keys()], ["url", "sig"]);
    assert.equal(url.searchParams.get("sig"), imageRequestSignature([["url", "https://x/y.png"]], key));
  });

  it("refuse unknown options (url, exp and sig among them), a relative source and an invalid expiry", () => {
    const sign = (extra: object) => () => signImageUrl({ baseUrl: "https://g", source: "https://x", key, ...extra });
    for (const name of ["sig", "exp", "url", "w"]) {
      assert.throws(sign({ options: { [name]: "x" } }), new RegExp(`options.${name} is not an image URL option`));
    }
    assert.throws(sign({ source: "/photo.jpg" }), /source must be an absolute URL/);
    assert.throws(sign({ expiresAt: Number.NaN }), /expiresAt must be a Date/);
  });
});
