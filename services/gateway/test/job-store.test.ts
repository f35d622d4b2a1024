import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";

import { JobQueues, MemoryJobStore, type Job, type JobEvent } from "../src/jobs/store.js";

const info = { format: "FORMAT_PNG" as const, width: 1, height: 1, sizeBytes: 4, hasAlpha: false, pages: 1, channels: 3, quality: 0 };
const limits = { ttlMs: 60_000, jobTimeoutMs: 60_000, maxJobs: 10, maxBytes: 1024 };

async function created(store: MemoryJobStore): Promise<Job> {
  const job = await store.create("single", ["result"]);
  assert.ok(!("refused" in job));
  return job;
}

describe("MemoryJobStore", () => {
  it("tells subscribers each change in order, and nothing after the job ends", async () => {
    const store = new MemoryJobStore(limits);
    const job = await created(store);
    const seen: string[] = [];
    await store.subscribe(job.id, (event: JobEvent) => seen.push(`${event.type}:${event.job.status}`));
    await store.update(job.id, (current) => ((current.status = "running"), "status"));
    await store.addResult(job.id, { name: "result", info }, Buffer.alloc(4, 7));
    await store.update(job.id, (current) => ((current.status = "succeeded"), "status"));
    await store.update(job.id, (current) => ((current.status = "failed"), "status"));
    assert.deepEqual(seen, ["status:running", "result:running", "status:succeeded"]);
    const finished = (await store.get(job.id))!;
    assert.equal(finished.status, "succeeded");
    assert.ok(finished.finishedAt! >= job.createdAt);
    assert.deepEqual(await store.resultBytes(job.id, "result"), Buffer.alloc(4, 7));
    assert.deepEqual(await store.countByStatus(), { queued: 0, running: 0, succeeded: 1, failed: 0, cancelled: 0 });
  });

  it("hands out copies: changing a job read from the store changes nothing in it", async () => {
    const store = new MemoryJobStore(limits);
    const job = await created(store);
    const read = (await store.get(job.id))!;
    read.status = "failed";
    assert.equal((await store.get(job.id))!.status, "queued");
  });

  it("refuses jobs past the job limit and past the byte limit", async () => {
    const store = new MemoryJobStore({ ...limits, maxJobs: 2, maxBytes: 8 });
    const first = await created(store);
    await store.addResult(first.id, { name: "result", info }, Buffer.alloc(8));
    assert.match(((await store.create("single", ["result"])) as { refused: string }).refused, /8 bytes of results are kept \(GATEWAY_MAX_JOB_BYTES\)/);
    const roomy = new MemoryJobStore({ ...limits, maxJobs: 1, maxBytes: 8 });
    await created(roomy);
    assert.match(((await roomy.create("single", ["result"])) as { refused: string }).refused, /1 jobs are kept \(GATEWAY_MAX_JOBS\)/);
  });

  it("forgets a finished job and its bytes after the TTL", async () => {
    const store = new MemoryJobStore({ ...limits, ttlMs: 50, maxJobs: 1, maxBytes: 4 });
    const job = await created(store);
    await store.addResult(job.id, { name: "result", info }, Buffer.alloc(4));
    await store.update(job.id, (current) => ((current.status = "succeeded"), "status"));
    assert.ok(await store.get(job.id));
    await sleep(120);
    assert.equal(await store.get(job.id), undefined);
    assert.equal(await store.resultBytes(job.id, "result"), undefined);
    await created(store);
  });

  it("forgets a job that never finishes after its timeout plus the TTL", async () => {
    const store = new MemoryJobStore({ ...limits, ttlMs: 30, jobTimeoutMs: 30 });
    const job = await created(store);
    await sleep(120);
    assert.equal(await store.get(job.id), undefined);
  });

  it("passes cancellation requests to every listener", async () => {
    const store = new MemoryJobStore(limits);
    const asked: string[] = [];
    store.onCancelRequested((id) => asked.push(id));
    await store.requestCancel("a");
    assert.deepEqual(asked, ["a"]);
  });
});

describe("JobQueues", () => {
  it("runs one job's steps in call order, and another job's alongside", async () => {
    const queues = new JobQueues();
    const order: string[] = [];
    const step = (name: string, ms: number) => () => sleep(ms).then(() => void order.push(name));
    await Promise.all([queues.run("a", step("a1", 30)), queues.run("a", step("a2", 1)), queues.run("b", step("b1", 5))]);
    assert.deepEqual(order, ["b1", "a1", "a2"]);
  });

  it("goes on after a failed step, and reports the failure to its caller", async () => {
    const queues = new JobQueues();
    await assert.rejects(
      queues.run("a", () => Promise.reject(new Error("store down"))),
      /store down/,
    );
    let ran = false;
    await queues.run("a", async () => void (ran = true));
    assert.ok(ran);
  });
});
