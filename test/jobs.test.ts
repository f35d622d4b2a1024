import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import { fixture, redisUnavailable, startGateway, startRedis, withStack, type RunningGateway, type RunningRedis } from "@pixelrpc/harness";
import { decode } from "./images.js";

const stack = withStack();

const photo = fixture("2569067123_aca715a2ee_o.jpg");
const small = fixture("320x240.jpg");

interface JobView {
  id: string;
  status: string;
  kind: string;
  results: { name: string; url?: string; info?: { width: number; format: string }; error?: { status: number; detail: string } }[];
  error?: { status: number; detail: string };
}

interface ServerSentEvent {
  event: string;
  data: unknown;
}

/** Reads a Server-Sent Events stream to its end. */
async function readEvents(url: string, timeoutMs = 30_000): Promise<ServerSentEvent[]> {
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  assert.equal(response.status, 200);
  assert.match(response.headers.get("content-type") ?? "", /^text\/event-stream/);
  const text = await response.text();
  return text
    .split("\n\n")
    .filter((block) => block.startsWith("event: "))
    .map((block) => {
      const [eventLine, dataLine] = block.split("\n");
      return { event: eventLine!.slice("event: ".length), data: JSON.parse(dataLine!.slice("data: ".length)) };
    });
}

async function createJob(body: Buffer | FormData, query = "", base = stack.gateway.url): Promise<Response> {
  return fetch(`${base}/v1/jobs${query}`, {
    method: "POST",
    body,
    ...(body instanceof Buffer ? { headers: { "content-type": "image/jpeg" } } : {}),
  });
}

function form(image: Buffer, options: unknown): FormData {
  const data = new FormData();
  data.append("image", new Blob([image], { type: "image/jpeg" }), "image.jpg");
  data.append("options", JSON.stringify(options));
  return data;
}

