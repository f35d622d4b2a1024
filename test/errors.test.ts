import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";

import type { ServiceError } from "@grpc/grpc-js";
import type { ImageServiceError } from "@pixelrpc/client";
import { Status, type TransformRequest } from "@pixelrpc/client";

import { callError, fixture, startImageService, type RunningService } from "@pixelrpc/harness";
import { decode, solid } from "./images.js";

let service: RunningService;
before(async () => {
  service = await startImageService();
});
after(async () => {
  await service.stop();
});

/** Sends `request`, expects `code` with a message matching `pattern`, and returns how long it took. */
async function expectRejection(request: TransformRequest, code: Status, pattern: RegExp): Promise<number> {
  const started = performance.now();
  const error = await callError(service.client.transform(request));
  assert.equal(error.codeName, Status[code], error.message);
  assert.match(error.details, pattern);
  return performance.now() - started;
}

/** The service still does real work after whatever came before. */
async function assertStillServing(): Promise<void> {
  const response = await service.client.transform({
    image: fixture("320x240.jpg"),
    operations: [{ resize: { width: 32 } }],
    output: { format: "FORMAT_PNG" },
  });
  const decoded = await decode(response.image);
  assert.equal(`${decoded.width}x${decoded.height}`, "32x24");
}

describe("bad images get INVALID_ARGUMENT, promptly, and the service keeps serving", () => {
  const cases: [string, () => Buffer, RegExp][] = [
    ["corrupt-header.jpg", () => fixture("corrupt-header.jpg"), /^cannot read image: .*corrupt header/i],
    ["random bytes", () => randomBytes(4096), /^cannot read image: .*unsupported image format/i],
    ["an empty image field", () => Buffer.alloc(0), /^image is empty/],
    [
      "giant-image.jpg (280 megapixels)",
      () => fixture("giant-image.jpg"),
      /^image is 20000x14000 pixels \(280\.0 megapixels\), over this service's limit of 50\.0 megapixels; it was not decoded$/,
    ],
    [
      "65536-uint32-limit.png (4.3 gigapixels)",
      () => fixture("65536-uint32-limit.png"),
      /^image is 65536x65536 pixels .* over this service's limit of 50\.0 megapixels/,
    ],
    ["truncated.jpg", () => fixture("truncated.jpg"), /premature end of JPEG/i],
    ["truncated.png", () => fixture("truncated.png"), /libpng read error/i],
  ];
  for (const [name, image, pattern] of cases) {
    it(name, async () => {
      const elapsed = await expectRejection({ image: image(), output: { format: "FORMAT_PNG" } }, Status.INVALID_ARGUMENT, pattern);
      // Refused from the header: no 280-megapixel decode happened.
      assert.ok(elapsed < 2000, `took ${Math.round(elapsed)} ms`);
      await assertStillServing();
    });
  }

  it("Info refuses the same inputs the same way", async () => {
    for (const image of [fixture("corrupt-header.jpg"), fixture("giant-image.jpg"), Buffer.alloc(0)]) {
      await assert.rejects(service.client.info(image), (error: ImageServiceError) => error.code === Status.INVALID_ARGUMENT);
    }
    await assertStillServing();
  });
});

