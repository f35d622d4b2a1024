/**
 * The gateway's result cache against real processes: a file cache on disk
 * and a Redis that two gateways share, single-flight counted in the image
 * service's own metrics, Cache-Status (RFC 9211), the LRU bound, a cache
 * whose disk fails, restarts, and the operators' purge route.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";

import { signImageUrl, type ImageUrlOptions } from "@pixelrpc/client";

import {
  redisUnavailable,
  scrapeMetrics,
  startFixtureOrigin,
  startGateway,
  startImageService,
  startRedis,
  type FixtureOrigin,
  type RunningGateway,
  type RunningRedis,
  type RunningService,
} from "@pixelrpc/harness";
import { decode } from "./images.js";

const signingKey = "cache-signing-key-0123456789abcdef";
const apiKey = "cache-api-key-0123456789";
const adminKey = "cache-admin-key-0123456789";

let origin: FixtureOrigin;
let service: RunningService;
let imageMetrics: string;

before(async () => {
  origin = await startFixtureOrigin();
  service = await startImageService({ IMAGE_METRICS_ADDR: "127.0.0.1:0", ...origin.env });
  imageMetrics = `http://${String(service.logs.find((entry) => entry.event === "listening")!.metricsAddress)}/metrics`;
});

after(async () => {
  await service?.stop();
  await origin?.close();
});

/** TransformStream calls the image service has answered OK: each is one result made. */
async function resultsMade(): Promise<number> {
  return (await scrapeMetrics(imageMetrics))('pixelrpc_image_rpc_duration_seconds_count{method="TransformStream",code="OK"}');
}

const cacheDirectory = (): string => mkdtempSync(join(tmpdir(), "pixelrpc-cache-"));

function gatewayWith(env: Record<string, string>): Promise<RunningGateway> {
  return startGateway(service.address, {
    GATEWAY_URL_SIGNING_KEYS: signingKey,
    GATEWAY_API_KEYS: apiKey,
    GATEWAY_ADMIN_KEYS: adminKey,
    GATEWAY_METRICS_ADDR: "127.0.0.1:0",
    ...env,
  });
}

const signed = (gateway: RunningGateway, options: ImageUrlOptions, fixtureName = "320x240.jpg"): string =>
  signImageUrl({ baseUrl: gateway.url, source: `${origin.url}/${fixtureName}`, options, key: signingKey });

interface Answer {
  readonly status: number;
  readonly cacheStatus: string | null;
  readonly headers: Headers;
  readonly body: Buffer;
}

async function get(url: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(url, init);
  return {
    status: response.status,
    cacheStatus: response.headers.get("cache-status"),
    headers: response.headers,
    body: Buffer.from(await response.arrayBuffer()),
  };
}

/** 20 identical requests at once, half to each of `gateways` when there are two. */
async function burst(urls: readonly string[]): Promise<Answer[]> {
  return Promise.all(Array.from({ length: 20 }, (_, index) => get(urls[index % urls.length]!)));
}

const STORED = "pixelrpc; fwd=miss; stored";
const COLLAPSED = "pixelrpc; fwd=miss; collapsed";
const HIT = /^pixelrpc; hit; ttl=\d+$/;

