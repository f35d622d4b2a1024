import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";

import sharp from "sharp";

import { collectImage, Status, type TransformProgress, type VariantSpec, type VariantsRequest } from "@pixelrpc/client";

import { callError, fixture, startImageService, type RunningService } from "@pixelrpc/harness";
import { decode } from "./images.js";

let service: RunningService;
before(async () => {
  service = await startImageService({ IMAGE_POOL_THREADS: "2" });
});
after(async () => {
  await service.stop();
});

const photo = fixture("2569067123_aca715a2ee_o.jpg");

const responsiveSet: VariantSpec[] = [320, 640, 1280].flatMap((width) => [
  { name: `w${width}.webp`, operations: [{ resize: { width } }], output: { format: "FORMAT_WEBP", quality: 80 } },
  { name: `w${width}.avif`, operations: [{ resize: { width } }], output: { format: "FORMAT_AVIF", quality: 50 } },
]);

async function allVariants(request: VariantsRequest) {
  const arrived = [];
  const started = performance.now();
  for await (const variant of service.client.variants(request)) arrived.push({ ...variant, atMs: performance.now() - started });
  return arrived;
}

describe("Variants", () => {
  it("returns a responsive set, each variant as soon as it is encoded", async (t) => {
    const arrived = await allVariants({ image: photo, variants: responsiveSet });
    assert.deepEqual(arrived.map((variant) => variant.name).sort(), responsiveSet.map((variant) => variant.name!).sort());
    for (const variant of arrived) {
      assert.equal(variant.error, null, `${variant.name}: ${variant.error?.message}`);
      const decoded = await decode(variant.image);
      const width = Number(/^w(\d+)/.exec(variant.name)![1]);
      assert.equal(decoded.width, width, variant.name);
      assert.equal(decoded.height, Math.round((2225 * width) / 2725), variant.name);
      assert.equal(decoded.metadata.format, variant.name.endsWith(".avif") ? "heif" : "webp", variant.name);
      assert.equal(variant.info!.sizeBytes, variant.image.byteLength);
    }
    const first = arrived[0]!;
    const last = arrived.at(-1)!;
    t.diagnostic(`first variant (${first.name}) after ${first.atMs.toFixed(0)} ms, last (${last.name}) after ${last.atMs.toFixed(0)} ms`);
    assert.ok(first.atMs < last.atMs / 2, "the first variant arrives long before the last");
  });

  it("reports a failing variant and still delivers the others", async () => {
    const arrived = await allVariants({
      image: fixture("320x240.jpg"),
      variants: [
        { name: "thumb", operations: [{ resize: { width: 32 } }], output: { format: "FORMAT_PNG" } },
        { name: "off-image", operations: [{ extract: { left: 300, top: 0, width: 100, height: 10 } }] },
        { name: "grey", operations: [{ grayscale: {} }], output: { format: "FORMAT_JPEG" } },
      ],
    });
    const byName = new Map(arrived.map((variant) => [variant.name, variant]));
    assert.equal(byName.size, 3);
    assert.equal(byName.get("off-image")!.error!.code, Status.INVALID_ARGUMENT);
    assert.match(byName.get("off-image")!.error!.message, /^operations\[0\]\.extract: the region 100x10 at \(300, 0\) is outside the 320x240 image/);
    assert.equal(byName.get("off-image")!.image.byteLength, 0);
    assert.equal((await decode(byName.get("thumb")!.image)).width, 32);
    assert.equal((await decode(byName.get("grey")!.image)).metadata.format, "jpeg");
  });

  it("fails the whole call for an undecodable source, checked once", async () => {
    const error = await callError(allVariants({ image: fixture("corrupt-header.jpg"), variants: responsiveSet }));
    assert.equal(error.code, Status.INVALID_ARGUMENT);
    assert.match(error.details, /^cannot read image: /);
  });

  it("refuses bad variant lists, naming the variant", async () => {
    const cases: [VariantsRequest, RegExp][] = [
      [{ image: photo, variants: [] }, /^variants is empty/],
      [{ image: photo, variants: Array.from({ length: 17 }, (_, index) => ({ name: `v${index}` })) }, /^variants has 17 entries; at most 16 are allowed$/],
      [{ image: photo, variants: [{ name: "a" }, { name: "a" }] }, /^variants\[1\]\.name "a" is used twice$/],
      [{ image: photo, variants: [{ name: "" }] }, /^variants\[0\]\.name is empty/],
      [
        { image: photo, variants: [{ name: "a" }, { name: "b", operations: [{ blur: { sigma: 0.1 } }] }] },
        /^variants\[1\]\.operations\[0\]\.blur\.sigma must be from 0\.3/,
      ],
    ];
    for (const [request, pattern] of cases) {
      const error = await callError(allVariants(request));
      assert.equal(error.code, Status.INVALID_ARGUMENT);
      assert.match(error.details, pattern);
    }
  });
});

