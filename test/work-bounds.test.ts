/**
 * No work outlives its call: tasks run in task processes that are
 * killed the moment their call is cancelled, passes its deadline or its
 * processing limit, even inside an encoder libvips cannot interrupt (AVIF).
 * The CPU is read from /proc, for the service and every process it started.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";

import { Status, type TransformRequest } from "@pixelrpc/client";

import { callError, fixture, startGateway, startImageService, type RunningService, processTree } from "@pixelrpc/harness";
import { decode, endlessBlur } from "./images.js";

const photo = fixture("2569067123_aca715a2ee_o.jpg");
/** Most of a minute of one core in libheif's encoder, which nothing interrupts from inside (predicted under the 60 s limit, so started). */
const endlessAvif: TransformRequest = { image: photo, operations: [{ resize: { width: 2700 } }], output: { format: "FORMAT_AVIF", effort: 6 } };
const quick: TransformRequest = { image: fixture("320x240.jpg"), operations: [{ resize: { width: 32 } }], output: { format: "FORMAT_PNG" } };

const TICKS_PER_SECOND = 100;

/** CPU seconds spent so far by `pids` (user and system, all threads). */
function cpuSeconds(pids: readonly number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8")
        .replace(/^.*\) /s, "")
        .split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // Gone since the tree was read.
    }
  }
  return ticks / TICKS_PER_SECOND;
}

/** The service's CPU use, in cores, over `ms` from now. */
async function busyCores(service: RunningService, ms = 500): Promise<number> {
  const pids = processTree(service.process.pid!);
  const start = cpuSeconds(pids);
  await new Promise((resolve) => setTimeout(resolve, ms));
  return (cpuSeconds(processTree(service.process.pid!)) - start) / (ms / 1000);
}

/** After a call has ended: within 1.5 s, the service computes nothing, and serves at once. */
async function assertIdleAgain(service: RunningService, ended: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, ended + 1000 - performance.now())));
  const cores = await busyCores(service);
  assert.ok(cores < 0.15, `the service still used ${cores.toFixed(2)} cores 1 s after the call ended`);
  const started = performance.now();
  assert.equal((await decode((await service.client.transform(quick)).image)).width, 32);
  assert.ok(performance.now() - started < 1500, `the next call took ${Math.round(performance.now() - started)} ms`);
}

