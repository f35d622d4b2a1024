/**
 * Job webhooks against real processes: a real HTTP receiver verifies every
 * delivery with the `standardwebhooks` package (an implementation nobody
 * here wrote), fails some attempts on purpose, answers with redirects, or
 * sits behind a name the outbound rules refuse; with the Redis job store, a
 * gateway stops between attempts and another one delivers the retry.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";

import { Webhook } from "standardwebhooks";

import {
  fixture,
  redisUnavailable,
  scrapeMetrics,
  startGateway,
  startImageService,
  startRedis,
  type RunningGateway,
  type RunningRedis,
  type RunningService,
} from "@pixelrpc/harness";
import { decode } from "./images.js";

const apiKey = "webhooks-api-key-0123456789";
const signingKey = "webhooks-signing-key-0123456789abcdef";
const secrets = [`whsec_${randomBytes(32).toString("base64")}`, `whsec_${randomBytes(24).toString("base64")}`];
const photo = fixture("320x240.jpg");

interface Received {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly at: number;
}

/** What the receiver answers on each path, by attempt (1-based): a status, or a status and headers. */
type Plan = (attempt: number) => number | [number, Record<string, string>];

const plans: Record<string, Plan> = {
  "/ok": () => 200,
  "/flaky": (attempt) => (attempt <= 2 ? 500 : 204),
  "/down": () => 503,
  "/redirect": () => [302, { location: "/ok" }],
  "/once-down": (attempt) => (attempt === 1 ? 500 : 200),
};

let receiver: Server;
let receiverUrl: string;
const received: Received[] = [];

const deliveriesTo = (path: string): Received[] => received.filter((delivery) => delivery.path === path);

async function until<T>(what: string, check: () => T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Verifies a delivery with the standardwebhooks package, under each secret alone: rotation means either one verifies. */
function verified(delivery: Received): { type: string; timestamp: string; data: Record<string, unknown> } {
  const headers = {
    "webhook-id": String(delivery.headers["webhook-id"]),
    "webhook-timestamp": String(delivery.headers["webhook-timestamp"]),
    "webhook-signature": String(delivery.headers["webhook-signature"]),
  };
  const payloads = secrets.map((secret) => new Webhook(secret).verify(delivery.body, headers));
  assert.deepEqual(payloads[0], payloads[1]);
  assert.throws(() => new Webhook(`whsec_${randomBytes(32).toString("base64")}`).verify(delivery.body, headers), /signature/i);
  return payloads[0] as { type: string; timestamp: string; data: Record<string, unknown> };
}

let service: RunningService;

before(async () => {
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const path = new URL(request.url ?? "/", "http://receiver").pathname;
      received.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString("utf8"), at: Date.now() });
      const answer = (plans[path] ?? (() => 404))(deliveriesTo(path).length);
      const [status, headers] = typeof answer === "number" ? [answer, {}] : answer;
      response.writeHead(status, headers).end();
    });
  }).listen(0, "127.0.0.1");
  await once(receiver, "listening");
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  service = await startImageService();
});

after(async () => {
  await service?.stop();
  receiver?.closeAllConnections();
  receiver?.close();
});

function gatewayWith(env: Record<string, string>): Promise<RunningGateway> {
  return startGateway(service.address, {
    GATEWAY_API_KEYS: apiKey,
    GATEWAY_URL_SIGNING_KEYS: signingKey,
    GATEWAY_WEBHOOK_ALLOWED: `${receiverUrl}/`,
    GATEWAY_WEBHOOK_ALLOWED_ADDRESSES: "127.0.0.1/32",
    GATEWAY_WEBHOOK_SECRETS: secrets.join(","),
    GATEWAY_WEBHOOK_RETRY_MS: "100",
    GATEWAY_WEBHOOK_MAX_ATTEMPTS: "4",
    GATEWAY_METRICS_ADDR: "127.0.0.1:0",
    ...env,
  });
}

async function startJob(gateway: RunningGateway, query: string, body: Buffer | FormData = photo): Promise<string> {
  const response = await fetch(`${gateway.url}/v1/jobs?${query}`, {
    method: "POST",
    headers: { authorization: `Bearer ${apiKey}`, ...(body instanceof FormData ? {} : { "content-type": "image/jpeg" }) },
    body,
  });
  assert.equal(response.status, 202, await response.clone().text());
  return ((await response.json()) as { id: string }).id;
}

/** Jobs the gateway's store holds, whatever their status. */
async function jobsKept(gateway: RunningGateway): Promise<number> {
  const metrics = await scrapeMetrics(gateway.metricsUrl!);
  return ["queued", "running", "succeeded", "failed", "cancelled"].reduce((sum, status) => sum + metrics(`pixelrpc_gateway_jobs{status="${status}"}`), 0);
}

