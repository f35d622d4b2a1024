/**
 * Both services log to stdout. When whatever reads it goes away (a log
 * shipper restarts, a pipe closes), writes fail with EPIPE: the services
 * must drop their log lines and keep serving, and shut down cleanly, not
 * die of an unhandled 'error' event.
 */
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, it } from "node:test";

import { fixture, startStack } from "@pixelrpc/harness";
import { decode } from "./images.js";

describe("a closed log pipe", () => {
  it("leaves the image service and the gateway serving and stopping cleanly, and says once on stderr that log lines are being dropped", async () => {
    const stack = await startStack();
    try {
      stack.images.process.stdout!.destroy();
      stack.gateway.process.stdout!.destroy();
      const photo = fixture("2569067123_aca715a2ee_o.jpg");
      // Each call logs at least one line in each service: the first finds the pipe closed, the rest follow it.
      for (let call = 0; call < 3; call++) {
        const direct = await stack.images.client.transform({ image: photo, operations: [{ resize: { width: 64 } }], output: { format: "FORMAT_PNG" } });
        const viaGateway = await fetch(`${stack.gateway.url}/v1/transform?w=64&format=png`, {
          method: "POST",
          body: photo,
          headers: { "content-type": "image/jpeg" },
        });
        assert.equal(viaGateway.status, 200);
        for (const image of [direct.image, new Uint8Array(await viaGateway.arrayBuffer())]) {
          const decoded = await decode(image);
          assert.deepEqual([decoded.metadata.format, decoded.width, decoded.height], ["png", 64, 52]);
        }
      }
      await sleep(200);
      assert.equal(stack.images.process.exitCode, null, `the image service exited; stderr: ${stack.images.stderr()}`);
      assert.equal(stack.gateway.process.exitCode, null, "the gateway exited");
      const notices = stack.images
        .stderr()
        .split("\n")
        .filter((line) => line.includes('"log_output_lost"'));
      assert.equal(notices.length, 1, `stderr: ${stack.images.stderr()}`);
      // Shutdown logs too, and must still drain and exit cleanly.
      assert.equal(await stack.gateway.stop(), 0);
      assert.equal(await stack.images.stop(), 0);
    } finally {
      await stack.stop();
    }
  });
});
