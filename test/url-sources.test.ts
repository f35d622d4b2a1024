/**
 * URL sources: the image service fetches from real HTTP servers on
 * loopback, which the tests allow explicitly (IMAGE_ALLOWED_SOURCE_ADDRESSES),
 * and refuses everything its rules do not allow, redirects included.
 */
import assert from "node:assert/strict";
import { once } from "node:events";
import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";

import type { ImageServiceError } from "@pixelrpc/client";
import { collectImage, Status, type ImageClient, type TransformStreamResponse__Output } from "@pixelrpc/client";

import { callError, fixture, startImageService, type RunningService } from "@pixelrpc/harness";
import { decode } from "./images.js";

interface Origin {
  readonly url: string;
  /** Requests the origin has received, by path. */
  readonly hits: string[];
  close(): Promise<void>;
}

async function startOrigin(host: string, routes: Record<string, RequestListener>): Promise<Origin> {
  const hits: string[] = [];
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://origin").pathname;
    hits.push(path);
    const route = routes[path];
    if (route) return route(request, response);
    response.writeHead(404).end("no such image");
  });
  server.listen(0, host);
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    hits,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const send =
  (body: Buffer, contentType: string): RequestListener =>
  (_request, response) =>
    response.writeHead(200, { "content-type": contentType, "content-length": body.byteLength }).end(body);

const redirect =
  (location: () => string, code = 302): RequestListener =>
  (_request, response) =>
    response.writeHead(code, { location: location() }).end();

async function expectStatus(call: Promise<unknown>, code: Status, pattern: RegExp): Promise<ImageServiceError> {
  const error = await callError(call);
  assert.equal(error.codeName, Status[code], error.details);
  assert.match(error.details, pattern);
  return error;
}

const photo = fixture("320x240.jpg");
let origin: Origin;
/** A second loopback address the services are NOT told to allow. */
let privateOrigin: Origin;
/** Allows `origin` (and its address) explicitly, as a deployment would allow an internal image store. */
let service: RunningService;
/** Allows any URL, but no reserved address: the production default for a public image proxy. */
let publicOnly: RunningService;

before(async () => {
  privateOrigin = await startOrigin("127.0.0.2", { "/secret.png": send(fixture("p3.png"), "image/png") });
  const hostile = (): string => `${privateOrigin.url}/secret.png`;
  let self = "";
  origin = await startOrigin("127.0.0.1", {
    "/photo.jpg": send(photo, "image/jpeg"),
    // The type comes from the bytes: a PNG served as text/html is still a PNG.
    "/mislabelled": send(fixture("p3.png"), "text/html"),
    "/not-an-image.jpg": send(Buffer.from("<html>hello</html>"), "image/jpeg"),
    "/big.jpg": send(fixture("2569067123_aca715a2ee_o.jpg"), "image/jpeg"),
    "/endless": (_request, response) => {
      // No Content-Length: only counting the bytes can stop this.
      response.writeHead(200, { "content-type": "image/jpeg" });
      const chunk = Buffer.alloc(64 * 1024, 0xff);
      const pump = (): void => {
        while (response.write(chunk));
        response.once("drain", pump);
      };
      pump();
      response.once("close", () => response.off("drain", pump));
    },
    "/slow": () => undefined,
    "/broken": (_request, response) => response.writeHead(500).end(),
    "/forbidden": (_request, response) => response.writeHead(403).end(),
    "/moved": redirect(() => `${self}/photo.jpg`, 301),
    "/relative": redirect(() => "photo.jpg", 307),
    "/into-private-space": redirect(hostile),
    "/to-metadata": redirect(() => "http://169.254.169.254/latest/meta-data/"),
    "/elsewhere": redirect(() => "http://example.com/photo.jpg"),
    "/loop": redirect(() => `${self}/loop`),
  });
  self = origin.url;
  [service, publicOnly] = await Promise.all([
    startImageService({
      IMAGE_ALLOWED_SOURCES: `${origin.url}/`,
      IMAGE_ALLOWED_SOURCE_ADDRESSES: "127.0.0.1/32",
      IMAGE_MAX_INPUT_BYTES: String(512 * 1024),
      IMAGE_FETCH_TIMEOUT_MS: "1500",
    }),
    startImageService({ IMAGE_ALLOWED_SOURCES: "*" }),
  ]);
});

after(async () => {
  await Promise.all([service?.stop(), publicOnly?.stop(), origin?.close(), privateOrigin?.close()]);
});

const client = (): ImageClient => service.client;

async function assertStillServing(): Promise<void> {
  const result = await client().transform({ image: photo, operations: [{ resize: { width: 32 } }], output: { format: "FORMAT_PNG" } });
  assert.equal((await decode(result.image)).width, 32);
}

