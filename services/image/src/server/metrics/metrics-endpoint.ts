import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

import type { Registry } from "prom-client";

export interface MetricsEndpoint {
  /** `host:port` it listens on, with the real port when 0 was asked for. */
  readonly address: string;
  close(): Promise<void>;
}

/**
 * Serves `GET /metrics` for Prometheus on a port of its own, apart from the
 * gRPC port: scrapers speak HTTP/1.1, and the image service's API stays
 * gRPC only.
 */
export async function startMetricsEndpoint(host: string, port: number, registry: Registry): Promise<MetricsEndpoint> {
  const server = createServer((request, response) => {
    if (request.url?.split("?")[0] !== "/metrics" || (request.method !== "GET" && request.method !== "HEAD")) {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found: metrics are at GET /metrics\n");
      return;
    }
    registry.metrics().then(
      (body) => response.writeHead(200, { "content-type": registry.contentType }).end(request.method === "HEAD" ? undefined : body),
      (error: unknown) => response.writeHead(500, { "content-type": "text/plain" }).end(`cannot collect metrics: ${String(error)}\n`),
    );
  });
  server.listen(port, host);
  // once() rejects if 'error' comes first (the port is taken, say).
  await once(server, "listening");
  const bound = server.address() as AddressInfo;
  return {
    address: `${bound.family === "IPv6" ? `[${bound.address}]` : bound.address}:${bound.port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
