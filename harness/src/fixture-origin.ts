/**
 * An image store on loopback that serves ../shared/fixtures by name, for the
 * tests and pictures whose requests name images by URL (overlays, URL
 * sources). A service must be told to fetch from it (`originEnv`).
 */
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

import { fixture } from "./services.js";

export interface FixtureOrigin {
  /** "http://127.0.0.1:<port>": a fixture is at `${url}/${name}`. */
  readonly url: string;
  /** The paths asked for, in order. */
  readonly requests: readonly string[];
  /** What an image service needs to fetch from this origin. */
  readonly env: Readonly<Record<string, string>>;
  close(): Promise<void>;
}

export async function startFixtureOrigin(): Promise<FixtureOrigin> {
  const requests: string[] = [];
  const server = createServer((request, response) => {
    const name = decodeURIComponent(new URL(request.url ?? "/", "http://origin").pathname.slice(1));
    requests.push(name);
    let body: Buffer;
    try {
      if (!/^[\w.-]+$/.test(name)) throw new Error("not a fixture's name");
      body = fixture(name);
    } catch {
      return response.writeHead(404).end();
    }
    response.writeHead(200, { "content-type": "application/octet-stream", "content-length": body.byteLength }).end(body);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    env: { IMAGE_ALLOWED_SOURCES: `${url}/`, IMAGE_ALLOWED_SOURCE_ADDRESSES: "127.0.0.1/32" },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
