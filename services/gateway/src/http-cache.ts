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
