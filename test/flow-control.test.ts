/**
 * The image service's HTTP/2 receive windows, as a client sees them on the
 * wire: grpc-js has no server option for them, so the service sets them
 * through grpc-js internals (services/image/src/server/flow-control.ts), and
 * this test is what notices when a grpc-js release moves those.
 */
import assert from "node:assert/strict";
import { connect, type ClientHttp2Session } from "node:http2";
import { describe, it } from "node:test";

import { decode } from "./images.js";
import { fixture, startImageService } from "@pixelrpc/harness";

const MIB = 1024 * 1024;

/** Connects over plain HTTP/2 and returns the windows the service offers: per stream (SETTINGS) and per connection. */
async function offeredWindows(address: string): Promise<{ stream: number; connection: number }> {
  const session: ClientHttp2Session = connect(`http://${address}`);
  try {
    const settings = await new Promise<number>((resolve, reject) => {
      session.once("error", reject);
      session.once("remoteSettings", (remote) => resolve(remote.initialWindowSize!));
    });
    // The connection's WINDOW_UPDATE follows the service's SETTINGS; a ping's answer comes after both.
    await new Promise<void>((resolve, reject) => session.ping((error) => (error ? reject(error) : resolve())));
    return { stream: settings, connection: session.state.remoteWindowSize! };
  } finally {
    session.close();
  }
}

describe("HTTP/2 flow control", () => {
  it("offers a 4 MiB window per stream and per connection by default, so that a photo arrives without waiting for WINDOW_UPDATEs", async () => {
    const service = await startImageService();
    try {
      assert.deepEqual(await offeredWindows(service.address), { stream: 4 * MIB, connection: 4 * MIB });
      const { image, info } = await service.client.transform({
        image: fixture("2569067123_aca715a2ee_o.jpg"),
        operations: [{ resize: { width: 320 } }],
        output: { format: "FORMAT_PNG" },
      });
      const decoded = await decode(image);
      assert.equal(decoded.metadata.format, "png");
      assert.deepEqual([decoded.width, decoded.height, info.width, info.height], [320, 261, 320, 261]);
    } finally {
      await service.stop();
    }
  });

  it("takes the window from IMAGE_FLOW_CONTROL_WINDOW_BYTES, and 65535 leaves HTTP/2's defaults alone", async () => {
    for (const [bytes, expected] of [
      [String(MIB), MIB],
      ["65535", 65_535],
    ] as const) {
      const service = await startImageService({ IMAGE_FLOW_CONTROL_WINDOW_BYTES: bytes });
      try {
        assert.deepEqual(await offeredWindows(service.address), { stream: expected, connection: expected });
        assert.equal(service.logs.filter((entry) => entry.event === "flow_control_window_unsupported").length, 0);
      } finally {
        await service.stop();
      }
    }
  });
});