const callback = (path: string): string => `callback_url=${encodeURIComponent(`${receiverUrl}${path}`)}`;

describe("job webhooks, the job store in memory", () => {
  let gateway: RunningGateway;
  before(async () => {
    gateway = await gatewayWith({});
  });
  after(() => gateway?.stop());

  it("tells the callback URL a job succeeded, retrying with the same id until it answers 2xx, signed by every secret", async () => {
    const id = await startJob(gateway, `w=100&format=webp&${callback("/flaky")}`);
    const attempts = await until("three attempts", () => (deliveriesTo("/flaky").length >= 3 ? deliveriesTo("/flaky") : undefined));
    const ids = new Set(attempts.map((delivery) => delivery.headers["webhook-id"]));
    assert.equal(ids.size, 1, "one message id on every attempt");
    assert.equal([...ids][0], `msg_${id}`, "the event's id is the job's");
    for (const attempt of attempts) {
      assert.equal(attempt.headers["content-type"], "application/json");
      assert.equal(attempt.headers["user-agent"], "pixelrpc-gateway");
      assert.equal(String(attempt.headers["webhook-signature"]).split(" ").length, 2, "one signature per secret");
    }
    // The waits grow: about 100 ms, then about 400 ms (each ±20%).
    const [first, second, third] = attempts as [Received, Received, Received];
    assert.ok(second.at - first.at >= 70, `first wait ${second.at - first.at} ms`);
    assert.ok(third.at - second.at >= 300, `second wait ${third.at - second.at} ms`);
    const event = verified(third);
    assert.equal(event.type, "job.succeeded");
    assert.equal(event.data.id, id);
    assert.equal(event.data.status, "succeeded");
    assert.ok(
      typeof (event.data.timings as { totalMs: number }).totalMs === "number",
      'typeof (event.data.timings as { totalMs: number }).totalMs === "number"',
    );
    // The result's URL is absolute and signed: the receiver fetches it without the API key.
    const [result] = event.data.results as { url: string }[];
    assert.match(result!.url, new RegExp(`^${gateway.url}/v1/jobs/${id}/result\\?exp=\\d+&sig=`));
    const image = await fetch(result!.url);
    assert.equal(image.status, 200);
    assert.equal((await decode(Buffer.from(await image.arrayBuffer()))).width, 100);
    await until("the delivered log line", () => gateway.logs.find((entry) => entry.event === "webhook_delivered" && entry.jobId === id));
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(deliveriesTo("/flaky").length, 3, "no attempt after the 2xx");
  });

  it("tells of a failed job, with its error, from a callback_url in the multipart options", async () => {
    const form = new FormData();
    form.set("image", new Blob([Buffer.from("not an image at all")], { type: "image/jpeg" }));
    form.set("options", JSON.stringify({ output: { format: "FORMAT_PNG" }, callback_url: `${receiverUrl}/ok` }));
    const id = await startJob(gateway, "", form);
    const delivery = await until("the failure's webhook", () => deliveriesTo("/ok").find((candidate) => candidate.body.includes(id)));
    const event = verified(delivery);
    assert.equal(event.type, "job.failed");
    assert.equal((event.data.error as { status: number }).status, 400);
  });

  it("tells of a cancelled job", async () => {
    const big = fixture("2569067123_aca715a2ee_o.jpg");
    const id = await startJob(gateway, `w=2700&format=avif&effort=6&${callback("/ok")}`, big);
    const cancelled = await fetch(`${gateway.url}/v1/jobs/${id}`, { method: "DELETE", headers: { authorization: `Bearer ${apiKey}` } });
    assert.equal(cancelled.status, 200);
    const delivery = await until("the cancellation's webhook", () => deliveriesTo("/ok").find((candidate) => candidate.body.includes(id)));
    assert.equal(verified(delivery).type, "job.cancelled");
  });

  it("gives up after GATEWAY_WEBHOOK_MAX_ATTEMPTS, logging it and counting every attempt", async () => {
    const id = await startJob(gateway, `w=50&${callback("/down")}`);
    await until("the abandonment", () => gateway.logs.find((entry) => entry.event === "webhook_abandoned" && entry.jobId === id));
    assert.equal(deliveriesTo("/down").filter((delivery) => delivery.body.includes(id)).length, 4);
    const metrics = await scrapeMetrics(gateway.metricsUrl!);
    assert.ok(
      metrics('pixelrpc_gateway_webhook_attempts_total{outcome="failed"}') >= 3,
      "metrics('pixelrpc_gateway_webhook_attempts_total{outcome=\"failed\"}') >= 3",
    );
    assert.equal(metrics('pixelrpc_gateway_webhook_attempts_total{outcome="abandoned"}'), 1);
  });

  it("never follows a redirect: each attempt goes to the callback URL, none to where it points", async () => {
    const id = await startJob(gateway, `w=50&${callback("/redirect")}`);
    await until("the abandonment", () => gateway.logs.find((entry) => entry.event === "webhook_abandoned" && entry.jobId === id));
    assert.equal(deliveriesTo("/redirect").filter((delivery) => delivery.body.includes(id)).length, 4);
    assert.equal(deliveriesTo("/ok").filter((delivery) => delivery.body.includes(id)).length, 0);
    assert.match(
      String(gateway.logs.find((entry) => entry.event === "webhook_failed" && entry.jobId === id)?.detail),
      /^HTTP 302: redirects are not followed$/,
    );
  });

  const refusals: [what: string, query: string, detail: RegExp][] = [
    [
      "an origin that is not allowed",
      `callback_url=${encodeURIComponent("https://hooks.example.com/x")}`,
      /is not an allowed callback URL: this gateway calls back only to http:\/\/127\.0\.0\.1:\d+\/ \(GATEWAY_WEBHOOK_ALLOWED\)$/,
    ],
    ["another port on the allowed host", `callback_url=${encodeURIComponent("http://127.0.0.1:1/ok")}`, /is not an allowed callback URL/],
    [
      "a scheme that is not http(s)",
      `callback_url=${encodeURIComponent("file:///etc/passwd")}`,
      /^callback_url scheme file: is not supported: use http or https$/,
    ],
    ["credentials", "credentials", /^callback_url carries credentials/],
    ["text that is not a URL", "callback_url=not-a-url", /^callback_url "not-a-url" is not a valid absolute URL$/],
    [
      "a URL past 2048 characters",
      `callback_url=${encodeURIComponent(`http://127.0.0.1/${"a".repeat(2048)}`)}`,
      /^callback_url must be an http\(s\) URL that GATEWAY_WEBHOOK_ALLOWED allows/,
    ],
    ["callback_url twice", `${callback("/ok")}&${callback("/ok")}`, /^callback_url is given more than once$/],
    ["a misspelt name", `callbackurl=${encodeURIComponent(`${receiverUrl}/ok`)}`, /^unknown parameter "callbackurl"; did you mean "callback_url"\?/],
  ];
  for (const [what, query, detail] of refusals) {
    it(`refuses a job with ${what}: 400, and no job starts`, async () => {
      const resolved = query === "credentials" ? `callback_url=${encodeURIComponent(receiverUrl.replace("http://", "http://user:pw@"))}` : query;
      const jobsBefore = await jobsKept(gateway);
      const response = await fetch(`${gateway.url}/v1/jobs?w=10&${resolved}`, {
        method: "POST",
        headers: { authorization: `Bearer ${apiKey}`, "content-type": "image/jpeg" },
        body: photo,
      });
      assert.equal(response.status, 400);
      assert.equal(response.headers.get("content-type"), "application/problem+json; charset=utf-8");
      assert.match(((await response.json()) as { detail: string }).detail, detail);
      assert.equal(await jobsKept(gateway), jobsBefore);
    });
  }

  it("refuses a callback_url of the wrong type in the multipart options, and on /v1/transform", async () => {
    const form = new FormData();
    form.set("image", new Blob([photo], { type: "image/jpeg" }));
    form.set("options", JSON.stringify({ callback_url: 42 }));
    const typed = await fetch(`${gateway.url}/v1/jobs`, { method: "POST", headers: { authorization: `Bearer ${apiKey}` }, body: form });
    assert.equal(typed.status, 400);
    assert.match(((await typed.json()) as { detail: string }).detail, /^options\.callback_url must be a string/);
    const transform = await fetch(`${gateway.url}/v1/transform?w=10&${callback("/ok")}`, {
      method: "POST",
      headers: { authorization: `Bearer ${apiKey}`, "content-type": "image/jpeg" },
      body: photo,
    });
    assert.equal(transform.status, 400);
    assert.match(((await transform.json()) as { detail: string }).detail, /^unknown parameter "callback_url"/);
  });

  it("refuses, without connecting, a callback whose name resolves to a reserved address the gateway may not reach", async () => {
    const local = receiverUrl.replace("127.0.0.1", "localhost");
    const strict = await gatewayWith({ GATEWAY_WEBHOOK_ALLOWED: `${local}/`, GATEWAY_WEBHOOK_ALLOWED_ADDRESSES: "" });
    try {
      const before = received.length;
      const id = await startJob(strict, `w=10&callback_url=${encodeURIComponent(`${local}/ok`)}`);
      const refused = await until("the refusal", () => strict.logs.find((entry) => entry.event === "webhook_refused" && entry.jobId === id));
      assert.match(
        String(refused.detail),
        /^localhost: resolves to (127\.0\.0\.1|::1) is a loopback, private, link-local or otherwise reserved address; webhooks may reach only public addresses unless GATEWAY_WEBHOOK_ALLOWED_ADDRESSES allows more$/,
      );
      assert.equal(received.length, before, "the receiver heard nothing");
    } finally {
      await strict.stop();
    }
  });

  it("a gateway without GATEWAY_WEBHOOK_ALLOWED refuses callback URLs", async () => {
    const plain = await gatewayWith({ GATEWAY_WEBHOOK_ALLOWED: "", GATEWAY_WEBHOOK_ALLOWED_ADDRESSES: "", GATEWAY_WEBHOOK_SECRETS: "" });
    try {
      const response = await fetch(`${plain.url}/v1/jobs?w=10&${callback("/ok")}`, {
        method: "POST",
        headers: { authorization: `Bearer ${apiKey}`, "content-type": "image/jpeg" },
        body: photo,
      });
      assert.equal(response.status, 400);
      assert.match(((await response.json()) as { detail: string }).detail, /^this gateway sends no webhooks: callback_url needs GATEWAY_WEBHOOK_ALLOWED$/);
    } finally {
      await plain.stop();
    }
  });
});

