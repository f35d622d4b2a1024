/**
 * Presets through the real stack: the image service reads IMAGE_PRESETS_FILE
 * at start, every RPC takes `preset`, and the gateway passes `preset=` on
 * from its query, its multipart options and its signed URLs; with
 * GATEWAY_PRESETS_ONLY a signed URL can ask for nothing else.
 */
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";

import { collectImage, signImageUrl, Status, type ImageUrlOptions } from "@pixelrpc/client";

import {
  callError,
  fixture,
  spawnImageService,
  startFixtureOrigin,
  startGateway,
  startImageService,
  type FixtureOrigin,
  type RunningGateway,
  type RunningService,
} from "@pixelrpc/harness";
import { decode, meanColor } from "./images.js";

const signingKey = "presets-signing-key-0123456789abcdef";
const apiKey = "presets-api-key-0123456789";
const photo = fixture("320x240.jpg");

const presets = {
  thumbnail: { operations: [{ resize: { width: 160 } }], output: { format: "FORMAT_WEBP", quality: 60 } },
  "gray.png": { operations: [{ grayscale: {} }], output: { format: "FORMAT_PNG" } },
  // 30 steps: with 3 of a request's own the whole is over the 32 a call may have.
  long: { operations: Array.from({ length: 30 }, () => ({ flip: {} })) },
};

function presetsFile(content: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), "pixelrpc-presets-")), "presets.json");
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
}

let origin: FixtureOrigin;
let service: RunningService;
let gateway: RunningGateway;
let presetsOnly: RunningGateway;

before(async () => {
  origin = await startFixtureOrigin();
  service = await startImageService({ IMAGE_PRESETS_FILE: presetsFile(presets), ...origin.env });
  const gatewayEnv = { GATEWAY_URL_SIGNING_KEYS: signingKey, GATEWAY_API_KEYS: apiKey };
  [gateway, presetsOnly] = await Promise.all([
    startGateway(service.address, gatewayEnv),
    startGateway(service.address, { ...gatewayEnv, GATEWAY_PRESETS_ONLY: "1" }),
  ]);
});

after(async () => {
  await Promise.all([gateway?.stop(), presetsOnly?.stop()]);
  await service?.stop();
  await origin?.close();
});

