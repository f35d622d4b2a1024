import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";

import { credentials } from "@grpc/grpc-js";

import { createImageClient, readTlsFiles } from "../src/index.js";

describe("TLS options", () => {
  it("refuses a client certificate without its key, and tls together with credentials", () => {
    assert.throws(() => createImageClient("localhost:1", { tls: { cert: "x" } }), /needs its key: give both tls.cert and tls.key/);
    assert.throws(() => createImageClient("localhost:1", { tls: {}, credentials: credentials.createInsecure() }), /give either tls or credentials, not both/);
  });

  it("readTlsFiles reads the named files and says which one it could not read", () => {
    const directory = mkdtempSync(join(tmpdir(), "pixelrpc-client-tls-"));
    const ca = join(directory, "ca.pem");
    writeFileSync(ca, "-----BEGIN CERTIFICATE-----\n");
    const tls = readTlsFiles({ ca, serverName: "images.internal" });
    assert.equal(tls.ca?.toString(), "-----BEGIN CERTIFICATE-----\n");
    assert.equal(tls.cert, undefined);
    assert.equal(tls.serverName, "images.internal");
    assert.throws(() => readTlsFiles({ cert: join(directory, "missing.pem") }), /cannot read the TLS certificate file .*missing\.pem: ENOENT/);
  });
});
