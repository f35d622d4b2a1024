import type { PendingFetch, SourceFetcher } from "./fetch/fetch-source.js";
import type { Logger } from "@pixelrpc/service-runtime";
import type { CallContext } from "./calls.js";
import type { TaskImage } from "./worker-pool.js";

/** The `oneof source` every request carries. */
export interface SourceFields {
  readonly source?: "image" | "url";
  readonly image?: Buffer;
  readonly url?: string;
}

/**
 * A request's source as a task's image: the bytes it carries, or the fetch
 * of its URL, which the pool starts once the task has its place. A URL the
 * service would never fetch is refused here, before the call queues.
 */
export type SourceLoader = (request: SourceFields, context: CallContext) => TaskImage;

const EMPTY = Buffer.alloc(0);

/** Runs `fetch` and logs what came as `event` (source-fetched, overlay-fetched): the URL after redirects, the bytes, the time. */
export async function loggedFetch(fetch: PendingFetch, signal: AbortSignal, logger: Logger, event: string): Promise<Buffer> {
  const started = performance.now();
  const { url, redirects, image } = await fetch(signal);
  logger.log("info", event, { url, redirects, bytes: image.byteLength, durationMs: Math.round(performance.now() - started) });
  return image;
}

/** Bytes are used as they came; a URL is fetched under the service's source rules (fetch/). */
export function sourceLoader(fetcher: SourceFetcher, logger: Logger): SourceLoader {
  return (request, { signal }) => {
    if (request.source !== "url") return request.image ?? EMPTY;
    const fetch = fetcher(request.url ?? "");
    return () => loggedFetch(fetch, signal, logger, "source-fetched");
  };
}
