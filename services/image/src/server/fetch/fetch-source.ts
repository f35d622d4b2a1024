import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";

import { status } from "@grpc/grpc-js";

import { RpcError } from "../rpc-error.js";
import type { AddressPolicy } from "./address-policy.js";
import type { AllowedSources } from "./allowed-sources.js";

export interface SourceFetcherOptions {
  readonly sources: AllowedSources;
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

/** Raised from inside DNS resolution, so that the connection is never made. */
class ForbiddenAddress extends Error {
  constructor(
    readonly host: string,
    readonly reason: string,
  ) {
    super(`${host}: ${reason}`);
  }
}

const denied = (message: string): RpcError => new RpcError(status.PERMISSION_DENIED, message);

function parseSourceUrl(text: string): URL {
  const url = URL.canParse(text) ? new URL(text) : undefined;
  if (!url) throw RpcError.invalidArgument(`url ${JSON.stringify(text.slice(0, 200))} is not a valid absolute URL`);
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw RpcError.invalidArgument(`url scheme ${url.protocol} is not supported: use http or https`);
  }
  if (url.username || url.password) throw RpcError.invalidArgument("url carries credentials (user:password@); they are not supported");
  return url;
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

  const guardedLookup: LookupFunction = (hostname, lookupOptions, callback) => {
    dnsLookup(hostname, { ...lookupOptions, all: true }, (error, found: LookupAddress[]) => {
      if (error) return callback(error, "", 0);
      for (const { address } of found) {
        const reason = addresses.refusal(address);
        if (reason) return callback(new ForbiddenAddress(hostname, `resolves to ${reason}`), "", 0);
      }
      // grpc-js-style callers ask for one address, net's happy eyeballs for all of them.
      if (lookupOptions.all) return (callback as unknown as (error: null, all: LookupAddress[]) => void)(null, found);
      callback(null, found[0]!.address, found[0]!.family);
    });
  };

  const request = (url: URL, signal: AbortSignal): Promise<IncomingMessage> => {
    const host = url.hostname.replace(/^\[|\]$/g, "");
    if (isIP(host)) {
      const reason = addresses.refusal(host);
      if (reason) throw new ForbiddenAddress(host, reason);
    }
    const transport = url.protocol === "https:" ? https : http;
    return new Promise((resolve, reject) => {
      // No pooled sockets: each fetch connects to the address it has just
      // checked, and nothing of it outlives the call. The signal is wired by
      // hand because a `signal` option stays attached to the socket.
      const outgoing = transport.get(
        url,
        { agent: false, lookup: guardedLookup, headers: { accept: "image/*", "user-agent": "pixelrpc-image-service" } },
        (response) => {
          // Errors reach readers through iteration; this keeps a late one from being unhandled.
          response.on("error", () => undefined);
          resolve(response);
        },
      );
      const onAbort = (): void => void outgoing.destroy(signal.reason as Error);
      signal.addEventListener("abort", onAbort, { once: true });
      outgoing.once("close", () => signal.removeEventListener("abort", onAbort));
      outgoing.on("error", reject);
    });
  };

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
