/** The file cache on a real directory: entries that are torn, stale, foreign or left half-written are never served. */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";

import type { ImageInfo__Output } from "@pixelrpc/client";

import { FileResultCache } from "../src/cache/file-cache.js";
import { decodeEntry, encodeEntry, type CachedImage } from "../src/cache/result-cache.js";
import { resultName } from "../src/http-cache.js";

const image = Buffer.from("not really a webp, but bytes all the same");
const info = { format: "FORMAT_WEBP", width: 8, height: 6, sizeBytes: image.byteLength, quality: 80 } as unknown as ImageInfo__Output;
const entry = (storedAt = Date.now()): CachedImage => ({ info, image, storedAt });
const name = (width: number) => resultName({ url: "https://cdn.example.com/a.jpg", operations: [{ resize: { width } }] });

async function open(directory = mkdtempSync(join(tmpdir(), "pixelrpc-file-cache-")), settings: { maxBytes?: number; ttlMs?: number } = {}) {
  const errors: string[] = [];
  const cache = await FileResultCache.open({
    directory,
    maxBytes: settings.maxBytes ?? 1024 * 1024,
    maxEntryBytes: 1024 * 1024,
    ttlMs: settings.ttlMs ?? 60_000,
    onError: (operation, error) => errors.push(`${operation}: ${error.message}`),
  });
  return { cache, directory, errors };
}

describe("cache entries", () => {
  it("read back what was written, and nothing from torn or foreign bytes", () => {
    const encoded = encodeEntry(entry(1234));
    assert.deepEqual(decodeEntry(encoded), entry(1234));
    const torn: [what: string, bytes: Buffer][] = [
      ["empty", Buffer.alloc(0)],
      ["three bytes", Buffer.from([0, 0, 1])],
      ["a header longer than the file", encoded.subarray(0, 20)],
      ["an image cut short", encoded.subarray(0, encoded.byteLength - 1)],
      ["an image too long", Buffer.concat([encoded, Buffer.from([0])])],
      ["a header that is not JSON", Buffer.concat([Buffer.from([0, 0, 0, 2]), Buffer.from("{x")])],
      ["a header without a time", Buffer.concat([Buffer.from([0, 0, 0, 2]), Buffer.from("{}")])],
    ];
    for (const [what, bytes] of torn) assert.equal(decodeEntry(bytes), undefined, what);
  });
});

describe("FileResultCache", () => {
  it("serves an entry until its TTL, then drops it", async () => {
    const { cache, directory } = await open(undefined, { ttlMs: 1000 });
    assert.equal(await cache.set(name(1), entry()), true);
    assert.deepEqual((await cache.get(name(1)))?.image, image);
    assert.equal(await cache.set(name(2), entry(Date.now() - 1000)), true);
    assert.equal(await cache.get(name(2)), undefined);
    assert.equal(readdirSync(directory).length, 1, "the stale entry's file is gone");
  });

  it("drops a torn file on disk instead of serving it, and clears writes a crash left behind", async () => {
    const { cache, directory } = await open();
    await cache.set(name(1), entry());
    const [file] = readdirSync(directory);
    writeFileSync(join(directory, file!), readFileSync(join(directory, file!)).subarray(0, 30));
    assert.equal(await cache.get(name(1)), undefined);
    assert.equal(existsSync(join(directory, file!)), false);
    writeFileSync(join(directory, ".writing-0123456789abcdef"), "half");
    writeFileSync(join(directory, "someone-elses-file.txt"), "leave me");
    const reopened = await open(directory);
    assert.deepEqual(readdirSync(directory), ["someone-elses-file.txt"]);
    assert.deepEqual(await reopened.cache.stats(), { entries: 0, bytes: 0, evictions: 0 });
  });

  it("finds at start what an earlier process stored, oldest use first, and evicts down to a smaller bound", async () => {
    const { cache, directory } = await open();
    for (const width of [1, 2, 3]) await cache.set(name(width), entry());
    const size = encodeEntry(entry()).byteLength;
    // Reopened with room for two: the least recently used goes.
    const smaller = await open(directory, { maxBytes: 2 * size });
    const stats = await smaller.cache.stats();
    assert.equal(stats.entries, 2);
    assert.equal(stats.bytes, 2 * size);
    assert.equal(stats.evictions, 1);
  });

  it("purges by source, leaving other sources' entries", async () => {
    const { cache } = await open();
    const other = resultName({ url: "https://cdn.example.com/b.jpg", operations: [] });
    await cache.set(name(1), entry());
    await cache.set(name(2), entry());
    await cache.set(other, entry());
    assert.equal(await cache.purge(name(1).source), 2);
    assert.equal(await cache.get(name(1)), undefined);
    assert.ok(await cache.get(other));
    assert.equal(await cache.purge(), 1);
  });

  it("keeps nothing larger than an entry may be", async () => {
    const { cache } = await open(undefined, { maxBytes: 1024 * 1024 });
    const large = Buffer.alloc(2 * 1024 * 1024);
    assert.equal(await cache.set(name(1), { ...entry(), image: large, info: { ...info, sizeBytes: large.byteLength } }), false);
    assert.equal((await cache.stats()).entries, 0);
  });
});
