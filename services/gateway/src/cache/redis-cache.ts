import { randomUUID } from "node:crypto";

import { Redis } from "ioredis";

import type { ResultName } from "../http-cache.js";
import { decodeEntry, encodeEntry, type CachedImage, type CacheStats, type FlightLeases, type ResultCache } from "./result-cache.js";

export interface RedisCacheSettings {
  readonly url: string;
  readonly maxEntryBytes: number;
  readonly ttlMs: number;
  readonly onError: (operation: string, error: Error) => void;
}

/**
 * Keys, under one prefix:
 * - `cache:{source}:{request}`: an entry (see encodeEntry), expiring after the TTL;
 * - `cache-lease:{request}`: the gateway making that result, while it does;
 * - channel `cache-settled`: request digests whose lease was given back.
 */
const PREFIX = "pixelrpc:";
const entryKey = (name: ResultName): string => `${PREFIX}cache:${name.source}:${name.request}`;
const leaseKey = (name: ResultName): string => `${PREFIX}cache-lease:${name.request}`;
const SETTLED = `${PREFIX}cache-settled`;

/** Deletes the lease only if this gateway still holds it: one that expired may be someone else's by now. */
const RELEASE = `if redis.call("get", KEYS[1]) == ARGV[1] then redis.call("del", KEYS[1]) end
return redis.call("publish", KEYS[2], ARGV[2])`;

/**
 * Results in a Redis that several gateways share. Redis does the rest:
 * every entry expires after the TTL, and a `maxmemory` with an LRU policy
 * (`allkeys-lru`) bounds the whole. A Redis that is down or slow costs a
 * miss, not a failed request: commands fail fast instead of queueing.
 */
export class RedisResultCache implements ResultCache, FlightLeases {
  readonly kind = "redis";
  readonly shared = true;
  readonly #redis: Redis;
  readonly #subscriber: Redis;
  readonly #waiting = new Map<string, Set<() => void>>();
  readonly #leases = new Map<string, string>();

  private constructor(
    redis: Redis,
    private readonly settings: RedisCacheSettings,
  ) {
    this.#redis = redis;
    this.#subscriber = redis.duplicate();
    this.#subscriber.on("error", (error: Error) => settings.onError("subscribe", error));
    this.#subscriber.on("message", (_channel: string, request: string) => {
      for (const wake of this.#waiting.get(request) ?? []) wake();
    });
  }

  static async connect(settings: RedisCacheSettings): Promise<RedisResultCache> {
    const redis = new Redis(settings.url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 5000,
      commandTimeout: 2000,
    });
    redis.on("error", (error: Error) => settings.onError("connection", error));
    await redis.connect();
    const cache = new RedisResultCache(redis, settings);
    await cache.#subscriber.connect();
    await cache.#subscriber.subscribe(SETTLED);
    return cache;
  }

  async get(name: ResultName): Promise<CachedImage | undefined> {
    try {
      const bytes = await this.#redis.getBuffer(entryKey(name));
      return bytes === null ? undefined : decodeEntry(bytes);
    } catch (error) {
      this.settings.onError("read", error as Error);
      return undefined;
    }
  }

  async set(name: ResultName, entry: CachedImage): Promise<boolean> {
    const bytes = encodeEntry(entry);
    if (bytes.byteLength > this.settings.maxEntryBytes) return false;
    try {
      await this.#redis.set(entryKey(name), bytes, "PX", this.settings.ttlMs);
      return true;
    } catch (error) {
      this.settings.onError("write", error as Error);
      return false;
    }
  }

  async purge(source?: string): Promise<number> {
    let purged = 0;
    try {
      const scan = this.#redis.scanStream({ match: `${PREFIX}cache:${source ?? "*"}:*`, count: 1000 });
      for await (const keys of scan as AsyncIterable<string[]>) {
        if (keys.length > 0) purged += await this.#redis.unlink(...keys);
      }
    } catch (error) {
      this.settings.onError("purge", error as Error);
    }
    return purged;
  }

  async stats(): Promise<CacheStats> {
    try {
      const info = await this.#redis.info("stats");
      const evicted = /^evicted_keys:(\d+)/m.exec(info)?.[1];
      return evicted === undefined ? {} : { evictions: Number(evicted) };
    } catch {
      return {};
    }
  }

  async acquire(name: ResultName, ttlMs: number): Promise<boolean> {
    const token = randomUUID();
    try {
      const taken = (await this.#redis.set(leaseKey(name), token, "PX", ttlMs, "NX")) === "OK";
      if (taken) this.#leases.set(name.request, token);
      return taken;
    } catch (error) {
      this.settings.onError("lease", error as Error);
      // Without Redis, every gateway makes its own: no worse than no cache.
      return true;
    }
  }

  async release(name: ResultName): Promise<void> {
    const token = this.#leases.get(name.request);
    this.#leases.delete(name.request);
    if (token === undefined) return;
    await this.#redis.eval(RELEASE, 2, leaseKey(name), SETTLED, token, name.request).catch((error: Error) => this.settings.onError("lease", error));
  }

  settled(name: ResultName, pollMs: number): Promise<void> {
    return new Promise((resolve) => {
      let waiting = this.#waiting.get(name.request);
      if (!waiting) this.#waiting.set(name.request, (waiting = new Set()));
      const wake = (): void => {
        clearTimeout(timer);
        waiting.delete(wake);
        if (waiting.size === 0 && this.#waiting.get(name.request) === waiting) this.#waiting.delete(name.request);
        resolve();
      };
      const timer = setTimeout(wake, pollMs);
      waiting.add(wake);
    });
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.#subscriber.quit(), this.#redis.quit()]);
  }
}