describe("presets in the image service", () => {
  it("logs the names of the presets it read", () => {
    const listening = service.logs.find((entry) => entry.event === "listening")!;
    assert.deepEqual(listening.presets, ["thumbnail", "gray.png", "long"]);
  });

  it("Transform runs a preset's operations and output: 320x240 JPEG to 160x120 WebP", async () => {
    const { image, info } = await service.client.transform({ image: photo, preset: "thumbnail" });
    const decoded = await decode(image);
    assert.equal(decoded.metadata.format, "webp");
    assert.deepEqual([decoded.width, decoded.height], [160, 120]);
    assert.equal(info.quality, 60);
  });

  it("runs the preset's operations before the request's own", async () => {
    // Resize to 160 wide, then rotate: 120x160. The other way round would give 160x213.
    const { image } = await service.client.transform({ image: photo, preset: "thumbnail", operations: [{ rotate: { angle: 90 } }] });
    const decoded = await decode(image);
    assert.deepEqual([decoded.width, decoded.height], [120, 160]);
  });

  it("lets the request's output fields override the preset's, keeping the rest", async () => {
    const quality = await service.client.transform({ image: photo, preset: "thumbnail", output: { quality: 90 } });
    assert.equal((await decode(quality.image)).metadata.format, "webp");
    assert.equal(quality.info.quality, 90);
    const format = await service.client.transform({ image: photo, preset: "thumbnail", output: { format: "FORMAT_PNG" } });
    const decoded = await decode(format.image);
    assert.equal(decoded.metadata.format, "png");
    assert.equal(decoded.width, 160);
  });

  it("TransformStream takes a preset", async () => {
    const { image, info } = await collectImage(service.client.transformStream({ image: photo, preset: "gray.png" }));
    const decoded = await decode(image);
    assert.equal(decoded.metadata.format, "png");
    assert.equal(info.width, 320);
    const [red, green, blue] = await meanColor(image);
    assert.ok(Math.abs(red! - green!) < 1 && Math.abs(green! - blue!) < 1, `grey: ${[red, green, blue].join(", ")}`);
  });

  it("Variants takes a preset per variant", async () => {
    const results = new Map<string, Uint8Array>();
    for await (const variant of service.client.variants({
      image: photo,
      variants: [
        { name: "thumb", preset: "thumbnail" },
        { name: "grey", preset: "gray.png", operations: [{ resize: { width: 80 } }] },
        { name: "plain", output: { format: "FORMAT_JPEG" } },
      ],
    })) {
      assert.equal(variant.error, null, JSON.stringify(variant.error));
      results.set(variant.name, variant.image);
    }
    const thumb = await decode(results.get("thumb")!);
    const grey = await decode(results.get("grey")!);
    const plain = await decode(results.get("plain")!);
    assert.deepEqual([thumb.metadata.format, thumb.width], ["webp", 160]);
    assert.deepEqual([grey.metadata.format, grey.width, grey.height], ["png", 80, 60]);
    assert.deepEqual([plain.metadata.format, plain.width], ["jpeg", 320]);
  });

  const refused: [what: string, call: () => Promise<unknown>, message: RegExp][] = [
    [
      "an unknown preset, listing the known ones",
      () => service.client.transform({ image: photo, preset: "thumbnial" }),
      /^preset "thumbnial" is unknown; known: thumbnail, gray\.png, long$/,
    ],
    ["a preset named in another case", () => service.client.transform({ image: photo, preset: "Thumbnail" }), /^preset "Thumbnail" is unknown/],
    [
      "a preset and the request's own steps past the limit together",
      () => service.client.transform({ image: photo, preset: "long", operations: [{ flop: {} }, { flop: {} }, { flop: {} }] }),
      /^operations has 33 steps; at most 32 are allowed \(with preset "long"\)$/,
    ],
    [
      "a bad argument of the request's own, named where the request wrote it",
      () => service.client.transform({ image: photo, preset: "thumbnail", operations: [{ blur: { sigma: 5000 } }] }),
      /^operations\[0\]\.blur\.sigma must be from/,
    ],
    ["an unknown preset in a stream", () => collectImage(service.client.transformStream({ image: photo, preset: "nope" })), /^preset "nope" is unknown/],
    [
      "an unknown preset in one variant, naming the variant",
      async () => {
        const stream = service.client.variants({
          image: photo,
          variants: [
            { name: "a", preset: "thumbnail" },
            { name: "b", preset: "nope" },
          ],
        });
        while (!(await stream.next()).done);
      },
      /^variants\[1\]\.preset "nope" is unknown/,
    ],
  ];
  for (const [what, call, message] of refused) {
    it(`refuses ${what} with INVALID_ARGUMENT`, async () => {
      const error = await callError(call());
      assert.equal(error.code, Status.INVALID_ARGUMENT);
      assert.match(error.details, message);
    });
  }

  it("does not start with a bad preset: exit 1, and the log names the preset and its mistake", async () => {
    const { logs, exited } = spawnImageService({
      IMAGE_PRESETS_FILE: presetsFile({ fine: {}, broken: { operations: [{ resize: { width: 0, height: -1 } }] } }),
    });
    assert.equal(await exited, 1);
    const failure = logs.find((entry) => entry.event === "invalid_config");
    assert.ok(failure, JSON.stringify(logs));
    assert.match((failure.problems as string[]).join("; "), /preset "broken": operations\[0\]\.resize\.height: /);
  });
});

