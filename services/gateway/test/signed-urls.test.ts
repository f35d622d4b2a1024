import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { signImageUrl } from "@pixelrpc/client";

import { matchesIfNoneMatch } from "../src/http-cache.js";
import { secondsUntilExpiry, verifySignedImageQuery } from "../src/signed-urls.js";

const current = "c".repeat(32);
const previous = "p".repeat(32);
const now = Date.UTC(2026, 10, 24);
const query = (url: string): URLSearchParams => new URL(url).searchParams;
const sign = (key: string, extra: Partial<Parameters<typeof signImageUrl>[0]> = {}): URLSearchParams =>
  query(signImageUrl({ baseUrl: "https://gateway", source: "https://origin/photo.jpg", options: { w: 300, format: "webp" }, key, ...extra }));

function forbidden(parameters: URLSearchParams, pattern: RegExp, keys = [current]): void {
  assert.throws(
    () => verifySignedImageQuery(parameters, keys, now),
    (error: { status: number; message: string }) => {
      assert.equal(error.status, 403);
      assert.match(error.message, pattern);
      return true;
    },
  );
}

describe("verifySignedImageQuery", () => {
  it("accepts a URL signed with any configured key (rotation)", () => {
    verifySignedImageQuery(sign(current), [current, previous], now);
    verifySignedImageQuery(sign(previous), [current, previous], now);
  });

  it("refuses a missing signature, a signature from another key, and any changed or added parameter", () => {
    const signed = sign(current);
    const unsigned = new URLSearchParams(signed);
    unsigned.delete("sig");
    forbidden(unsigned, /not signed: sig is missing/);
    forbidden(sign(previous), /does not match/);
    for (const [name, value] of [["w", "3000"], ["url", "https://origin/other.jpg"], ["blur", "5"]] as const) {
      const tampered = new URLSearchParams(signed);
      tampered.set(name, value);
      forbidden(tampered, /does not match/);
    }
    const garbage = new URLSearchParams(signed);
    garbage.set("sig", "not-a-signature");
    forbidden(garbage, /does not match/);
  });

  it("refuses a URL past its expiry, and a moved expiry", () => {
    const expiring = sign(current, { expiresAt: now + 60_000 });
    verifySignedImageQuery(expiring, [current], now);
    assert.equal(secondsUntilExpiry(expiring, now), 60);
    assert.throws(() => verifySignedImageQuery(expiring, [current], now + 60_000), /this URL expired at 2026-11-24T00:01:00\.000Z/);
    const extended = new URLSearchParams(expiring);
    extended.set("exp", String(now / 1000 + 3600));
    forbidden(extended, /does not match/);
  });
});

describe("matchesIfNoneMatch", () => {
  it("matches *, any tag of a list, and weak forms of the tag", () => {
    assert.ok(matchesIfNoneMatch('"abc"', '"abc"'));
    assert.ok(matchesIfNoneMatch('"x", W/"abc"', '"abc"'));
    assert.ok(matchesIfNoneMatch("*", '"abc"'));
    assert.ok(!matchesIfNoneMatch('"abcd"', '"abc"'));
    assert.ok(!matchesIfNoneMatch(undefined, '"abc"'));
  });
});