describe("work stops with its call", () => {
  let service: RunningService;
  before(async () => {
    service = await startImageService({ IMAGE_POOL_THREADS: "1", IMAGE_TEST_HOOKS: "1" });
  });
  after(() => service.stop());

  it("a cancelled AVIF encode stops within a second", async () => {
    const controller = new AbortController();
    const call = service.client.transform(endlessAvif, { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.ok((await busyCores(service, 300)) > 0.5, "the encode was running");
    controller.abort();
    assert.equal((await callError(call)).code, Status.CANCELLED);
    await assertIdleAgain(service, performance.now());
  });

  it("a passed deadline stops it on time, with DEADLINE_EXCEEDED", async () => {
    // A blur no prediction covers (an AVIF encode that long would be refused up front for this deadline).
    const blur = await endlessBlur();
    const started = performance.now();
    const error = await callError(service.client.transform(blur, { timeoutMs: 2000 }));
    assert.equal(error.code, Status.DEADLINE_EXCEEDED);
    assert.ok(performance.now() - started < 2500, `took ${Math.round(performance.now() - started)} ms`);
    await assertIdleAgain(service, performance.now());
  });

  it("cancelling a TransformStream or a Variants call stops all of its work", async () => {
    const controller = new AbortController();
    const stream = (async () => {
      for await (const _event of service.client.transformStream(endlessAvif, { signal: controller.signal })) void _event;
    })();
    const variants = (async () => {
      const specs = [1, 2].map((index) => ({
        name: `v${index}`,
        operations: [{ resize: { width: 2700 - index } }],
        output: { format: "FORMAT_AVIF" as const, effort: 6 },
      }));
      for await (const _variant of service.client.variants({ image: photo, variants: specs }, { signal: controller.signal })) void _variant;
    })();
    await new Promise((resolve) => setTimeout(resolve, 500));
    controller.abort();
    for (const call of [stream, variants]) assert.equal((await callError(call)).code, Status.CANCELLED);
    await assertIdleAgain(service, performance.now());
  });

  it("task processes killed from outside while idle are replaced by the next call", async () => {
    const killed = processTree(service.process.pid!).slice(1);
    // One per transform thread and one per Info thread.
    assert.equal(killed.length, 2, "a task process runs for each worker thread");
    for (const pid of killed) process.kill(pid, "SIGKILL");
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal((await decode((await service.client.transform(quick)).image)).width, 32);
    assert.equal((await service.client.info({ image: quick.image })).info?.width, 320);
    const now = processTree(service.process.pid!).slice(1);
    assert.equal(now.length, 2);
    assert.ok(
      now.every((pid) => !killed.includes(pid)),
      `new task processes ${now.join(",")}, the killed were ${killed.join(",")}`,
    );
  });

  for (const [rpc, call] of [
    ["Transform", (image: Buffer) => service.client.transform({ image })],
    ["Info", (image: Buffer) => service.client.info({ image })],
  ] as const) {
    it(`a native crash in ${rpc} fails that call alone, with INTERNAL, and the service keeps serving`, async () => {
      const error = await callError(call(Buffer.from("PIXELRPC-TEST-HOOK:abort")));
      assert.equal(error.code, Status.INTERNAL);
      assert.match(error.details, /failed .*replaced/);
      assert.equal(service.process.exitCode, null);
      assert.equal((await decode((await service.client.transform(quick)).image)).width, 32);
      assert.equal((await service.client.info({ image: quick.image })).info?.width, 320);
    });
  }
});

describe("the processing limit", () => {
  let service: RunningService;
  before(async () => {
    service = await startImageService({ IMAGE_POOL_THREADS: "1", IMAGE_MAX_PROCESSING_SECONDS: "3" });
  });
  after(() => service.stop());

  it("stops work that runs past it on time, with RESOURCE_EXHAUSTED naming the limit", async () => {
    // A blur no prediction covers: it starts, and its task process is killed at the limit.
    const started = performance.now();
    const error = await callError(service.client.transform(await endlessBlur()));
    assert.equal(error.code, Status.RESOURCE_EXHAUSTED);
    assert.match(error.details, /^processing took longer than this service's limit of 3 s/);
    assert.ok(performance.now() - started < 4500, `took ${Math.round(performance.now() - started)} ms`);
    await assertIdleAgain(service, performance.now());
  });

  it("refuses in under a second an encode predicted to take far longer, naming the limit", async () => {
    const started = performance.now();
    const error = await callError(service.client.transform(endlessAvif));
    assert.ok(performance.now() - started < 1000, `took ${Math.round(performance.now() - started)} ms`);
    assert.equal(error.code, Status.RESOURCE_EXHAUSTED);
    assert.equal(error.retryable, false);
    assert.match(
      error.details,
      /^encoding \d+x\d+ pixels \([\d.]+ megapixels\) as AVIF at effort 6 is predicted to take about \d+ s here, far over this service's limit of 3 s; it was not started/,
    );
    assert.ok((await busyCores(service, 300)) < 0.15, "nothing was started");
  });

  it("refuses an AVIF effort over IMAGE_MAX_AVIF_EFFORT (6 by default) as an argument", async () => {
    const error = await callError(service.client.transform({ ...quick, output: { format: "FORMAT_AVIF", effort: 9 } }));
    assert.equal(error.code, Status.INVALID_ARGUMENT);
    assert.match(error.details, /^output\.effort 9 is over this service's AVIF limit of 6 \(IMAGE_MAX_AVIF_EFFORT\)$/);
  });
});

describe("a job cancelled through the gateway", () => {
  it("DELETE /v1/jobs/{id} stops its AVIF encode within a second", async () => {
    const service = await startImageService({ IMAGE_POOL_THREADS: "1" });
    const gateway = await startGateway(service.address);
    try {
      const created = await fetch(`${gateway.url}/v1/jobs?w=2700&format=avif&effort=6`, {
        method: "POST",
        body: photo,
        headers: { "content-type": "image/jpeg" },
      });
      const { id } = (await created.json()) as { id: string };
      await new Promise((resolve) => setTimeout(resolve, 800));
      assert.ok((await busyCores(service, 300)) > 0.5, "the encode was running");
      const cancelled = (await (await fetch(`${gateway.url}/v1/jobs/${id}`, { method: "DELETE" })).json()) as { status: string };
      assert.equal(cancelled.status, "cancelled");
      await assertIdleAgain(service, performance.now());
    } finally {
      await gateway.stop();
      await service.stop();
    }
  });
});

describe("IMAGE_TASK_PROCESSES=0", () => {
  it("runs transforms in the worker threads, with no task process", async () => {
    const service = await startImageService({ IMAGE_POOL_THREADS: "1", IMAGE_TASK_PROCESSES: "0" });
    try {
      assert.deepEqual(processTree(service.process.pid!), [service.process.pid]);
      assert.equal((await decode((await service.client.transform(quick)).image)).width, 32);
    } finally {
      await service.stop();
    }
  });
});

describe("shutdown is bounded", () => {
  it("SIGTERM with an AVIF encode running exits 0 within the grace plus 2 s, leaving no process behind", async () => {
    const service = await startImageService({ IMAGE_POOL_THREADS: "1", IMAGE_SHUTDOWN_GRACE_MS: "1000" });
    const tree = processTree(service.process.pid!);
    assert.ok(tree.length >= 2, `the service runs its task processes: ${tree.join(", ")}`);
    const call = callError(service.client.transform(endlessAvif));
    await new Promise((resolve) => setTimeout(resolve, 500));
    const started = performance.now();
    service.process.kill("SIGTERM");
    assert.equal(await service.exited, 0);
    assert.ok(performance.now() - started < 3000, `exited after ${Math.round(performance.now() - started)} ms`);
    const error = await call;
    assert.equal(error.code, Status.UNAVAILABLE, error.message);
    // The service answered UNAVAILABLE; the client's retry policy then tried again, and found no one.
    const answered = service.logs.find((entry) => entry.event === "rpc" && entry.method === "Transform");
    assert.equal(answered?.code, "UNAVAILABLE");
    assert.equal(answered.message, "the service is shutting down: retry, another replica will answer");
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Gone, or dead and waiting to be reaped (Z): nothing of the service runs any more.
    const state = (pid: number): string | undefined => {
      try {
        return readFileSync(`/proc/${pid}/stat`, "utf8")
          .replace(/^.*\) /s, "")
          .split(" ")[0];
      } catch {
        return undefined;
      }
    };
    for (const pid of tree) assert.ok([undefined, "Z", "X"].includes(state(pid)), `process ${pid} is still running (state ${state(pid)})`);
    service.client.close();
  });
});
