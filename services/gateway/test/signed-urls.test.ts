import assert from "node:assert/strict";
import { after, describe, it } from "node:test";

import { ImageServiceError, Metadata, signImageUrl, Status, type ImageClient, type ImageUrlOptions, type TransformStreamRequest } from "@pixelrpc/client";

import { buildGateway } from "../src/app.js";
import { loadGatewayConfig } from "../src/config.js";
import { matchesIfNoneMatch } from "../src/http-cache.js";
import { MemoryJobStore } from "../src/jobs/store.js";
import { GatewayMetrics } from "../src/metrics.js";
import { secondsUntilExpiry, verifySignedImageQuery } from "../src/signed-urls.js";
import type { TransformQuery } from "../src/transform-query.js";

/** The output options a compact form without animation or GIF options leaves at their proto defaults. */
const STILL_OUTPUT = { delaysMs: [], colors: 0, minSize: false, mixed: false, maxBytes: 0 };

const current = "c".repeat(32);
const previous = "p".repeat(32);
const now = Date.UTC(2026, 10, 24);
const query = (url: string): URLSearchParams => new URL(url).searchParams;
const sign = (key: string, extra: Partial<Parameters<typeof signImageUrl>[0]> = {}): URLSearchParams =>
  query(signImageUrl({ baseUrl: "https://gateway", source: "https://origin/photo.jpg", options: { width: 300, format: "webp" }, key, ...extra }));

function forbidden(parameters: URLSearchParams, pattern: RegExp, keys = [current]): void {
  assert.throws(
    () => verifySignedImageQuery(parameters, keys, now),
    (error: { status: number; message: string }) => {
      assert.equal(error.status, 403);
      assert.match(error.message, pattern);
      return true;
    },
  );
}

describe("verifySignedImageQuery", () => {
  it("accepts a URL signed with any configured key (rotation)", () => {
    verifySignedImageQuery(sign(current), [current, previous], now);
    verifySignedImageQuery(sign(previous), [current, previous], now);
  });

  it("refuses a missing signature, a signature from another key, and any changed or added parameter", () => {
    const signed = sign(current);
    const unsigned = new URLSearchParams(signed);
    unsigned.delete("sig");
    forbidden(unsigned, /not signed: sig is missing/);
    forbidden(sign(previous), /does not match/);
    for (const [name, value] of [
      ["w", "3000"],
      ["url", "https://origin/other.jpg"],
      ["blur", "5"],
    ] as const) {
      const tampered = new URLSearchParams(signed);
      tampered.set(name, value);
      forbidden(tampered, /does not match/);
    }
    const duplicated = new URLSearchParams(signed);
    duplicated.append("w", "300");
    forbidden(duplicated, /does not match/);
  });

  it("refuses other spellings of a valid signature: padding, stray characters, a second sig", () => {
    const signed = sign(current);
    const sig = signed.get("sig")!;
    for (const variant of [`${sig}=`, `${sig}!`, ` ${sig}`, sig.replace(/-/g, "+").replace(/_/g, "/"), "not-a-signature", ""]) {
      if (variant === sig) continue;
      const spelt = new URLSearchParams(signed);
      spelt.set("sig", variant);
      forbidden(spelt, /does not match/);
    }
    const twice = new URLSearchParams(signed);
    twice.append("sig", sig);
    forbidden(twice, /does not match/);
  });

  it("refuses a URL past its expiry, and a moved expiry", () => {
    const expiring = sign(current, { expiresAt: now + 60_000 });
    verifySignedImageQuery(expiring, [current], now);
    assert.equal(secondsUntilExpiry(Number(expiring.get("exp")), now), 60);
    assert.throws(() => verifySignedImageQuery(expiring, [current], now + 60_000), /this URL expired at 2026-11-24T00:01:00\.000Z/);
    const extended = new URLSearchParams(expiring);
    extended.set("exp", String(now / 1000 + 3600));
    forbidden(extended, /does not match/);
  });
});

describe("matchesIfNoneMatch", () => {
  it("matches *, any tag of a list, and weak forms of the tag", () => {
    assert.ok(matchesIfNoneMatch('"abc"', '"abc"'));
    assert.ok(matchesIfNoneMatch('"x", W/"abc"', '"abc"'));
    assert.ok(matchesIfNoneMatch("*", '"abc"'));
    assert.ok(!matchesIfNoneMatch('"abcd"', '"abc"'));
    assert.ok(!matchesIfNoneMatch(undefined, '"abc"'));
  });
});

