import assert from "node:assert/strict";
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
