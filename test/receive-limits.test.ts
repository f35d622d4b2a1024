/**
 * Requests that never finish arriving: streams that send most of a large
 * message and stop. Their bytes are bounded by IMAGE_RECEIVE_BUDGET_BYTES,
 * they are cancelled at IMAGE_RECEIVE_TIMEOUT_MS, and the memory comes back.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { connect, constants, type ClientHttp2Session, type ClientHttp2Stream } from "node:http2";
import { after, before, describe, it } from "node:test";

import { createHealthClient, fixture, startImageService, type RunningService } from "@pixelrpc/harness";
import { decode } from "./images.js";

const MIB = 1024 * 1024;
const BUDGET = 64 * MIB;
const TIMEOUT_MS = 3000;
const STREAMS_PER_CONNECTION = 8;

let service: RunningService;
before(async () => {
  service = await startImageService({
    IMAGE_RECEIVE_BUDGET_BYTES: String(BUDGET),
    IMAGE_RECEIVE_TIMEOUT_MS: String(TIMEOUT_MS),
    IMAGE_MAX_CONCURRENT_STREAMS: String(STREAMS_PER_CONNECTION),
  });
});
after(() => service.stop());

const rssMiB = (): number => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${service.process.pid}/status`, "utf8"))?.[1]) / 1024;

interface Stalled {
  readonly stream: ClientHttp2Stream;
  /** The RST_STREAM code the server ended it with (0 when it has not). */
  readonly ended: Promise<number>;
}

/** A Transform whose message declares `declared` bytes, of which `sent` are sent; then nothing. */
function stalledCall(session: ClientHttp2Session, declared: number, sent: number): Stalled {
  const stream = session.request({
    ":method": "POST",
    ":path": "/pixelrpc.image.v1.ImageService/Transform",
    "content-type": "application/grpc",
    te: "trailers",
  });
  const prefix = Buffer.alloc(5);
  prefix.writeUInt32BE(declared, 1);
  stream.write(prefix);
  // Field 1 (image), length-delimited, then part of its bytes: a message that never completes.
  for (let offset = 0; offset < sent; offset += MIB) stream.write(Buffer.alloc(Math.min(MIB, sent - offset), 7));
  stream.on("error", () => undefined);
  stream.resume();
  return { stream, ended: new Promise((resolve) => stream.once("close", () => resolve(stream.rstCode ?? 0))) };
}

describe("requests still arriving are bounded", () => {
  it("holds their bytes within the budget, cancels them at the receive timeout, and gives the memory back", async () => {
    const health = createHealthClient(service.address);
    const baseline = rssMiB();
    const sessions = Array.from({ length: 4 }, () => connect(`http://${service.address}`));
    for (const session of sessions) session.on("error", () => undefined);
    // 4 connections x 12 streams x 12 MiB: 576 MiB if nothing bounded it.
    const calls = sessions.flatMap((session) => Array.from({ length: 12 }, () => stalledCall(session, 30 * MIB, 12 * MIB)));
    const started = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 1500));

    const during = rssMiB();
    assert.ok(during - baseline < BUDGET / MIB + 120, `RSS grew from ${baseline.toFixed(0)} to ${during.toFixed(0)} MiB with a ${BUDGET / MIB} MiB budget`);
    const healthStarted = performance.now();
    assert.equal(await health.check("", 2000), "SERVING");
    assert.ok(performance.now() - healthStarted < 1000, "health answers during the attack");

    const codes = await Promise.all(calls.map((call) => call.ended));
    const elapsed = performance.now() - started;
    assert.ok(elapsed < TIMEOUT_MS + 2000, `every stalled stream ended within the receive timeout (${Math.round(elapsed)} ms)`);
    const count = (code: number): number => codes.filter((candidate) => candidate === code).length;
    assert.ok(count(constants.NGHTTP2_CANCEL) >= 1, `some streams were cancelled at the timeout: ${codes.join(",")}`);
    assert.ok(
      count(constants.NGHTTP2_REFUSED_STREAM) + count(constants.NGHTTP2_ENHANCE_YOUR_CALM) >= 1,
      `some streams were refused or reset past the budget: ${codes.join(",")}`,
    );
    assert.equal(count(0), 0, `no stream ended without a reset: ${codes.join(",")}`);
    assert.ok(service.logs.some((entry) => entry.event === "receive_timeout"));
    assert.ok(service.logs.some((entry) => entry.event === "receive_budget_exceeded" || entry.event === "receive_refused"));
    for (const session of sessions) session.close();

    // The memory comes back within seconds of the abuse ending.
    let now = rssMiB();
    for (let waited = 0; waited < 10_000 && now - baseline > 80; waited += 500) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      now = rssMiB();
    }
    assert.ok(now - baseline <= 80, `RSS ${now.toFixed(0)} MiB after the abuse, against ${baseline.toFixed(0)} before`);

    const response = await service.client.transform({
      image: fixture("320x240.jpg"),
      operations: [{ resize: { width: 32 } }],
      output: { format: "FORMAT_PNG" },
    });
    assert.equal((await decode(response.image)).width, 32);
    health.close();
  });

  it("lets a large request that arrives in time through, on a connection at its stream limit", async () => {
    const photo = fixture("2569067123_aca715a2ee_o.jpg");
    const results = await Promise.all(
      Array.from({ length: STREAMS_PER_CONNECTION + 4 }, () =>
        service.client.transform({ image: photo, operations: [{ resize: { width: 64 } }], output: { format: "FORMAT_PNG" } }),
      ),
    );
    for (const result of results) assert.equal((await decode(result.image)).width, 64);
  });
});
