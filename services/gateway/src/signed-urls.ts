import { timingSafeEqual } from "node:crypto";

import { imageRequestSignature } from "@pixelrpc/client";

import { HttpProblem } from "./problems.js";

const forbidden = (detail: string): HttpProblem => new HttpProblem(403, "Forbidden", detail);

/** HMAC-SHA256 makes 32 bytes; anything else presented as `sig` cannot match. */
const SIGNATURE_BYTES = 32;

/**
 * Checks a signed image URL's query: a `sig` made with one of `keys` over
 * the canonical form of every other parameter (see @pixelrpc/client's
 * canonicalImageRequest), and, when `exp` is there, a time before it. Each
 * key is tried in constant time, so a forger learns nothing from timing.
 * Throws 403 problems that say which check failed, never what would pass.
 */
export function verifySignedImageQuery(parameters: URLSearchParams, keys: readonly string[], now = Date.now()): void {
  const sig = parameters.get("sig");
  if (!sig) throw forbidden("this URL is not signed: sig is missing");
  const presented = Buffer.from(sig, "base64url");
  let valid = false;
  for (const key of keys) {
    const expected = Buffer.from(imageRequestSignature(parameters, key), "base64url");
    valid = (presented.byteLength === SIGNATURE_BYTES && timingSafeEqual(expected, presented)) || valid;
  }
  if (!valid) throw forbidden("the signature does not match this URL");
  const exp = parameters.get("exp");
  if (exp === null) return;
  if (!/^\d+$/.test(exp)) throw forbidden("exp must be a time in whole seconds since the epoch");
  if (Number(exp) * 1000 <= now) throw forbidden(`this URL expired at ${new Date(Number(exp) * 1000).toISOString()}`);
}

/** Seconds until `exp` (from the query), or undefined without one. */
export function secondsUntilExpiry(parameters: URLSearchParams, now = Date.now()): number | undefined {
  const exp = parameters.get("exp");
  return exp === null ? undefined : Math.max(0, Math.floor(Number(exp) - now / 1000));
}