describe("allowed URL sources are fetched and transformed", () => {
  it("Transform from a URL: decoded output of the right size", async () => {
    const result = await client().transform({
      url: `${origin.url}/photo.jpg`,
      operations: [{ resize: { width: 64 } }],
      output: { format: "FORMAT_WEBP" },
    });
    const decoded = await decode(result.image);
    assert.equal(decoded.metadata.format, "webp");
    assert.equal(`${decoded.width}x${decoded.height}`, "64x48");
    const fetched = service.logs.find((entry) => entry.event === "source-fetched" && entry.url === `${origin.url}/photo.jpg`);
    assert.equal(fetched?.bytes, photo.byteLength);
  });

  it("Info from a URL", async () => {
    const info = await client().info({ url: `${origin.url}/photo.jpg` });
    assert.equal(info.info.format, "FORMAT_JPEG");
    assert.equal(`${info.info.width}x${info.info.height}`, "320x240");
  });

  it("TransformStream from a URL reports the fetch as a stage", async () => {
    const stages: string[] = [];
    const events: AsyncIterable<TransformStreamResponse__Output> = client().transformStream({
      url: `${origin.url}/photo.jpg`,
      operations: [{ resize: { width: 100 } }],
      output: { format: "FORMAT_PNG" },
    });
    const result = await collectImage(events, (progress) => stages.push(progress.stage));
    assert.equal(stages[0], "STAGE_FETCHING");
    assert.ok(stages.includes("STAGE_ENCODING"), stages.join());
    const decoded = await decode(result.image);
    assert.equal(`${decoded.metadata.format} ${decoded.width}x${decoded.height}`, "png 100x75");
  });

  it("Variants from a URL fetch the source once", async () => {
    const before = origin.hits.filter((path) => path === "/photo.jpg").length;
    const widths = new Map<string, number>();
    for await (const variant of client().variants({
      url: `${origin.url}/photo.jpg`,
      variants: [16, 32, 48].map((width) => ({ name: `w${width}`, operations: [{ resize: { width } }], output: { format: "FORMAT_PNG" } })),
    })) {
      widths.set(variant.name, (await decode(variant.image)).width);
    }
    assert.deepEqual(Object.fromEntries(widths), { w16: 16, w32: 32, w48: 48 });
    assert.equal(origin.hits.filter((path) => path === "/photo.jpg").length - before, 1);
  });

  it("follows redirects, absolute and relative, within the allowed sources", async () => {
    for (const path of ["/moved", "/relative"]) {
      const result = await client().transform({ url: `${origin.url}${path}`, output: { format: "FORMAT_PNG" } });
      assert.equal((await decode(result.image)).width, 320, path);
    }
  });

  it("decides the type from the bytes, not from Content-Type", async () => {
    const result = await client().transform({ url: `${origin.url}/mislabelled` });
    assert.equal(result.info.format, "FORMAT_PNG");
    await expectStatus(client().transform({ url: `${origin.url}/not-an-image.jpg` }), Status.INVALID_ARGUMENT, /^cannot read image/);
  });
});

