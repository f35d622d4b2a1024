import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { fixture, spawnGateway, startGateway, startImageService, startStack, withStack } from "@pixelrpc/harness";
import { decode } from "./images.js";

const stack = withStack({}, { GATEWAY_METRICS_ADDR: "127.0.0.1:0" });

const photo = fixture("2569067123_aca715a2ee_o.jpg");
const small = fixture("320x240.jpg");

function post(path: string, body: Buffer, headers: Record<string, string> = {}, base = stack.gateway.url): Promise<Response> {
  return fetch(`${base}${path}`, { method: "POST", body, headers: { "content-type": "image/jpeg", ...headers } });
}

async function expectProblem(response: Response, status: number, detail: RegExp): Promise<void> {
  assert.equal(response.status, status);
  assert.match(response.headers.get("content-type") ?? "", /^application\/problem\+json/);
  const problem = (await response.json()) as { status: number; title: string; detail: string };
  assert.equal(problem.status, status);
  assert.match(problem.detail, detail);
}

describe("POST /v1/transform", () => {
  it("transforms the body with the options in the query, streaming the result with its headers", async () => {
    const response = await post("/v1/transform?w=800&format=webp&q=80", photo);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("content-type"), "image/webp");
    const body = Buffer.from(await response.arrayBuffer());
    assert.equal(Number(response.headers.get("content-length")), body.byteLength);
    assert.match(response.headers.get("etag") ?? "", /^"[\w-]{32}"$/);
    assert.match(response.headers.get("server-timing") ?? "", /^queue;dur=[\d.]+, process;dur=[\d.]+$/);
    const decoded = await decode(body);
    assert.equal(decoded.metadata.format, "webp");
    assert.equal(`${decoded.width}x${decoded.height}`, "800x653");
  });

  it("runs the query's operations: a cover crop to a square, flopped, grey", async () => {
    const response = await post("/v1/transform?w=100&h=100&fit=cover&position=attention&flop=true&grayscale=true&format=png", photo);
    const decoded = await decode(Buffer.from(await response.arrayBuffer()));
    assert.equal(`${decoded.width}x${decoded.height}`, "100x100");
    const [r, g, b] = [...decoded.data.subarray(0, 3)];
    assert.ok(r === g && g === b, "grey");
  });

  it("answers format=auto from the Accept header, and says it varies", async () => {
    const cases: [string, string][] = [
      ["image/avif,image/webp,*/*", "image/avif"],
      ["image/webp,*/*;q=0.8", "image/webp"],
      ["image/avif;q=0,image/webp", "image/webp"],
      ["*/*", "image/jpeg"],
    ];
    for (const [accept, expected] of cases) {
      const response = await post("/v1/transform?w=64&format=auto", small, { accept });
      assert.equal(response.headers.get("content-type"), expected, accept);
      assert.equal(response.headers.get("vary"), "Accept");
      const decoded = await decode(Buffer.from(await response.arrayBuffer()));
      assert.equal(decoded.metadata.format, { "image/avif": "heif", "image/webp": "webp", "image/jpeg": "jpeg" }[expected]);
    }
  });

  it("answers 304 to If-None-Match with the same input and options, without doing the work again", async () => {
    const first = await post("/v1/transform?w=50&format=png", small);
    await first.arrayBuffer();
    const calls = stack.images.logs.filter((entry) => entry.method === "TransformStream").length;
    const again = await post("/v1/transform?w=50&format=png", small, { "if-none-match": first.headers.get("etag")! });
    assert.equal(again.status, 304);
    assert.equal(stack.images.logs.filter((entry) => entry.method === "TransformStream").length, calls);
    const other = await post("/v1/transform?w=51&format=png", small, { "if-none-match": first.headers.get("etag")! });
    assert.equal(other.status, 200);
    await other.arrayBuffer();
  });
});