describe("TransformStream", () => {
  it("reports progress in order, then info, then the image in chunks of the size asked for", async () => {
    const events = [];
    for await (const event of service.client.transformStream({
      image: photo,
      operations: [{ resize: { width: 1200 } }, { sharpen: {} }],
      output: { format: "FORMAT_PNG" },
      chunkSize: 100_000,
    })) {
      events.push(event);
    }
    const stages = events.filter((event) => event.progress).map((event) => event.progress!.stage);
    assert.deepEqual(stages.slice(-4), ["STAGE_STARTED", "STAGE_DECODING", "STAGE_TRANSFORMING", "STAGE_ENCODING"]);
    assert.ok(["STAGE_QUEUED", "STAGE_STARTED"].includes(stages[0]!));
    const infoIndex = events.findIndex((event) => event.info);
    assert.ok(
      events.slice(0, infoIndex).every((event) => event.progress),
      "progress comes before info",
    );
    const chunks = events.slice(infoIndex + 1).map((event) => event.chunk!);
    assert.ok(chunks.length > 1 && chunks.every((chunk) => chunk.byteLength <= 100_000));
    const image = Buffer.concat(chunks);
    assert.equal(image.byteLength, events[infoIndex]!.info!.sizeBytes);
    const decoded = await decode(image);
    assert.equal(`${decoded.width}x${decoded.height}`, "1200x980");
  });

  it("delivers a result larger than the message limit, which Transform refuses", async () => {
    const small = await startImageService({ IMAGE_MAX_MESSAGE_BYTES: String(1024 * 1024) });
    try {
      const request = { image: photo, operations: [{ resize: { width: 1600 } }], output: { format: "FORMAT_PNG" as const } };
      const refused = await callError(small.client.transform(request));
      assert.equal(refused.code, Status.RESOURCE_EXHAUSTED);
      assert.match(refused.details, /use TransformStream/);
      const progress: TransformProgress[] = [];
      const result = await collectImage(small.client.transformStream(request), (event) => progress.push(event));
      assert.ok(result.image.byteLength > 1024 * 1024, `${result.image.byteLength} bytes`);
      assert.equal((await decode(result.image)).width, 1600);
      assert.ok(progress.some((event) => event.stage === "STAGE_ENCODING"));
    } finally {
      await small.stop();
    }
  });

  it("a reader that stops reading holds the stream back: the service's memory stays flat while it waits", async () => {
    // 12 megapixels of noise: a lossless PNG of it does not compress (about 32 MB).
    const noise = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: "#808080", noise: { type: "gaussian", mean: 128, sigma: 60 } } })
      .jpeg({ quality: 100 })
      .toBuffer();
    const residentBytes = (): number => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${service.process.pid}/status`, "utf8"))![1]) * 1024;
    const call = service.client.grpc.transformStream({ image: noise, output: { format: "FORMAT_PNG" }, chunkSize: 64 * 1024 });
    let size = 0;
    let received = 0;
    let paused: () => void;
    const firstChunk = new Promise<void>((resolve) => (paused = resolve));
    const ended = new Promise<void>((resolve, reject) => {
      call.on("end", resolve);
      call.on("error", reject);
    });
    call.on("data", (event: { info?: { sizeBytes: number }; chunk?: Buffer }) => {
      if (event.info) size = event.info.sizeBytes;
      if (!event.chunk) return;
      if (received === 0) {
        call.pause();
        paused();
      }
      received += event.chunk.byteLength;
    });
    await firstChunk;
    const before = residentBytes();
    let peak = before;
    for (let sample = 0; sample < 15; sample++) {
      await sleep(100);
      peak = Math.max(peak, residentBytes());
    }
    // HTTP/2 windows and socket buffers hold some chunks; without flow control
    // grpc-js would serialise every chunk now: one more copy of the result.
    assert.ok(received < size / 4, `${received} of ${size} bytes arrived while the reader was paused`);
    const growth = peak - before;
    assert.ok(
      growth < size / 4,
      `RSS grew by ${(growth / 1024 / 1024).toFixed(1)} MiB while the reader of a ${(size / 1024 / 1024).toFixed(1)} MiB result was paused`,
    );
    call.resume();
    await ended;
    assert.equal(received, size);
    assert.ok(size > 30 * 1024 * 1024, `the result is only ${size} bytes`);
  });

  it("reports the queue position while the call waits for a worker", async () => {
    const single = await startImageService({ IMAGE_POOL_THREADS: "1" });
    try {
      const heavy = { image: photo, operations: [{ resize: { width: 1600 } }, { blur: { sigma: 4 } }], output: { format: "FORMAT_WEBP" as const, effort: 6 } };
      // Two calls ahead, followed until the service holds both and runs one
      // (a fixed wait would race a busy machine): each reports progress
      // once submitted to the pool, and the one that got the worker reports STAGE_STARTED.
      let started!: () => void;
      const oneStarted = new Promise<void>((resolve) => (started = resolve));
      const submitted: Promise<void>[] = [];
      const ahead = [0, 1].map(() => {
        let reached!: () => void;
        submitted.push(new Promise<void>((resolve) => (reached = resolve)));
        return collectImage(single.client.transformStream(heavy), (event) => {
          reached();
          if (event.stage === "STAGE_STARTED") started();
        });
      });
      await Promise.all([...submitted, oneStarted]);
      const positions: number[] = [];
      await collectImage(single.client.transformStream({ image: fixture("320x240.jpg") }), (event) => {
        if (event.stage === "STAGE_QUEUED") positions.push(event.queuePosition);
      });
      await Promise.all(ahead);
      assert.ok(positions.length >= 1, "reported while queued");
      assert.equal(positions[0], 1, "one call waited ahead of it, the other was running");
      assert.ok(positions.at(-1)! <= positions[0]!, "the position only goes down");
    } finally {
      await single.stop();
    }
  });

  it("refuses a chunk size over the message limit", async () => {
    const error = await callError(collectImage(service.client.transformStream({ image: photo, chunkSize: 64 * 1024 * 1024 })));
    assert.equal(error.code, Status.INVALID_ARGUMENT);
    assert.match(error.details, /^chunk_size must be at most 33553408/);
  });

  it("cancels the call when the caller aborts mid-stream", async () => {
    const controller = new AbortController();
    const stream = service.client.transformStream(
      { image: photo, operations: [{ blur: { sigma: 200 } }], output: { format: "FORMAT_PNG" } },
      { signal: controller.signal },
    );
    const error = await callError(
      (async () => {
        for await (const event of stream) if (event.progress?.stage === "STAGE_DECODING") controller.abort();
      })(),
    );
    assert.equal(error.code, Status.CANCELLED);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const log = service.logs.filter((entry) => entry.event === "rpc" && entry.method === "TransformStream").at(-1);
    assert.equal(log?.code, "CANCELLED");
  });
});
