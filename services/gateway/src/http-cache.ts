import { createHash } from "node:crypto";

import type { TransformStreamRequest } from "@pixelrpc/client";

/**
 * What names a transform's result before any work: the output is a function
 * of the request (the input bytes or the source URL, the operations, the
 * output options, a negotiated format included).
 */
export interface ResultName {
  /** SHA-256 of the source alone, hex: its bytes, or its URL. Purging a source removes every result named with it. */
  readonly source: string;
  /** SHA-256 of the source and everything else the request says, hex. */
  readonly request: string;
}

/** The name of a source URL's results, as `resultName` gives it: what a purge by URL looks for. */
export function sourceDigest(source: { readonly image: Uint8Array | string } | { readonly url: string }): string {
  const hash = createHash("sha256");
  if ("image" in source) hash.update("image\0").update(source.image);
  else hash.update("url\0").update(source.url);
  return hash.digest("hex");
}

export function resultName(request: TransformStreamRequest): ResultName {
  const source = sourceDigest(request.image !== undefined ? { image: request.image } : { url: request.url ?? "" });
  const digest = createHash("sha256")
    .update(source)
    .update(JSON.stringify({ ...request, image: undefined, url: undefined }));
  return { source, request: digest.digest("hex") };
}

/**
 * A strong validator known before any work, so a repeat request with
 * If-None-Match is answered 304 without calling the image service.
 */
export function transformEntityTag(name: ResultName): string {
  return `"${Buffer.from(name.request.slice(0, 48), "hex").toString("base64url")}"`;
}

/**
 * Whether an `If-None-Match` header matches `etag`: `*`, or any entity tag
 * in its list, compared weakly as RFC 9110 13.1.2 says (a `W/` prefix on
 * either side is ignored).
 */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === "*") return true;
  const opaque = (tag: string): string => tag.trim().replace(/^W\//, "");
  const wanted = opaque(etag);
  return (header.match(/(?:W\/)?"[^"]*"/g) ?? []).some((tag) => opaque(tag) === wanted);
}
