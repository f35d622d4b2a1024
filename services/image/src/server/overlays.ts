/**
 * Overlay URLs (composite steps) are fetched once the call has its place, as
 * a source URL is; their bytes then count against the call's limit too.
 */
import type { Operation__Output } from "@pixelrpc/proto";

import type { Logger } from "@pixelrpc/service-runtime";
import type { CallContext } from "./calls.js";
import { bytesProblem, overlayBytes, type DrawLimits } from "./draw-limits.js";
import type { PendingFetch, SourceFetcher } from "./fetch/fetch-source.js";
import { loggedFetch } from "./image-source.js";
import { RpcError } from "./rpc-error.js";
import type { Pending } from "./worker-pool.js";

/**
 * The operations of one call with their overlay URLs fetched: given at once
 * when there are none, else fetched when the task is admitted. One call's
 * steps (every variant of a Variants call) share one fetch of each URL.
 */
export type OverlayLoader = (operations: readonly Operation__Output[]) => Pending<readonly Operation__Output[]>;

export function overlayLoader(fetcher: SourceFetcher, limits: DrawLimits, logger: Logger): (context: CallContext) => OverlayLoader {
  return ({ signal }) => {
    const fetched = new Map<string, Promise<Buffer>>();
    const fetchOnce = (url: string, fetch: PendingFetch): Promise<Buffer> => {
      let pending = fetched.get(url);
      if (!pending) {
        pending = loggedFetch(fetch, signal, logger, "overlay-fetched");
        fetched.set(url, pending);
      }
      return pending;
    };
    return (operations) => {
      // Each URL is checked by the rules now, so that one no replica would fetch fails before the call queues.
      const fetches = operations.map((operation, index) => {
        const composite = operation.composite;
        if (composite?.overlay !== "url") return undefined;
        try {
          return fetcher(composite.url!);
        } catch (error) {
          if (!(error instanceof RpcError)) throw error;
          const path = `operations[${index}].composite`;
          throw new RpcError(error.code, error.message.startsWith("url ") ? `${path}.${error.message}` : `${path}.url: ${error.message}`);
        }
      });
      if (fetches.every((fetch) => fetch === undefined)) return operations;
      return async () => {
        const resolved = await Promise.all(
          operations.map(async (operation, index) => {
            const fetch = fetches[index];
            if (!fetch) return operation;
            const image = await fetchOnce(operation.composite!.url!, fetch);
            return { ...operation, composite: { ...operation.composite!, overlay: "image" as const, image, url: undefined } };
          }),
        );
        const bytes = overlayBytes(resolved);
        if (bytes > limits.maxOverlayBytes) throw bytesProblem(bytes, limits.maxOverlayBytes);
        return resolved;
      };
    };
  };
}
