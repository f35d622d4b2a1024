import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http, { type IncomingMessage, type OutgoingHttpHeaders } from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";

import type { AddressPolicy } from "./address-policy.js";

/** Raised from inside DNS resolution (or for a literal address), so that the connection is never made. */
export class ForbiddenAddress extends Error {
  override readonly name = "ForbiddenAddress";

  constructor(
    readonly host: string,
    readonly reason: string,
  ) {
    super(`${host}: ${reason}`);
  }
}

/** A URL someone else named, as an outbound request may take it: absolute http(s), without credentials. */
export class OutboundUrlError extends Error {
  override readonly name = "OutboundUrlError";
}

/** Parses `text` as a URL an outbound request may go to; `field` names it in the error ("url", "callback_url"). */
export function parseOutboundUrl(text: string, field: string): URL {
  const url = URL.canParse(text) ? new URL(text) : undefined;
  if (!url) throw new OutboundUrlError(`${field} ${JSON.stringify(text.slice(0, 200))} is not a valid absolute URL`);
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new OutboundUrlError(`${field} scheme ${url.protocol} is not supported: use http or https`);
  if (url.username || url.password) throw new OutboundUrlError(`${field} carries credentials (user:password@); they are not supported`);
  return url;
}

/**
 * A DNS lookup that refuses, before any connection, a name that resolves to
 * an address `addresses` refuses. Given to the request as its `lookup`, it
 * is the resolution the socket connects with: a name that resolves
 * differently a second time (DNS rebinding) gains nothing.
 */
export function guardedLookup(addresses: AddressPolicy): LookupFunction {
  return (hostname, lookupOptions, callback) => {
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
}

export interface GuardedRequest {
  readonly method: "GET" | "POST";
  readonly headers: OutgoingHttpHeaders;
  readonly body?: Buffer;
  readonly addresses: AddressPolicy;
  readonly signal: AbortSignal;
}

/**
 * Sends one request to `url` under `addresses` and resolves with the
 * response's head (its body is the caller's to read or destroy). A literal
 * address is checked here, a name in the connection's own lookup. No pooled
 * sockets: each request connects to the address it has just checked, and
 * nothing of it outlives the call. Redirects are the caller's to follow, or
 * not: each must be checked like the first URL.
 */
export function guardedRequest(url: URL, { method, headers, body, addresses, signal }: GuardedRequest): Promise<IncomingMessage> {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host)) {
    const reason = addresses.refusal(host);
    if (reason) return Promise.reject(new ForbiddenAddress(host, reason));
  }
  const transport = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    // The signal is wired by hand because a `signal` option stays attached to the socket.
    const outgoing = transport.request(url, { method, agent: false, lookup: guardedLookup(addresses), headers }, (response) => {
      // Errors reach readers through iteration; this keeps a late one from being unhandled.
      response.on("error", () => undefined);
      resolve(response);
    });
    const onAbort = (): void => void outgoing.destroy(signal.reason as Error);
    if (signal.aborted) onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    outgoing.once("close", () => signal.removeEventListener("abort", onAbort));
    outgoing.on("error", reject);
    outgoing.end(body);
  });
}