describe("presets through the gateway", () => {
  const authorised = { authorization: `Bearer ${apiKey}` };

  it("POST /v1/transform?preset= runs the preset; query options override its output", async () => {
    for (const [query, format, width] of [
      ["preset=thumbnail", "webp", 160],
      ["preset=thumbnail&format=png", "png", 160],
      ["preset=thumbnail&w=100", "webp", 100],
    ] as const) {
      const response = await fetch(`${gateway.url}/v1/transform?${query}`, {
        method: "POST",
        headers: { ...authorised, "content-type": "image/jpeg" },
        body: photo,
      });
      assert.equal(response.status, 200, await response.clone().text());
      const decoded = await decode(Buffer.from(await response.arrayBuffer()));
      assert.deepEqual([decoded.metadata.format, decoded.width], [format, width], query);
    }
  });

  it("takes preset in the multipart options", async () => {
    const form = new FormData();
    form.set("image", new Blob([photo], { type: "image/jpeg" }));
    form.set("options", JSON.stringify({ preset: "thumbnail", operations: [{ rotate: { angle: 90 } }] }));
    const response = await fetch(`${gateway.url}/v1/transform`, { method: "POST", headers: authorised, body: form });
    assert.equal(response.status, 200, await response.clone().text());
    const decoded = await decode(Buffer.from(await response.arrayBuffer()));
    assert.deepEqual([decoded.metadata.format, decoded.width, decoded.height], ["webp", 120, 160]);
  });

  it("answers an unknown preset 400, with the names the service knows", async () => {
    const response = await fetch(`${gateway.url}/v1/transform?preset=nope`, {
      method: "POST",
      headers: { ...authorised, "content-type": "image/jpeg" },
      body: photo,
    });
    assert.equal(response.status, 400);
    assert.match(((await response.json()) as { detail: string }).detail, /^preset "nope" is unknown; known: thumbnail, gray\.png, long$/);
  });

  const signed = (base: string, options: ImageUrlOptions): string =>
    signImageUrl({ baseUrl: base, source: `${origin.url}/320x240.jpg`, options, key: signingKey });

  it("serves a signed URL that names a preset, on either gateway", async () => {
    for (const base of [gateway.url, presetsOnly.url]) {
      const response = await fetch(signed(base, { preset: "thumbnail" }));
      assert.equal(response.status, 200, await response.clone().text());
      assert.equal(response.headers.get("content-type"), "image/webp");
      assert.deepEqual([(await decode(Buffer.from(await response.arrayBuffer()))).width], [160]);
    }
  });

  it("a presets-only gateway still takes any options on its API routes", async () => {
    const response = await fetch(`${presetsOnly.url}/v1/transform?w=50&format=png`, {
      method: "POST",
      headers: { ...authorised, "content-type": "image/jpeg" },
      body: photo,
    });
    assert.equal(response.status, 200);
    assert.equal((await decode(Buffer.from(await response.arrayBuffer()))).width, 50);
  });

  // Each URL is signed properly: a presets-only gateway refuses what it asks for, not its signature.
  const presetsOnlyRefusals: [what: string, options: ImageUrlOptions, status: number, detail: RegExp][] = [
    [
      "operations of its own",
      { preset: "thumbnail", width: 100 },
      400,
      /^unknown parameter "w" \(known: preset, url, exp, sig\): this gateway serves presets only \(GATEWAY_PRESETS_ONLY\)$/,
    ],
    ["output options of its own", { preset: "thumbnail", format: "png" }, 400, /^unknown parameter "format".*presets only/],
    ["a dpr", { preset: "thumbnail", dpr: 2 }, 400, /^unknown parameter "dpr".*presets only/],
    ["no preset", {}, 400, /^missing preset$/],
    ["operations and no preset", { width: 100 }, 400, /^unknown parameter "w"/],
    ["an unknown preset", { preset: "nope" }, 400, /^preset "nope" is unknown; known: /],
    ["a preset name past 64 characters", { preset: "a".repeat(65) }, 400, /^preset must be text of 1 to 64 characters/],
  ];
  for (const [what, options, status, detail] of presetsOnlyRefusals) {
    it(`a presets-only gateway refuses a signed URL with ${what}: ${status}`, async () => {
      const response = await fetch(signed(presetsOnly.url, options));
      assert.equal(response.status, status);
      assert.equal(response.headers.get("content-type"), "application/problem+json; charset=utf-8");
      assert.equal(response.headers.get("cache-control"), "no-store");
      assert.match(((await response.json()) as { detail: string }).detail, detail);
    });
  }

  it("a presets-only gateway checks the signature first: an unsigned preset URL is 403", async () => {
    const url = new URL(signed(presetsOnly.url, { preset: "thumbnail" }));
    url.searchParams.set("preset", "gray.png");
    const response = await fetch(url);
    assert.equal(response.status, 403);
  });
});
