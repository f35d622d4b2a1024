/** TransformStream's chunk_size: its range, its default, and what a refusal says. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { status } from "@grpc/grpc-js";

import { MIB } from "../src/process/config.js";
import { RpcError } from "../src/server/rpc-error.js";
import { streamChunkSize } from "../src/server/transform-stream.js";

describe("streamChunkSize", () => {
  const limit = 32 * MIB;
  const accepted: [requested: number, maxMessageBytes: number, chunk: number][] = [
    [0, limit, 256 * 1024],
    [16_384, limit, 16_384],
    [65_536, limit, 65_536],
    [limit - 1024, limit, limit - 1024],
    // A message limit under the default chunk: the default shrinks to fit.
    [0, 64 * 1024, 63 * 1024],
    [16_384, 17 * 1024, 16_384],
  ];
  for (const [requested, maxMessageBytes, chunk] of accepted) {
    it(`accepts ${requested} under a ${maxMessageBytes}-byte message limit: chunks of ${chunk}`, () => {
      assert.equal(streamChunkSize(requested, maxMessageBytes), chunk);
    });
  }

  const refused: [requested: number, message: string][] = [
    [1, "chunk_size must be at least 16384, got 1; the range is 16384 to 33553408 bytes, or 0 for 262144"],
    [1023, "chunk_size must be at least 16384, got 1023; the range is 16384 to 33553408 bytes, or 0 for 262144"],
    [16_383, "chunk_size must be at least 16384, got 16383; the range is 16384 to 33553408 bytes, or 0 for 262144"],
    [limit - 1023, "chunk_size must be at most 33553408 (the message limit less 1 KiB), got 33553409; the range is 16384 to 33553408 bytes, or 0 for 262144"],
  ];
  for (const [requested, message] of refused) {
    it(`refuses ${requested} with INVALID_ARGUMENT naming the range`, () => {
      assert.throws(
        () => streamChunkSize(requested, limit),
        (error: unknown) => error instanceof RpcError && error.code === status.INVALID_ARGUMENT && error.message === message,
      );
    });
  }
});
