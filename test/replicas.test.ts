/**
 * Several image-service replicas behind the client's round_robin and
 * retries: a steady load survives a replica killed with SIGKILL, or stopped
 * with SIGTERM, without a failed call, and the load was spread.
 */
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { after, describe, it } from "node:test";

import { createImageClient, type ImageClient } from "@pixelrpc/client";

import { fixture, startGateway, startImageService, type RunningGateway, type RunningService } from "@pixelrpc/harness";
import { decode } from "./images.js";

const source = fixture("320x240.jpg");
const started: RunningService[] = [];
const gateways: RunningGateway[] = [];
const clients: ImageClient[] = [];

after(async () => {
  for (const client of clients) client.close();
  await Promise.all(gateways.map((gateway) => gateway.stop()));
  await Promise.all(started.map((service) => service.stop("SIGKILL")));
});

async function replicas(count: number): Promise<RunningService[]> {
  // One worker each: three replicas share this machine's cores.
  const services = await Promise.all(Array.from({ length: count }, () => startImageService({ IMAGE_POOL_THREADS: "1" })));
  started.push(...services);
  return services;
}

const targetOf = (services: readonly RunningService[]): string => `ipv4:${services.map((service) => service.address).join(",")}`;

function clientOf(services: readonly RunningService[]): ImageClient {
  const client = createImageClient(targetOf(services));
  clients.push(client);
  return client;
}

/** Transforms served by a replica, from its own log. */
const served = (service: RunningService): number =>
  service.logs.filter((entry) => entry.event === "rpc" && entry.method === "Transform" && entry.code === "OK").length;

/** Transforms served by a replica over any RPC (the gateway uses TransformStream). */
const servedAny = (service: RunningService): number =>
  service.logs.filter((entry) => entry.event === "rpc" && String(entry.method).startsWith("Transform") && entry.code === "OK").length;

interface LoadResult {
  readonly succeeded: number;
  readonly failures: string[];
}

/**
 * `concurrency` loops of `transform` until `stop` resolves. Each returns the
 * encoded 80-pixel-wide result, which is decoded and checked; anything it
 * throws is recorded as a failure.
 */
async function steadyLoad(transform: () => Promise<Uint8Array>, concurrency: number, stop: Promise<void>): Promise<LoadResult> {
  let running = true;
  void stop.then(() => (running = false));
  let succeeded = 0;
  const failures: string[] = [];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (running) {
        try {
          const decoded = await decode(await transform());
          assert.equal(`${decoded.width}x${decoded.height}`, "80x60");
          succeeded++;
        } catch (error) {
          failures.push(error instanceof Error ? error.message : String(error));
        }
      }
    }),
  );
  return { succeeded, failures };
}

const overGrpc = (client: ImageClient) => async (): Promise<Uint8Array> =>
  (await client.transform({ image: source, operations: [{ resize: { width: 80 } }], output: { format: "FORMAT_PNG" } }, { timeoutMs: 15_000 })).image;

const throughGateway = (gateway: RunningGateway) => async (): Promise<Uint8Array> => {
  const response = await fetch(`${gateway.url}/v1/transform?w=80&format=png`, { method: "POST", body: source, headers: { "content-type": "image/jpeg" } });
  const body = Buffer.from(await response.arrayBuffer());
  if (response.status !== 200) throw new Error(`${response.status} ${body.toString()}`);
  return body;
};

describe("replicas behind round_robin and retries", () => {
  it("a replica killed with SIGKILL under load loses no call, and the load was spread", async () => {
    const services = await replicas(3);
    const client = clientOf(services);
    const victim = services[0]!;
    const stop = (async () => {
      await sleep(1500);
      assert.ok(served(victim) > 0, "the victim served nothing before it was killed: the load was not spread");
      victim.process.kill("SIGKILL");
      await victim.exited;
      await sleep(2000);
    })();
    const result = await steadyLoad(overGrpc(client), 4, stop);
    await stop;
    assert.deepEqual(result.failures, []);
    for (const [index, service] of services.entries()) assert.ok(served(service) > 0, `replica ${index} served no transform`);
    const survivors = served(services[1]!) + served(services[2]!);
    assert.ok(survivors + served(victim) >= result.succeeded, "more successes than the replicas logged");
    assert.ok(result.succeeded > 20, `only ${result.succeeded} transforms in 3.5 s`);
  });

  it("a replica stopped with SIGTERM under load loses no call and exits 0", async () => {
    const services = await replicas(3);
    const client = clientOf(services);
    const leaving = services[1]!;
    let exitCode: number | null = -1;
    const stop = (async () => {
      await sleep(1000);
      leaving.process.kill("SIGTERM");
      exitCode = await leaving.exited;
      await sleep(1000);
    })();
    const result = await steadyLoad(overGrpc(client), 4, stop);
    await stop;
    assert.deepEqual(result.failures, []);
    assert.equal(exitCode, 0);
    assert.ok(served(leaving) > 0, "the leaving replica served nothing");
    assert.ok(served(services[0]!) > 0 && served(services[2]!) > 0, "the remaining replicas served nothing");
  });

  it("through the gateway: three replicas, one killed with SIGKILL under load, no HTTP request fails", async () => {
    const services = await replicas(3);
    const gateway = await startGateway(targetOf(services));
    gateways.push(gateway);
    const victim = services[2]!;
    const stop = (async () => {
      await sleep(1500);
      victim.process.kill("SIGKILL");
      await victim.exited;
      await sleep(2000);
    })();
    const result = await steadyLoad(throughGateway(gateway), 4, stop);
    await stop;
    assert.deepEqual(result.failures, []);
    for (const [index, service] of services.entries()) assert.ok(servedAny(service) > 0, `replica ${index} served no transform`);
    assert.ok(result.succeeded > 20, `only ${result.succeeded} transforms in 3.5 s`);
  });
});