describe("URL sources are refused unless allowed", () => {
  it("are off unless IMAGE_ALLOWED_SOURCES is set", async () => {
    const plain = await startImageService();
    try {
      await expectStatus(plain.client.transform({ url: `${origin.url}/photo.jpg` }), Status.PERMISSION_DENIED, /URL sources are turned off/);
    } finally {
      await plain.stop();
    }
  });

  it("a URL outside the allowed sources gets PERMISSION_DENIED without a request", async () => {
    const hits = privateOrigin.hits.length;
    await expectStatus(client().transform({ url: `${privateOrigin.url}/secret.png` }), Status.PERMISSION_DENIED, /is not an allowed source/);
    await expectStatus(client().transform({ url: `${origin.url.replace(/\d+$/, "1")}/photo.jpg` }), Status.PERMISSION_DENIED, /is not an allowed source/);
    assert.equal(privateOrigin.hits.length, hits);
  });

  it("a redirect into private space is checked again and refused", async () => {
    const hits = privateOrigin.hits.length;
    await expectStatus(client().transform({ url: `${origin.url}/into-private-space` }), Status.PERMISSION_DENIED, /not an allowed source/);
    await expectStatus(client().transform({ url: `${origin.url}/elsewhere` }), Status.PERMISSION_DENIED, /example\.com.* is not an allowed source/);
    assert.equal(privateOrigin.hits.length, hits, "the private origin was reached");
  });

  it("even with any source allowed, loopback, private, link-local and mapped addresses are refused", async () => {
    const hits = origin.hits.length;
    const port = new URL(origin.url).port;
    for (const url of [
      `${origin.url}/photo.jpg`,
      `http://localhost:${port}/photo.jpg`,
      `http://[::1]:${port}/photo.jpg`,
      `http://[::ffff:127.0.0.1]:${port}/photo.jpg`,
      `http://[::ffff:7f00:1]:${port}/photo.jpg`,
      "http://0.0.0.0/photo.jpg",
      "http://10.0.0.1/photo.jpg",
      "http://192.168.1.1/photo.jpg",
      "http://169.254.169.254/latest/meta-data/",
      "http://[fe80::1]/photo.jpg",
      "http://[fd00::1]/photo.jpg",
      "http://2130706433/photo.jpg", // 127.0.0.1 written as one number
    ]) {
      await expectStatus(publicOnly.client.transform({ url }), Status.PERMISSION_DENIED, /reserved address/);
    }
    assert.equal(origin.hits.length, hits, "a refused source was reached");
  });

  it("a redirect to a reserved address is refused even when any source is allowed", async () => {
    // The first hop is allowed explicitly on `service`; its redirect to the metadata address is not.
    await expectStatus(client().transform({ url: `${origin.url}/to-metadata` }), Status.PERMISSION_DENIED, /not an allowed source/);
    // On publicOnly the first hop itself is loopback: refused before any request.
    const hits = origin.hits.length;
    await expectStatus(publicOnly.client.transform({ url: `${origin.url}/to-metadata` }), Status.PERMISSION_DENIED, /reserved address/);
    assert.equal(origin.hits.length, hits);
  });

  it("schemes other than http(s) and malformed URLs are INVALID_ARGUMENT", async () => {
    await expectStatus(publicOnly.client.transform({ url: "file:///etc/passwd" }), Status.INVALID_ARGUMENT, /scheme file: is not supported/);
    await expectStatus(publicOnly.client.transform({ url: "not a url" }), Status.INVALID_ARGUMENT, /not a valid absolute URL/);
    await expectStatus(publicOnly.client.info({ url: "gopher://example.com/" }), Status.INVALID_ARGUMENT, /scheme gopher: is not supported/);
  });
});

describe("unreachable and misbehaving sources get clear statuses, and the service keeps serving", () => {
  const cases: [string, Status, RegExp][] = [
    ["/missing.jpg", Status.NOT_FOUND, /answered HTTP 404/],
    ["/broken", Status.UNAVAILABLE, /answered HTTP 500/],
    ["/forbidden", Status.PERMISSION_DENIED, /answered HTTP 403/],
    ["/loop", Status.INVALID_ARGUMENT, /redirected more than 3 times/],
    ["/big.jpg", Status.INVALID_ARGUMENT, /over this service's input limit of 524288 bytes/],
    ["/endless", Status.INVALID_ARGUMENT, /over this service's input limit of 524288 bytes/],
    ["/slow", Status.UNAVAILABLE, /took longer than 1500 ms/],
  ];
  for (const [path, code, pattern] of cases) {
    it(`${path}: ${Status[code]}`, async () => {
      await expectStatus(client().transform({ url: `${origin.url}${path}` }), code, pattern);
      await assertStillServing();
    });
  }

  it("an origin in trouble is asked once per call: the service refuses automatic retries, for gRPC's and for stream resumption", async () => {
    const fetches = (): number => origin.hits.filter((path) => path === "/broken").length;
    const before = fetches();
    const unary = await expectStatus(client().transform({ url: `${origin.url}/broken` }), Status.UNAVAILABLE, /answered HTTP 500/);
    assert.equal(unary.automaticRetryRefused, true);
    const stream = await expectStatus(collectImage(client().transformStream({ url: `${origin.url}/broken` })), Status.UNAVAILABLE, /answered HTTP 500/);
    assert.equal(stream.automaticRetryRefused, true);
    // The client would make 3 attempts of each (its default) without the service's pushback.
    assert.equal(fetches() - before, 2);
  });

  it("a closed port is UNAVAILABLE", async () => {
    const closed = await startOrigin("127.0.0.1", {});
    await closed.close();
    const stranger = await startImageService({ IMAGE_ALLOWED_SOURCES: "*", IMAGE_ALLOWED_SOURCE_ADDRESSES: "127.0.0.1" });
    try {
      await expectStatus(stranger.client.transform({ url: `${closed.url}/photo.jpg` }), Status.UNAVAILABLE, /ECONNREFUSED/);
    } finally {
      await stranger.stop();
    }
  });

  it("the caller's deadline cuts a slow fetch short", async () => {
    const started = performance.now();
    await expectStatus(client().transform({ url: `${origin.url}/slow` }, { timeoutMs: 300 }), Status.DEADLINE_EXCEEDED, /./);
    assert.ok(performance.now() - started < 1200);
    await assertStillServing();
  });
});
