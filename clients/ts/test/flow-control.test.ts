/**
 * The receive windows the client offers, read by a plain HTTP/2 server on
 * loopback: grpc-js applies them from a channel option, and a client that
 * kept HTTP/2's 64 KiB would fetch a large result 64 KiB per round trip.
 */
import assert from "node:assert/strict";
import { createServer, type ServerHttp2Session } from "node:http2";
import type { AddressInfo } from "node:net";
import { describe, it } from "node:test";

import { createImageClient, ImageServiceError, Status } from "../src/index.js";

const MIB = 1024 * 1024;

interface Offered {
  readonly stream: number;
  readonly connection: number;
}

/** Answers every call UNIMPLEMENTED and reports the windows of the first session that sends one. */
async function windowsOfferedBy(channelOptions: Record<string, number> = {}): Promise<Offered> {
  let offered: Offered | undefined;
  const server = createServer();
  server.on("stream", (stream) => {
    const session = stream.session as ServerHttp2Session;
    // The client's SETTINGS and connection WINDOW_UPDATE come before its first HEADERS.
    offered ??= { stream: session.remoteSettings.initialWindowSize!, connection: session.state.remoteWindowSize! };
    stream.respond({ ":status": 200, "content-type": "application/grpc" }, { waitForTrailers: true });
    stream.on("wantTrailers", () => stream.sendTrailers({ "grpc-status": String(Status.UNIMPLEMENTED), "grpc-message": "a plain HTTP/2 server" }));
    stream.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const client = createImageClient(`127.0.0.1:${(server.address() as AddressInfo).port}`, { channelOptions });
  try {
    const error = await client.info(new Uint8Array([1, 2, 3])).catch((failure: unknown) => failure);
    assert.ok(error instanceof ImageServiceError && error.code === Status.UNIMPLEMENTED, `expected UNIMPLEMENTED, got ${String(error)}`);
    assert.ok(offered, "the server saw no call");
    return offered;
  } finally {
    client.close();
    await new Promise((resolve) => server.close(resolve));
  }
}

describe("flow control", () => {
  it("offers a 4 MiB receive window per stream and per connection", async () => {
    assert.deepEqual(await windowsOfferedBy(), { stream: 4 * MIB, connection: 4 * MIB });
  });

  it("leaves the window to channelOptions when given", async () => {
    assert.deepEqual(await windowsOfferedBy({ "grpc-node.flow_control_window": MIB }), { stream: MIB, connection: MIB });
  });
});
