/**
 * TLS and mutual TLS on the image service's port, with a throwaway CA and
 * certificates that openssl makes for this run.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";

import { createImageClient, ImageServiceError, readTlsFiles, type ImageClientOptions } from "@pixelrpc/client";

import { makeTestPki, type TestPki, fixture, serviceDir, startGateway, startImageService, type RunningService } from "@pixelrpc/harness";
import { decode } from "./images.js";

let pki: TestPki;
const path = (name: string): string => pki.path(name);

let mutual: RunningService;
let serverOnly: RunningService;
const clients: ReturnType<typeof createImageClient>[] = [];

before(async () => {
  pki = makeTestPki();
  const tls = { IMAGE_TLS_CERT: path("server.pem"), IMAGE_TLS_KEY: path("server.key") };
  [mutual, serverOnly] = await Promise.all([startImageService({ ...tls, IMAGE_TLS_CLIENT_CA: path("ca.pem") }), startImageService(tls)]);
});

after(async () => {
  for (const client of clients) client.close();
  await Promise.all([mutual?.stop(), serverOnly?.stop()]);
  pki?.remove();
});

function connect(service: RunningService, options: ImageClientOptions): ReturnType<typeof createImageClient> {
  const client = createImageClient(service.address, options);
  clients.push(client);
  return client;
}

async function transformsThrough(client: ReturnType<typeof createImageClient>): Promise<void> {
  const result = await client.transform(
    { image: fixture("320x240.jpg"), operations: [{ resize: { width: 40 } }], output: { format: "FORMAT_PNG" } },
    { timeoutMs: 10_000 },
  );
  const decoded = await decode(result.image);
  assert.equal(`${decoded.metadata.format} ${decoded.width}x${decoded.height}`, "png 40x30");
}

async function assertRefused(client: ReturnType<typeof createImageClient>): Promise<void> {
  const error = await client.health({ timeoutMs: 5_000 }).then(
    () => assert.fail("the connection was accepted"),
    (thrown: unknown) => thrown,
  );
  assert.ok(error instanceof ImageServiceError, String(error));
  assert.equal(error.codeName, "UNAVAILABLE", error.details);
}

const trusted = (): ImageClientOptions["tls"] => readTlsFiles({ ca: path("ca.pem") });

describe("mutual TLS (IMAGE_TLS_CLIENT_CA set)", () => {
  it("accepts a client with a certificate from the client CA", async () => {
    const client = connect(mutual, { tls: readTlsFiles({ ca: path("ca.pem"), cert: path("client.pem"), key: path("client.key") }) });
    assert.equal(await client.health(), "SERVING");
    await transformsThrough(client);
  });

  it("refuses plaintext", async () => {
    await assertRefused(connect(mutual, {}));
  });

  it("refuses TLS without a client certificate", async () => {
    await assertRefused(connect(mutual, { tls: trusted() }));
  });

  it("refuses a client certificate from another CA", async () => {
    await assertRefused(connect(mutual, { tls: readTlsFiles({ ca: path("ca.pem"), cert: path("rogue-client.pem"), key: path("rogue-client.key") }) }));
  });

  it("still serves a good client after refusing the others", async () => {
    await transformsThrough(connect(mutual, { tls: readTlsFiles({ ca: path("ca.pem"), cert: path("client.pem"), key: path("client.key") }) }));
  });
});

describe("server TLS (no client CA)", () => {
  it("serves a client that verifies the server against the CA", async () => {
    await transformsThrough(connect(serverOnly, { tls: trusted() }));
  });

  it("refuses plaintext", async () => {
    await assertRefused(connect(serverOnly, {}));
  });

  it("a client that does not trust the server's CA does not connect", async () => {
    await assertRefused(connect(serverOnly, { tls: { ca: readFileSync(path("rogue-ca.pem")) } }));
  });

  it("a client checks the server's name: the certificate names localhost and 127.0.0.1, not other names", async () => {
    await assertRefused(connect(serverOnly, { tls: { ...trusted(), serverName: "images.example.com" } }));
  });

  it("says in its listening line which TLS it serves, and never the key", () => {
    const line = (service: RunningService) => service.logs.find((entry) => entry.event === "listening")!;
    assert.equal(line(mutual).tls, "mutual");
    assert.equal(line(serverOnly).tls, "server");
    assert.doesNotMatch(JSON.stringify(line(mutual)), /PRIVATE KEY/);
  });
});

describe("the gateway in front of a mutual-TLS image service (IMAGE_SERVICE_TLS_*)", () => {
  it("transforms with a client certificate, and is not ready without one", async () => {
    const withCertificate = await startGateway(mutual.address, {
      IMAGE_SERVICE_TLS_CA: path("ca.pem"),
      IMAGE_SERVICE_TLS_CERT: path("client.pem"),
      IMAGE_SERVICE_TLS_KEY: path("client.key"),
    });
    const withoutCertificate = await startGateway(mutual.address, { IMAGE_SERVICE_TLS_CA: path("ca.pem") });
    try {
      const response = await fetch(`${withCertificate.url}/v1/transform?w=64&format=png`, {
        method: "POST",
        body: fixture("320x240.jpg"),
        headers: { "content-type": "image/jpeg" },
      });
      assert.equal(response.status, 200);
      const decoded = await decode(Buffer.from(await response.arrayBuffer()));
      assert.equal(`${decoded.metadata.format} ${decoded.width}x${decoded.height}`, "png 64x48");
      assert.equal((await fetch(`${withCertificate.url}/readyz`)).status, 200);
      assert.equal((await fetch(`${withoutCertificate.url}/readyz`)).status, 503);
      const listening = withCertificate.logs.find((entry) => entry.event === "listening")!;
      assert.equal(listening.imageServiceTls, "mutual");
      assert.doesNotMatch(JSON.stringify(listening), /PRIVATE KEY/);
    } finally {
      await Promise.all([withCertificate.stop(), withoutCertificate.stop()]);
    }
  });
});

describe("the container's health check (dist/healthcheck.js, Docker's HEALTHCHECK) asks the port as it is served", () => {
  const script = join(serviceDir("@pixelrpc/image-service"), "dist", "healthcheck.js");
  // Only what a container running the service would have: its own variables.
  const check = (service: RunningService, env: Record<string, string>) =>
    spawnSync(process.execPath, [script], { env: { PATH: process.env.PATH, IMAGE_GRPC_ADDR: service.address, ...env }, encoding: "utf8", timeout: 20_000 });
  const serverTls = () => ({ IMAGE_TLS_CERT: path("server.pem"), IMAGE_TLS_KEY: path("server.key") });
  const mutualTls = () => ({ ...serverTls(), IMAGE_TLS_CLIENT_CA: path("ca.pem") });
  const probe = (name: string) => ({ IMAGE_HEALTHCHECK_TLS_CERT: path(`${name}.pem`), IMAGE_HEALTHCHECK_TLS_KEY: path(`${name}.key`) });

  const cases: [name: string, service: () => RunningService, env: () => Record<string, string>, stderr: RegExp | undefined][] = [
    ["TLS port, the service's TLS settings: serving", () => serverOnly, serverTls, undefined],
    ["TLS port asked in plaintext (settings that are not the service's): not serving", () => serverOnly, () => ({}), /is not serving: 14: /],
    [
      "mutual-TLS port, the check's own client certificate from the client CA: serving",
      () => mutual,
      () => ({ ...mutualTls(), ...probe("client") }),
      undefined,
    ],
    [
      "mutual-TLS port, the server's serverAuth-only certificate presented as a client's: not serving, and says what to set",
      () => mutual,
      mutualTls,
      /is not serving: 14: .*set IMAGE_HEALTHCHECK_TLS_CERT and IMAGE_HEALTHCHECK_TLS_KEY to one from IMAGE_TLS_CLIENT_CA/,
    ],
    [
      "mutual-TLS port, a client certificate from another CA: not serving",
      () => mutual,
      () => ({ ...mutualTls(), ...probe("rogue-client") }),
      /is not serving: 14: /,
    ],
    [
      "a configuration the service would refuse: not serving, naming the variable",
      () => mutual,
      () => ({ ...serverTls(), ...probe("client") }),
      /^image service health check: invalid configuration: IMAGE_HEALTHCHECK_TLS_CERT and IMAGE_HEALTHCHECK_TLS_KEY are for a port that serves mutual TLS/,
    ],
  ];
  for (const [name, service, env, stderr] of cases) {
    it(name, () => {
      const run = check(service(), env());
      if (stderr) {
        assert.equal(run.status, 1, run.stderr);
        assert.match(run.stderr, stderr);
      } else assert.equal(run.status, 0, run.stderr);
    });
  }
});
