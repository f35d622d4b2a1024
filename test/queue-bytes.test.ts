/**
 * Requests that have arrived hold their images until their calls end: the
 * images a lane holds, waiting or running, are bounded by
 * IMAGE_MAX_QUEUE_BYTES as the queue's places are by IMAGE_MAX_QUEUE.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";

import sharp from "sharp";
import { Status } from "@pixelrpc/client";

import { callError, startImageService, type RunningService } from "@pixelrpc/harness";
import { decode, endlessBlur } from "./images.js";

const MIB = 1024 * 1024;

/** A PNG of noise, which does not compress: about `side` x `side` x 3 bytes. */
const noise = (side: number): Promise<Buffer> =>
  sharp(randomBytes(side * side * 3), { raw: { width: side, height: side, channels: 3 } })
    .png({ compressionLevel: 0 })
    .toBuffer();

describe("images held by a lane", () => {
  let service: RunningService;
  before(async () => {
    service = await startImageService({ IMAGE_POOL_THREADS: "1", IMAGE_MAX_QUEUE_BYTES: String(8 * MIB) });
  });
  after(() => service.stop());

  it("are bounded by IMAGE_MAX_QUEUE_BYTES: past it a call is refused at once, and one image over it still runs on an idle lane", async () => {
    const [first, second, third] = await Promise.all([noise(1024), noise(1024), noise(1024)]);
    assert.ok(first!.byteLength > 3 * MIB);
    const small = { operations: [{ resize: { width: 64 } }], output: { format: "FORMAT_PNG" as const } };

    const controller = new AbortController();
    const blocker = service.client.transform(await endlessBlur(), { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Two 3 MiB images wait behind it: the lane holds 6 MiB of its 8.
    const waiting = [first, second].map((image) => service.client.transform({ image: image!, ...small }));
    await new Promise((resolve) => setTimeout(resolve, 200));

    const started = performance.now();
    const refused = await callError(service.client.transform({ image: third!, ...small }));
    assert.equal(refused.code, Status.RESOURCE_EXHAUSTED);
    assert.match(refused.details, /transform tasks hold 6\.\d MiB of images, and this one's 3\.\d MiB would pass its limit of 8\.0 MiB; retry/);
    assert.ok(performance.now() - started < 1000, "refused at once");
    // The Info lane counts its own.
    assert.equal((await service.client.info({ image: third! })).info?.width, 1024);

    controller.abort();
    assert.equal((await callError(blocker)).code, Status.CANCELLED);
    for (const result of await Promise.all(waiting)) assert.equal((await decode(result.image)).width, 64);

    // The lane holds nothing now: an image larger than the whole budget is served.
    const large = await noise(1800);
    assert.ok(large.byteLength > 8 * MIB);
    assert.equal((await decode((await service.client.transform({ image: large, ...small })).image)).width, 64);
    // And the third image, refused before, is served once there is room.
    assert.equal((await decode((await service.client.transform({ image: third!, ...small })).image)).width, 64);
  });
});
