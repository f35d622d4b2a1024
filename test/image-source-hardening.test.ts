/**
 * The image service against origins that want it to hold or read more than
 * it should: URL sources wait for a place in the queue before they are
 * fetched, refused and failed bodies are dropped unread, allowed paths end
 * at a segment; and TransformStream's chunk_size has a floor.
 */
import assert from "node:assert/strict";
import { once } from "node:events";
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";

import { ImageServiceError, Status, type TransformStreamResponse__Output } from "@pixelrpc/client";

import { callError, fixture, startImageService, type RunningService } from "@pixelrpc/harness";
import { decode } from "./images.js";

interface Origin {
  readonly url: string;
  /** Requests received, by path. */
  readonly hits: string[];
  close(): Promise<void>;
}

async function startOrigin(routes: Record<string, RequestListener>): Promise<Origin> {
  const hits: string[] = [];
  const server: Server = createServer((request, response) => {
    const path = request.url ?? "/";
    hits.push(path);
    const route = routes[path];
    if (route) return route(request, response);
    response.writeHead(404).end("no such image");
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const photo = fixture("320x240.jpg");

async function until(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const started = performance.now();
  while (!condition()) {
    if (performance.now() - started > timeoutMs) assert.fail(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

describe("URL sources are fetched only once the queue has a place for them", () => {
  let origin: Origin;
  let service: RunningService;
  /** Requests to /held.jpg, answered only by release(). */
  const held: ServerResponse[] = [];
  const release = (): void => {
    for (const response of held.splice(0)) {
      response.writeHead(200, { "content-type": "image/jpeg", "content-length": photo.byteLength }).end(photo);
    }
  };

  before(async () => {
    origin = await startOrigin({ "/held.jpg": (_request, response) => void held.push(response) });
    // One worker and one place in each queue: two tasks per lane at most, running, waiting or fetching.
    service = await startImageService({
      IMAGE_POOL_THREADS: "1",
      IMAGE_INFO_THREADS: "1",
      IMAGE_MAX_QUEUE: "1",
      IMAGE_ALLOWED_SOURCES: `${origin.url}/`,
      IMAGE_ALLOWED_SOURCE_ADDRESSES: "127.0.0.1/32",
      IMAGE_FETCH_TIMEOUT_MS: "20000",
    });
  });

  after(async () => {
    release();
    await Promise.all([service?.stop(), origin?.close()]);
  });

  const fetches = (): number => origin.hits.filter((path) => path === "/held.jpg").length;
  const url = (): string => `${origin.url}/held.jpg`;

  it("calls beyond the queue are refused at once, retryable, and the origin is never asked for them", async () => {
    const before = fetches();
    const outcomes: (ImageServiceError | "ok" | undefined)[] = [];
    const calls = Array.from({ length: 6 }, (_, index) =>
      service.client.transform({ url: url(), operations: [{ resize: { width: 32 } }], output: { format: "FORMAT_PNG" } }).then(
        async (response) => {
          assert.equal((await decode(response.image)).width, 32);
          outcomes[index] = "ok";
        },
        (error: unknown) => {
          assert.ok(error instanceof ImageServiceError, String(error));
          outcomes[index] = error;
        },
      ),
    );
    const refused = (): ImageServiceError[] => outcomes.filter((outcome): outcome is ImageServiceError => outcome instanceof ImageServiceError);
    await until(() => refused().length === 4, "four refusals");
    // A stream refused for the same reason never reports STAGE_FETCHING.
    const stages: string[] = [];
    const stream = service.client.transformStream({ url: url() }) as AsyncIterable<TransformStreamResponse__Output>;
    const streamed = callError(
      (async () => {
        for await (const event of stream) if (event.progress) stages.push(event.progress.stage);
      })(),
    );
    for (const error of [...refused(), await streamed]) {
      assert.equal(error.code, Status.RESOURCE_EXHAUSTED, error.details);
      assert.match(error.details, /^the service is busy: 0 transform tasks are already waiting for a worker and 2 more fetching their source; retry/);
      assert.equal(error.retryable, true);
    }
    assert.deepEqual(stages, []);
    await until(() => fetches() - before === 2, "the two admitted fetches");
    await sleep(200);
    assert.equal(fetches() - before, 2, "the origin was asked for calls the queue had no place for");

    release();
    await Promise.all(calls);
    assert.equal(outcomes.filter((outcome) => outcome === "ok").length, 2);
  });

  it("Info and Variants fetch on the Info lane, which has places of its own", async () => {
    const before = fetches();
    const variants = (async () => {
      const names: string[] = [];
      for await (const variant of service.client.variants({
        url: url(),
        variants: [{ name: "w16", operations: [{ resize: { width: 16 } }], output: { format: "FORMAT_PNG" } }],
      })) {
        names.push(variant.name);
      }
      return names;
    })();
    const info = service.client.info({ url: url() });
    await until(() => fetches() - before === 2, "the Info lane's two fetches");
    const error = await callError(service.client.info({ url: url() }));
    assert.equal(error.code, Status.RESOURCE_EXHAUSTED);
    assert.match(error.details, /^the service is busy: 0 info tasks are already waiting for a worker and 2 more fetching their source/);
    // The transform lane is not the Info lane's: a transform from bytes still runs.
    const transformed = await service.client.transform({ image: photo, operations: [{ resize: { width: 8 } }], output: { format: "FORMAT_PNG" } });
    assert.equal((await decode(transformed.image)).width, 8);
    assert.equal(fetches() - before, 2);

    release();
    assert.equal((await info).info.width, 320);
    assert.deepEqual(await variants, ["w16"]);
  });
});

describe("a refused or failed origin's body is dropped unread", () => {
  let origin: Origin;
  let service: RunningService;
  /** When each /hostile/ response's connection closed, in performance.now() time, and how much it had written by then. */
  const closed = new Map<string, { at: number; bytes: number }>();

  /** Answers `status` with `headers`, then streams filler for as long as the connection lasts. */
  const endless =
    (statusCode: number, headers: Record<string, string> = {}): RequestListener =>
    (request: IncomingMessage, response: ServerResponse) => {
      let bytes = 0;
      response.writeHead(statusCode, { "content-type": "image/jpeg", ...headers });
      const chunk = Buffer.alloc(64 * 1024, 0xff);
      const pump = (): void => {
        while (response.write(chunk)) bytes += chunk.byteLength;
        response.once("drain", pump);
      };
      pump();
      response.once("close", () => {
        response.off("drain", pump);
        closed.set(request.url!, { at: performance.now(), bytes });
      });
    };

  before(async () => {
    origin = await startOrigin({
      "/photos/a.jpg": (_request, response) => response.writeHead(200, { "content-type": "image/jpeg" }).end(photo),
      "/hostile/500": endless(500),
      "/hostile/404": endless(404),
      "/hostile/403": endless(403),
      "/hostile/huge-length": endless(200, { "content-length": String(10 * 1024 ** 3) }),
      "/hostile/redirect": endless(302, { location: "/photos/a.jpg" }),
    });
    service = await startImageService({
      IMAGE_ALLOWED_SOURCES: `${origin.url}/photos,${origin.url}/hostile/`,
      IMAGE_ALLOWED_SOURCE_ADDRESSES: "127.0.0.1/32",
      IMAGE_MAX_INPUT_BYTES: String(1024 * 1024),
      // Far longer than the test waits: only dropping the connection can close it in time.
      IMAGE_FETCH_TIMEOUT_MS: "30000",
    });
  });

  after(() => Promise.all([service?.stop(), origin?.close()]));

  const cases: [path: string, outcome: Status, pattern: RegExp][] = [
    ["/hostile/500", Status.UNAVAILABLE, /answered HTTP 500$/],
    ["/hostile/404", Status.NOT_FOUND, /answered HTTP 404$/],
    ["/hostile/403", Status.PERMISSION_DENIED, /answered HTTP 403$/],
    ["/hostile/huge-length", Status.INVALID_ARGUMENT, /is over this service's input limit of 1048576 bytes$/],
    ["/hostile/redirect", Status.OK, /./],
  ];
  for (const [path, code, pattern] of cases) {
    it(`${path}: ${Status[code]} at once, and the origin's connection is closed`, async () => {
      const started = performance.now();
      const call = service.client.transform({ url: `${origin.url}${path}`, operations: [{ resize: { width: 16 } }], output: { format: "FORMAT_PNG" } });
      if (code === Status.OK) {
        assert.equal((await decode((await call).image)).width, 16);
      } else {
        const error = await callError(call);
        assert.equal(error.code, code, error.details);
        assert.match(error.details, pattern);
      }
      assert.ok(performance.now() - started < 2000, `the call took ${Math.round(performance.now() - started)} ms`);
      await until(() => closed.has(path), `the origin's connection for ${path} to close`, 2000);
      const { at, bytes } = closed.get(path)!;
      assert.ok(at - started < 2000);
      // Socket buffers on loopback hold a few MiB; draining would have taken gigabytes by now.
      assert.ok(bytes < 64 * 1024 * 1024, `the origin wrote ${bytes} bytes`);
    });
  }

  it("an allowed path matches at a segment boundary; encoded separators do not lead out of it; neither reaches the origin", async () => {
    const transformed = await service.client.transform({ url: `${origin.url}/photos/a.jpg`, output: { format: "FORMAT_PNG" } });
    assert.equal((await decode(transformed.image)).width, 320);
    const hits = origin.hits.length;
    for (const [path, pattern] of [
      ["/photos-private/a.jpg", /photos-private\/a\.jpg is not an allowed source: this service fetches only from/],
      ["/photos/..%2Fprivate/a.jpg", /is not an allowed source: its path holds an encoded \/ or \\ \(%2F or %5C\)/],
      ["/hostile/..%5Cprivate/a.jpg", /is not an allowed source: its path holds an encoded/],
      ["/photos/../private/a.jpg", /\/private\/a\.jpg is not an allowed source/],
    ] as const) {
      const error = await callError(service.client.transform({ url: `${origin.url}${path}` }));
      assert.equal(error.code, Status.PERMISSION_DENIED, error.details);
      assert.match(error.details, pattern);
    }
    assert.equal(origin.hits.length, hits, "a refused URL reached the origin");
  });
});

describe("TransformStream chunk_size has a floor", () => {
  let service: RunningService;
  before(async () => {
    service = await startImageService();
  });
  after(() => service?.stop());

  it("refuses a chunk_size under 16 KiB with INVALID_ARGUMENT naming the range, and sends 16 KiB chunks when asked", async () => {
    for (const chunkSize of [1, 1024, 16_383]) {
      const error = await callError(
        (async () => {
          for await (const event of service.client.transformStream({ image: photo, chunkSize })) void event;
        })(),
      );
      assert.equal(error.code, Status.INVALID_ARGUMENT);
      assert.equal(error.details, `chunk_size must be at least 16384, got ${chunkSize}; the range is 16384 to 33553408 bytes, or 0 for 262144`);
    }
    const chunks: number[] = [];
    let size = 0;
    for await (const event of service.client.transformStream({ image: photo, output: { format: "FORMAT_PNG" }, chunkSize: 16_384 })) {
      if (event.info) size = event.info.sizeBytes;
      if (event.chunk) chunks.push(event.chunk.byteLength);
    }
    assert.ok(chunks.length > 1, `${chunks.length} chunks`);
    assert.ok(chunks.every((bytes) => bytes <= 16_384));
    assert.equal(
      chunks.reduce((sum, bytes) => sum + bytes, 0),
      size,
    );
  });
});
