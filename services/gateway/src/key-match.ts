import { timingSafeEqual } from "node:crypto";

/**
 * Whether `presented` is what `sign` makes with any of `keys` (rotation:
 * every key that may have signed). Every key is compared, in constant time,
 * so a forger learns nothing from timing. Compared as text, not as decoded
 * bytes: Node's base64 decoder skips characters it does not know, so a
 * signature with "!" added would verify too.
 */
export function signedWithAny<Key>(presented: string, keys: readonly Key[], sign: (key: Key) => string): boolean {
  const bytes = Buffer.from(presented);
  let matched = false;
  for (const key of keys) {
    const expected = Buffer.from(sign(key));
    matched = (expected.byteLength === bytes.byteLength && timingSafeEqual(expected, bytes)) || matched;
  }
  return matched;
}
