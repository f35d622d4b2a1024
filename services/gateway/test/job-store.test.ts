import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";

import { MemoryJobStore, type Job, type JobEvent } from "../src/jobs/store.js";

const info = { format: "FORMAT_PNG" as const, width: 1, height: 1, sizeBytes: 4, hasAlpha: false, pages: 1, channels: 3 };

function created(store: MemoryJobStore): Job {
  const job = store.create("single", ["result"]);
  assert.ok(!("refused" in job));
  return job;
}

describe("MemoryJobStore", () => {
  it("tells subscribers each change in order, and nothing after the job ends", () => {
    const store = new MemoryJobStore({ ttlMs: 60_000, maxJobs: 10, maxBytes: 1024 });
    const job = created(store);
    const seen: string[] = [];
    store.subscribe(job.id, (event: JobEvent) => seen.push(`${event.type}:${event.job.status}`));
    store.update(job.id, (current) => ((current.status = "running"), "status"));
    store.update(job.id, () => "result", { name: "result", info, bytes: Buffer.alloc(4) });
    store.update(job.id, (current) => ((current.status = "succeeded"), "status"));
    store.update(job.id, (current) => ((current.status = "failed"), "status"));
    assert.deepEqual(seen, ["status:running", "result:running", "status:succeeded"]);
    assert.equal(store.get(job.id)!.status, "succeeded");
    assert.ok(store.get(job.id)!.finishedAt! >= job.createdAt);
  });

  it("refuses jobs past the job limit and past the byte limit", () => {
    const store = new MemoryJobStore({ ttlMs: 60_000, maxJobs: 2, maxBytes: 8 });
    const first = created(store);
    store.update(first.id, () => "result", { name: "result", info, bytes: Buffer.alloc(8) });
    const refusedForBytes = store.create("single", ["result"]);
    assert.match((refusedForBytes as { refused: string }).refused, /8 bytes of results are kept \(GATEWAY_MAX_JOB_BYTES\)/);
    const roomy = new MemoryJobStore({ ttlMs: 60_000, maxJobs: 1, maxBytes: 8 });
    created(roomy);
    assert.match((roomy.create("single", ["result"]) as { refused: string }).refused, /1 jobs are kept \(GATEWAY_MAX_JOBS\)/);
  });

  it("forgets a finished job and its bytes after the TTL", async () => {
    const store = new MemoryJobStore({ ttlMs: 50, maxJobs: 1, maxBytes: 4 });
    const job = created(store);
    store.update(job.id, () => "result", { name: "result", info, bytes: Buffer.alloc(4) });
    store.update(job.id, (current) => ((current.status = "succeeded"), "status"));
    assert.ok(store.get(job.id));
    await sleep(120);
    assert.equal(store.get(job.id), undefined);
    created(store);
  });
});