describe("a file cache", () => {
  let directory: string;
  let gateway: RunningGateway;

  before(async () => {
    directory = cacheDirectory();
    gateway = await gatewayWith({ GATEWAY_CACHE: `file://${directory}`, GATEWAY_CACHE_TTL_S: "600" });
  });
  after(() => gateway?.stop());

  it("serves a signed image from the cache the second time: the same bytes and headers, Cache-Status hit", async () => {
    const url = signed(gateway, { width: 160, format: "webp" });
    const made = await resultsMade();
    const first = await get(url);
    const second = await get(url);
    assert.equal(first.status, 200);
    assert.equal(first.cacheStatus, STORED);
    assert.equal(second.status, 200);
    assert.match(second.cacheStatus!, HIT);
    assert.ok(Number(/ttl=(\d+)/.exec(second.cacheStatus!)![1]) <= 600, "Number(/ttl=(\\d+)/.exec(second.cacheStatus!)![1]) <= 600");
    assert.deepEqual(second.body, first.body);
    for (const header of ["content-type", "content-length", "etag", "cache-control", "x-image-width", "x-image-height", "x-image-quality"]) {
      assert.equal(second.headers.get(header), first.headers.get(header), header);
    }
    assert.match(second.headers.get("server-timing")!, /^cache;desc=hit;dur=[\d.]+$/);
    const decoded = await decode(second.body);
    assert.deepEqual([decoded.metadata.format, decoded.width, decoded.height], ["webp", 160, 120]);
    assert.equal((await resultsMade()) - made, 1, "one call for two requests");
  });

  it("makes a result once for 20 identical requests at once: one upstream call in the image service's metrics", async () => {
    const url = signed(gateway, { width: 200, format: "png" });
    const made = await resultsMade();
    const answers = await burst([url]);
    assert.equal((await resultsMade()) - made, 1);
    assert.ok(
      answers.every((answer) => answer.status === 200),
      answers.map((answer) => answer.status).join(","),
    );
    assert.equal(answers.filter((answer) => answer.cacheStatus === STORED).length, 1);
    assert.ok(
      answers.every((answer) => answer.cacheStatus === STORED || answer.cacheStatus === COLLAPSED || HIT.test(answer.cacheStatus ?? "")),
      'answers.every((answer) => answer.cacheStatus === STORED || answer.cacheStatus === COLLAPSED || HIT.test(answer.cacheStatus ?? ""))',
    );
    assert.ok(
      answers.every((answer) => answer.body.equals(answers[0]!.body)),
      "answers.every((answer) => answer.body.equals(answers[0]!.body))",
    );
    const metrics = await scrapeMetrics(gateway.metricsUrl!);
    assert.ok(
      metrics('pixelrpc_gateway_cache_requests_total{result="collapsed"}') >= 1,
      "metrics('pixelrpc_gateway_cache_requests_total{result=\"collapsed\"}') >= 1",
    );
  });

  it("keys POST /v1/transform by the body's bytes, the options and the negotiated format", async () => {
    const post = (body: Buffer, query: string, accept = "*/*") =>
      get(`${gateway.url}/v1/transform?${query}`, {
        method: "POST",
        headers: { authorization: `Bearer ${apiKey}`, "content-type": "image/jpeg", accept },
        body,
      });
    const photo = await (await fetch(`${origin.url}/320x240.jpg`)).arrayBuffer().then(Buffer.from);
    const other = await (await fetch(`${origin.url}/2569067123_aca715a2ee_o.jpg`)).arrayBuffer().then(Buffer.from);
    assert.equal((await post(photo, "w=100&format=auto", "image/webp")).cacheStatus, STORED);
    const again = await post(photo, "w=100&format=auto", "image/webp");
    assert.match(again.cacheStatus!, HIT);
    assert.equal(again.headers.get("content-type"), "image/webp");
    // Another Accept negotiates another format: another result.
    const avif = await post(photo, "w=100&format=auto", "image/avif,image/webp");
    assert.equal(avif.cacheStatus, STORED);
    assert.equal(avif.headers.get("content-type"), "image/avif");
    assert.equal((await post(photo, "w=101&format=auto", "image/webp")).cacheStatus, STORED);
    assert.equal((await post(other, "w=100&format=auto", "image/webp")).cacheStatus, STORED);
  });

  it("answers HEAD from the cache with the image's length and no body", async () => {
    const url = signed(gateway, { width: 160, format: "webp" });
    const full = await get(url);
    const head = await get(url, { method: "HEAD" });
    assert.equal(head.status, 200);
    assert.match(head.cacheStatus!, HIT);
    assert.equal(head.headers.get("content-length"), String(full.body.byteLength));
    assert.equal(head.body.byteLength, 0);
  });

  it("keeps failures out of the cache: a missing source is 404 each time, and asked for each time", async () => {
    const url = signed(gateway, { width: 160 }, "missing.jpg");
    for (let round = 0; round < 2; round++) {
      const answer = await get(url);
      assert.equal(answer.status, 404);
      assert.equal(answer.cacheStatus, null);
    }
    assert.equal(origin.requests.filter((path) => path === "missing.jpg").length, 2);
  });

  it("answers If-None-Match with 304 before looking in the cache", async () => {
    const url = signed(gateway, { width: 160, format: "webp" });
    const etag = (await get(url)).headers.get("etag")!;
    const revalidated = await get(url, { headers: { "if-none-match": etag } });
    assert.equal(revalidated.status, 304);
    assert.equal(revalidated.cacheStatus, null);
  });

  it("survives a restart: a new gateway on the same directory serves what the last one stored", async () => {
    const url = signed(gateway, { width: 120, format: "jpeg" });
    assert.equal((await get(url)).cacheStatus, STORED);
    const next = await gatewayWith({ GATEWAY_CACHE: `file://${directory}` });
    try {
      const made = await resultsMade();
      const answer = await get(url.replace(gateway.url, next.url));
      assert.match(answer.cacheStatus!, HIT);
      assert.equal((await resultsMade()) - made, 0);
      const metrics = await scrapeMetrics(next.metricsUrl!);
      assert.ok(metrics("pixelrpc_gateway_cache_entries") >= 5, "it found the entries already on disk");
    } finally {
      await next.stop();
    }
  });
});

