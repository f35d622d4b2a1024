/**
 * IMAGE_ALLOWED_SOURCES: which URLs the service may fetch images from.
 * Each entry is an origin ("https://images.example.com"), a prefix of one
 * ("https://cdn.example.com/photos/"), or "*" for any http(s) URL. Entries
 * are normalised through the URL parser, so "HTTPS://Images.Example.com"
 * and "https://images.example.com:443/" are the same entry, and an origin
 * cannot be matched by a look-alike host ("https://images.example.com.evil").
 */
export class AllowedSources {
  private constructor(
    private readonly any: boolean,
    private readonly prefixes: readonly string[],
  ) {}

  /** Parses the entries; returns the problems instead when any entry is not a valid http(s) origin or prefix. */
  static parse(entries: readonly string[]): AllowedSources | { problems: string[] } {
    const problems: string[] = [];
    const prefixes: string[] = [];
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
      prefixes.push(url.href);
    }
    return problems.length > 0 ? { problems } : new AllowedSources(any, prefixes);
  }

  /** True when no source is allowed: URL sources are off. */
  get off(): boolean {
    return !this.any && this.prefixes.length === 0;
  }

  allows(url: URL): boolean {
    return this.any || this.prefixes.some((prefix) => url.href.startsWith(prefix));
  }

  /** For logs and error messages. */
  describe(): string {
    if (this.off) return "none (URL sources are off)";
    return this.any ? "any http(s) URL" : this.prefixes.join(", ");
  }
}
