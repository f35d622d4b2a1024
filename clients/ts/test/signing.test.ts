import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { describe, it } from "node:test";

import { canonicalImageRequest, imageRequestSignature, signImageUrl } from "../src/index.js";

const key = "0123456789abcdef0123456789abcdef";

describe("signed image URLs", () => {
  it("sign the documented canonical form: sorted, RFC 3986 encoded, without sig", () => {
    const url = new URL(
      signImageUrl({
        baseUrl: "https://images.example.com",
        source: "https://cdn.example.com/a b/photo(1).jpg?v=2",
        options: { w: 800, format: "webp", grayscale: true, h: undefined },
        key,
        expiresAt: Date.UTC(2030, 0, 1),
      }),
    );
    assert.equal(url.origin + url.pathname, "https://images.example.com/v1/images");
    const canonical = "/v1/images?exp=1893456000&format=webp&grayscale=true&url=https%3A%2F%2Fcdn.example.com%2Fa%20b%2Fphoto%281%29.jpg%3Fv%3D2&w=800";
    assert.equal(canonicalImageRequest(url.searchParams), canonical);
    // A known vector, computed independently of the helper.
    assert.equal(url.searchParams.get("sig"), createHmac("sha256", key).update(canonical).digest("base64url"));
    assert.equal(url.searchParams.has("h"), false);
  });

  it("do not depend on parameter order or encoding style, and change with any parameter", () => {
    const a: [string, string][] = [["url", "https://x/y.png"], ["w", "10"]];
    const b: [string, string][] = [["w", "10"], ["url", "https://x/y.png"], ["sig", "ignored"]];
    assert.equal(imageRequestSignature(a, key), imageRequestSignature(b, key));
    assert.notEqual(imageRequestSignature(a, key), imageRequestSignature([["url", "https://x/y.png"], ["w", "11"]], key));
    assert.notEqual(imageRequestSignature(a, key), imageRequestSignature(a, `${key}x`));
  });

  it("refuse options that would shadow url, exp or sig", () => {
    assert.throws(() => signImageUrl({ baseUrl: "https://g", source: "https://x", options: { sig: "x" }, key }), /options.sig is set by signImageUrl itself/);
  });
});
