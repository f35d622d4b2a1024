import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";

import { Status, type ImageServiceError } from "@pixelrpc/client";

import { fixture, spawnImageService, startGateway, startImageService } from "@pixelrpc/harness";
import { decode } from "./images.js";

describe("start-up", () => {
  it("runs each service as its npm start does: its start script's node flags and environment", async () => {
    const images = await startImageService({ IMAGE_POOL_THREADS: "1" });
    const gateway = await startGateway(images.address);
    try {
      const environ = (pid: number): string[] => readFileSync(`/proc/${pid}/environ`, "latin1").split("\0");
      const cmdline = (pid: number): string[] => readFileSync(`/proc/${pid}/cmdline`, "latin1").split("\0");
      for (const pid of [images.process.pid!, gateway.process.pid!])
        assert.ok(environ(pid).includes(`MALLOC_ARENA_MAX=${process.env.MALLOC_ARENA_MAX ?? "2"}`));
      assert.ok(cmdline(gateway.process.pid!).includes("--initial-old-space-size=128"), cmdline(gateway.process.pid!).join(" "));
      assert.ok(cmdline(images.process.pid!).at(-2)!.endsWith("services/image/dist/main.js"), cmdline(images.process.pid!).join(" "));
    } finally {
      await gateway.stop();
      await images.stop();
    }
  });

  it("logs one JSON line with the bound address, and serves on it", async () => {
    const service = await startImageService({ IMAGE_POOL_THREADS: "1" });
    try {
      const listening = service.logs.find((entry) => entry.event === "listening")!;
      assert.match(String(listening.address), /^127\.0\.0\.1:\d+$/);
      assert.notEqual(listening.port, 0, "port 0 was resolved to the real port");
      assert.equal(listening.poolThreads, 1);
      assert.equal(listening.maxInputPixels, 50_000_000);
      assert.equal(listening.maxMessageBytes, 32 * 1024 * 1024);
      assert.equal(listening.maxQueue, 64);
      assert.equal(listening.shutdownGraceMs, 10_000);
      assert.equal(typeof listening.time, "string");
      const response = await service.client.info(fixture("320x240.jpg"));
      assert.equal(response.info.width, 320);
    } finally {
      await service.stop();
    }
  });

  it("refuses a bad configuration with exit code 1 and a log line naming every bad variable", async () => {
    const { logs, exited } = spawnImageService({ IMAGE_GRPC_ADDR: "nonsense", IMAGE_POOL_THREADS: "0" });
    assert.equal(await exited, 1);
    const failure = logs.find((entry) => entry.event === "invalid_config");
    assert.ok(failure, JSON.stringify(logs));
    assert.equal(failure.level, "error");
    const problems = failure.problems as string[];
    assert.ok(
      problems.some((problem) => problem.startsWith("IMAGE_GRPC_ADDR must be host:port")),
      problems.join("; "),
    );
    assert.ok(
      problems.some((problem) => problem.startsWith("IMAGE_POOL_THREADS must be a whole number from 1")),
      problems.join("; "),
    );
  });

  it("exits 1 with a clear log line when the address is taken", async () => {
    const first = await startImageService();
    try {
      const { logs, exited } = spawnImageService({ IMAGE_GRPC_ADDR: first.address });
      assert.equal(await exited, 1);
      const failure = logs.find((entry) => entry.event === "start_failed");
      assert.ok(failure, JSON.stringify(logs));
      assert.match(JSON.stringify(failure.error), new RegExp(`cannot listen on ${first.address.replace(/\./g, "\\.")}`));
    } finally {
      await first.stop();
    }
  });
});

describe("shutdown", () => {
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    it(`on ${signal} finishes the transforms in flight, then exits 0`, async () => {
      const service = await startImageService({ IMAGE_POOL_THREADS: "2" });
      const image = fixture("2569067123_aca715a2ee_o.jpg");
      const inFlight = Array.from({ length: 4 }, () =>
        service.client.transform({ image, operations: [{ resize: { width: 1200 } }], output: { format: "FORMAT_WEBP" } }),
      );
      // Wait until the service has the calls before signalling.
      await new Promise((resolve) => setTimeout(resolve, 150));
      service.process.kill(signal);
      await new Promise((resolve) => setTimeout(resolve, 100));
      // Draining: new calls are refused with UNAVAILABLE, which clients retry elsewhere.
      await assert.rejects(service.client.info(fixture("320x240.jpg")), (error: ImageServiceError) => {
        assert.equal(error.code, Status.UNAVAILABLE, error.message);
        return true;
      });
      const results = await Promise.all(inFlight);
      for (const result of results) assert.equal((await decode(result.image)).width, 1200);
      assert.equal(await service.exited, 0);
      const events = service.logs.map((entry) => entry.event);
      assert.ok(events.includes("stopping") && events.includes("stopped"), events.join(", "));
      service.client.close();
    });
  }
});
