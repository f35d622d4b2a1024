import { createHash, timingSafeEqual } from "node:crypto";

import { HttpProblem } from "./problems.js";

const digest = (value: string): Buffer => createHash("sha256").update(value).digest();

/**
 * Checks `Authorization: Bearer <key>` against the configured keys. Keys are
 * compared as SHA-256 digests with timingSafeEqual, so neither a key's
 * content nor its length leaks through timing; every key is compared.
 */
/** The key an `Authorization: Bearer <key>` header carries, or undefined for any other header. */
export function bearerToken(authorization: string | undefined): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "")?.[1];
}

export function bearerCheck(keys: readonly string[]): (authorization: string | undefined) => void {
  const digests = keys.map(digest);
  const unauthorised = (detail: string): HttpProblem => new HttpProblem(401, "Unauthorized", detail, { "www-authenticate": 'Bearer realm="pixelrpc"' });
  return (authorization) => {
    const token = bearerToken(authorization);
    if (token === undefined) throw unauthorised("send Authorization: Bearer <key>");
    const presented = digest(token);
    let valid = false;
    for (const candidate of digests) valid = timingSafeEqual(candidate, presented) || valid;
    if (!valid) throw unauthorised("the API key is not valid");
  };
}
