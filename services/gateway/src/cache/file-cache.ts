import { randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rename, stat, unlink, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";

import type { ResultName } from "../http-cache.js";
import { decodeEntry, encodeEntry, type CachedImage, type CacheStats, type ResultCache } from "./result-cache.js";

export interface FileCacheSettings {
  readonly directory: string;
  /** Bytes the entries may take together; the least recently used go first past it. */
  readonly maxBytes: number;
  /** Largest entry kept. */
  readonly maxEntryBytes: number;
  /** How long an entry is served, in milliseconds. */
  readonly ttlMs: number;
  /** Where a failed read, write or removal is reported. */
  readonly onError: (operation: string, error: Error) => void;
}

/** `<source>-<request>.entry`: the source's digest leads, so a purge by source finds its entries by name alone. */
const ENTRY = /^([0-9a-f]{64})-([0-9a-f]{64})\.entry$/;
const fileName = (name: ResultName): string => `${name.source}-${name.request}.entry`;
const TEMPORARY_PREFIX = ".writing-";

/**
 * Results on one machine's disk, bounded in bytes, surviving restarts.
 *
 * - Each entry is one file, written whole under a temporary name and renamed
 *   into place: a reader (this process or another sharing the directory)
 *   sees the old entry or the new one, never half of one, and two writers of
 *   the same result just replace each other's identical bytes.
 * - The index (size and last use of every file) is in memory, rebuilt from
 *   the directory at start with the files' modification times, which a hit
 *   moves forward: the order of use survives a restart.
 * - Past `maxBytes` the least recently used go first. A write that fails (a
 *   full disk, a directory gone) is reported and the result is served
 *   without being kept; room is made by evicting an eighth of the bound.
 *
 * Several processes may share a directory safely; each bounds what it knows
 * of (what was there at its start, and what it wrote since).
 */
export class FileResultCache implements ResultCache {
  readonly kind = "file";
  readonly shared = false;
  /** File name to bytes, in order of last use (a Map keeps insertion order; a hit moves its entry to the end). */
  readonly #index = new Map<string, number>();
  #bytes = 0;
  #evictions = 0;

  private constructor(private readonly settings: FileCacheSettings) {}

  static async open(settings: FileCacheSettings): Promise<FileResultCache> {
    const cache = new FileResultCache(settings);
    await mkdir(settings.directory, { recursive: true });
    const found: { name: string; bytes: number; used: number }[] = [];
    for (const name of await readdir(settings.directory)) {
      const path = join(settings.directory, name);
      // A write cut short by a crash leaves its temporary file behind.
      if (name.startsWith(TEMPORARY_PREFIX)) await unlink(path).catch(() => undefined);
      if (!ENTRY.test(name)) continue;
      const stats = await stat(path).catch(() => undefined);
      if (stats?.isFile()) found.push({ name, bytes: stats.size, used: stats.mtimeMs });
    }
    for (const { name, bytes } of found.sort((a, b) => a.used - b.used)) cache.#remember(name, bytes);
    await cache.#evictTo(settings.maxBytes);
    return cache;
  }

  async get(name: ResultName): Promise<CachedImage | undefined> {
    const file = fileName(name);
    const path = join(this.settings.directory, file);
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") this.settings.onError("read", error as Error);
      this.#forget(file);
      return undefined;
    }
    const entry = decodeEntry(bytes);
    if (!entry || Date.now() - entry.storedAt >= this.settings.ttlMs) {
      await this.#remove(file);
      return undefined;
    }
    // Another process may have written it: it is known from now on.
    this.#forget(file);
    this.#remember(file, bytes.byteLength);
    const now = new Date();
    utimes(path, now, now).catch(() => undefined);
    return entry;
  }

  async set(name: ResultName, entry: CachedImage): Promise<boolean> {
    const bytes = encodeEntry(entry);
    if (bytes.byteLength > this.settings.maxEntryBytes || bytes.byteLength > this.settings.maxBytes) return false;
    const file = fileName(name);
    const temporary = join(this.settings.directory, `${TEMPORARY_PREFIX}${randomBytes(8).toString("hex")}`);
    try {
      await writeFile(temporary, bytes);
      await rename(temporary, join(this.settings.directory, file));
    } catch (error) {
      this.settings.onError("write", error as Error);
      await unlink(temporary).catch(() => undefined);
      await this.#evictTo(this.settings.maxBytes - this.settings.maxBytes / 8);
      return false;
    }
    this.#forget(file);
    this.#remember(file, bytes.byteLength);
    await this.#evictTo(this.settings.maxBytes);
    return true;
  }

  async purge(source?: string): Promise<number> {
    let names: string[];
    try {
      names = await readdir(this.settings.directory);
    } catch (error) {
      this.settings.onError("purge", error as Error);
      return 0;
    }
    const doomed = names.filter((name) => {
      const entrySource = ENTRY.exec(name)?.[1];
      return entrySource !== undefined && (source === undefined || entrySource === source);
    });
    const removed = await Promise.all(doomed.map((name) => this.#remove(name)));
    return removed.filter(Boolean).length;
  }

  async stats(): Promise<CacheStats> {
    return { entries: this.#index.size, bytes: this.#bytes, evictions: this.#evictions };
  }

  async close(): Promise<void> {}

  #remember(file: string, bytes: number): void {
    this.#index.set(file, bytes);
    this.#bytes += bytes;
  }

  #forget(file: string): void {
    const bytes = this.#index.get(file);
    if (bytes === undefined) return;
    this.#index.delete(file);
    this.#bytes -= bytes;
  }

  async #remove(file: string): Promise<boolean> {
    this.#forget(file);
    try {
      await unlink(join(this.settings.directory, file));
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") this.settings.onError("remove", error as Error);
      return false;
    }
  }

  async #evictTo(bound: number): Promise<void> {
    while (this.#bytes > bound) {
      const oldest = this.#index.keys().next().value;
      if (oldest === undefined) return;
      this.#evictions++;
      await this.#remove(oldest);
    }
  }
}