describe("a file cache's bound and failures", () => {
  it("drops the least recently used entry first, and stays within max_bytes", async () => {
    const gateway = await gatewayWith({ GATEWAY_CACHE: `file://${cacheDirectory()}?max_bytes=1048576` });
    try {
      // Three PNGs of the photo of about 400 KB each: two fit in 1 MiB, three do not.
      const [a, b, c] = [450, 451, 452].map((width) => signed(gateway, { width, format: "png" }, "2569067123_aca715a2ee_o.jpg"));
      const first = await get(a!);
      assert.equal(first.cacheStatus, STORED);
      assert.ok(first.body.byteLength > 360_000 && first.body.byteLength < 520_000, `an entry of ${first.body.byteLength} bytes fits the test's arithmetic`);
      assert.equal((await get(b!)).cacheStatus, STORED);
      // a is used again, so b is now the least recently used.
      assert.match((await get(a!)).cacheStatus!, HIT);
      assert.equal((await get(c!)).cacheStatus, STORED);
      assert.match((await get(a!)).cacheStatus!, HIT);
      assert.match((await get(c!)).cacheStatus!, HIT);
      assert.equal((await get(b!)).cacheStatus, STORED, "b was evicted");
      const metrics = await scrapeMetrics(gateway.metricsUrl!);
      assert.ok(metrics("pixelrpc_gateway_cache_bytes") <= 1024 * 1024, 'metrics("pixelrpc_gateway_cache_bytes") <= 1024 * 1024');
      assert.ok(metrics("pixelrpc_gateway_cache_evictions") >= 2, 'metrics("pixelrpc_gateway_cache_evictions") >= 2');
    } finally {
      await gateway.stop();
    }
  });

  it("serves results it cannot keep: larger than GATEWAY_CACHE_MAX_ENTRY_BYTES, or when the disk fails", async () => {
    const directory = cacheDirectory();
    const gateway = await gatewayWith({ GATEWAY_CACHE: `file://${directory}`, GATEWAY_CACHE_MAX_ENTRY_BYTES: "4096" });
    try {
      const large = await get(signed(gateway, { width: 300, format: "png" }));
      assert.equal(large.status, 200);
      assert.equal(large.cacheStatus, "pixelrpc; fwd=miss; detail=not-stored");
      const small = signed(gateway, { width: 16, format: "webp" });
      assert.equal((await get(small)).cacheStatus, STORED);
      // The directory goes and a file takes its name: every read and write now fails.
      rmSync(directory, { recursive: true });
      writeFileSync(directory, "not a directory");
      const failing = await get(signed(gateway, { width: 17, format: "webp" }));
      assert.equal(failing.status, 200);
      assert.equal(failing.cacheStatus, "pixelrpc; fwd=miss; detail=not-stored");
      assert.equal((await decode(failing.body)).width, 17);
      const metrics = await scrapeMetrics(gateway.metricsUrl!);
      assert.ok(
        metrics('pixelrpc_gateway_cache_errors_total{operation="write"}') >= 1,
        "metrics('pixelrpc_gateway_cache_errors_total{operation=\"write\"}') >= 1",
      );
      assert.ok(
        gateway.logs.some((entry) => entry.event === "cache_error" && entry.operation === "write"),
        'gateway.logs.some((entry) => entry.event === "cache_error" && entry.operation === "write")',
      );
    } finally {
      await gateway.stop();
    }
  });
});

