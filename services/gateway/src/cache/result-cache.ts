import type { ImageInfo__Output } from "@pixelrpc/client";

import type { ResultName } from "../http-cache.js";

/** A result as the cache keeps it: the encoded image and what the image service said about it. */
export interface CachedImage {
  readonly info: ImageInfo__Output;
  readonly image: Buffer;
  /** When it was made, in epoch milliseconds: its age, for `Cache-Status` and expiry. */
  readonly storedAt: number;
}

/** What a cache can say about itself for the metrics; a shared Redis cannot count its bytes cheaply. */
export interface CacheStats {
  readonly entries?: number;
  readonly bytes?: number;
  /** Entries dropped to stay within the size bound, since start (a Redis counts its own: `evicted_keys`). */
  readonly evictions?: number;
}

/**
 * Where results are kept between requests. Every method is best effort for
 * the request that calls it: a cache that fails is a miss, never an error
 * the caller sees (the implementations report their own trouble).
 */
export interface ResultCache {
  /** "file" or "redis", for logs and metrics. */
  readonly kind: string;
  /** Whether several gateways share it, so that single-flight must reach across them. */
  readonly shared: boolean;
  get(name: ResultName): Promise<CachedImage | undefined>;
  /** Keeps `entry`; false when it was not kept (too large, or the store failed). */
  set(name: ResultName, entry: CachedImage): Promise<boolean>;
  /** Drops every entry, or those of one source (`ResultName.source`); resolves with how many went. */
  purge(source?: string): Promise<number>;
  stats(): Promise<CacheStats>;
  close(): Promise<void>;
}

/** A shared cache's cross-gateway single-flight: a lease per result while one gateway makes it. */
export interface FlightLeases {
  /** Takes the lease on `name` for `ttlMs`; false when another holder has it. */
  acquire(name: ResultName, ttlMs: number): Promise<boolean>;
  /** Gives the lease back and tells every waiter that `name` is settled (stored or not). */
  release(name: ResultName): Promise<void>;
  /** Resolves when `name` is settled by its holder, or after `pollMs` (a holder may die without a word). */
  settled(name: ResultName, pollMs: number): Promise<void>;
}

const HEADER_BYTES = 4;

/** An entry as stored: a 4-byte length, the JSON of its info and time, then the image's bytes. */
export function encodeEntry(entry: CachedImage): Buffer {
  const header = Buffer.from(JSON.stringify({ info: entry.info, storedAt: entry.storedAt }));
  const length = Buffer.alloc(HEADER_BYTES);
  length.writeUInt32BE(header.byteLength);
  return Buffer.concat([length, header, entry.image]);
}

/** An entry from its stored bytes; undefined for anything torn or foreign, which the caller drops. */
export function decodeEntry(bytes: Buffer): CachedImage | undefined {
  if (bytes.byteLength < HEADER_BYTES) return undefined;
  const length = bytes.readUInt32BE(0);
  if (HEADER_BYTES + length > bytes.byteLength) return undefined;
  try {
    const { info, storedAt } = JSON.parse(bytes.subarray(HEADER_BYTES, HEADER_BYTES + length).toString("utf8")) as Partial<CachedImage>;
    const image = bytes.subarray(HEADER_BYTES + length);
    if (!info || typeof storedAt !== "number" || info.sizeBytes !== image.byteLength) return undefined;
    return { info, storedAt, image };
  } catch {
    return undefined;
  }
}
