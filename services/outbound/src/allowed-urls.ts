/** An allowed origin, or a path on one. */
interface UrlPrefix {
  /** "https://cdn.example.com" */
  readonly origin: string;
  /** "/" for a whole origin; "/photos" or "/photos/" for a part of one. */
  readonly path: string;
  /** The entry as normalised, for messages. */
  readonly href: string;
}

/**
 * An encoded "/" or "\" in a path. The URL parser leaves them be, so
 * "/photos/..%2Fprivate/a.jpg" is under "/photos/" here; an origin that
 * decodes them first would resolve it to "/private/a.jpg".
 */
const ENCODED_SEPARATOR = /%2f|%5c/i;

/** Whether `path` is `prefix` or under it, `prefix` ending a path segment. */
function underPath(path: string, prefix: string): boolean {
  if (prefix.endsWith("/")) return path.startsWith(prefix);
  return path === prefix || path.startsWith(`${prefix}/`);
}

/** How refusals name what the list is for: the image service's sources, the gateway's callbacks. */
export interface AllowedUrlsNaming {
  /** "an allowed source" */
  readonly allowed: string;
  /** "this service fetches only from" */
  readonly only: string;
  /** The variable that lists them: "IMAGE_ALLOWED_SOURCES". */
  readonly variable: string;
  /** What an empty list means: "URL sources are off". */
  readonly off: string;
}

/**
 * Which URLs a service may send requests to (IMAGE_ALLOWED_SOURCES,
 * GATEWAY_WEBHOOK_ALLOWED). Each entry is an origin
 * ("https://images.example.com"), a path on one ("https://cdn.example.com/photos"
 * or ".../photos/"), or "*" for any http(s) URL. Entries are normalised
 * through the URL parser, so "HTTPS://Images.Example.com" and
 * "https://images.example.com:443/" are the same entry, and an origin cannot
 * be matched by a look-alike host ("https://images.example.com.evil"). A
 * path matches whole segments only: ".../photos" allows "/photos" and
 * "/photos/a.jpg", not "/photos-private/a.jpg". URLs are compared after the
 * URL parser has resolved their dot segments ("/photos/../private", "%2e%2e"
 * included); under a path, a URL with an encoded separator is refused, since
 * the origin may decode it into one.
 */
export class AllowedUrls {
  private constructor(
    private readonly any: boolean,
    private readonly prefixes: readonly UrlPrefix[],
    private readonly naming: AllowedUrlsNaming,
  ) {}

  /** Parses the entries; returns the problems instead when any entry is not a valid http(s) origin or prefix. */
  static parse(entries: readonly string[], naming: AllowedUrlsNaming): AllowedUrls | { problems: string[] } {
    const problems: string[] = [];
    const prefixes: UrlPrefix[] = [];
    let any = false;
    for (const entry of entries) {
      if (entry === "*") {
        any = true;
        continue;
      }
      const url = URL.canParse(entry) ? new URL(entry) : undefined;
      if (!url || (url.protocol !== "http:" && url.protocol !== "https:") || url.username || url.password || url.search || url.hash) {
        problems.push(`${JSON.stringify(entry)} is not an http(s) origin or URL prefix (like https://images.example.com/photos/)`);
        continue;
      }
      prefixes.push({ origin: url.origin, path: url.pathname, href: url.href });
    }
    return problems.length > 0 ? { problems } : new AllowedUrls(any, prefixes, naming);
  }

  /** As parse, with every problem in one, as the variable `naming` names is told. */
  static fromVariable(entries: readonly string[], naming: AllowedUrlsNaming): AllowedUrls | { problem: string } {
    const parsed = AllowedUrls.parse(entries, naming);
    if (parsed instanceof AllowedUrls) return parsed;
    return { problem: `${naming.variable} must list http(s) origins or URL prefixes, or *: ${parsed.problems.join("; ")}` };
  }

  /** True when no URL is allowed: the feature the list is for is off. */
  get off(): boolean {
    return !this.any && this.prefixes.length === 0;
  }

  /** Why `url` may not be requested, or undefined when it may. */
  refusal(url: URL): string | undefined {
    if (this.any) return undefined;
    const covering = this.prefixes.filter((prefix) => prefix.origin === url.origin && underPath(url.pathname, prefix.path));
    const encoded = ENCODED_SEPARATOR.test(url.pathname);
    if (covering.some((prefix) => prefix.path === "/" || !encoded)) return undefined;
    if (covering.length > 0) {
      return `${url.href} is not ${this.naming.allowed}: its path holds an encoded / or \\ (%2F or %5C), which the origin may decode and so leave ${covering[0]!.href}`;
    }
    return `${url.href} is not ${this.naming.allowed}: ${this.naming.only} ${this.describe()} (${this.naming.variable})`;
  }

  /** For logs and error messages. */
  describe(): string {
    if (this.off) return `none (${this.naming.off})`;
    return this.any ? "any http(s) URL" : this.prefixes.map((prefix) => prefix.href).join(", ");
  }
}