describe("errors are problem+json with the right status", () => {
  it("400 for an undecodable image and for bad options", async () => {
    await expectProblem(await post("/v1/transform?w=10", fixture("corrupt-header.jpg")), 400, /^cannot read image: /);
    await expectProblem(await post("/v1/transform?w=abc", small), 400, /^w must be a whole number from 0 to 65535, got "abc"$/);
    await expectProblem(await post("/v1/transform?fit=contain", small), 400, /^fit, position, bg and without_enlargement need w, h or both$/);
    await expectProblem(await post("/v1/transform?extract=0,0,999,1", small), 400, /^operations\[0\]\.extract: the region/);
  });

  it("415 for a body that is not an image", async () => {
    await expectProblem(await post("/v1/info", Buffer.from("{}"), { "content-type": "application/json" }), 415, /Unsupported Media Type/i);
  });

  it("413 for a body over GATEWAY_MAX_BODY_BYTES", async () => {
    const strict = await startGateway(stack.images.address, { GATEWAY_MAX_BODY_BYTES: "100000" });
    try {
      await expectProblem(await post("/v1/transform?w=10", photo, {}, strict.url), 413, /too large/i);
    } finally {
      await strict.stop();
    }
  });

  it("504 when the image service takes longer than GATEWAY_REQUEST_TIMEOUT_MS", async () => {
    const impatient = await startGateway(stack.images.address, { GATEWAY_REQUEST_TIMEOUT_MS: "150" });
    try {
      await expectProblem(await post("/v1/transform?blur=60&format=png", photo, {}, impatient.url), 504, /deadline/i);
    } finally {
      await impatient.stop();
    }
  });

  it("429 with Retry-After when the image service sheds load", async () => {
    const busy = await startImageService({ IMAGE_POOL_THREADS: "1", IMAGE_MAX_QUEUE: "1" });
    const front = await startGateway(busy.address);
    try {
      const responses = await Promise.all(Array.from({ length: 8 }, () => post("/v1/transform?w=1600&blur=4&format=webp&effort=6", photo, {}, front.url)));
      const refused = responses.filter((response) => response.status === 429);
      assert.ok(refused.length >= 3, `${refused.length} of 8 refused`);
      assert.equal(refused[0]!.headers.get("retry-after"), "1");
      await expectProblem(refused[0]!, 429, /^the service is busy/);
      await Promise.all(responses.map((response) => response.arrayBuffer().catch(() => undefined)));
    } finally {
      await front.stop();
      await busy.stop();
    }
  });

  it("422 when the image runs into a processing limit, which a retry would only repeat", async () => {
    const strict = await startStack({ IMAGE_MAX_PROCESSING_SECONDS: "1" });
    try {
      const response = await post("/v1/transform?blur=1000&format=png", small, {}, strict.gateway.url);
      assert.equal(response.headers.get("retry-after"), null);
      await expectProblem(response, 422, /^processing took longer than this service's limit of 1 s/);
    } finally {
      await strict.stop();
    }
  });

  it("503 when the image service is down, and /readyz says so while /healthz does not", async () => {
    const orphan = await startGateway("127.0.0.1:1");
    try {
      await expectProblem(await post("/v1/info", small, {}, orphan.url), 503, /./);
      assert.equal((await fetch(`${orphan.url}/healthz`)).status, 200);
      await expectProblem(await fetch(`${orphan.url}/readyz`), 503, /^the image service is not serving/);
    } finally {
      await orphan.stop();
    }
  });
});

describe("POST /v1/info", () => {
  it("returns the image's metadata as JSON", async () => {
    const response = await post("/v1/info", fixture("Portrait_6.jpg"));
    assert.equal(response.status, 200);
    const body = (await response.json()) as { info: { width: number; height: number; format: string }; orientation: number };
    assert.deepEqual([body.info.format, body.info.width, body.info.height, body.orientation], ["FORMAT_JPEG", 450, 600, 6]);
  });
});

describe("cancellation and health", () => {
  it("cancels the image service's work when the HTTP client goes away", async () => {
    const controller = new AbortController();
    // About a second of work in three steps; the cancelled call stops at the next step.
    const request = fetch(`${stack.gateway.url}/v1/transform?flip=true&blur=25&sharpen=1&format=png`, {
      method: "POST",
      body: photo,
      headers: { "content-type": "image/jpeg" },
      signal: controller.signal,
    }).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 200));
    controller.abort();
    assert.ok((await request) instanceof Error, "the fetch was aborted before the response came");
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.ok(
      stack.images.logs.some((entry) => entry.method === "TransformStream" && entry.code === "CANCELLED"),
      "the image service saw the call cancelled",
    );
  });

  it("/readyz flips to 503 when the image service stops, /healthz stays 200", async () => {
    const own = await startImageService();
    const front = await startGateway(own.address);
    try {
      assert.equal((await fetch(`${front.url}/readyz`)).status, 200);
      await own.stop();
      assert.equal((await fetch(`${front.url}/readyz`)).status, 503);
      await expectProblem(await post("/v1/info", small, {}, front.url), 503, /./);
      assert.equal((await fetch(`${front.url}/healthz`)).status, 200);
    } finally {
      await front.stop();
    }
  });
});