/** An image client that records its calls and answers TransformStream with `outcome`. */
function stubClient(outcome: Error | { format: string; bytes: Buffer } = { format: "FORMAT_WEBP", bytes: Buffer.from("webp bytes") }) {
  const calls: TransformStreamRequest[] = [];
  const client = {
    async *transformStream(request: TransformStreamRequest) {
      calls.push(request);
      if (outcome instanceof Error) throw outcome;
      yield { progress: { stage: "STAGE_STARTED" } };
      yield { info: { format: outcome.format, width: 300, height: 200, sizeBytes: outcome.bytes.byteLength } };
      yield { chunk: outcome.bytes.subarray(0, 4) };
      yield { chunk: outcome.bytes.subarray(4) };
    },
    async health() {
      return "SERVING";
    },
    close() {},
  } as unknown as ImageClient;
  return { client, calls };
}

function gateway(client: ImageClient, env: Record<string, string> = {}) {
  const config = loadGatewayConfig({ GATEWAY_URL_SIGNING_KEYS: `${current},${previous}`, GATEWAY_API_KEYS: "an-api-key-for-other-routes", ...env });
  const store = new MemoryJobStore({ ttlMs: 60_000, jobTimeoutMs: 60_000, maxJobs: 10, maxBytes: 1 << 20 });
  const metrics = new GatewayMetrics(store);
  const app = buildGateway(config, { client, store, metrics });
  after(() => app.close());
  return Object.assign(app, { metrics });
}

const path = (options: ImageUrlOptions = { width: 300, format: "webp" }, extra: Partial<Parameters<typeof signImageUrl>[0]> = {}): string => {
  const url = new URL(signImageUrl({ baseUrl: "http://gateway", source: "https://origin/photo.jpg", options, key: current, ...extra }));
  return url.pathname + url.search;
};

