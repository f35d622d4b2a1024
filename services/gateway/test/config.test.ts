import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";

import { loadGatewayConfig } from "../src/config.js";

describe("loadGatewayConfig", () => {
  it("has loopback, local-image-service defaults", () => {
    assert.deepEqual(loadGatewayConfig({}), {
      httpHost: "127.0.0.1",
      httpPort: 8080,
      imageServiceTarget: "localhost:50051",
      apiKeys: [],
      maxBodyBytes: 32 * 1024 * 1024,
      requestTimeoutMs: 30_000,
      jobTimeoutMs: 300_000,
      jobTtlMs: 3_600_000,
      maxJobs: 1000,
      maxJobBytes: 512 * 1024 * 1024,
      shutdownGraceMs: 10_000,
      jobStore: "memory",
      imageServiceTls: undefined,
      urlSigningKeys: [],
      imageMaxAgeSeconds: 86_400,
    });
  });

  it("reads a Redis job store URL, and refuses other schemes without echoing a password", () => {
    assert.equal(String(loadGatewayConfig({ GATEWAY_JOB_STORE: "redis://redis.internal:6379/2" }).jobStore), "redis://redis.internal:6379/2");
    assert.equal(String(loadGatewayConfig({ GATEWAY_JOB_STORE: "rediss://user:pw@redis.internal" }).jobStore), "rediss://user:pw@redis.internal");
    assert.throws(
      () => loadGatewayConfig({ GATEWAY_JOB_STORE: "http://user:secret@redis.internal" }),
      (error: Error & { problems: string[] }) => {
        assert.deepEqual(error.problems, ['GATEWAY_JOB_STORE must be "memory" or a redis:// or rediss:// URL, got "http://***@redis.internal"']);
        return true;
      },
    );
  });

  it("refuses short keys, bad numbers and an open non-loopback address, naming each", () => {
    assert.throws(
      () => loadGatewayConfig({ GATEWAY_HTTP_ADDR: "0.0.0.0:80", GATEWAY_MAX_BODY_BYTES: "1", GATEWAY_REQUEST_TIMEOUT_MS: "x" }),
      (error: Error & { problems: string[] }) => {
        assert.equal(error.problems.length, 3);
        assert.match(error.problems.join("; "), /GATEWAY_MAX_BODY_BYTES.*GATEWAY_REQUEST_TIMEOUT_MS.*|is not loopback/);
        return true;
      },
    );
    assert.throws(() => loadGatewayConfig({ GATEWAY_API_KEYS: "short" }), /at least 16 characters/);
    assert.deepEqual(loadGatewayConfig({ GATEWAY_HTTP_ADDR: "0.0.0.0:80", GATEWAY_API_KEYS: "a-key-long-enough-1, b-key-long-enough-2" }).apiKeys, [
      "a-key-long-enough-1",
      "b-key-long-enough-2",
    ]);
  });
});

describe("signed URL and TLS settings", () => {
  const problemsOf = (env: Record<string, string>): string[] => {
    try {
      loadGatewayConfig(env);
      return [];
    } catch (error) {
      return (error as { problems: string[] }).problems;
    }
  };

  it("takes several URL signing keys for rotation, each of at least 32 characters", () => {
    const keys = ["a".repeat(32), "b".repeat(40)];
    assert.deepEqual(loadGatewayConfig({ GATEWAY_URL_SIGNING_KEYS: keys.join(" , ") }).urlSigningKeys, keys);
    assert.deepEqual(problemsOf({ GATEWAY_URL_SIGNING_KEYS: `${"a".repeat(32)},short` }), [
      "GATEWAY_URL_SIGNING_KEYS must hold keys of at least 32 characters each (openssl rand -hex 32 makes one)",
    ]);
  });

  it("reads the TLS files for the image service, and refuses half a key pair or an unreadable file", () => {
    const directory = mkdtempSync(join(tmpdir(), "pixelrpc-gateway-tls-"));
    const file = (name: string): string => {
      writeFileSync(join(directory, name), `pem ${name}`);
      return join(directory, name);
    };
    const tls = loadGatewayConfig({
      IMAGE_SERVICE_TLS_CA: file("ca"),
      IMAGE_SERVICE_TLS_CERT: file("cert"),
      IMAGE_SERVICE_TLS_KEY: file("key"),
      IMAGE_SERVICE_TLS_SERVER_NAME: "images.internal",
    }).imageServiceTls;
    assert.equal(tls?.ca?.toString(), "pem ca");
    assert.equal(tls?.cert?.toString(), "pem cert");
    assert.equal(tls?.serverName, "images.internal");
    assert.deepEqual(loadGatewayConfig({ IMAGE_SERVICE_TLS: "1" }).imageServiceTls, { ca: undefined, cert: undefined, key: undefined, serverName: undefined });
    assert.deepEqual(problemsOf({ IMAGE_SERVICE_TLS_CERT: file("cert") }), [
      "IMAGE_SERVICE_TLS_CERT and IMAGE_SERVICE_TLS_KEY go together: set both for mutual TLS, or neither",
    ]);
    assert.match(problemsOf({ IMAGE_SERVICE_TLS_CA: join(directory, "missing") })[0]!, /^IMAGE_SERVICE_TLS_\*: cannot read the TLS CA file .*missing: ENOENT/);
  });
});
