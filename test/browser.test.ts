/**
 * A real browser against the real stack: headless Chromium (Debian's, never a
 * downloaded one) on a page of another origin calls the gateway with fetch and
 * EventSource, as a browser app would, and the gateway's CORS decides.
 */
import assert from "node:assert/strict";
import { once } from "node:events";
import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";

import { chromium, type Browser, type Page } from "playwright-core";

import { fixture, startStack, type Stack } from "@pixelrpc/harness";

const chromiumPath = "/usr/bin/chromium";

/** Whether this machine has Debian's chromium. In CI it must (`.ci/run` installs it). */
function chromiumUnavailable(): string | false {
  if (existsSync(chromiumPath)) return false;
  if (process.env.CI) throw new Error(`${chromiumPath} is missing, and CI must run the browser tests (.ci/run installs chromium)`);
  return `${chromiumPath} is missing (apt-get install chromium); skipping the browser tests outside CI`;
}

const key = "browser-test-key-0123456789";

/**
 * The browser app: helpers the test calls with page.evaluate. Everything it
 * does, it does as a page would: fetch, FormData, EventSource, <img>.
 */
const appScript = String.raw`
const photo = async () => {
  const response = await fetch("/photo.jpg");
  if (!response.ok) throw new Error("GET /photo.jpg: " + response.status);
  return response.blob();
};

const decoded = (src) =>
  new Promise((resolve, reject) => {
    const img = document.createElement("img");
    img.onload = () => resolve({ width: img.naturalWidth, height: img.naturalHeight });
    img.onerror = () => reject(new Error("the browser could not load " + src));
    img.src = src;
    document.body.append(img);
  });

const follow = (url, timeoutMs) =>
  new Promise((resolve, reject) => {
    const events = [];
    const source = new EventSource(url);
    const timer = setTimeout(() => (source.close(), reject(new Error("no end of the job in " + timeoutMs + " ms; events: " + events.map((e) => e.event)))), timeoutMs);
    for (const name of ["state", "status", "progress", "result", "succeeded", "failed", "cancelled"]) {
      source.addEventListener(name, (message) => {
        events.push({ event: name, data: JSON.parse(message.data) });
        if (name === "succeeded" || name === "failed" || name === "cancelled") {
          clearTimeout(timer);
          source.close();
          resolve(events);
        }
      });
    }
    source.onerror = () => {
      clearTimeout(timer);
      source.close();
      reject(new Error("EventSource failed (readyState " + source.readyState + ") after events: " + events.map((e) => e.event)));
    };
  });

window.app = {
  async transform(gateway, key) {
    const response = await fetch(gateway + "/v1/transform?w=200&format=webp", {
      method: "POST",
      headers: { authorization: "Bearer " + key, "content-type": "image/jpeg" },
      body: await photo(),
    });
    const headers = Object.fromEntries(["content-type", "x-image-width", "x-image-height", "x-image-quality", "server-timing"].map((name) => [name, response.headers.get(name)]));
    const blob = await response.blob();
    const size = await decoded(URL.createObjectURL(blob));
    return { status: response.status, headers, size };
  },

  async variants(gateway, key, options) {
    const form = new FormData();
    form.append("image", await photo(), "photo.jpg");
    form.append("options", JSON.stringify(options));
    const response = await fetch(gateway + "/v1/jobs", { method: "POST", headers: { authorization: "Bearer " + key }, body: form });
    const created = await response.json();
    const events = await follow(gateway + created.links.events, 20000);
    // The final event carries every result with its signed URL, however early the job finished.
    const images = {};
    for (const result of events.at(-1).data.results) images[result.name] = await decoded(gateway + result.url);
    return { status: response.status, location: response.headers.get("location"), created, events, images };
  },

  async refused(gateway, key) {
    try {
      const response = await fetch(gateway + "/v1/transform?w=200&format=webp", {
        method: "POST",
        headers: { authorization: "Bearer " + key, "content-type": "image/jpeg" },
        body: await photo(),
      });
      return { answered: response.status };
    } catch (error) {
      return { name: error.name, message: error.message };
    }
  },
};
`;