describe("job webhooks, the job store in Redis", { skip: redisUnavailable() }, () => {
  let redis: RunningRedis;
  before(async () => {
    redis = await startRedis();
  });
  after(() => redis?.stop());

  it("survives the gateway that made the first attempt: the other gateway on the same Redis delivers the retry", async () => {
    const env = { GATEWAY_JOB_STORE: redis.url, GATEWAY_WEBHOOK_RETRY_MS: "1500" };
    const gateways = await Promise.all([gatewayWith(env), gatewayWith(env)]);
    try {
      const id = await startJob(gateways[0]!, `w=60&format=png&${callback("/once-down")}`);
      const [failed] = await until("the first attempt", () => (deliveriesTo("/once-down").length >= 1 ? deliveriesTo("/once-down") : undefined));
      // Either gateway may claim a due delivery: the one that made the first attempt goes away before the retry is due.
      const made = await until("the first attempt's log line", () =>
        gateways.find((gateway) => gateway.logs.some((entry) => entry.event === "webhook_failed" && entry.jobId === id)),
      );
      const other = gateways.find((gateway) => gateway !== made)!;
      assert.equal(await made.stop(), 0);
      const retried = await until("the retry", () => deliveriesTo("/once-down")[1], 10_000);
      assert.ok(retried.at - failed!.at >= 1000, `retried after ${retried.at - failed!.at} ms`);
      assert.equal(retried.headers["webhook-id"], failed!.headers["webhook-id"]);
      const event = verified(retried);
      assert.equal(event.type, "job.succeeded");
      assert.equal(event.data.id, id);
      await until("the other gateway's delivery", () => other.logs.find((entry) => entry.event === "webhook_delivered" && entry.jobId === id));
      const metrics = await scrapeMetrics(other.metricsUrl!);
      assert.equal(metrics("pixelrpc_gateway_webhooks_pending"), 0);
    } finally {
      await Promise.all(gateways.map((gateway) => gateway.stop()));
    }
  });

  it("tells of a job cancelled through another gateway after the one running it died", async () => {
    const env = { GATEWAY_JOB_STORE: redis.url };
    const [doomed, survivor] = await Promise.all([gatewayWith(env), gatewayWith(env)]);
    try {
      const id = await startJob(doomed, `w=2700&format=avif&effort=6&${callback("/ok")}`, fixture("2569067123_aca715a2ee_o.jpg"));
      doomed.process.kill("SIGKILL");
      await doomed.exited;
      // No gateway answers for the job: the DELETE records it as cancelled after its wait, and queues the webhook itself.
      const cancelled = await fetch(`${survivor.url}/v1/jobs/${id}`, { method: "DELETE", headers: { authorization: `Bearer ${apiKey}` } });
      assert.equal(((await cancelled.json()) as { status: string }).status, "cancelled");
      const delivery = await until("the cancellation's webhook", () => deliveriesTo("/ok").find((candidate) => candidate.body.includes(id)));
      assert.equal(delivery.headers["webhook-id"], `msg_${id}`);
      assert.equal(verified(delivery).type, "job.cancelled");
    } finally {
      await survivor.stop();
    }
  });
});
