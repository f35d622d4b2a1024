import { constants, type ServerHttp2Stream } from "node:http2";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

import type { Server } from "@grpc/grpc-js";

import type { Logger } from "@pixelrpc/service-runtime";
import { internalsOf } from "./grpc-internals.js";

export interface ReceiveLimits {
  /** Bytes that requests still arriving may hold in all; past it new streams are refused, and the stream that would pass it is reset. */
  readonly budgetBytes: number;
  /** How long a request may take to arrive in full before its stream is cancelled. */
  readonly timeoutMs: number;
}

export interface ReceiveGuard {
  readonly state: "guarding" | "unsupported";
  /** Call once the server listens: it watches every HTTP/2 server grpc-js made. */
  afterBind(): void;
}

/**
 * Bounds what calls cost before they are calls. grpc-js hands a request to
 * its handler only once the whole message has arrived, and keeps every byte
 * until then: a client that opens streams, sends most of a large message and
 * stops holds that memory for as long as it likes, and the queue, which
 * bounds tasks, never sees it. So each HTTP/2 stream is watched from its
 * first byte:
 * - the bytes of requests still arriving count against `budgetBytes`; a new
 *   stream while the budget is spent is refused (REFUSED_STREAM: UNAVAILABLE,
 *   which the client's retry policy sends to another replica), and a stream
 *   whose data would pass it is reset (ENHANCE_YOUR_CALM: RESOURCE_EXHAUSTED);
 * - a request that has not arrived in full after `timeoutMs` is cancelled.
 * Either way grpc-js drops what it held. A request that has arrived leaves
 * the budget: from then on the queue bounds it.
 *
 * grpc-js has no hook before the handler, so this listens on the HTTP/2
 * servers it keeps privately; a grpc-js that moves them makes this say
 * "unsupported" (logged at start) rather than fail, and
 * test/receive-limits.test.ts fails.
 */
/** Dropped requests' bytes worth collecting at once rather than whenever V8 next needs to. */
const RECLAIM_AFTER_BYTES = 16 * 1024 * 1024;

/**
 * V8 collects garbage when JavaScript allocates; a service left idle after
 * an attack allocates nothing, and the hundreds of MiB of Buffers grpc-js
 * held for the dropped requests would stay resident until the next call
 * (measured: 160 MiB for minutes, gone within a second of a collection).
 * So a collection is asked for once that much has been dropped, at most
 * once a second. Node has no public call for it; this is the way Jest's
 * leak detection takes (the flag, then the function from a new context).
 */
function reclaimer(): (bytes: number) => void {
  setFlagsFromString("--expose-gc");
  const collect = runInNewContext("gc") as () => void;
  let dropped = 0;
  let scheduled = false;
  let collectedAt = 0;
  return (bytes) => {
    dropped += bytes;
    if (dropped < RECLAIM_AFTER_BYTES || scheduled) return;
    scheduled = true;
    // A moment's delay lets a burst of drops end first (and grpc-js let go of their buffers).
    setTimeout(
      () => {
        scheduled = false;
        dropped = 0;
        collectedAt = Date.now();
        collect();
      },
      Math.max(250, collectedAt + 1000 - Date.now()),
    ).unref();
  };
}

export function guardReceives(server: Server, limits: ReceiveLimits, logger: Logger): ReceiveGuard {
  const internals = internalsOf(server);
  let receiving = 0;
  if (!(internals.http2Servers instanceof Map)) return { state: "unsupported", afterBind: () => undefined };
  const reclaim = reclaimer();

  const watch = (stream: ServerHttp2Stream): void => {
    if (receiving >= limits.budgetBytes) {
      logger.log("warn", "receive_refused", {
        receivingBytes: receiving,
        budgetBytes: limits.budgetBytes,
        message: "requests still arriving hold the whole receive budget",
      });
      stream.close(constants.NGHTTP2_REFUSED_STREAM);
      return;
    }
    let held = 0;
    // Ended: arrived in full, and handed to grpc-js's handler. Otherwise what it held is garbage now
    // (refused, timed out, or its client gone).
    const release = (ended: boolean): void => {
      if (!ended) reclaim(held);
      receiving -= held;
      held = 0;
      clearTimeout(timer);
      stream.off("data", count);
    };
    const drop = (code: number): void => {
      release(false);
      stream.close(code);
    };
    // What a chunk keeps alive is the memory it is a view of: Node reads a socket 64 KiB at a time
    // and hands each 16 KiB frame on as a view of that read, so 16 KiB held can pin 64 KiB (measured).
    const pinned = new WeakSet<ArrayBufferLike>();
    const count = (chunk: Buffer): void => {
      const cost = pinned.has(chunk.buffer) ? 0 : chunk.buffer.byteLength;
      if (receiving + cost > limits.budgetBytes) {
        logger.log("warn", "receive_budget_exceeded", { heldBytes: held, receivingBytes: receiving, budgetBytes: limits.budgetBytes });
        drop(constants.NGHTTP2_ENHANCE_YOUR_CALM);
        return;
      }
      pinned.add(chunk.buffer);
      held += cost;
      receiving += cost;
    };
    const timer = setTimeout(() => {
      logger.log("warn", "receive_timeout", {
        heldBytes: held,
        timeoutMs: limits.timeoutMs,
        message: "the request did not arrive in full in time; its stream was cancelled",
      });
      drop(constants.NGHTTP2_CANCEL);
    }, limits.timeoutMs);
    timer.unref();
    stream.on("data", count);
    stream.once("end", () => release(true));
    stream.once("close", () => release(false));
  };

  return {
    state: "guarding",
    afterBind() {
      for (const http2Server of internals.http2Servers!.keys()) http2Server.on("stream", watch);
    },
  };
}