describe("jobs", () => {
  it("answers 202 at once, then follows the job over SSE to its result", async () => {
    const created = await createJob(photo, "?w=1200&format=webp&effort=6");
    assert.equal(created.status, 202);
    const { id, status } = (await created.json()) as { id: string; status: string };
    assert.equal(created.headers.get("location"), `/v1/jobs/${id}`);
    assert.ok(["queued", "running"].includes(status));

    const events = await readEvents(`${stack.gateway.url}/v1/jobs/${id}/events`);
    assert.equal(events[0]!.event, "state");
    assert.equal(events.at(-1)!.event, "succeeded");
    const result = events.find((event) => event.event === "result")!.data as JobView["results"][number];
    assert.match(result.url!, new RegExp(`^/v1/jobs/${id}/result\\?exp=\\d+&sig=[\\w-]{43}$`));
    assert.equal(result.info!.width, 1200);

    const bytes = await fetch(`${stack.gateway.url}${result.url}`);
    assert.equal(bytes.headers.get("content-type"), "image/webp");
    const decoded = await decode(Buffer.from(await bytes.arrayBuffer()));
    assert.equal(`${decoded.width}x${decoded.height}`, "1200x980");

    const view = (await (await fetch(`${stack.gateway.url}/v1/jobs/${id}`)).json()) as JobView & { timings: { totalMs: number } };
    assert.equal(view.status, "succeeded");
    assert.ok(view.timings.totalMs > 0);
  });

  it("makes variants from a multipart upload, each available as it is ready, failed ones reported", async () => {
    const created = await createJob(
      form(photo, {
        variants: [
          { name: "w320", operations: [{ resize: { width: 320 } }], output: { format: "FORMAT_WEBP" } },
          { name: "w1280", operations: [{ resize: { width: 1280 } }], output: { format: "FORMAT_AVIF" } },
          { name: "broken", operations: [{ extract: { left: 0, top: 0, width: 9999, height: 1 } }] },
        ],
      }),
    );
    assert.equal(created.status, 202);
    const { id } = (await created.json()) as { id: string };
    const events = await readEvents(`${stack.gateway.url}/v1/jobs/${id}/events`);
    const results = events.filter((event) => event.event === "result").map((event) => event.data as JobView["results"][number]);
    assert.deepEqual(results.map((result) => result.name).sort(), ["broken", "w1280", "w320"]);
    assert.equal(results[0]!.name, "w320", "the small variant arrives first");
    assert.equal(results.find((result) => result.name === "broken")!.error!.status, 400);
    for (const [name, width, format] of [
      ["w320", 320, "webp"],
      ["w1280", 1280, "heif"],
    ] as const) {
      const response = await fetch(`${stack.gateway.url}/v1/jobs/${id}/results/${name}`);
      const decoded = await decode(Buffer.from(await response.arrayBuffer()));
      assert.equal(decoded.width, width);
      assert.equal(decoded.metadata.format, format);
    }
    const broken = await fetch(`${stack.gateway.url}/v1/jobs/${id}/results/broken`);
    assert.equal(broken.status, 400);
    assert.equal(events.at(-1)!.event, "succeeded");
  });

  it("gives a late SSE subscriber the state and the end at once", async () => {
    const { id } = (await (await createJob(small, "?w=16&format=png")).json()) as { id: string };
    await readEvents(`${stack.gateway.url}/v1/jobs/${id}/events`);
    const late = await readEvents(`${stack.gateway.url}/v1/jobs/${id}/events`);
    assert.deepEqual(
      late.map((event) => event.event),
      ["state", "succeeded"],
    );
    assert.equal((late[0]!.data as JobView).status, "succeeded");
  });

  it("cancels a job with DELETE, and the cancellation reaches the image service", async () => {
    const { id } = (await (await createJob(photo, "?flip=true&blur=25&sharpen=1&format=png")).json()) as { id: string };
    await new Promise((resolve) => setTimeout(resolve, 200));
    const deleted = await fetch(`${stack.gateway.url}/v1/jobs/${id}`, { method: "DELETE" });
    assert.equal(deleted.status, 200);
    assert.equal(((await deleted.json()) as JobView).status, "cancelled");
    const events = await readEvents(`${stack.gateway.url}/v1/jobs/${id}/events`);
    assert.equal(events.at(-1)!.event, "cancelled");
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.ok(stack.images.logs.some((entry) => entry.method === "TransformStream" && entry.code === "CANCELLED"));
    const result = await fetch(`${stack.gateway.url}/v1/jobs/${id}/result`);
    assert.equal(result.status, 409);
  });

  it("reports a failed job with the image service's error", async () => {
    const { id } = (await (await createJob(fixture("corrupt-header.jpg"), "?w=10")).json()) as { id: string };
    const events = await readEvents(`${stack.gateway.url}/v1/jobs/${id}/events`);
    const end = events.at(-1)!;
    assert.equal(end.event, "failed");
    assert.equal((end.data as JobView).error!.status, 400);
    assert.match((end.data as JobView).error!.detail, /^cannot read image/);
  });

  it("404 for an unknown job, 409 for a result not ready yet", async () => {
    const unknown = await fetch(`${stack.gateway.url}/v1/jobs/00000000-0000-0000-0000-000000000000`);
    assert.equal(unknown.status, 404);
    assert.match(unknown.headers.get("content-type") ?? "", /problem\+json/);
    const { id } = (await (await createJob(photo, "?flip=true&blur=20&format=png")).json()) as { id: string };
    const early = await fetch(`${stack.gateway.url}/v1/jobs/${id}/result`);
    assert.equal(early.status, 409);
    assert.equal(early.headers.get("retry-after"), "1");
    await readEvents(`${stack.gateway.url}/v1/jobs/${id}/events`);
  });

  it("refuses new jobs with 429 when the store is full", async () => {
    const tiny = await startGateway(stack.images.address, { GATEWAY_MAX_JOBS: "1" });
    try {
      assert.equal((await createJob(small, "?w=8", tiny.url)).status, 202);
      const refused = await createJob(small, "?w=8", tiny.url);
      assert.equal(refused.status, 429);
      assert.match(((await refused.json()) as { detail: string }).detail, /^the job store is full: 1 jobs are kept/);
    } finally {
      await tiny.stop();
    }
  });
});

