import { createHash } from "node:crypto";

import type { TransformStreamRequest } from "@pixelrpc/client";

/**
 * A strong validator known before any work: the output is a function of the
 * request (the input bytes or the source URL, the operations and the output
 * options, a negotiated format included), so a repeat request with
 * If-None-Match is answered 304 without calling the image service.
 */
export function transformEntityTag(request: TransformStreamRequest): string {
  const hash = createHash("sha256");
  if (request.image !== undefined) hash.update(request.image);
  hash.update(JSON.stringify({ ...request, image: undefined }));
  return `"${hash.digest("base64url").slice(0, 32)}"`;
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
