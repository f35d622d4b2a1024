/**
 * Deterministic mutation fuzzing of the real fixtures: bit flips, byte
 * overwrites, truncation, header-field changes and chunk-length lies. Every
 * mutant must get a success or a clean INVALID_ARGUMENT (RESOURCE_EXHAUSTED
 * for one that runs into a limit) within a time bound, and the service must
 * stay up with bounded memory. The seed is printed; FUZZ_SEED repeats a run,
 * FUZZ_CASES sizes it.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";

import { ImageServiceError } from "@pixelrpc/client";

import { fixture, startImageService, type RunningService } from "@pixelrpc/harness";
import { decode } from "./images.js";

// A fixed default keeps CI repeatable; FUZZ_SEED explores other sequences.
const seed = Number(process.env.FUZZ_SEED ?? 20261124);
const cases = Number(process.env.FUZZ_CASES ?? 2000);

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
function random(state: number): () => number {
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

// Small and varied: every container and codec the service reads, kept quick to decode.
const sources = [
  "320x240.jpg",
  "random.jpg",
  "p3.png",
  "16-bit-grey-alpha.png",
  "full-transparent.png",
  "animated-loop-3.gif",
  "rotating-squares.gif",
  "animated-loop-3.webp",
  "check.svg",
  "truncated.png",
  "corrupt-header.jpg",
  "Landscape_5.jpg",
].map((name) => [name, fixture(name)] as const);

const mutations = {
  flipBits(bytes: Buffer, next: () => number) {
    for (let count = 1 + Math.floor(next() * 8); count > 0; count--) bytes[Math.floor(next() * bytes.length)]! ^= 1 << Math.floor(next() * 8);
    return bytes;
  },
  overwrite(bytes: Buffer, next: () => number) {
    const at = Math.floor(next() * bytes.length);
    bytes.fill(Math.floor(next() * 256), at, Math.min(bytes.length, at + 1 + Math.floor(next() * 64)));
    return bytes;
  },
  truncate(bytes: Buffer, next: () => number) {
    return bytes.subarray(0, Math.floor(next() * bytes.length));
  },
  /** Header fields live in the first bytes: dimensions, counts, offsets. */
  header(bytes: Buffer, next: () => number) {
    for (let count = 1 + Math.floor(next() * 4); count > 0; count--)
      bytes[Math.floor(next() * Math.min(64, bytes.length))] = [0, 0xff, 0x7f, 0x80][Math.floor(next() * 4)]!;
    return bytes;
  },
  /** Big-endian 32-bit lengths (PNG chunks, JPEG and WebP sizes) made to lie. */
  lengths(bytes: Buffer, next: () => number) {
    const at = Math.floor(next() * Math.max(1, bytes.length - 4));
    bytes.writeUInt32BE([0, 1, 0x7fffffff, 0xffffffff, bytes.length * 2][Math.floor(next() * 5)]! >>> 0, at);
    return bytes;
  },
};

let service: RunningService;
before(async () => {
  service = await startImageService({ IMAGE_MAX_PROCESSING_SECONDS: "5" });
});
after(async () => {
  await service.stop();
});

describe("fuzzing", () => {
  it(`answers ${cases} mutated fixtures cleanly (seed ${seed})`, async (t) => {
    t.diagnostic(`seed ${seed}: repeat with FUZZ_SEED=${seed}`);
    // All mutants are made first, in order, so that a seed means the same cases however the calls interleave.
    const next = random(seed);
    const names = Object.keys(mutations) as (keyof typeof mutations)[];
    const mutants = Array.from({ length: cases }, (_, number) => {
      const [name, original] = sources[Math.floor(next() * sources.length)]!;
      const mutation = names[Math.floor(next() * names.length)]!;
      return { number, name, mutation, image: mutations[mutation](Buffer.from(original), next), info: next() < 0.3 };
    });
    const outcomes = new Map<string, number>();
    let slowest = 0;
    let slowestCase = "";
    let index = 0;
    const worker = async (): Promise<void> => {
      while (index < mutants.length) {
        const { number, name, mutation, image, info } = mutants[index++]!;
        const started = performance.now();
        const request = info
          ? service.client.info(image, { timeoutMs: 15_000 })
          : service.client.transform({ image, operations: [{ resize: { width: 48 } }], output: { format: "FORMAT_PNG" } }, { timeoutMs: 15_000 });
        let details = "";
        const outcome = await request.then(
          () => "OK",
          (error: unknown) => {
            details = error instanceof Error ? error.message : String(error);
            return error instanceof ImageServiceError ? error.codeName : `not a status: ${details}`;
          },
        );
        const elapsed = performance.now() - started;
        if (elapsed > slowest) {
          slowest = elapsed;
          slowestCase = `case ${number}: ${mutation} of ${name}, ${info ? "Info" : "Transform"}, ${outcome}`;
        }
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
        if (!["OK", "INVALID_ARGUMENT", "RESOURCE_EXHAUSTED"].includes(outcome)) {
          // What a rare failure needs to be understood: the error, the service's state and its last words
          // (a process that just died reports its exit a moment after its connections drop).
          await Promise.race([service.exited, sleep(500)]);
          const { exitCode, signalCode } = service.process;
          const state = exitCode === null && signalCode === null ? "still running" : `exited with ${exitCode ?? signalCode}`;
          const errorLogs = service.logs.filter((entry) => entry.level === "error").slice(-3);
          assert.fail(
            `case ${number} (${mutation} of ${name}, ${info ? "Info" : "Transform"}) got ${outcome} (${details}); repeat with FUZZ_SEED=${seed}. ` +
              `The service is ${state}; its last error logs: ${JSON.stringify(errorLogs)}; its stderr ends: ${service.stderr().slice(-2000)}`,
          );
        }
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    t.diagnostic(`outcomes ${JSON.stringify(Object.fromEntries(outcomes))}; slowest call ${slowest.toFixed(0)} ms (${slowestCase})`);
    assert.ok(slowest < 15_000);

    const status = readFileSync(`/proc/${service.process.pid}/status`, "utf8");
    const peakMiB = Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]) / 1024;
    t.diagnostic(`peak RSS ${peakMiB.toFixed(0)} MiB`);
    assert.ok(peakMiB < 1500, `peak RSS ${peakMiB.toFixed(0)} MiB`);
    assert.equal(service.process.exitCode, null, "the service is still running");
    const healthy = await service.client.transform({ image: fixture("320x240.jpg"), operations: [{ resize: { width: 8 } }], output: { format: "FORMAT_PNG" } });
    assert.equal((await decode(healthy.image)).width, 8);
    assert.equal(await service.client.health(), "SERVING");
    assert.ok(!service.logs.some((entry) => entry.code === "INTERNAL"), "no call ended INTERNAL");
  });
});