describe("bad arguments get INVALID_ARGUMENT naming the field", () => {
  const image = fixture("320x240.jpg");
  const cases: [string, Partial<TransformRequest>, RegExp][] = [
    ["an operation with nothing set", { operations: [{}] }, /^operations\[0\] names no operation/],
    ["a resize with no size", { operations: [{ resize: {} }] }, /^operations\[0\]\.resize needs a width, a height or both$/],
    ["a resize wider than any format allows", { operations: [{ resize: { width: 70000 } }] }, /^operations\[0\]\.resize\.width must be from 1 to 65535/],
    [
      "a smart position without FIT_COVER",
      { operations: [{ resize: { width: 10, height: 10, fit: "FIT_CONTAIN", position: "POSITION_ENTROPY" } }] },
      /^operations\[0\]\.resize\.position POSITION_ENTROPY needs fit FIT_COVER/,
    ],
    [
      "a colour that is not hex",
      { operations: [{ flip: {} }, { flatten: { background: "red" } }] },
      /^operations\[1\]\.flatten\.background must be a hex colour/,
    ],
    ["a blur sigma below 0.3", { operations: [{ blur: { sigma: 0.1 } }] }, /^operations\[0\]\.blur\.sigma must be from 0\.3 to 1000/],
    ["sharpen options without sigma", { operations: [{ sharpen: { m1: 3 } }] }, /^operations\[0\]\.sharpen\.sigma is required/],
    ["an extract of zero width", { operations: [{ extract: { width: 0, height: 5 } }] }, /^operations\[0\]\.extract\.width must be from 1/],
    [
      "an extract outside the image",
      { operations: [{ resize: { width: 100 } }, { extract: { left: 50, top: 0, width: 60, height: 10 } }] },
      /^operations\[1\]\.extract: the region 60x10 at \(50, 0\) is outside the 100x75 image at that step$/,
    ],
    [
      "a resize past the pixel limit",
      { operations: [{ resize: { width: 60000, height: 60000, fit: "FIT_FILL" } }] },
      /^operations\[0\]\.resize would make an image of 60000x60000 pixels \(3600\.0 megapixels\), over this service's limit of 50\.0 megapixels$/,
    ],
    // 320x240 covering 60000x60000 is scaled to 80000x60000 before the crop.
    [
      "a cover resize whose scaled image is past the pixel limit",
      { operations: [{ resize: { width: 60000, height: 60000 } }] },
      /^operations\[0\]\.resize would make an image of 80000x60000 pixels/,
    ],
    ["an extend past the pixel limit", { operations: [{ extend: { right: 60000, bottom: 60000 } }] }, /^operations\[0\]\.extend would make an image of/],
    ["too many operations", { operations: Array.from({ length: 33 }, () => ({ flip: {} })) }, /^operations has 33 steps; at most 32 are allowed$/],
    ["SVG as an output format", { output: { format: "FORMAT_SVG" } }, /^output\.format FORMAT_SVG is an input format only/],
    ["a quality over 100", { output: { format: "FORMAT_JPEG", quality: 101 } }, /^output\.quality must be from 1 to 100/],
    ["an effort out of the format's range", { output: { format: "FORMAT_WEBP", effort: 7 } }, /^output\.effort 7 is out of range for WEBP: 0 to 6$/],
    ["effort for JPEG", { output: { format: "FORMAT_JPEG", effort: 3 } }, /^output\.effort is not supported for JPEG$/],
    ["lossless JPEG", { output: { format: "FORMAT_JPEG", lossless: true } }, /^output\.lossless is not supported for JPEG$/],
    ["a page that does not exist", { input: { page: 5 } }, /^input\.page 5 does not exist: the image has 1 page/],
  ];
  for (const [name, request, pattern] of cases) {
    it(name, async () => {
      await expectRejection({ image, ...request }, Status.INVALID_ARGUMENT, pattern);
    });
  }

  it("an unknown enum number: the client refuses it, and so does the service when a caller without the check sends it", async () => {
    const request = { image, operations: [{ resize: { width: 10, fit: 42 as never } }] };
    await expectRejection(request, Status.INVALID_ARGUMENT, /^operations\[0\]\.resize\.fit: unknown value 42; expected one of FIT_UNSPECIFIED, FIT_COVER/);
    // The bare grpc-js stub puts 42 on the wire as it is.
    const error = await new Promise<ServiceError | null>((resolve) => service.client.grpc.transform(request, (failure) => resolve(failure)));
    assert.equal(error?.code, Status.INVALID_ARGUMENT);
    assert.match(error.details, /^operations\[0\]\.resize\.fit has an unknown value 42$/);
  });

  it("keeps serving after all of them", assertStillServing);
});

describe("limits are configurable", () => {
  it("IMAGE_MAX_INPUT_PIXELS lowers the input limit, and the message names the new one", async () => {
    const small = await startImageService({ IMAGE_MAX_INPUT_PIXELS: "100000" });
    try {
      const fits = await small.client.transform({ image: fixture("320x240.jpg"), output: { format: "FORMAT_PNG" } });
      assert.equal((await decode(fits.image)).width, 320);
      await assert.rejects(small.client.transform({ image: fixture("Landscape_1.jpg") }), (error: ImageServiceError) => {
        assert.equal(error.code, Status.INVALID_ARGUMENT);
        assert.match(error.details, /^image is 600x450 pixels \(0\.3 megapixels\), over this service's limit of 0\.1 megapixels/);
        return true;
      });
    } finally {
      await small.stop();
    }
  });

  it("IMAGE_MAX_MESSAGE_BYTES bounds requests and results with RESOURCE_EXHAUSTED", async () => {
    const small = await startImageService({ IMAGE_MAX_MESSAGE_BYTES: String(300 * 1024) });
    try {
      await assert.rejects(small.client.transform({ image: fixture("2569067123_aca715a2ee_o.jpg") }), (error: ImageServiceError) => {
        assert.equal(error.code, Status.RESOURCE_EXHAUSTED);
        return true;
      });
      // A small request whose lossless result is large: refused with a message that says why.
      const source = await solid(8, 8, { r: 1, g: 2, b: 3 });
      await assert.rejects(
        small.client.transform({
          image: fixture("random.jpg"),
          operations: [{ resize: { width: 1000, height: 1000, fit: "FIT_FILL" } }],
          output: { format: "FORMAT_PNG", effort: 1 },
        }),
        (error: ImageServiceError) => {
          assert.equal(error.code, Status.RESOURCE_EXHAUSTED);
          assert.match(error.details, /^the result is [\d.]+ MiB, over this service's 0\.3 MiB message limit/);
          return true;
        },
      );
      const fine = await small.client.transform({ image: source, output: { format: "FORMAT_PNG" } });
      assert.equal((await decode(fine.image)).width, 8);
    } finally {
      await small.stop();
    }
  });
});
