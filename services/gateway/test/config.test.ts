import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";

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
      headersTimeoutMs: 10_000,
      bodyIdleTimeoutMs: 10_000,
      receiveBudgetBytes: 256 * 1024 * 1024,
      keepAliveTimeoutMs: 5_000,
      maxConnections: 1024,
      rateLimitPerMinute: undefined,
      metricsAddress: undefined,
      corsOrigins: [],
      presetsOnly: false,
      cache: { kind: "off" },
      cacheTtlSeconds: 86_400,
      cacheMaxEntryBytes: 16 * 1024 * 1024,
      adminKeys: [],
      webhooks: undefined,
    });
  });

  it("reads the webhook settings, and names every mistake in them", () => {
    const secret = `whsec_${Buffer.alloc(32, 7).toString("base64")}`;
    const config = loadGatewayConfig({
      GATEWAY_WEBHOOK_ALLOWED: "https://hooks.example.com, https://ops.example.com/pixelrpc/",
      GATEWAY_WEBHOOK_ALLOWED_ADDRESSES: "10.1.0.0/16",
      GATEWAY_WEBHOOK_SECRETS: secret,
      GATEWAY_WEBHOOK_RETRY_MS: "1000",
    }).webhooks!;
    assert.equal(config.allowed.describe(), "https://hooks.example.com/, https://ops.example.com/pixelrpc/");
    assert.deepEqual(config.keys, [Buffer.alloc(32, 7)]);
    assert.deepEqual([config.timeoutMs, config.maxAttempts, config.retryMs], [10_000, 8, 1000]);
    assert.equal(config.addresses.refusal("10.1.2.3"), undefined);
    assert.match(config.addresses.refusal("10.2.0.1")!, /reserved/);
    const bad: [env: Record<string, string>, problems: string[]][] = [
      [{ GATEWAY_WEBHOOK_ALLOWED: "https://hooks.example.com" }, ["GATEWAY_WEBHOOK_ALLOWED needs GATEWAY_WEBHOOK_SECRETS: every webhook is signed"]],
      [
        { GATEWAY_WEBHOOK_SECRETS: secret },
        ["GATEWAY_WEBHOOK_SECRETS and GATEWAY_WEBHOOK_ALLOWED_ADDRESSES need GATEWAY_WEBHOOK_ALLOWED: set it, or unset them"],
      ],
      [
        { GATEWAY_WEBHOOK_ALLOWED: "ftp://hooks.example.com", GATEWAY_WEBHOOK_SECRETS: secret },
        [
          'GATEWAY_WEBHOOK_ALLOWED must list http(s) origins or URL prefixes, or *: "ftp://hooks.example.com" is not an http(s) origin or URL prefix (like https://images.example.com/photos/)',
        ],
      ],
      [
        { GATEWAY_WEBHOOK_ALLOWED: "*", GATEWAY_WEBHOOK_SECRETS: `${secret},whsec_c2hvcnQ=,plain-secret-0123456789` },
        [
          "GATEWAY_WEBHOOK_SECRETS[1] must be whsec_ and at least 16 bytes in base64 (whsec_$(openssl rand -base64 32) makes one)",
          "GATEWAY_WEBHOOK_SECRETS[2] must be whsec_ and at least 16 bytes in base64 (whsec_$(openssl rand -base64 32) makes one)",
        ],
      ],
      [
        { GATEWAY_WEBHOOK_ALLOWED: "*", GATEWAY_WEBHOOK_SECRETS: secret, GATEWAY_WEBHOOK_ALLOWED_ADDRESSES: "10.0.0.0/33" },
        ['GATEWAY_WEBHOOK_ALLOWED_ADDRESSES must list addresses or CIDR networks (10.0.0.0/8, fd00::/8), got "10.0.0.0/33"'],
      ],
      [
        { GATEWAY_WEBHOOK_ALLOWED: "*", GATEWAY_WEBHOOK_SECRETS: secret, GATEWAY_WEBHOOK_RETRY_MS: "3600000", GATEWAY_WEBHOOK_MAX_ATTEMPTS: "8" },
        ["GATEWAY_WEBHOOK_RETRY_MS (3600000) and GATEWAY_WEBHOOK_MAX_ATTEMPTS (8) retry for up to 6553 hours; at most 72 are kept"],
      ],
      [{ GATEWAY_WEBHOOK_MAX_ATTEMPTS: "0" }, ['GATEWAY_WEBHOOK_MAX_ATTEMPTS must be a whole number from 1 to 12, got "0"']],
    ];
    for (const [env, problems] of bad) {
      assert.throws(
        () => loadGatewayConfig(env),
        (error: Error & { problems: string[] }) => (assert.deepEqual(error.problems, problems), true),
        JSON.stringify(env),
      );
    }
  });

  it("reads the result cache's location, and names what is wrong with a bad one", () => {
    assert.deepEqual(loadGatewayConfig({ GATEWAY_CACHE: "file:///var/cache/pixelrpc" }).cache, {
      kind: "file",
      directory: "/var/cache/pixelrpc",
      maxBytes: 1024 * 1024 * 1024,
    });
    assert.deepEqual(loadGatewayConfig({ GATEWAY_CACHE: "file:///var/cache/pixel%20rpc?max_bytes=1048576" }).cache, {
      kind: "file",
      directory: "/var/cache/pixel rpc",
      maxBytes: 1024 * 1024,
    });
    assert.equal(String((loadGatewayConfig({ GATEWAY_CACHE: "rediss://cache.internal:6380/1" }).cache as { url: URL }).url), "rediss://cache.internal:6380/1");
    const bad: [raw: string, problem: string][] = [
      ["file:///var/cache?max_bytes=1024", 'GATEWAY_CACHE\'s max_bytes must be a whole number of bytes from 1048576 to 1125899906842624, got "1024"'],
      ["file:///var/cache?max_bytes=1e9", 'GATEWAY_CACHE\'s max_bytes must be a whole number of bytes from 1048576 to 1125899906842624, got "1e9"'],
      ["file:///var/cache?maxbytes=1048576", 'GATEWAY_CACHE takes max_bytes only, got "maxbytes"'],
      [
        "file://otherhost/var/cache",
        'GATEWAY_CACHE must be "off", a file:///path URL (with ?max_bytes=N) or a redis:// or rediss:// URL, got "file://otherhost/var/cache"',
      ],
      ["file:///", 'GATEWAY_CACHE must be "off", a file:///path URL (with ?max_bytes=N) or a redis:// or rediss:// URL, got "file:///"'],
      ["/var/cache", 'GATEWAY_CACHE must be "off", a file:///path URL (with ?max_bytes=N) or a redis:// or rediss:// URL, got "/var/cache"'],
      [
        "memcached://user:secret@cache",
        'GATEWAY_CACHE must be "off", a file:///path URL (with ?max_bytes=N) or a redis:// or rediss:// URL, got "memcached://***@cache"',
      ],
    ];
    for (const [raw, problem] of bad) {
      assert.throws(
        () => loadGatewayConfig({ GATEWAY_CACHE: raw }),
        (error: Error & { problems: string[] }) => (assert.deepEqual(error.problems, [problem]), true),
        raw,
      );
    }
    assert.throws(
      () => loadGatewayConfig({ GATEWAY_ADMIN_KEYS: "short", GATEWAY_CACHE_TTL_S: "0" }),
      (error: Error & { problems: string[] }) => (
        assert.deepEqual(error.problems, [
          "GATEWAY_ADMIN_KEYS must hold keys of at least 16 characters each",
          'GATEWAY_CACHE_TTL_S must be a whole number from 1 to 31536000, got "0"',
        ]),
        true
      ),
    );
  });

  it("reads the edge's timeouts, rate limit, metrics listener and CORS origins, naming each mistake", () => {
    const config = loadGatewayConfig({
      GATEWAY_HEADERS_TIMEOUT_MS: "2000",
      GATEWAY_BODY_IDLE_TIMEOUT_MS: "3000",
      GATEWAY_RATE_LIMIT: "120",
      GATEWAY_METRICS_ADDR: "[::1]:9464",
      GATEWAY_CORS_ORIGINS: "https://app.example.com, http://localhost:5173",
    });
    assert.deepEqual(
      [config.headersTimeoutMs, config.bodyIdleTimeoutMs, config.rateLimitPerMinute, config.metricsAddress, config.corsOrigins],
      [2000, 3000, 120, { host: "::1", port: 9464 }, ["https://app.example.com", "http://localhost:5173"]],
    );
    assert.equal(loadGatewayConfig({ GATEWAY_RATE_LIMIT: "0" }).rateLimitPerMinute, undefined);
    assert.throws(
      () =>
        loadGatewayConfig({
          GATEWAY_BODY_IDLE_TIMEOUT_MS: "0",
          GATEWAY_METRICS_ADDR: "9464",
          GATEWAY_CORS_ORIGINS: "https://app.example.com/,*,ftp://x",
          GATEWAY_RATE_LIMIT: "-5",
        }),
      (error: Error & { problems: string[] }) => {
        assert.deepEqual(error.problems, [
          'GATEWAY_METRICS_ADDR must be host:port or empty (off), got "9464"',
          'GATEWAY_BODY_IDLE_TIMEOUT_MS must be a whole number from 100 to 300000, got "0"',
          'GATEWAY_RATE_LIMIT must be a whole number from 0 to 1000000, got "-5"',
          'GATEWAY_CORS_ORIGINS must list origins such as https://app.example.com (scheme, host, port; no path or trailing slash), got "https://app.example.com/"',
          'GATEWAY_CORS_ORIGINS must list origins such as https://app.example.com (scheme, host, port; no path or trailing slash), got "*"',
          'GATEWAY_CORS_ORIGINS must list origins such as https://app.example.com (scheme, host, port; no path or trailing slash), got "ftp://x"',
        ]);
        return true;
      },
    );
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

/** A CA and a client certificate it signed, made by openssl in a temporary folder. */
function makePki(): { path: (name: string) => string; remove: () => void } {
  const directory = mkdtempSync(join(tmpdir(), "pixelrpc-gateway-tls-"));
  const openssl = (...args: string[]): void => void execFileSync("openssl", args, { cwd: directory, stdio: ["ignore", "ignore", "pipe"] });
  openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=ca", "-keyout", "ca.key", "-out", "ca.pem");
  openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=gateway", "-keyout", "client.key", "-out", "client.csr");
  openssl("x509", "-req", "-in", "client.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-days", "1", "-out", "client.pem");
  return { path: (name) => join(directory, name), remove: () => rmSync(directory, { recursive: true, force: true }) };
}

describe("signed URL and TLS settings", () => {
  const pki = makePki();
  after(() => pki.remove());

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

  it("reads and checks the TLS files for the image service", () => {
    const tls = loadGatewayConfig({
      IMAGE_SERVICE_TLS_CA: pki.path("ca.pem"),
      IMAGE_SERVICE_TLS_CERT: pki.path("client.pem"),
      IMAGE_SERVICE_TLS_KEY: pki.path("client.key"),
      IMAGE_SERVICE_TLS_SERVER_NAME: "images.internal",
    }).imageServiceTls;
    assert.equal(tls?.ca?.toString(), readFileSync(pki.path("ca.pem"), "utf8"));
    assert.equal(tls?.cert?.toString(), readFileSync(pki.path("client.pem"), "utf8"));
    assert.equal(tls?.key?.toString(), readFileSync(pki.path("client.key"), "utf8"));
    assert.equal(tls?.serverName, "images.internal");
    // Server-verified TLS only: a CA, or nothing but the switch (Node's root CAs), or a server name alone.
    assert.equal(loadGatewayConfig({ IMAGE_SERVICE_TLS_CA: pki.path("ca.pem") }).imageServiceTls?.cert, undefined);
    assert.deepEqual(loadGatewayConfig({ IMAGE_SERVICE_TLS: "1" }).imageServiceTls, { ca: undefined, cert: undefined, key: undefined, serverName: undefined });
    assert.equal(loadGatewayConfig({ IMAGE_SERVICE_TLS: "true", IMAGE_SERVICE_TLS_SERVER_NAME: "x" }).imageServiceTls?.serverName, "x");
    assert.equal(loadGatewayConfig({ IMAGE_SERVICE_TLS: "0" }).imageServiceTls, undefined);
    assert.equal(loadGatewayConfig({ IMAGE_SERVICE_TLS_CA: " " }).imageServiceTls, undefined);
  });

  it("refuses half a key pair, a key of another certificate, unreadable or non-PEM files, and a contradiction, naming each variable", () => {
    assert.deepEqual(problemsOf({ IMAGE_SERVICE_TLS_CERT: pki.path("client.pem") }), [
      "IMAGE_SERVICE_TLS_CERT and IMAGE_SERVICE_TLS_KEY go together: set both for mutual TLS, or neither",
    ]);
    assert.deepEqual(problemsOf({ IMAGE_SERVICE_TLS_KEY: pki.path("client.key") }), [
      "IMAGE_SERVICE_TLS_CERT and IMAGE_SERVICE_TLS_KEY go together: set both for mutual TLS, or neither",
    ]);
    assert.deepEqual(problemsOf({ IMAGE_SERVICE_TLS_CERT: pki.path("client.pem"), IMAGE_SERVICE_TLS_KEY: pki.path("ca.key") }), [
      "IMAGE_SERVICE_TLS_KEY is not the private key of the certificate in IMAGE_SERVICE_TLS_CERT",
    ]);
    assert.match(problemsOf({ IMAGE_SERVICE_TLS_CA: pki.path("missing") })[0]!, /^IMAGE_SERVICE_TLS_\*: cannot read the TLS CA file .*missing: ENOENT/);
    assert.deepEqual(problemsOf({ IMAGE_SERVICE_TLS_CA: pki.path("client.key") }), [
      "IMAGE_SERVICE_TLS_CA cannot be used: it holds no PEM certificate (-----BEGIN CERTIFICATE-----)",
    ]);
    const problems = problemsOf({ IMAGE_SERVICE_TLS_CERT: pki.path("client.key"), IMAGE_SERVICE_TLS_KEY: pki.path("client.pem") });
    assert.equal(problems.length, 2);
    assert.match(problems[0]!, /^IMAGE_SERVICE_TLS_CERT cannot be used: it holds no PEM certificate/);
    assert.match(problems[1]!, /^IMAGE_SERVICE_TLS_KEY cannot be used: /);
    assert.deepEqual(problemsOf({ IMAGE_SERVICE_TLS: "0", IMAGE_SERVICE_TLS_CA: pki.path("ca.pem") }), [
      "IMAGE_SERVICE_TLS=0 turns TLS off, yet other IMAGE_SERVICE_TLS_* variables are set: unset one or the other",
    ]);
    assert.deepEqual(problemsOf({ IMAGE_SERVICE_TLS: "yes" }), ['IMAGE_SERVICE_TLS must be 1, true, 0 or false, got "yes"']);
  });
});