const html = `<!doctype html><html><head><meta charset="utf-8"><title>pixelrpc browser app</title><link rel="icon" href="data:,"></head><body><script>${appScript}</script></body></html>`;

interface Size {
  width: number;
  height: number;
}

interface SentEvent {
  event: string;
  data: { name?: string; url?: string; info?: { width: number; height: number; format: string }; status?: string; results?: unknown[] };
}

/** What the page's helpers return, as the test sees them. */
interface App {
  transform(gateway: string, key: string): Promise<{ status: number; headers: Record<string, string | null>; size: Size }>;
  variants(
    gateway: string,
    key: string,
    options: unknown,
  ): Promise<{
    status: number;
    location: string | null;
    created: { id: string; status: string; links: { self: string; events: string } };
    events: SentEvent[];
    images: Record<string, Size>;
  }>;
  refused(gateway: string, key: string): Promise<{ answered?: number; name?: string; message?: string }>;
}

/** The page's own origin: its HTML and the photo it uploads. */
async function startOrigin(): Promise<{ server: Server; origin: string }> {
  const photo = fixture("320x240.jpg");
  const server = createServer((request, response) => {
    if (request.url === "/") response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(html);
    else if (request.url === "/photo.jpg") response.writeHead(200, { "content-type": "image/jpeg", "content-length": photo.byteLength }).end(photo);
    else response.writeHead(404).end();
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe("a browser app on another origin", { skip: chromiumUnavailable(), timeout: 40_000 }, () => {
  let allowed: { server: Server; origin: string };
  let other: { server: Server; origin: string };
  let stack: Stack;
  let browser: Browser;

  before(async () => {
    [allowed, other] = await Promise.all([startOrigin(), startOrigin()]);
    // Both at once; whichever starts is kept for after() to stop, even when the other fails.
    const [started, launched] = await Promise.allSettled([
      startStack({}, { GATEWAY_API_KEYS: key, GATEWAY_CORS_ORIGINS: allowed.origin }),
      chromium.launch({
        executablePath: chromiumPath,
        args: [
          "--headless=new",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
        ],
      }),
    ]);
    if (started.status === "fulfilled") stack = started.value;
    if (launched.status === "fulfilled") browser = launched.value;
    for (const outcome of [started, launched]) if (outcome.status === "rejected") throw outcome.reason;
  });

  after(async () => {
    await browser?.close();
    await stack?.stop();
    for (const origin of [allowed, other]) origin?.server.closeAllConnections();
    await Promise.all([allowed, other].map((origin) => origin && new Promise((resolve) => origin.server.close(resolve))));
  });

  async function open(origin: string): Promise<Page> {
    const page = await browser.newPage();
    await page.goto(`${origin}/`);
    return page;
  }

  it("transforms with fetch across origins, reading the exposed headers and decoding the image", async () => {
    const page = await open(allowed.origin);
    const gateway = stack.gateway.url;
    const preflightsBefore = stack.gateway.logs.filter((entry) => isPreflight(entry, "/v1/transform")).length;
    const result = await page.evaluate(([gateway, key]) => (globalThis as unknown as { app: App }).app.transform(gateway, key), [gateway, key] as const);
    assert.equal(result.status, 200);
    assert.equal(result.headers["content-type"], "image/webp");
    assert.equal(result.headers["x-image-width"], "200");
    assert.equal(result.headers["x-image-height"], "150");
    assert.equal(result.headers["x-image-quality"], "80", "the quality a lossy result was encoded at");
    assert.match(result.headers["server-timing"] ?? "", /process;dur=/);
    assert.deepEqual(result.size, { width: 200, height: 150 }, "the size the browser decoded");
    // The Authorization header made it a non-simple request: the browser asked first.
    assert.equal(stack.gateway.logs.filter((entry) => isPreflight(entry, "/v1/transform")).length, preflightsBefore + 1, "one preflight");
    await page.close();
  });

  it("starts a variants job, follows its signed events link with EventSource and shows each signed result URL in <img>", async () => {
    const page = await open(allowed.origin);
    const options = {
      variants: [
        { name: "w100", operations: [{ resize: { width: 100 } }], output: { format: "FORMAT_WEBP" } },
        { name: "w160", operations: [{ resize: { width: 160 } }], output: { format: "FORMAT_WEBP" } },
      ],
    };
    const job = await page.evaluate(([gateway, key, options]) => (globalThis as unknown as { app: App }).app.variants(gateway, key, options), [
      stack.gateway.url,
      key,
      options,
    ] as const);
    assert.equal(job.status, 202);
    assert.equal(job.location, `/v1/jobs/${job.created.id}`, "the exposed location header");
    assert.match(job.created.links.events, new RegExp(`^/v1/jobs/${job.created.id}/events\\?exp=\\d+&sig=[\\w-]{43}$`));

    const names = job.events.map((event) => event.event).filter((name) => name !== "progress" && name !== "status");
    const order = `events: ${job.events.map((event) => event.event).join(",")}`;
    assert.equal(names[0], "state", order);
    assert.equal(names.at(-1), "succeeded", order);
    assert.ok(
      names.slice(1, -1).every((name) => name === "result"),
      order,
    );
    // A result that was ready before the EventSource connected is in the state event instead.
    const live = job.events.filter((event) => event.event === "result").map((event) => event.data);
    const caughtUp = (job.events[0]!.data.results ?? []) as SentEvent["data"][];
    const results = [...caughtUp, ...live];
    assert.deepEqual(results.map((result) => result.name).sort(), ["w100", "w160"], order);
    for (const result of results) {
      assert.match(result.url!, new RegExp(`^/v1/jobs/${job.created.id}/results/${result.name}\\?exp=\\d+&sig=[\\w-]{43}$`));
      assert.equal(result.info!.format, "FORMAT_WEBP");
    }
    const end = job.events.at(-1)!.data;
    assert.equal(end.status, "succeeded");
    assert.equal(end.results!.length, 2);

    assert.deepEqual(job.images, { w100: { width: 100, height: 75 }, w160: { width: 160, height: 120 } }, "the sizes the browser decoded");
    await page.close();
  });

  it("refuses a page of an origin not listed: the browser's fetch fails, and the gateway names no allowed origin", async () => {
    const page = await open(other.origin);
    // Chromium says why on the console: the preflight's answer names no allowed origin.
    const blocked = page.waitForEvent("console", { predicate: (message) => /blocked by CORS policy/.test(message.text()), timeout: 5000 });
    const outcome = await page.evaluate(([gateway, key]) => (globalThis as unknown as { app: App }).app.refused(gateway, key), [
      stack.gateway.url,
      key,
    ] as const);
    assert.equal(outcome.answered, undefined, "the page must not see an answer");
    assert.equal(outcome.name, "TypeError");
    assert.match(outcome.message ?? "", /Failed to fetch/);
    assert.match((await blocked).text(), new RegExp(`from origin '${other.origin}' .*preflight.*No 'Access-Control-Allow-Origin' header`));
    await page.close();

    // For contrast, outside the browser: the same gateway answers the listed origin with its name, the other without.
    const preflight = (origin: string) =>
      fetch(`${stack.gateway.url}/v1/transform?w=200&format=webp`, {
        method: "OPTIONS",
        headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "authorization,content-type" },
      });
    assert.equal((await preflight(allowed.origin)).headers.get("access-control-allow-origin"), allowed.origin);
    const refusedPreflight = await preflight(other.origin);
    assert.equal(refusedPreflight.headers.get("access-control-allow-origin"), null);
    const direct = await fetch(`${stack.gateway.url}/v1/transform?w=200&format=webp`, {
      method: "POST",
      headers: { origin: other.origin, authorization: `Bearer ${key}`, "content-type": "image/jpeg" },
      body: fixture("320x240.jpg"),
    });
    assert.equal(direct.status, 200, "CORS is the browser's to enforce: the gateway still serves the request");
    assert.equal(direct.headers.get("access-control-allow-origin"), null);
    await direct.arrayBuffer();
  });
});

/** Whether a gateway log line is the arrival of a CORS preflight for `path`. */
function isPreflight(entry: Record<string, unknown>, path: string): boolean {
  const request = entry.req as { method?: string; url?: string } | undefined;
  return request?.method === "OPTIONS" && (request.url ?? "").startsWith(path);
}
