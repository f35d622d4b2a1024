import type { GatewayConfig } from "../config.js";
import { CachedResults, type CacheOutcome } from "./cached-results.js";
import { FileResultCache } from "./file-cache.js";
import { RedisResultCache } from "./redis-cache.js";

/**
 * The result cache GATEWAY_CACHE names, opened and ready (a Redis that does
 * not answer, or a directory that cannot be made, stops the start), or
 * undefined when it is off.
 */
export async function openResultCache(
  config: GatewayConfig,
  onError: (operation: string, error: Error) => void,
  onOutcome?: (outcome: CacheOutcome) => void,
): Promise<CachedResults | undefined> {
  const location = config.cache;
  if (location.kind === "off") return undefined;
  const ttlMs = config.cacheTtlSeconds * 1000;
  const settings = { ttlMs, leaseMs: config.requestTimeoutMs, onOutcome };
  const common = { maxEntryBytes: config.cacheMaxEntryBytes, ttlMs, onError };
  if (location.kind === "file") {
    return new CachedResults(await FileResultCache.open({ ...common, directory: location.directory, maxBytes: location.maxBytes }), undefined, settings);
  }
  const redis = await RedisResultCache.connect({ ...common, url: location.url.href });
  return new CachedResults(redis, redis, settings);
}
