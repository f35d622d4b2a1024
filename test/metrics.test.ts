/**
 * The image service's Prometheus endpoint (IMAGE_METRICS_ADDR), scraped over
 * real HTTP after real calls: successes, failures and load shedding.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import type { ImageServiceError } from "@pixelrpc/client";

import { fixture, parseMetrics, startImageService, type RunningService } from "@pixelrpc/harness";

let service: RunningService;
let metricsUrl: string;

before(async () => {
  service = await startImageService({ IMAGE_METRICS_ADDR: "127.0.0.1:0", IMAGE_POOL_THREADS: "1", IMAGE_MAX_QUEUE: "1" });
  const listening = service.logs.find((entry) => entry.event === "listening")!;
  metricsUrl = `http://${String(listening.metricsAddress)}/metrics`;
});

after(() => service.stop());

/** Every sample of the exposition, by its full name with labels: `name{a="b"}` -> value. */
async function scrape(): Promise<Map<string, number>> {
  const response = await fetch(metricsUrl);
  assert.equal(response.status, 200);
  assert.match(response.headers.get("content-type") ?? "", /^text\/plain; version=0\.0\.4/);
  return parseMetrics(await response.text());
}

const sample = (samples: Map<string, number>, name: string): number => {
  const value = samples.get(name);
  assert.ok(value !== undefined, `no sample ${name}; have ${[...samples.keys()].filter((key) => key.startsWith(name.split("{")[0]!)).join(", ")}`);
  return value;
};

describe("image-service metrics", () => {
  it("count calls by method and status code, and time tasks in the queue and on a worker", async () => {
    const image = fixture("320x240.jpg");
    await service.client.transform({ image, operations: [{ resize: { width: 50 } }], output: { format: "FORMAT_PNG" } });
    await service.client.transform({ image, operations: [{ resize: { width: 60 } }] });
    await service.client.info(image);
    await service.client.transform({ image: Buffer.from("not an image") }).catch(() => undefined);

    const samples = await scrape();
    assert.equal(sample(samples, 'pixelrpc_image_rpc_duration_seconds_count{method="Transform",code="OK"}'), 2);
    assert.equal(sample(samples, 'pixelrpc_image_rpc_duration_seconds_count{method="Transform",code="INVALID_ARGUMENT"}'), 1);
    assert.equal(sample(samples, 'pixelrpc_image_rpc_duration_seconds_count{method="Info",code="OK"}'), 1);
    assert.equal(sample(samples, 'pixelrpc_image_task_wait_seconds_count{pool="transform"}'), 3);
    assert.equal(sample(samples, 'pixelrpc_image_task_run_seconds_count{pool="transform",kind="transform"}'), 3);
    assert.equal(sample(samples, 'pixelrpc_image_task_run_seconds_count{pool="info",kind="info"}'), 1);
    assert.ok(sample(samples, 'pixelrpc_image_task_run_seconds_sum{pool="transform",kind="transform"}') > 0);
    assert.equal(sample(samples, 'pixelrpc_image_queue_depth{pool="transform"}'), 0);
    const utilization = sample(samples, 'pixelrpc_image_pool_utilization_ratio{pool="transform"}');
    assert.ok(utilization > 0 && utilization <= 1, `utilization ${utilization}`);
    assert.ok(sample(samples, "pixelrpc_image_process_resident_memory_bytes") > 10 * 1024 * 1024);
    assert.ok(sample(samples, "pixelrpc_image_nodejs_eventloop_lag_p99_seconds") >= 0);
  });

  it("count load-shedding rejections and show the queue while it is full", async () => {
    const heavy = {
      image: fixture("2569067123_aca715a2ee_o.jpg"),
      operations: [{ blur: { sigma: 40 } }, { blur: { sigma: 40 } }],
      output: { format: "FORMAT_PNG" as const },
    };
    const calls = Array.from({ length: 4 }, () =>
      service.client.transform(heavy, { timeoutMs: 60_000 }).then(
        () => "OK",
        (error: ImageServiceError) => error.codeName,
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    const during = await scrape();
    assert.equal(sample(during, 'pixelrpc_image_queue_depth{pool="transform"}'), 1, "one running, one waiting");
    const codes = await Promise.all(calls);
    assert.deepEqual(codes.toSorted(), ["OK", "OK", "RESOURCE_EXHAUSTED", "RESOURCE_EXHAUSTED"]);
    const samples = await scrape();
    assert.equal(sample(samples, 'pixelrpc_image_rejections_total{pool="transform"}'), 2);
    assert.equal(sample(samples, 'pixelrpc_image_rpc_duration_seconds_count{method="Transform",code="RESOURCE_EXHAUSTED"}'), 2);
  });

  it("serve only GET /metrics", async () => {
    assert.equal((await fetch(metricsUrl.replace("/metrics", "/"))).status, 404);
    assert.equal((await fetch(metricsUrl, { method: "POST" })).status, 404);
  });
});
