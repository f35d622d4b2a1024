import type { ImageInfo__Output } from "@pixelrpc/client";

import type { ResultName } from "../http-cache.js";
import type { CachedImage, FlightLeases, ResultCache } from "./result-cache.js";

/**
 * What happened to one request, as `Cache-Status` (RFC 9211) reports it:
 * served from the cache; made for it (and stored, or not); or made for
 * another request it waited for (`collapsed`).
 */
export type CacheOutcome =
  | { readonly status: "hit"; readonly entry: CachedImage }
  | { readonly status: "miss"; readonly entry: CachedImage; readonly stored: boolean }
  | { readonly status: "collapsed"; readonly entry: CachedImage };

/** The identifier `Cache-Status` names this cache by. */
const CACHE_NAME = "pixelrpc";

/** How often a gateway waiting on another's lease looks again, should the word that it is done be lost. */
const SETTLED_POLL_MS = 1000;

export interface CachedResultsSettings {
  /** How long an entry is served, in milliseconds. */
  readonly ttlMs: number;
  /** How long one gateway may hold the lease on a result it makes: the image service's deadline for it. */
  readonly leaseMs: number;
  readonly onOutcome?: (outcome: CacheOutcome) => void;
}

/**
 * The result cache with single-flight: requests for a result that is being
 * made wait for it instead of each calling the image service. Within this
 * gateway they share one promise; across gateways that share a Redis cache,
 * one takes a lease while it makes the result, and the others wait for its
 * word (or the lease's end) and read the cache. A failure reaches every
 * request of its flight here; a gateway waiting across the network finds no
 * entry once the lease is given back, and makes the result itself.
 */
export class CachedResults {
  readonly #flights = new Map<string, Promise<CacheOutcome>>();

  constructor(
    readonly cache: ResultCache,
    private readonly leases: FlightLeases | undefined,
    private readonly settings: CachedResultsSettings,
  ) {}

  async resolve(name: ResultName, make: () => Promise<{ readonly info: ImageInfo__Output; readonly image: Buffer }>): Promise<CacheOutcome> {
    const flight = this.#flights.get(name.request);
    if (flight) {
      const outcome = await flight;
      const joined: CacheOutcome = outcome.status === "hit" ? outcome : { status: "collapsed", entry: outcome.entry };
      this.settings.onOutcome?.(joined);
      return joined;
    }
    const started = this.#fly(name, make).finally(() => this.#flights.delete(name.request));
    this.#flights.set(name.request, started);
    const outcome = await started;
    this.settings.onOutcome?.(outcome);
    return outcome;
  }

  /** The `Cache-Status` field value of `outcome`. */
  cacheStatus(outcome: CacheOutcome, now = Date.now()): string {
    switch (outcome.status) {
      case "hit":
        return `${CACHE_NAME}; hit; ttl=${Math.max(0, Math.floor((outcome.entry.storedAt + this.settings.ttlMs - now) / 1000))}`;
      case "collapsed":
        return `${CACHE_NAME}; fwd=miss; collapsed`;
      case "miss":
        return outcome.stored ? `${CACHE_NAME}; fwd=miss; stored` : `${CACHE_NAME}; fwd=miss; detail=not-stored`;
    }
  }

  async #fly(name: ResultName, make: () => Promise<{ readonly info: ImageInfo__Output; readonly image: Buffer }>): Promise<CacheOutcome> {
    const cached = await this.cache.get(name);
    if (cached) return { status: "hit", entry: cached };
    if (this.leases) {
      const giveUpAt = Date.now() + this.settings.leaseMs;
      while (!(await this.leases.acquire(name, this.settings.leaseMs))) {
        await this.leases.settled(name, SETTLED_POLL_MS);
        const made = await this.cache.get(name);
        if (made) return { status: "collapsed", entry: made };
        // A holder that outlives its own deadline is stuck: make the result here instead.
        if (Date.now() >= giveUpAt) break;
      }
    }
    try {
      const { info, image } = await make();
      const entry: CachedImage = { info, image, storedAt: Date.now() };
      return { status: "miss", entry, stored: await this.cache.set(name, entry) };
    } finally {
      await this.leases?.release(name);
    }
  }
}
