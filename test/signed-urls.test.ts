/**
 * Signed image URLs through the real stack: the gateway checks the
 * signature, the image service fetches the source from an origin on
 * loopback (allowed explicitly for the test), and caching headers work.
 */
import assert from "node:assert/strict";
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";

import { signImageUrl, type SignImageUrlOptions } from "@pixelrpc/client";

import { fixture, startGateway, startStack, type RunningGateway, type Stack } from "@pixelrpc/harness";
import { decode } from "./images.js";

const currentKey = "current-signing-key-0123456789abcdef";
const previousKey = "previous-signing-key-0123456789abcdef";
const apiKey = "an-api-key-for-the-other-routes";
const photo = fixture("320x240.jpg");

let origin: Server;
let originUrl: string;
let originHits = 0;
let stack: Stack;

before(async () => {
  origin = createServer((request, response) => {
    originHits++;
    if (request.url === "/photo.jpg") response.writeHead(200, { "content-type": "image/jpeg" }).end(photo);
    else if (request.url === "/broken.jpg") response.writeHead(503).end();
    else response.writeHead(404).end();
  }).listen(0, "127.0.0.1");
  await once(origin, "listening");
  originUrl = `http://127.0.0.1:${(origin.address() as AddressInfo).port}`;
  // 127.0.0.2 is an allowed source but not an allowed address: the service refuses it before connecting.
  stack = await startStack(
    { IMAGE_ALLOWED_SOURCES: `${originUrl}/,${originUrl.replace("127.0.0.1", "127.0.0.2")}/`, IMAGE_ALLOWED_SOURCE_ADDRESSES: "127.0.0.1/32" },
    { GATEWAY_URL_SIGNING_KEYS: `${currentKey},${previousKey}`, GATEWAY_API_KEYS: apiKey },
  );
});

after(async () => {
  await stack?.stop();
  origin?.closeAllConnections();
  origin?.close();
});

const signed = (overrides: Partial<SignImageUrlOptions> = {}): string =>
  signImageUrl({ baseUrl: stack.gateway.url, source: `${originUrl}/photo.jpg`, options: { width: 160, format: "webp" }, key: currentKey, ...overrides });

async function problem(url: string, status: number, pattern: RegExp): Promise<void> {
  const response = await fetch(url);
  assert.equal(response.status, status);
  assert.equal(response.headers.get("content-type"), "application/problem+json; charset=utf-8");
  assert.equal(response.headers.get("cache-control"), "no-store");
  const body = (await response.json()) as { detail: string; title: string };
  assert.match(`${body.title}: ${body.detail}`, pattern);
}

