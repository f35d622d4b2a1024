/**
 * The steps that draw onto an image (composite, text) carry more than
 * numbers: overlay bytes or URLs, and text. Their per-call limits are
 * checked here before anything queues, and overlay URLs are fetched once the
 * call has its place, as a source URL is.
 */
import { DEFAULT_TEXT_SIZE, type Operation__Output } from "@pixelrpc/proto";

import type { Logger } from "@pixelrpc/service-runtime";
import { checkMarkup, MarkupError } from "../contract/markup.js";
import { overlayBytes } from "../contract/task.js";
import type { CallContext } from "./calls.js";
import type { PendingFetch, SourceFetcher } from "./fetch/fetch-source.js";
import { loggedFetch } from "./image-source.js";
import { RpcError } from "./rpc-error.js";
import type { Pending } from "./worker-pool.js";

export interface DrawLimits {
  readonly maxOverlays: number;
  readonly maxOverlayBytes: number;
  readonly maxTextCharacters: number;
}

const drawing = (operation: Operation__Output): boolean => operation.operation === "composite" || operation.operation === "text";

function bytesProblem(bytes: number, maxOverlayBytes: number): RpcError {
  return RpcError.invalidArgument(`the overlays are ${bytes} bytes together, over this service's limit of ${maxOverlayBytes} bytes a call`);
}

/** Checks the drawing steps of a validated transform against `limits`: how many, their bytes, their texts. */
export function checkDrawing(operations: readonly Operation__Output[], limits: DrawLimits): void {
  const count = operations.filter(drawing).length;
  if (count > limits.maxOverlays) {
    throw RpcError.invalidArgument(
      limits.maxOverlays === 0
        ? "composite and text are turned off on this service (IMAGE_MAX_OVERLAYS=0)"
        : `operations draw ${count} overlays and texts; this service allows at most ${limits.maxOverlays} a call`,
    );
  }
  const bytes = overlayBytes(operations);
  if (bytes > limits.maxOverlayBytes) throw bytesProblem(bytes, limits.maxOverlayBytes);
  for (const [index, { text }] of operations.entries()) {
    if (!text) continue;
    const path = `operations[${index}].text.text`;
    const characters = [...text.text].length;
    if (characters > limits.maxTextCharacters) {
      throw RpcError.invalidArgument(`${path} has ${characters} characters; this service allows at most ${limits.maxTextCharacters}`);
    }
    if (!text.markup) continue;
    try {
      checkMarkup(text.text, text.size || DEFAULT_TEXT_SIZE);
    } catch (error) {
      if (error instanceof MarkupError) throw RpcError.invalidArgument(`${path} is markup that ${error.message}`);
      throw error;
    }
  }
}

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
