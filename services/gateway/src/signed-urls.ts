import { imageRequestSignature } from "@pixelrpc/client";

import { signedWithAny } from "./key-match.js";
import { HttpProblem } from "./problems.js";

const forbidden = (detail: string): HttpProblem => new HttpProblem(403, "Forbidden", detail);

/**
 * Checks a signed image URL's query: one `sig` made with one of `keys` over
 * the canonical form of every other parameter (@pixelrpc/client's
 * canonicalImageRequest, the one the signers use), and, when `exp` is there,
 * a time before it. Every key is compared in constant time, so a forger
 * learns nothing from timing; the expiry is read only once the signature
 * holds, so it cannot be moved. Throws 403 problems that say which check
 * failed, never what would pass.
 */
export function verifySignedImageQuery(parameters: URLSearchParams, keys: readonly string[], now = Date.now()): void {
  const signatures = parameters.getAll("sig");
  if (signatures.length === 0) throw forbidden("this URL is not signed: sig is missing");
  // As text (see signedWithAny): each variant a lenient decoder accepted would be one more URL for caches to hold.
  const matched = signedWithAny(signatures[0]!, keys, (key) => imageRequestSignature(parameters, key));
  if (!matched || signatures.length > 1) throw forbidden("the signature does not match this URL");
  const exp = parameters.get("exp");
  if (exp === null) return;
  if (!/^\d{1,12}$/.test(exp)) throw forbidden("exp must be a time in whole seconds since the epoch");
  if (Number(exp) * 1000 <= now) throw forbidden(`this URL expired at ${new Date(Number(exp) * 1000).toISOString()}`);
}

/** Seconds until `exp` (seconds since the epoch, from a verified query), or undefined without one. */
export function secondsUntilExpiry(exp: number | undefined, now = Date.now()): number | undefined {
  return exp === undefined ? undefined : Math.max(0, Math.floor(exp - now / 1000));
}