describe("multipart uploads", () => {
  it("transforms with the JSON form of the proto's options", async () => {
    const response = await fetch(`${stack.gateway.url}/v1/transform`, {
      method: "POST",
      body: form(small, { operations: [{ rotate: { angle: 90 } }, { resize: { width: 60 } }], output: { format: "FORMAT_PNG" } }),
    });
    assert.equal(response.status, 200);
    const decoded = await decode(Buffer.from(await response.arrayBuffer()));
    assert.equal(`${decoded.width}x${decoded.height}`, "60x80");
  });

  it("refuses options that are not the expected JSON, saying why", async () => {
    const data = new FormData();
    data.append("image", new Blob([small], { type: "image/jpeg" }), "image.jpg");
    data.append("options", "{not json");
    const response = await fetch(`${stack.gateway.url}/v1/transform`, { method: "POST", body: data });
    assert.equal(response.status, 400);
    assert.match(((await response.json()) as { detail: string }).detail, /^the options part is not JSON/);
    const unknown = await fetch(`${stack.gateway.url}/v1/transform`, { method: "POST", body: form(small, { resize: { width: 1 } }) });
    assert.match(
      ((await unknown.json()) as { detail: string }).detail,
      /^options has unknown fields "resize" \(known: preset, operations, output, input, variants\)$/,
    );
  });
});