describe("signed image URLs (GET /v1/images)", () => {
  it("serve the signed transform of the source without an API key, with caching headers", async () => {
    const response = await fetch(signed());
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("content-type"), "image/webp");
    assert.equal(response.headers.get("cache-control"), "public, max-age=86400, immutable");
    assert.match(response.headers.get("etag") ?? "", /^"[\w-]{32}"$/);
    const decoded = await decode(Buffer.from(await response.arrayBuffer()));
    assert.equal(`${decoded.metadata.format} ${decoded.width}x${decoded.height}`, "webp 160x120");
    // The other routes still want the API key.
    assert.equal(
      (await fetch(`${stack.gateway.url}/v1/transform?w=10`, { method: "POST", body: photo, headers: { "content-type": "image/jpeg" } })).status,
      401,
    );
  });

  it("serve a 2x screen with dpr: the sizes doubled, under a signature of their own", async () => {
    const url = signed({ options: { width: 160, format: "webp", dpr: 2 } });
    assert.notEqual(new URL(url).searchParams.get("sig"), new URL(signed()).searchParams.get("sig"));
    const response = await fetch(url);
    assert.equal(response.status, 200, await response.clone().text());
    const decoded = await decode(Buffer.from(await response.arrayBuffer()));
    assert.equal(`${decoded.width}x${decoded.height}`, "320x240");
  });

  it("answer If-None-Match with 304 and no body, without calling the image service or the origin again", async () => {
    const url = signed({ options: { width: 120, format: "png" } });
    const first = await fetch(url);
    const etag = first.headers.get("etag")!;
    await first.arrayBuffer();
    const rpcs = stack.images.logs.filter((entry) => entry.event === "rpc").length;
    const hits = originHits;
    for (const header of [etag, `W/${etag}`, `"other", ${etag}`, "*"]) {
      const response = await fetch(url, { headers: { "if-none-match": header } });
      assert.equal(response.status, 304, header);
      assert.equal(response.headers.get("etag"), etag);
      assert.equal(response.headers.get("cache-control"), "public, max-age=86400, immutable");
      assert.equal((await response.arrayBuffer()).byteLength, 0);
    }
    assert.equal(stack.images.logs.filter((entry) => entry.event === "rpc").length, rpcs, "the image service was called for a 304");
    assert.equal(originHits, hits, "the origin was fetched for a 304");
    const changed = await fetch(url, { headers: { "if-none-match": '"something-else"' } });
    assert.equal(changed.status, 200);
    assert.equal(changed.headers.get("etag"), etag);
    assert.equal((await decode(Buffer.from(await changed.arrayBuffer()))).width, 120);
  });

  it("answer HEAD with the headers only", async () => {
    const response = await fetch(signed(), { method: "HEAD" });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("content-type"), "image/webp");
    const image = await (await fetch(signed())).arrayBuffer();
    assert.equal(response.headers.get("content-length"), String(image.byteLength));
    assert.equal((await response.arrayBuffer()).byteLength, 0);
  });

  it("accept a URL signed with the previous key (rotation), and limit max-age to the expiry", async () => {
    assert.equal((await fetch(signed({ key: previousKey }))).status, 200);
    const soon = await fetch(signed({ expiresAt: Date.now() + 90_000 }));
    assert.equal(soon.status, 200);
    const maxAge = Number(/max-age=(\d+)/.exec(soon.headers.get("cache-control") ?? "")?.[1]);
    assert.ok(maxAge > 80 && maxAge <= 90, `max-age=${maxAge}`);
  });

  it("refuse with 403 a missing, foreign, tampered or expired signature, without fetching the source", async () => {
    const hits = originHits;
    const url = new URL(signed());
    const unsigned = new URL(url);
    unsigned.searchParams.delete("sig");
    await problem(unsigned.href, 403, /sig is missing/);
    await problem(signed({ key: "someone-elses-key-0123456789abcdef" }), 403, /does not match/);
    for (const [name, value] of [
      ["w", "4000"],
      ["url", `${originUrl}/other.jpg`],
      ["format", "png"],
      ["sig", "A".repeat(43)],
    ]) {
      const tampered = new URL(url);
      tampered.searchParams.set(name!, value!);
      await problem(tampered.href, 403, /does not match/);
    }
    const added = new URL(url);
    added.searchParams.set("blur", "30");
    await problem(added.href, 403, /does not match/);
    // A parameter the gateway does not even know is refused as unsigned, not as invalid.
    await problem(`${url.href}&nonsense=1`, 403, /does not match/);
    await problem(signed({ expiresAt: Date.now() - 1000 }), 403, /expired at/);
    assert.equal(originHits, hits, "the origin was reached for a refused URL");
  });

  it("pass on the image service's source rules: 403 for a refused source, 404 for a missing one, 502 for a failing one", async () => {
    await problem(signed({ source: "http://10.0.0.1/photo.jpg" }), 403, /^Source refused: .*not an allowed source/);
    await problem(signed({ source: `${originUrl.replace("127.0.0.1", "127.0.0.2")}/photo.jpg` }), 403, /^Source refused: .*127\.0\.0\.2.*reserved address/);
    await problem(signed({ source: `${originUrl}/missing.jpg` }), 404, /^Source not found: .*answered HTTP 404/);
    await problem(signed({ source: `${originUrl}/broken.jpg` }), 502, /^Source unavailable: .*answered HTTP 503/);
  });
});

describe("a gateway without GATEWAY_URL_SIGNING_KEYS", () => {
  let plain: RunningGateway;
  before(async () => {
    plain = await startGateway(stack.images.address);
  });
  after(() => plain?.stop());

  it("serves no signed URLs, and says how to turn them on", async () => {
    const url = signImageUrl({ baseUrl: plain.url, source: `${originUrl}/photo.jpg`, key: currentKey });
    await problem(url, 404, /set GATEWAY_URL_SIGNING_KEYS/);
  });
});