describe("the purge route", () => {
  let gateway: RunningGateway;
  before(async () => {
    gateway = await gatewayWith({ GATEWAY_CACHE: `file://${cacheDirectory()}` });
  });
  after(() => gateway?.stop());

  const purge = (query = "", authorization: string | null = `Bearer ${adminKey}`, path = "/v1/cache") =>
    fetch(`${gateway.url}${path}${query}`, { method: "DELETE", headers: authorization === null ? {} : { authorization } });

  const refusals: [what: string, path: string, query: string, authorization: string | null, status: number, detail: RegExp][] = [
    ["no key", "/v1/cache", "", null, 401, /^send Authorization: Bearer <key>$/],
    ["an API key, which is not an admin key", "/v1/cache", "", `Bearer ${apiKey}`, 401, /^the API key is not valid$/],
    ["a wrong key", "/v1/cache", "", "Bearer not-the-admin-key-at-all", 401, /^the API key is not valid$/],
    ["another scheme", "/v1/cache", "", `Basic ${Buffer.from(`admin:${adminKey}`).toString("base64")}`, 401, /^send Authorization/],
    ["an encoded path and no key", "/v1/%63ache", "", null, 401, /^send Authorization/],
    ["an unknown parameter", "/v1/cache", "?source=x", `Bearer ${adminKey}`, 400, /^unknown parameter "source"/],
    ["a url that is not http(s)", "/v1/cache", "?url=file%3A%2F%2F%2Fetc%2Fpasswd", `Bearer ${adminKey}`, 400, /^url must be a source image's http\(s\) URL/],
    ["url twice", "/v1/cache", "?url=http%3A%2F%2Fa%2Fb&url=http%3A%2F%2Fa%2Fc", `Bearer ${adminKey}`, 400, /^url is given more than once$/],
  ];
  for (const [what, path, query, authorization, status, detail] of refusals) {
    it(`refuses ${what}: ${status}, purging nothing`, async () => {
      const url = signed(gateway, { width: 90, format: "webp" });
      await get(url);
      const response = await purge(query, authorization, path);
      assert.equal(response.status, status);
      assert.equal(response.headers.get("content-type"), "application/problem+json; charset=utf-8");
      assert.match(((await response.json()) as { detail: string }).detail, detail);
      assert.match((await get(url)).cacheStatus!, HIT);
    });
  }

  it("answers other methods on /v1/cache 404, like any route that is not there", async () => {
    for (const method of ["GET", "POST", "PUT"]) {
      const response = await fetch(`${gateway.url}/v1/cache`, { method, headers: { authorization: `Bearer ${adminKey}` } });
      assert.equal(response.status, 404, method);
    }
  });

  it("purges one source's results (every size and format of it), then everything", async () => {
    const photo = [signed(gateway, { width: 80, format: "webp" }), signed(gateway, { width: 81, format: "png" })];
    const other = signed(gateway, { width: 80, format: "webp" }, "2569067123_aca715a2ee_o.jpg");
    for (const url of [...photo, other]) await get(url);
    const one = await purge(`?url=${encodeURIComponent(`${origin.url}/320x240.jpg`)}`);
    assert.equal(one.status, 200);
    const { purged } = (await one.json()) as { purged: number };
    assert.ok(purged >= 2, `purged ${purged}`);
    for (const url of photo) assert.equal((await get(url)).cacheStatus, STORED);
    assert.match((await get(other)).cacheStatus!, HIT);
    const all = await purge();
    assert.ok(((await all.json()) as { purged: number }).purged >= 3, "((await all.json()) as { purged: number }).purged >= 3");
    assert.equal((await get(other)).cacheStatus, STORED);
    assert.ok(
      gateway.logs.some((entry) => entry.event === "cache_purged" && entry.source === "*"),
      'gateway.logs.some((entry) => entry.event === "cache_purged" && entry.source === "*")',
    );
  });

  it("is 404 without GATEWAY_ADMIN_KEYS, and 404 without a cache", async () => {
    const noAdmin = await gatewayWith({ GATEWAY_CACHE: `file://${cacheDirectory()}`, GATEWAY_ADMIN_KEYS: "" });
    const noCache = await gatewayWith({});
    try {
      const off = await fetch(`${noAdmin.url}/v1/cache`, { method: "DELETE", headers: { authorization: `Bearer ${adminKey}` } });
      assert.equal(off.status, 404);
      assert.equal(((await off.json()) as { title: string }).title, "Operator routes are off");
      const none = await fetch(`${noCache.url}/v1/cache`, { method: "DELETE", headers: { authorization: `Bearer ${adminKey}` } });
      assert.equal(none.status, 404);
      assert.equal(((await none.json()) as { title: string }).title, "No result cache");
      const plain = await get(signed(noCache, { width: 50 }));
      assert.equal(plain.status, 200);
      assert.equal(plain.cacheStatus, null, "no cache, no Cache-Status");
    } finally {
      await Promise.all([noAdmin.stop(), noCache.stop()]);
    }
  });
});

describe("a Redis cache that two gateways share", { skip: redisUnavailable() }, () => {
  let redis: RunningRedis;
  let gateways: RunningGateway[];

  before(async () => {
    redis = await startRedis();
    gateways = await Promise.all([0, 1].map(() => gatewayWith({ GATEWAY_CACHE: redis.url })));
  });
  after(async () => {
    await Promise.all((gateways ?? []).map((gateway) => gateway.stop()));
    await redis?.stop();
  });

  it("makes a result once for 20 identical requests across both gateways, and both then serve it", async () => {
    const urls = gateways.map((gateway) => signed(gateway, { width: 240, format: "avif" }));
    const made = await resultsMade();
    const answers = await burst(urls);
    assert.equal((await resultsMade()) - made, 1, answers.map((answer) => answer.cacheStatus).join("\n"));
    assert.ok(
      answers.every((answer) => answer.status === 200 && answer.body.equals(answers[0]!.body)),
      "answers.every((answer) => answer.status === 200 && answer.body.equals(answers[0]!.body))",
    );
    assert.equal(answers.filter((answer) => answer.cacheStatus === STORED).length, 1);
    // Every other request waited: on its own gateway's flight, or on the other gateway's lease.
    const counted = await Promise.all(gateways.map((gateway) => scrapeMetrics(gateway.metricsUrl!)));
    const total = (result: string): number => counted.reduce((sum, metrics) => sum + metrics(`pixelrpc_gateway_cache_requests_total{result="${result}"}`), 0);
    assert.equal(total("miss"), 1);
    assert.equal(total("collapsed") + total("hit"), 19);
    for (const url of urls) assert.match((await get(url)).cacheStatus!, HIT);
    assert.equal((await decode(answers[0]!.body)).metadata.format, "heif");
  });

  it("purges through either gateway", async () => {
    const [one, two] = gateways as [RunningGateway, RunningGateway];
    const url = signed(one, { width: 64, format: "webp" });
    await get(url);
    const response = await fetch(`${two.url}/v1/cache?url=${encodeURIComponent(`${origin.url}/320x240.jpg`)}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${adminKey}` },
    });
    assert.ok(((await response.json()) as { purged: number }).purged >= 2, "((await response.json()) as { purged: number }).purged >= 2");
    assert.equal((await get(url)).cacheStatus, STORED);
  });

  it("keeps serving when Redis goes away: misses that are not stored, and the errors counted", async () => {
    await redis.stop();
    const answer = await get(signed(gateways[0]!, { width: 33, format: "webp" }));
    assert.equal(answer.status, 200);
    assert.equal(answer.cacheStatus, "pixelrpc; fwd=miss; detail=not-stored");
    assert.equal((await decode(answer.body)).width, 33);
    const metrics = await scrapeMetrics(gateways[0]!.metricsUrl!);
    assert.ok(metrics('pixelrpc_gateway_cache_errors_total{operation="read"}') >= 1, "metrics('pixelrpc_gateway_cache_errors_total{operation=\"read\"}') >= 1");
  });
});