describe("jobs shared by two gateways through Redis (GATEWAY_JOB_STORE)", { skip: redisUnavailable() }, () => {
  let redis: RunningRedis;
  let first: RunningGateway;
  let second: RunningGateway;
  before(async () => {
    redis = await startRedis();
    const env = { GATEWAY_JOB_STORE: redis.url, GATEWAY_JOB_TTL_MS: "3000", GATEWAY_METRICS_ADDR: "127.0.0.1:0" };
    [first, second] = await Promise.all([startGateway(stack.images.address, env), startGateway(stack.images.address, env)]);
  });
  after(async () => {
    await Promise.all([first?.stop(), second?.stop()]);
    await redis?.stop();
  });

  it("a job started through one gateway is read, followed over SSE and fetched through the other", async () => {
    const created = await createJob(photo, "?w=900&format=webp", first.url);
    assert.equal(created.status, 202);
    const { id } = (await created.json()) as { id: string };
    const view = (await (await fetch(`${second.url}/v1/jobs/${id}`)).json()) as JobView;
    assert.equal(view.id, id);
    const events = await readEvents(`${second.url}/v1/jobs/${id}/events`);
    assert.equal(events[0]!.event, "state");
    assert.equal(events.at(-1)!.event, "succeeded");
    assert.ok(
      events.some((event) => event.event === "result"),
      events.map((event) => event.event).join(),
    );
    const bytes = await fetch(`${second.url}/v1/jobs/${id}/result`);
    assert.equal(bytes.status, 200);
    const decoded = await decode(Buffer.from(await bytes.arrayBuffer()));
    assert.equal(`${decoded.metadata.format} ${decoded.width}`, "webp 900");
  });

  it("variants started through one gateway are fetched one by one through the other", async () => {
    const options = { variants: [160, 320].map((width) => ({ name: `w${width}`, operations: [{ resize: { width } }], output: { format: "FORMAT_PNG" } })) };
    const { id } = (await (await createJob(form(small, options), "", second.url)).json()) as { id: string };
    const events = await readEvents(`${first.url}/v1/jobs/${id}/events`);
    assert.equal(events.at(-1)!.event, "succeeded");
    for (const width of [160, 320]) {
      const response = await fetch(`${first.url}/v1/jobs/${id}/results/w${width}`);
      assert.equal((await decode(Buffer.from(await response.arrayBuffer()))).width, width);
    }
  });

  it("a job started through one gateway is cancelled through the other, down to the image service", async () => {
    const { id } = (await (await createJob(photo, "?flip=true&blur=25&sharpen=1&format=png", first.url)).json()) as { id: string };
    await new Promise((resolve) => setTimeout(resolve, 200));
    const deleted = await fetch(`${second.url}/v1/jobs/${id}`, { method: "DELETE" });
    assert.equal(deleted.status, 200);
    assert.equal(((await deleted.json()) as JobView).status, "cancelled");
    const events = await readEvents(`${first.url}/v1/jobs/${id}/events`);
    assert.equal(events.at(-1)!.event, "cancelled");
    await new Promise((resolve) => setTimeout(resolve, 200));
    const cancelledCalls = stack.images.logs.filter((entry) => entry.method === "TransformStream" && entry.code === "CANCELLED");
    assert.ok(cancelledCalls.length >= 1);
  });

  it("a gateway stopped with SIGTERM finishes the jobs it runs first; another serves their results", async () => {
    const leaving = await startGateway(stack.images.address, { GATEWAY_JOB_STORE: redis.url });
    const { id } = (await (await createJob(photo, "?w=1200&format=webp&effort=6", leaving.url)).json()) as { id: string };
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(await leaving.stop(), 0);
    const view = (await (await fetch(`${first.url}/v1/jobs/${id}`)).json()) as JobView;
    assert.equal(view.status, "succeeded");
    const bytes = await fetch(`${first.url}/v1/jobs/${id}/result`);
    assert.equal((await decode(Buffer.from(await bytes.arrayBuffer()))).width, 1200);
  });

  it("a finished job and its results expire from Redis after GATEWAY_JOB_TTL_MS, for every gateway", async () => {
    const { id } = (await (await createJob(small, "?w=40&format=png", first.url)).json()) as { id: string };
    const events = await readEvents(`${second.url}/v1/jobs/${id}/events`);
    assert.equal(events.at(-1)!.event, "succeeded");
    assert.equal((await fetch(`${second.url}/v1/jobs/${id}/result`)).status, 200);
    await new Promise((resolve) => setTimeout(resolve, 3500));
    for (const gateway of [first, second]) {
      assert.equal((await fetch(`${gateway.url}/v1/jobs/${id}`)).status, 404);
      assert.equal((await fetch(`${gateway.url}/v1/jobs/${id}/result`)).status, 404);
    }
  });

  it("counts jobs by status across gateways in /metrics", async () => {
    const { id } = (await (await createJob(small, "?w=40&format=png", first.url)).json()) as { id: string };
    assert.equal((await readEvents(`${second.url}/v1/jobs/${id}/events`)).at(-1)!.event, "succeeded");
    const text = await (await fetch(second.metricsUrl!)).text();
    const succeeded = Number(/^pixelrpc_gateway_jobs\{status="succeeded"\} (\d+)$/m.exec(text)?.[1]);
    assert.ok(
      succeeded >= 1,
      text
        .split("\n")
        .filter((line) => line.includes("gateway_jobs"))
        .join("\n"),
    );
  });

  it("shares one rate-limit budget per key across the gateways (GATEWAY_RATE_LIMIT with a Redis job store)", async () => {
    const key = "rate-limited-key-0123456789";
    const env = { GATEWAY_JOB_STORE: redis.url, GATEWAY_RATE_LIMIT: "4", GATEWAY_API_KEYS: `${key},other-key-0123456789abc` };
    const limited = await Promise.all([startGateway(stack.images.address, env), startGateway(stack.images.address, env)]);
    try {
      const info = (gateway: RunningGateway, caller = key) =>
        fetch(`${gateway.url}/v1/info`, { method: "POST", body: small, headers: { "content-type": "image/jpeg", authorization: `Bearer ${caller}` } });
      const statuses: number[] = [];
      for (const gateway of [limited[0], limited[1], limited[0], limited[1]]) {
        const response = await info(gateway);
        statuses.push(response.status);
        assert.equal(response.headers.get("ratelimit-limit"), "4");
        await response.arrayBuffer();
      }
      const refused = await info(limited[1]);
      assert.deepEqual([...statuses, refused.status], [200, 200, 200, 200, 429]);
      assert.equal(refused.headers.get("ratelimit-remaining"), "0");
      assert.match(refused.headers.get("retry-after") ?? "", /^\d+$/);
      assert.match(refused.headers.get("content-type") ?? "", /^application\/problem\+json/);
      assert.match(((await refused.json()) as { detail: string }).detail, /^this caller may make 4 requests a minute; try again in (?:\d+ seconds?|1 minute)$/);
      // Another key has a budget of its own.
      assert.equal((await info(limited[0], "other-key-0123456789abc")).status, 200);
    } finally {
      await Promise.all(limited.map((gateway) => gateway.stop()));
    }
  });
});
