import type { SourceFetcher } from "../fetch/fetch-source.js";
import type { Logger } from "../log.js";
import type { CallContext } from "./calls.js";

/** The `oneof source` every request carries. */
export interface SourceFields {
  readonly source?: "image" | "url";
  readonly image?: Buffer;
  readonly url?: string;
}

/** Resolves a request's source to the encoded image bytes. */
export type SourceLoader = (request: SourceFields, context: CallContext) => Promise<Buffer>;

const EMPTY = Buffer.alloc(0);

/** Bytes are used as they came; a URL is fetched under the service's source rules (fetch/). */
export function sourceLoader(fetch: SourceFetcher, logger: Logger): SourceLoader {
  return async (request, { signal }) => {
    if (request.source !== "url") return request.image ?? EMPTY;
    const started = performance.now();
    const fetched = await fetch(request.url ?? "", signal);
    logger.log("info", "source-fetched", {
      url: fetched.url,
      redirects: fetched.redirects,
      bytes: fetched.image.byteLength,
      durationMs: Math.round(performance.now() - started),
    });
    return fetched.image;
  };
}