describe("GET /v1/images", () => {
  it("passes the source URL and the options to the image service, and answers the image with caching headers, without an API key", async () => {
    const { client, calls } = stubClient();
    const app = gateway(client, { GATEWAY_IMAGE_MAX_AGE_S: "600" });
    const response = await app.inject({ method: "GET", url: path() });
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.body, "webp bytes");
    assert.equal(response.headers["content-type"], "image/webp");
    assert.equal(response.headers["content-length"], "10");
    assert.equal(response.headers["cache-control"], "public, max-age=600, immutable");
    assert.match(String(response.headers.etag), /^"[\w-]{32}"$/);
    assert.equal(response.headers.vary, undefined);
    assert.deepEqual(calls, [
      {
        url: "https://origin/photo.jpg",
        operations: [{ resize: { width: 300, height: 0, fit: "FIT_COVER", position: "POSITION_CENTER", withoutEnlargement: false, background: "" } }],
        output: { format: "FORMAT_WEBP", quality: 0, lossless: false, progressive: false, keepMetadata: false, ...STILL_OUTPUT },
        input: { animated: false },
      },
    ]);
  });

  it("understands every option signImageUrl can sign (one vocabulary for signer and gateway)", async () => {
    const { client, calls } = stubClient();
    const app = gateway(client);
    const options: Required<ImageUrlOptions> = {
      width: 10,
      height: 20,
      fit: "contain",
      position: "left-top",
      background: "#ffffff00",
      withoutEnlargement: true,
      trim: 3,
      extract: { left: 1, top: 2, width: 30, height: 40 },
      rotate: 90,
      flip: true,
      flop: true,
      radius: 8,
      circle: false,
      flatten: "#000",
      grayscale: true,
      blur: 0.5,
      sharpen: 1,
      format: "png",
      quality: 80,
      lossless: true,
      progressive: true,
      effort: 6,
      keepMetadata: true,
      loop: 0,
      delaysMs: 50,
      colors: 16,
      dither: 0.5,
      minSize: true,
      mixed: true,
      maxBytes: 50000,
      animated: true,
      gamma: 2.2,
      median: 3,
      normalize: true,
      normalizeLower: 2,
      normalizeUpper: 98,
      claheWidth: 8,
      claheHeight: 8,
      claheSlope: 3,
      linear: 1.1,
      linearOffset: 5,
      brightness: 1.1,
      saturation: 0.9,
      hue: 10,
      lightness: 2,
      tint: "#704214",
      negate: true,
      negateAlpha: false,
      threshold: 100,
      thresholdColor: false,
      pixelate: 4,
      overlay: "https://origin/logo.png",
      overlayPosition: "right-bottom",
      overlayX: 16,
      overlayY: 16,
      overlayTile: false,
      overlayOpacity: 0.5,
      overlayBlend: "multiply",
      overlayWidth: 0.12,
      overlayHeight: 0,
      text: "hi",
      textFont: "serif",
      textSize: 20,
      textBold: true,
      textItalic: false,
      textColor: "#ffffff",
      textPosition: "left-top",
      textX: 4,
      textY: 4,
      textWrap: 100,
      textAlign: "center",
      textJustify: false,
      textOpacity: 1,
      textMarkup: false,
      dpr: 1,
      preset: "thumbnail",
    };
    const response = await app.inject({ method: "GET", url: path(options) });
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(calls[0]!.preset, "thumbnail");
    assert.deepEqual(
      calls[0]!.operations!.map((operation) => Object.keys(operation)[0]),
      [
        ...["trim", "extract", "gamma", "resize", "rotate", "flip", "flop", "roundCorners", "flatten", "grayscale", "median", "blur", "sharpen"],
        ...["normalize", "clahe", "linear", "modulate", "tint", "negate", "threshold", "pixelate", "composite", "text"],
      ],
    );
    assert.deepEqual(calls[0]!.output, {
      format: "FORMAT_PNG",
      quality: 80,
      lossless: true,
      progressive: true,
      effort: 6,
      keepMetadata: true,
      loop: 0,
      delaysMs: [50],
      colors: 16,
      dither: 0.5,
      minSize: true,
      mixed: true,
      maxBytes: 50000,
    });
    assert.deepEqual(calls[0]!.input, { animated: true });
  });

  it("answers If-None-Match with 304 and the same headers, without calling the image service", async () => {
    const { client, calls } = stubClient();
    const app = gateway(client);
    const first = await app.inject({ method: "GET", url: path() });
    const etag = String(first.headers.etag);
    for (const header of [etag, `W/${etag}`, `"other", ${etag}`, "*"]) {
      const response = await app.inject({ method: "GET", url: path(), headers: { "if-none-match": header } });
      assert.equal(response.statusCode, 304, header);
      assert.equal(response.body, "");
      assert.equal(response.headers.etag, etag);
      assert.equal(response.headers["cache-control"], first.headers["cache-control"]);
    }
    assert.equal(calls.length, 1);
    // Another transform of the same source is another entity.
    const other = await app.inject({ method: "GET", url: path({ width: 301, format: "webp" }), headers: { "if-none-match": etag } });
    assert.equal(other.statusCode, 200);
    assert.notEqual(other.headers.etag, etag);
  });

  it("negotiates format=auto from Accept, with Vary: Accept and an ETag per format", async () => {
    const { client, calls } = stubClient();
    const app = gateway(client);
    const url = path({ width: 300, format: "auto" });
    const avif = await app.inject({ method: "GET", url, headers: { accept: "image/avif,image/webp,*/*" } });
    const jpeg = await app.inject({ method: "GET", url, headers: { accept: "image/png" } });
    assert.deepEqual(
      calls.map((call) => call.output!.format),
      ["FORMAT_AVIF", "FORMAT_JPEG"],
    );
    assert.equal(avif.headers.vary, "Accept");
    assert.notEqual(avif.headers.etag, jpeg.headers.etag);
    const revalidated = await app.inject({ method: "GET", url, headers: { accept: "image/png", "if-none-match": String(avif.headers.etag) } });
    assert.equal(revalidated.statusCode, 200);
  });

  it("caps max-age at the expiry", async () => {
    const app = gateway(stubClient().client);
    const response = await app.inject({ method: "GET", url: path(undefined, { expiresAt: Date.now() + 90_000 }) });
    const maxAge = Number(/max-age=(\d+)/.exec(String(response.headers["cache-control"]))?.[1]);
    assert.ok(maxAge > 85 && maxAge <= 90, `max-age=${maxAge}`);
  });

  it("answers HEAD with the image's headers and no body", async () => {
    const app = gateway(stubClient().client);
    const response = await app.inject({ method: "HEAD", url: path() });
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers["content-type"], "image/webp");
    assert.equal(response.headers["content-length"], "10");
    assert.equal(response.body, "");
    // The call ended early on purpose: counted as cancelled, and no longer in flight.
    const metrics = await app.metrics.registry.metrics();
    assert.match(metrics, /pixelrpc_gateway_upstream_calls_in_flight\{method="TransformStream"\} 0/);
    assert.match(metrics, /pixelrpc_gateway_upstream_call_duration_seconds_count\{method="TransformStream",code="CANCELLED"\} 1/);
  });

  it("checks the signature before the parameters: an unknown or invalid parameter added to a signed URL is 403, not 400", async () => {
    const { client, calls } = stubClient();
    const app = gateway(client);
    for (const extra of ["&nonsense=1", "&w=abc", "&w=300"]) {
      const response = await app.inject({ method: "GET", url: path() + extra });
      assert.equal(response.statusCode, 403, extra);
      assert.equal(response.headers["cache-control"], "no-store");
      assert.deepEqual(JSON.parse(response.body), { type: "about:blank", title: "Forbidden", status: 403, detail: "the signature does not match this URL" });
    }
    const signedInvalid = await app.inject({ method: "GET", url: path({ width: -1 } as ImageUrlOptions) });
    assert.equal(signedInvalid.statusCode, 400);
    assert.equal(calls.length, 0);
  });

  it("uses the parameters exactly as signed, whatever another query parser would make of them", async () => {
    const { client, calls } = stubClient();
    const app = gateway(client);
    // URLSearchParams reads the malformed UTF-8 as U+FFFD, Fastify's parser leaves it encoded: the signed reading wins.
    const signed = path(undefined, { source: "https://origin/\uFFFD.jpg" });
    const response = await app.inject({ method: "GET", url: signed.replace(encodeURIComponent("\uFFFD"), "%C3") });
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(calls[0]!.url, "https://origin/\uFFFD.jpg");
  });

  it("turns the image service's source errors into problems: 403, 404, 502; errors are not cached", async () => {
    // As the image service sends a source's failure: with gRPC server pushback refusing automatic retries.
    const noRetry = new Metadata();
    noRetry.set("grpc-retry-pushback-ms", "-1");
    const sourceDown = (details: string): ImageServiceError => new ImageServiceError(Status.UNAVAILABLE, details, { metadata: noRetry });
    const cases: [ImageServiceError, number, string][] = [
      [new ImageServiceError(Status.PERMISSION_DENIED, "http://10.0.0.1/a.jpg is refused: ..."), 403, "Source refused"],
      [new ImageServiceError(Status.NOT_FOUND, "https://origin/photo.jpg answered HTTP 404"), 404, "Source not found"],
      [sourceDown("https://origin/photo.jpg answered HTTP 503"), 502, "Source unavailable"],
      [sourceDown("fetching https://origin/photo.jpg failed: ECONNREFUSED"), 502, "Source unavailable"],
      [sourceDown("fetching https://origin/photo.jpg took longer than 10000 ms (IMAGE_FETCH_TIMEOUT_MS)"), 502, "Source unavailable"],
      [new ImageServiceError(Status.UNAVAILABLE, "the service is shutting down: retry, another replica will answer"), 503, "Image service unavailable"],
    ];
    for (const [error, status, title] of cases) {
      const app = gateway(stubClient(error).client);
      const response = await app.inject({ method: "GET", url: path() });
      assert.equal(response.statusCode, status, error.details);
      assert.equal(response.headers["content-type"], "application/problem+json; charset=utf-8");
      assert.equal(response.headers["cache-control"], "no-store");
      assert.equal(response.headers.etag, undefined);
      assert.deepEqual(JSON.parse(response.body), { type: "about:blank", title, status, detail: error.details });
    }
  });

  it("is off without GATEWAY_URL_SIGNING_KEYS, saying so, unlike a route that does not exist", async () => {
    const { client, calls } = stubClient();
    const app = gateway(client, { GATEWAY_URL_SIGNING_KEYS: "" });
    const off = await app.inject({ method: "GET", url: path() });
    assert.equal(off.statusCode, 404);
    assert.match(JSON.parse(off.body).title, /^Signed URLs are off$/);
    assert.equal(calls.length, 0);
    const missing = await app.inject({ method: "GET", url: "/v2/images", headers: { authorization: "Bearer an-api-key-for-other-routes" } });
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.headers["content-type"], "application/problem+json; charset=utf-8");
    assert.deepEqual(JSON.parse(missing.body), { type: "about:blank", title: "Not Found", status: 404, detail: 'there is no route GET "/v2/images"' });
  });
});

// The signer's vocabulary must be the gateway's: a type error here means signImageUrl can sign what the gateway refuses.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const vocabulary: [
  Same<ImageUrlOptions["fit"], TransformQuery["fit"]>,
  Same<ImageUrlOptions["position"], TransformQuery["position"]>,
  Same<ImageUrlOptions["format"], TransformQuery["format"]>,
] = [true, true, true];
void vocabulary;
