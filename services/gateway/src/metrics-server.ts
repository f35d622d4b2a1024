import type { AddressInfo } from "node:net";

import Fastify, { type FastifyInstance } from "fastify";

import type { HostPort } from "@pixelrpc/service-runtime";
import type { GatewayMetrics } from "./metrics.js";

/**
 * Prometheus metrics on a listener of their own (GATEWAY_METRICS_ADDR), as
 * the image service serves its own: what they reveal (routes, error rates,
 * job counts) is for the operator's scraper, not for whoever reaches the
 * public API port.
 */
export async function startMetricsServer(metrics: GatewayMetrics, address: HostPort): Promise<{ server: FastifyInstance; address: string }> {
  const server = Fastify({ logger: false });
  server.get("/metrics", async (_request, reply) => reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()));
  await server.listen({ host: address.host, port: address.port });
  const bound = server.server.address() as AddressInfo;
  return { server, address: `${bound.family === "IPv6" ? `[${bound.address}]` : bound.address}:${bound.port}` };
}
