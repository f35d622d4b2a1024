import assert from "node:assert/strict";
import { createServer, connect, type Socket } from "node:net";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";

import { ByteChannel } from "../src/worker/byte-channel.js";

/** Two ends of a real loopback connection, as a worker thread and its task process have. */
async function socketPair(): Promise<[Socket, Socket]> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  const accepted = new Promise<Socket>((resolve) => server.once("connection", resolve));
  const near = connect(port, "127.0.0.1");
  const far = await accepted;
  server.close();
  return [near, far];
}

const frame = (bytes: Uint8Array): Buffer => {
  const header = Buffer.alloc(4);
  header.writeUInt32LE(bytes.byteLength);
  return Buffer.concat([header, bytes]);
};

describe("ByteChannel", () => {
  let near: Socket;
  let far: Socket;
  before(async () => {
    [near, far] = await socketPair();
  });
  after(() => {
    near.destroy();
    far.destroy();
  });

  it("carries frames both ways, in order, whole and unchanged", async () => {
    const here = new ByteChannel(near);
    const there = new ByteChannel(far);
    const image = randomBytes(810 * 1024);
    const empty = new Uint8Array(0);
    here.send(image);
    here.send(empty);
    here.send(Buffer.from("third"));
    assert.deepEqual(Buffer.from(await there.receive()), image);
    assert.equal((await there.receive()).byteLength, 0);
    assert.equal(Buffer.from(await there.receive()).toString(), "third");
    there.send(image.subarray(5, 105));
    assert.deepEqual(Buffer.from(await here.receive()), image.subarray(5, 105));
  });

  it("joins frames that arrive a byte at a time, header included, waited for before they came, an empty one last", async () => {
    const [writer, reader] = await socketPair();
    const channel = new ByteChannel(reader);
    const first = channel.receive();
    const second = channel.receive();
    const third = channel.receive();
    // The empty frame last: nothing follows its header.
    const bytes = Buffer.concat([frame(Buffer.from("split")), frame(Buffer.from("next")), frame(Buffer.alloc(0))]);
    for (const byte of bytes) {
      writer.write(Buffer.of(byte));
      await new Promise((resolve) => setImmediate(resolve));
    }
    assert.equal(Buffer.from(await first).toString(), "split");
    assert.equal(Buffer.from(await second).toString(), "next");
    assert.equal((await third).byteLength, 0);
    writer.destroy();
    reader.destroy();
  });

  it("sends to a peer that has gone without throwing: the peer's exit reports it", async () => {
    const [writer, reader] = await socketPair();
    const channel = new ByteChannel(writer);
    const sent = (): void => {
      for (let index = 0; index < 5; index += 1) channel.send(randomBytes(256 * 1024));
    };
    // While the peer goes (an error on the socket, which the channel listens for), and after it has.
    const closed = new Promise((resolve) => writer.once("close", resolve));
    reader.destroy();
    assert.doesNotThrow(sent);
    await closed;
    assert.doesNotThrow(sent);
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.ok(writer.destroyed);
  });
});