describe("auth", () => {
  const key = "k3y-for-tests-0123456789";

  it("with GATEWAY_API_KEYS, /v1/* needs the bearer key; health does not", async () => {
    const guarded = await startGateway(stack.images.address, { GATEWAY_API_KEYS: `other-key-abcdefghijk,${key}` });
    try {
      const missing = await post("/v1/info", small, {}, guarded.url);
      assert.equal(missing.headers.get("www-authenticate"), 'Bearer realm="pixelrpc"');
      await expectProblem(missing, 401, /Authorization: Bearer/);
      await expectProblem(await post("/v1/info", small, { authorization: "Bearer wrong-key-0123456789" }, guarded.url), 401, /not valid/);
      assert.equal((await post("/v1/info", small, { authorization: `Bearer ${key}` }, guarded.url)).status, 200);
      assert.equal((await fetch(`${guarded.url}/healthz`)).status, 200);
    } finally {
      await guarded.stop();
    }
  });

  it("GATEWAY_RATE_LIMIT answers 429 with Retry-After and RateLimit-* past the budget; health is not counted", async () => {
    const limited = await startGateway(stack.images.address, { GATEWAY_RATE_LIMIT: "3" });
    try {
      const remaining: (string | null)[] = [];
      for (let call = 0; call < 3; call++) {
        const response = await post("/v1/info", small, {}, limited.url);
        assert.equal(response.status, 200);
        remaining.push(response.headers.get("ratelimit-remaining"));
        await response.arrayBuffer();
      }
      assert.deepEqual(remaining, ["2", "1", "0"]);
      const refused = await post("/v1/transform?w=10", small, {}, limited.url);
      assert.match(refused.headers.get("retry-after") ?? "", /^\d+$/);
      assert.equal(refused.headers.get("ratelimit-limit"), "3");
      await expectProblem(refused, 429, /^this caller may make 3 requests a minute/);
      assert.equal((await fetch(`${limited.url}/healthz`)).status, 200);
    } finally {
      await limited.stop();
    }
  });

  it("without keys it refuses to listen beyond loopback", async () => {
    const { exited, logs } = spawnGateway({ IMAGE_SERVICE_TARGET: stack.images.address, GATEWAY_HTTP_ADDR: "0.0.0.0:0" });
    assert.equal(await exited, 1);
    const failure = logs.find((entry) => entry.event === "invalid_config");
    assert.match(JSON.stringify(failure?.problems), /is not loopback: set GATEWAY_API_KEYS/);
  });
});

describe("operations endpoints", () => {
  it("/metrics, on GATEWAY_METRICS_ADDR only, has HTTP, upstream, job and event-loop metrics", async () => {
    const response = await post("/v1/transform?w=20&format=png", small);
    await response.arrayBuffer();
    assert.equal((await fetch(`${stack.gateway.url}/metrics`)).status, 404);
    const text = await (await fetch(stack.gateway.metricsUrl!)).text();
    assert.match(text, /pixelrpc_gateway_http_request_duration_seconds_count\{route="\/v1\/transform",method="POST",status_code="200"\} [1-9]/);
    assert.match(text, /pixelrpc_gateway_upstream_call_duration_seconds_count\{method="TransformStream",code="OK"\} [1-9]/);
    assert.match(text, /pixelrpc_gateway_upstream_calls_in_flight/);
    assert.match(text, /pixelrpc_gateway_jobs\{status="succeeded"\} \d+/);
    assert.match(text, /pixelrpc_gateway_nodejs_eventloop_lag_p99_seconds \d/);
  });

  it("/openapi.json describes every route", async () => {
    const document = (await (await fetch(`${stack.gateway.url}/openapi.json`)).json()) as { openapi: string; paths: Record<string, unknown> };
    assert.match(document.openapi, /^3\./);
    for (const path of [
      "/v1/transform",
      "/v1/info",
      "/v1/jobs",
      "/v1/jobs/{id}",
      "/v1/jobs/{id}/events",
      "/v1/jobs/{id}/result",
      "/v1/images",
      "/healthz",
      "/readyz",
    ]) {
      assert.ok(path in document.paths, `${path} missing`);
    }
    assert.ok(!("/metrics" in document.paths), "metrics are not on the API port");
    // The query parameters are documented from the table the gateway parses them with.
    const transform = (document.paths["/v1/transform"] as { post: { parameters: { name: string; in: string; schema: Record<string, unknown> }[] } }).post;
    const w = transform.parameters.find((parameter) => parameter.name === "w" && parameter.in === "query");
    assert.deepEqual(w?.schema, { type: "integer", minimum: 0, maximum: 65535 });
    const signed = (document.paths["/v1/images"] as { get: { parameters: { name: string; required?: boolean }[] } }).get;
    assert.deepEqual(
      signed.parameters
        .filter((parameter) => parameter.required)
        .map((parameter) => parameter.name)
        .sort(),
      ["sig", "url"],
    );
  });

  it("/healthz answers promptly while the image service is saturated", async () => {
    const burst = Array.from({ length: 8 }, () => post("/v1/transform?w=1600&blur=4&format=webp&effort=6", photo).then((response) => response.arrayBuffer()));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const latencies: number[] = [];
    for (let index = 0; index < 10; index++) {
      const started = performance.now();
      assert.equal((await fetch(`${stack.gateway.url}/healthz`)).status, 200);
      latencies.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await Promise.all(burst);
    latencies.sort((a, b) => a - b);
    assert.ok(latencies[5]! < 100, `median /healthz ${latencies[5]!.toFixed(1)} ms while saturated`);
  });
});
