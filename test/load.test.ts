import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";

import { ImageServiceError, Status } from "@pixelrpc/client";

import { fixture, startImageService, type RunningService } from "@pixelrpc/harness";
import { decode } from "./images.js";

/** The service's peak resident memory so far, in MiB (Linux). */
function peakRssMiB(service: RunningService): number {
  const status = readFileSync(`/proc/${service.process.pid}/status`, "utf8");
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

const heavy = {
  image: fixture("2569067123_aca715a2ee_o.jpg"),
  operations: [{ resize: { width: 1600 } }, { blur: { sigma: 4 } }],
  output: { format: "FORMAT_WEBP" as const, effort: 6 },
};

describe("load shedding", () => {
  it("refuses what does not fit the queue at once with RESOURCE_EXHAUSTED, and serves what it accepted", async (t) => {
    const service = await startImageService({ IMAGE_POOL_THREADS: "1", IMAGE_MAX_QUEUE: "2" });
    try {
      const outcomes = await Promise.all(
        Array.from({ length: 16 }, async () => {
          const started = performance.now();
          try {
            const response = await service.client.transform(heavy);
            return { ok: true as const, ms: performance.now() - started, width: (await decode(response.image)).width };
          } catch (error) {
            assert.ok(error instanceof ImageServiceError, String(error));
            return { ok: false as const, ms: performance.now() - started, error };
          }
        }),
      );
      const accepted = outcomes.filter((outcome) => outcome.ok);
      const refused = outcomes.filter((outcome) => !outcome.ok);
      t.diagnostic(`${accepted.length} accepted, ${refused.length} refused; peak RSS ${peakRssMiB(service).toFixed(0)} MiB`);
      assert.ok(accepted.length >= 3, `only ${accepted.length} accepted`);
      assert.ok(refused.length >= 8, `only ${refused.length} refused: the queue did not bound anything`);
      for (const outcome of accepted) assert.equal(outcome.width, 1600);
      for (const outcome of refused) {
        assert.equal(outcome.error.code, Status.RESOURCE_EXHAUSTED);
        assert.match(outcome.error.details, /^the service is busy: 2 transform tasks are already waiting for a worker/);
        assert.equal(outcome.error.retryable, true, "a full queue is worth retrying");
        assert.ok(outcome.ms < 1000, `a refusal took ${Math.round(outcome.ms)} ms`);
      }
      assert.ok(peakRssMiB(service) < 1024, `peak RSS ${peakRssMiB(service).toFixed(0)} MiB`);
      // Still up, and idle again.
      const small = await service.client.transform({
        image: fixture("320x240.jpg"),
        operations: [{ resize: { width: 16 } }],
        output: { format: "FORMAT_PNG" },
      });
      assert.equal((await decode(small.image)).width, 16);
    } finally {
      await service.stop();
    }
  });
});
