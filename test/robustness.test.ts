import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";

import { ImageServiceError, Status, type TransformRequest } from "@pixelrpc/client";

import { callError, fixture, startImageService, type RunningService } from "@pixelrpc/harness";
import { decode, solid } from "./images.js";

let service: RunningService;
before(async () => {
  service = await startImageService({
    IMAGE_TEST_HOOKS: "1",
    IMAGE_MAX_INPUT_BYTES: String(600 * 1024),
    IMAGE_MAX_INPUT_PAGES: "5",
    IMAGE_MAX_OUTPUT_DIMENSION: "1000",
  });
});
after(async () => {
  await service.stop();
});

const rejection = (request: TransformRequest): Promise<ImageServiceError> => callError(service.client.transform(request));

async function stillServing(): Promise<void> {
  const response = await service.client.transform({ image: fixture("320x240.jpg"), operations: [{ resize: { width: 20 } }], output: { format: "FORMAT_PNG" } });
  assert.equal((await decode(response.image)).width, 20);
}

describe("limits checked from the header", () => {
  it("IMAGE_MAX_INPUT_BYTES", async () => {
    const error = await rejection({ image: fixture("2569067123_aca715a2ee_o.jpg") });
    assert.equal(error.code, Status.INVALID_ARGUMENT);
    assert.equal(error.details, "image is 829183 bytes, over this service's input limit of 614400 bytes");
  });

  it("IMAGE_MAX_INPUT_PAGES", async () => {
    const error = await rejection({ image: fixture("animated-loop-3.gif") });
    assert.equal(error.details, "image has 10 pages or frames, over this service's limit of 5; it was not decoded");
  });

  it("the input side limit (IMAGE_MAX_INPUT_DIMENSION) refuses extreme shapes that fit the pixel limit", async () => {
    // p3.png with its IHDR width made 2097160: 16.8 megapixels, but a shape
    // that costs libvips seconds and gigabytes to resample (found by fuzzing).
    const sliver = Buffer.from(fixture("p3.png"));
    sliver.writeUInt32BE(2_097_160, 16);
    const error = await rejection({ image: sliver, operations: [{ resize: { width: 48 } }] });
    assert.equal(error.details, "image is 2097160x8 pixels, a side over this service's limit of 65535; it was not decoded");
  });

  it("IMAGE_MAX_OUTPUT_DIMENSION", async () => {
    const error = await rejection({ image: fixture("320x240.jpg"), operations: [{ resize: { width: 2000 } }] });
    assert.equal(error.details, "operations[0].resize would make a 2000x1500 image, over this service's limit of 1000 pixels a side");
  });
});

describe("untrusted formats", () => {
  it("refuses formats libvips could read but the service does not accept (PPM, libvips' own .v)", async () => {
    const ppm = Buffer.concat([Buffer.from("P6\n2 2\n255\n"), Buffer.alloc(12, 200)]);
    for (const image of [ppm, Buffer.concat([Buffer.from([0x08, 0xf2, 0xa6, 0xb6]), Buffer.alloc(60)])]) {
      const error = await rejection({ image });
      assert.equal(error.code, Status.INVALID_ARGUMENT);
      assert.match(error.details, /unsupported image format/);
    }
  });

  describe("SVG never reads files or the network", () => {
    let server: Server;
    const requests: string[] = [];
    before(async () => {
      server = createServer((request, response) => {
        requests.push(request.url ?? "");
        response.writeHead(200, { "content-type": "image/png" }).end();
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    });
    after(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it("renders references to file:///etc/passwd, a local image and a URL as nothing", async () => {
      const { port } = server.address() as AddressInfo;
      const svg = Buffer.from(
        `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY secret SYSTEM "file:///etc/passwd">]>` +
          `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="40" height="40">` +
          `<image width="40" height="40" xlink:href="file:///etc/passwd"/>` +
          `<image width="40" height="40" xlink:href="file:///work/shared/fixtures/320x240.jpg"/>` +
          `<image width="40" height="40" href="http://127.0.0.1:${port}/tracker.png"/>` +
          `<text x="0" y="20">&secret;</text></svg>`,
      );
      const outcome = await service.client.transform({ image: svg, output: { format: "FORMAT_PNG" } }).catch((error: unknown) => error);
      if (outcome instanceof ImageServiceError) {
        assert.equal(outcome.code, Status.INVALID_ARGUMENT, outcome.message);
      } else {
        const decoded = await decode((outcome as { image: Buffer }).image);
        // Fully transparent: no file content, no image, no entity text was drawn.
        for (let offset = 3; offset < decoded.data.length; offset += 4) assert.equal(decoded.data[offset], 0);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.deepEqual(requests, [], "the SVG made a network request");
    });
  });
});

describe("a crashed worker fails only its own task", () => {
  for (const hook of ["exit", "throw"]) {
    it(`worker ${hook}: INTERNAL for that call, the others succeed, the pool recovers`, async () => {
      const normal = Array.from({ length: 3 }, () =>
        service.client.transform({ image: fixture("320x240.jpg"), operations: [{ blur: { sigma: 2 } }], output: { format: "FORMAT_PNG" } }),
      );
      const error = await rejection({ image: Buffer.from(`PIXELRPC-TEST-HOOK:${hook}`) });
      assert.equal(error.code, Status.INTERNAL);
      assert.match(error.details, /^the worker processing this image failed .* it has been replaced/);
      for (const response of await Promise.all(normal)) assert.equal((await decode(response.image)).width, 320);
      for (let index = 0; index < 3; index++) await stillServing();
      assert.ok(service.logs.some((entry) => entry.event === "task_failed"));
    });
  }

  it("the hooks do nothing without IMAGE_TEST_HOOKS", async () => {
    const plain = await startImageService();
    try {
      const error = await plain.client.transform({ image: Buffer.from("PIXELRPC-TEST-HOOK:exit") }).then(
        () => assert.fail("the call succeeded"),
        (thrown: unknown) => thrown as ImageServiceError,
      );
      assert.equal(error.code, Status.INVALID_ARGUMENT);
    } finally {
      await plain.stop();
    }
  });
});

describe("odd but valid input", () => {
  it("a 1x1 image goes through every operation that fits it", async () => {
    const response = await service.client.transform({
      image: await solid(1, 1, { r: 9, g: 9, b: 9 }),
      operations: [{ rotate: { angle: 33 } }, { flip: {} }, { blur: {} }, { extend: { right: 1 } }, { resize: { width: 3 } }],
      output: { format: "FORMAT_WEBP" },
    });
    assert.equal((await decode(response.image)).width, 3);
  });
});
