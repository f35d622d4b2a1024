/**
 * Allowed URL matching (IMAGE_ALLOWED_SOURCES, GATEWAY_WEBHOOK_ALLOWED):
 * origins, and paths that match at a segment boundary, after the URL parser
 * has resolved what it resolves.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { AllowedUrls } from "../src/allowed-urls.js";

const naming = { allowed: "an allowed source", only: "this service fetches only from", variable: "IMAGE_ALLOWED_SOURCES", off: "URL sources are off" };

function sources(...entries: string[]): AllowedUrls {
  const parsed = AllowedUrls.parse(entries, naming);
  assert.ok(parsed instanceof AllowedUrls, JSON.stringify(parsed));
  return parsed;
}

const allowed = (entries: AllowedUrls, url: string): boolean => entries.refusal(new URL(url)) === undefined;

describe("AllowedUrls", () => {
  const cases: [entry: string, url: string, allowed: boolean][] = [
    // A path without a trailing slash: itself and what is under it, nothing that merely starts with it.
    ["https://a.example/photos", "https://a.example/photos", true],
    ["https://a.example/photos", "https://a.example/photos?size=2", true],
    ["https://a.example/photos", "https://a.example/photos/", true],
    ["https://a.example/photos", "https://a.example/photos/x.jpg", true],
    ["https://a.example/photos", "https://a.example/photos/2024/x.jpg", true],
    ["https://a.example/photos", "https://a.example/photos-private/x.jpg", false],
    ["https://a.example/photos", "https://a.example/photosx.jpg", false],
    ["https://a.example/photos", "https://a.example/photo", false],
    // A trailing slash: what is under it, as before.
    ["https://a.example/photos/", "https://a.example/photos/x.jpg", true],
    ["https://a.example/photos/", "https://a.example/photos/", true],
    ["https://a.example/photos/", "https://a.example/photos", false],
    ["https://a.example/photos/", "https://a.example/photos-private/x.jpg", false],
    // Dot segments, plain, encoded or with backslashes, are resolved by the URL parser before matching.
    ["https://a.example/photos/", "https://a.example/photos/../private/x.jpg", false],
    ["https://a.example/photos/", "https://a.example/photos/%2e%2e/private/x.jpg", false],
    ["https://a.example/photos/", "https://a.example/photos/.%2E/private/x.jpg", false],
    ["https://a.example/photos/", "https://a.example/photos\\..\\private\\x.jpg", false],
    ["https://a.example/photos/", "https://a.example/photos/./2024/../x.jpg", true],
    ["https://a.example/photos", "https://a.example/private/../photos/x.jpg", true],
    // Encoded separators survive the parser; the origin might decode them into real ones.
    ["https://a.example/photos/", "https://a.example/photos/..%2Fprivate/x.jpg", false],
    ["https://a.example/photos/", "https://a.example/photos/..%2fprivate/x.jpg", false],
    ["https://a.example/photos/", "https://a.example/photos/..%5Cprivate/x.jpg", false],
    ["https://a.example/photos", "https://a.example/photos%2F..%2Fprivate/x.jpg", false],
    // A whole origin: any path on it, encoded separators included (they cannot leave the origin).
    ["https://a.example", "https://a.example/anything/x.jpg", true],
    ["https://a.example/", "https://a.example/a%2Fb.jpg", true],
    ["https://a.example", "http://a.example/x.jpg", false],
    ["https://a.example", "https://a.example:8443/x.jpg", false],
    ["https://a.example", "https://a.example.evil.net/x.jpg", false],
    ["HTTPS://A.Example:443/Photos", "https://a.example/Photos/x.jpg", true],
    ["https://a.example/Photos", "https://a.example/photos/x.jpg", false],
  ];
  for (const [entry, url, expected] of cases) {
    it(`${entry} ${expected ? "allows" : "refuses"} ${url}`, () => {
      assert.equal(allowed(sources(entry), url), expected);
    });
  }

  it("says why: outside every entry, or an encoded separator under a path", () => {
    const entries = sources("https://a.example/photos", "https://b.example");
    assert.equal(
      entries.refusal(new URL("https://a.example/photos-private/x.jpg")),
      "https://a.example/photos-private/x.jpg is not an allowed source: this service fetches only from https://a.example/photos, https://b.example/ (IMAGE_ALLOWED_SOURCES)",
    );
    assert.equal(
      entries.refusal(new URL("https://a.example/photos/..%2Fprivate/x.jpg")),
      "https://a.example/photos/..%2Fprivate/x.jpg is not an allowed source: its path holds an encoded / or \\ (%2F or %5C), which the origin may decode and so leave https://a.example/photos",
    );
  });

  it("a whole-origin entry allows encoded separators that a path entry on the same origin refuses", () => {
    assert.equal(allowed(sources("https://a.example/photos/", "https://a.example"), "https://a.example/photos/..%2Fprivate/x.jpg"), true);
  });

  it("names what it is for, off included", () => {
    const callbacks = AllowedUrls.parse([], {
      allowed: "an allowed callback URL",
      only: "this gateway calls back only to",
      variable: "GATEWAY_WEBHOOK_ALLOWED",
      off: "callbacks are off",
    });
    assert.ok(callbacks instanceof AllowedUrls);
    assert.equal(callbacks.off, true);
    assert.equal(
      callbacks.refusal(new URL("https://hooks.example/x")),
      "https://hooks.example/x is not an allowed callback URL: this gateway calls back only to none (callbacks are off) (GATEWAY_WEBHOOK_ALLOWED)",
    );
    assert.deepEqual(AllowedUrls.parse(["ftp://x", "https://u:p@x"], naming), {
      problems: [
        '"ftp://x" is not an http(s) origin or URL prefix (like https://images.example.com/photos/)',
        '"https://u:p@x" is not an http(s) origin or URL prefix (like https://images.example.com/photos/)',
      ],
    });
  });

  it("* allows any http(s) URL", () => {
    assert.equal(allowed(sources("*"), "http://anything.example/photos/..%2Fx"), true);
  });
});
