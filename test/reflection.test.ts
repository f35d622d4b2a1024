import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

import { status, type ServiceError } from "@grpc/grpc-js";

import { createHealthClient, fixture, startImageService, type RunningService } from "@pixelrpc/harness";
import { decode } from "./images.js";

const run = promisify(execFile);
const buf = fileURLToPath(import.meta.resolve("@bufbuild/buf/bin/buf"));

let service: RunningService;
before(async () => {
  service = await startImageService();
});
after(async () => {
  await service.stop();
});

/**
 * `buf curl` is a real reflection client, like grpcurl: it knows nothing of
 * our .proto files and learns every schema from the server.
 */
async function bufCurl(...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [buf, "curl", "--protocol", "grpc", "--http2-prior-knowledge", ...args], {
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout;
}

/** `bufCurl` with a JSON request body on stdin, as `grpcurl -d @` takes it (images overflow argv). */
function bufCurlWith(body: unknown, path: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [buf, "curl", "--protocol", "grpc", "--http2-prior-knowledge", "-d", "@-", url(path)]);
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(stdout)) : reject(new Error(`buf curl exited ${code}: ${stderr}`))));
    child.stdin.end(JSON.stringify(body));
  });
}

const url = (path = ""): string => `http://${service.address}${path}`;

describe("server reflection", () => {
  for (const protocol of ["grpc-v1", "grpc-v1alpha"]) {
    it(`lists the image and health services (${protocol})`, async () => {
      const services = (await bufCurl("--reflect-protocol", protocol, "--list-services", url())).trim().split("\n");
      assert.ok(services.includes("pixelrpc.image.v1.ImageService"), services.join(", "));
      assert.ok(services.includes("grpc.health.v1.Health"), services.join(", "));
    });
  }

  it("describes every method", async () => {
    const methods = (await bufCurl("--list-methods", url())).trim().split("\n");
    for (const method of [
      "pixelrpc.image.v1.ImageService/Transform",
      "pixelrpc.image.v1.ImageService/Info",
      "grpc.health.v1.Health/Check",
      "grpc.health.v1.Health/Watch",
    ]) {
      assert.ok(methods.includes(method), `${method} missing from ${methods.join(", ")}`);
    }
  });

  it("lets a reflection client call Transform with JSON and a base64 image", async () => {
    const request = {
      image: fixture("320x240.jpg").toString("base64"),
      operations: [{ resize: { width: 64 } }, { grayscale: {} }],
      output: { format: "FORMAT_WEBP", quality: 70 },
    };
    const response = (await bufCurlWith(request, "/pixelrpc.image.v1.ImageService/Transform")) as {
      image: string;
      info: { format: string; width: number; height: number; sizeBytes: string };
    };
    assert.equal(response.info.format, "FORMAT_WEBP");
    assert.equal(response.info.width, 64);
    assert.equal(response.info.height, 48);
    const decoded = await decode(Buffer.from(response.image, "base64"));
    assert.equal(decoded.metadata.format, "webp");
    assert.equal(`${decoded.width}x${decoded.height}`, "64x48");
    assert.equal(Number(response.info.sizeBytes), Buffer.from(response.image, "base64").byteLength);
  });

  it("lets a reflection client call Info", async () => {
    const response = (await bufCurlWith({ image: fixture("Landscape_6.jpg").toString("base64") }, "/pixelrpc.image.v1.ImageService/Info")) as {
      info: { width: number; height: number };
      orientation: number;
    };
    assert.equal(response.orientation, 6);
    assert.deepEqual([response.info.width, response.info.height], [600, 450]);
  });
});

describe("health checking", () => {
  it("says SERVING for the server and for the image service, through reflection", async () => {
    assert.deepEqual(JSON.parse(await bufCurl(url("/grpc.health.v1.Health/Check"))), { status: "SERVING" });
    assert.deepEqual(JSON.parse(await bufCurl("-d", '{"service":"pixelrpc.image.v1.ImageService"}', url("/grpc.health.v1.Health/Check"))), {
      status: "SERVING",
    });
  });

  it("says SERVING to a grpc-js health client and NOT_FOUND for an unknown service", async () => {
    const health = createHealthClient(service.address);
    try {
      assert.equal(await health.check("pixelrpc.image.v1.ImageService"), "SERVING");
      assert.equal(await health.check(""), "SERVING");
      await assert.rejects(health.check("no.such.Service"), (error: ServiceError) => error.code === status.NOT_FOUND);
    } finally {
      health.close();
    }
  });
});
