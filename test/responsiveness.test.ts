import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";

import { createHealthClient, fixture, startImageService, type HealthClient, type RunningService } from "@pixelrpc/harness";
import { decode } from "./images.js";

let service: RunningService;
let health: HealthClient;
before(async () => {
  service = await startImageService({ IMAGE_POOL_THREADS: "2" });
  health = createHealthClient(service.address);
  await health.check(""); // connect before measuring
});
after(async () => {
  health.close();
  await service.stop();
});

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;

describe("the event loop stays free while the pool is saturated", () => {
  it("answers health checks and Info while every transform worker is busy and transforms are queued", async (t) => {
    const image = fixture("2569067123_aca715a2ee_o.jpg");
    const heavy = { operations: [{ resize: { width: 1600 } }, { blur: { sigma: 4 } }], output: { format: "FORMAT_WEBP" as const, effort: 6 } };
    let inFlight = 0;
    const transforms = Array.from({ length: 12 }, async () => {
      inFlight++;
      try {
        return await service.client.transform({ image, ...heavy });
      } finally {
        inFlight--;
      }
    });

    const saturatedChecks: number[] = [];
    const saturatedInfos: number[] = [];
    const small = fixture("320x240.jpg");
    await sleep(100); // let the burst reach the pool
    while (inFlight > 2) {
      let started = performance.now();
      assert.equal(await health.check(""), "SERVING");
      const latency = performance.now() - started;
      // Only count answers given while workers were all busy and work was waiting.
      if (inFlight > 2) saturatedChecks.push(latency);
      started = performance.now();
      assert.equal((await service.client.info(small)).info.width, 320);
      if (inFlight > 2) saturatedInfos.push(performance.now() - started);
      await sleep(20);
    }
    const results = await Promise.all(transforms);

    for (const result of results) assert.equal((await decode(result.image)).width, 1600);
    assert.ok(saturatedChecks.length >= 10, `only ${saturatedChecks.length} checks while saturated: the burst was too short to show anything`);
    const sorted = [...saturatedChecks].sort((a, b) => a - b);
    const p50 = percentile(sorted, 50);
    const max = sorted.at(-1)!;
    const infos = [...saturatedInfos].sort((a, b) => a - b);
    t.diagnostic(`${sorted.length} health checks under saturation: p50 ${p50.toFixed(1)} ms, max ${max.toFixed(1)} ms`);
    t.diagnostic(
      `${infos.length} Info calls on a small image under saturation: p50 ${percentile(infos, 50).toFixed(1)} ms, max ${infos.at(-1)!.toFixed(1)} ms`,
    );
    // Info has a worker of its own: it does not queue behind the transforms.
    assert.ok(percentile(infos, 50) < 200, `median Info latency ${percentile(infos, 50).toFixed(1)} ms under saturation`);
    // A generous bound: a blocked event loop would hold each check for a
    // whole transform (hundreds of ms). The benchmark measures the real figure.
    assert.ok(p50 < 100, `median health-check latency ${p50.toFixed(1)} ms under saturation`);
    assert.ok(max < 1000, `slowest health check took ${max.toFixed(1)} ms under saturation`);
  });

  it(
    "runs libvips' threads at nice 10 and the event loop at the default priority",
    { skip: !existsSync("/proc/self/task") && "no /proc: per-thread priorities are Linux only" },
    async () => {
      // The test above has made libvips start its threads; the service's sweep renices them within half a second.
      await sleep(600);
      const pid = service.process.pid!;
      const threads = readdirSync(`/proc/${pid}/task`).map((tid) => {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
        // The name sits in parentheses and may hold spaces ("libvips worker"); field 19, nice, is the 17th after it.
        const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
        const nice = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]);
        return { tid: Number(tid), name, nice };
      });
      const libvips = threads.filter((thread) => thread.name === "libvips worker");
      assert.ok(libvips.length >= 2, `expected libvips threads after a burst of transforms, found ${JSON.stringify(threads)}`);
      assert.deepEqual(new Set(libvips.map((thread) => thread.nice)), new Set([10]));
      assert.equal(threads.find((thread) => thread.tid === pid)?.nice, 0, "the event loop's thread keeps the default priority");
    },
  );
});
