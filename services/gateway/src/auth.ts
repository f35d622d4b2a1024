import { createHash, timingSafeEqual } from "node:crypto";

import { HttpProblem } from "./problems.js";

const digest = (value: string): Buffer => createHash("sha256").update(value).digest();

/**
 * Checks `Authorization: Bearer <key>` against the configured keys. Keys are
 * compared as SHA-256 digests with timingSafeEqual, so neither a key's
 * content nor its length leaks through timing; every key is compared.
 */
export function bearerCheck(keys: readonly string[]): (authorization: string | undefined) => void {
  const digests = keys.map(digest);
  const unauthorised = (detail: string): HttpProblem =>
    new HttpProblem(401, "Unauthorized", detail, { "www-authenticate": 'Bearer realm="pixelrpc"' });
  return (authorization) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
    if (!match) throw unauthorised("send Authorization: Bearer <key>");
    const presented = digest(match[1]!);
    let valid = false;
    for (const candidate of digests) valid = timingSafeEqual(candidate, presented) || valid;
    if (!valid) throw unauthorised("the API key is not valid");
  };
}
