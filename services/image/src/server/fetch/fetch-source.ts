import type { IncomingMessage } from "node:http";

import { status } from "@grpc/grpc-js";
import { ForbiddenAddress, guardedRequest, OutboundUrlError, parseOutboundUrl, type AddressPolicy, type AllowedUrls } from "@pixelrpc/outbound";

import { RpcError } from "../rpc-error.js";

export interface SourceFetcherOptions {
  readonly sources: AllowedUrls;
  readonly addresses: AddressPolicy;
  /** Largest body accepted, in bytes: the service's input limit. */
  readonly maxBytes: number;
  /** Longest a fetch may take, redirects and body included, in milliseconds. */
  readonly timeoutMs: number;
  readonly maxRedirects: number;
}

/** What a fetch brought back. */
export interface FetchedSource {
  readonly image: Buffer;
  /** The URL the image finally came from, after redirects. */
  readonly url: string;
  readonly redirects: number;
}

/** Fetches a source URL; `signal` stops it. */
export type PendingFetch = (signal: AbortSignal) => Promise<FetchedSource>;

/**
 * Checks a URL at once by the rules that need no network (URL sources on,
 * http(s) without credentials, an allowed source), so that a URL no replica
 * would fetch is refused as such and not queued, and returns its fetch for
 * when the call has its place in the queue.
 */
export type SourceFetcher = (url: string) => PendingFetch;

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

const denied = (message: string): RpcError => new RpcError(status.PERMISSION_DENIED, message);

function parseSourceUrl(text: string): URL {
  try {
    return parseOutboundUrl(text, "url");
  } catch (error) {
    if (error instanceof OutboundUrlError) throw RpcError.invalidArgument(error.message);
    throw error;
  }
}

/**
 * Fetches source images from URLs without letting callers reach what they
 * should not (SSRF): only URLs that IMAGE_ALLOWED_SOURCES allows, only
 * public addresses unless IMAGE_ALLOWED_SOURCE_ADDRESSES allows more, every
 * redirect checked again. The address check runs inside the connection's own
 * DNS lookup, so the socket goes to exactly the address that was checked: a
 * name that resolves differently a second time (DNS rebinding) gains nothing.
 * The body is streamed with a byte limit and the whole fetch with a time
 * limit; the type is decided later, from the bytes, never from headers.
 */
export function createSourceFetcher(options: SourceFetcherOptions): SourceFetcher {
  const { sources, addresses, maxBytes, timeoutMs, maxRedirects } = options;

  const request = (url: URL, signal: AbortSignal): Promise<IncomingMessage> =>
    guardedRequest(url, { method: "GET", headers: { accept: "image/*", "user-agent": "pixelrpc-image-service" }, addresses, signal });

  const readBody = async (response: IncomingMessage, url: URL): Promise<Buffer> => {
    const tooLarge = (): RpcError => RpcError.invalidArgument(`the image at ${url.href} is over this service's input limit of ${maxBytes} bytes`);
    const declared = Number(response.headers["content-length"]);
    if (declared > maxBytes) {
      response.destroy();
      throw tooLarge();
    }
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const chunk of response as AsyncIterable<Buffer>) {
      total += chunk.byteLength;
      if (total > maxBytes) {
        response.destroy();
        throw tooLarge();
      }
      chunks.push(chunk);
    }
    if (total === 0) throw RpcError.invalidArgument(`${url.href} answered with an empty body`);
    return Buffer.concat(chunks, total);
  };

  const allowed = (url: URL): URL => {
    const refusal = sources.refusal(url);
    if (refusal) throw denied(refusal);
    return url;
  };

  const fetchFrom = async (first: URL, text: string, signal: AbortSignal): Promise<FetchedSource> => {
    let url = first;
    for (let redirects = 0; ; redirects++) {
      const response = await request(url, signal);
      const { statusCode = 0 } = response;
      if (statusCode === 200) return { image: await readBody(response, url), url: url.href, redirects };
      // Nothing of this body is wanted, and draining it would let a hostile
      // origin stream for as long as it likes: the connection goes at once.
      response.destroy();
      if (REDIRECTS.has(statusCode)) {
        const location = response.headers.location;
        if (!location) throw RpcError.invalidArgument(`${url.href} answered HTTP ${statusCode} without a Location`);
        if (redirects === maxRedirects) {
          throw RpcError.invalidArgument(`${text} redirected more than ${maxRedirects} times (the service's limit)`);
        }
        url = allowed(parseSourceUrl(new URL(location, url).href));
        continue;
      }
      throw httpFailure(statusCode, url);
    }
  };

  return (text) => {
    if (sources.off) {
      throw denied("URL sources are turned off on this service: send the image bytes instead, or set IMAGE_ALLOWED_SOURCES");
    }
    const url = allowed(parseSourceUrl(text));
    return async (signal) => {
      const timeout = AbortSignal.timeout(timeoutMs);
      try {
        return await fetchFrom(url, text, AbortSignal.any([signal, timeout]));
      } catch (error) {
        if (signal.aborted) throw signal.reason;
        if (timeout.aborted) throw RpcError.sourceUnavailable(`fetching ${text} took longer than ${timeoutMs} ms (IMAGE_FETCH_TIMEOUT_MS)`);
        throw networkFailure(error, text);
      }
    };
  };
}

function httpFailure(statusCode: number, url: URL): RpcError {
  const message = `${url.href} answered HTTP ${statusCode}`;
  if (statusCode === 404 || statusCode === 410) return new RpcError(status.NOT_FOUND, message);
  if (statusCode === 401 || statusCode === 403) return denied(message);
  if (statusCode === 408 || statusCode === 429 || statusCode >= 500) return RpcError.sourceUnavailable(message);
  return RpcError.invalidArgument(message);
}

/** The status for an error thrown while connecting or reading. */
function networkFailure(error: unknown, url: string): unknown {
  if (error instanceof RpcError) return error;
  if (error instanceof ForbiddenAddress) {
    return denied(`${url} is refused: ${error.message}; URL sources may reach only public addresses unless IMAGE_ALLOWED_SOURCE_ADDRESSES allows more`);
  }
  const { code, message } = error as NodeJS.ErrnoException;
  if (code === "ENOTFOUND") return new RpcError(status.NOT_FOUND, `fetching ${url}: its host was not found (${message})`);
  return RpcError.sourceUnavailable(`fetching ${url} failed: ${code ?? message}`);
}
