/**
 * The result cache bench's load driver (child process): GET signed image
 * URLs from the gateway, as browsers' <img src> would, in a closed loop.
 * `same` asks for one URL again and again (hits, once it is cached);
 * `unique` signs a new source URL for every request (the same bytes behind
 * each, so every request is a miss that makes and stores a result). Every
 * answer is checked: the image, and the Cache-Status the mode expects.
 */
import { Agent } from "node:http";

import { signImageUrl } from "@pixelrpc/client";

import { childArgs, childMain } from "./child.js";
import { get } from "./http-request.js";
import { closedLoop, type LoopOptions } from "./load-loop.js";
import type { Workload } from "./workloads.js";

export interface DriveSignedArgs {
  readonly gateway: string;
  /** The source image's URL; `unique` adds `?n=` to it. */
  readonly source: string;
  readonly key: string;
  readonly workload: Workload;
  readonly mode: "same" | "unique";
  /** What every Cache-Status in the window must match ("" for none: no cache). */
  readonly cacheStatus: string;
  readonly loop: LoopOptions;
}

const args = childArgs<DriveSignedArgs>();
const agent = new Agent({ keepAlive: true, maxSockets: args.loop.concurrency });

childMain(async () => {
  const { width, format, quality } = args.workload;
  const sign = (source: string): URL =>
    new URL(signImageUrl({ baseUrl: args.gateway, source, options: { width, format: format as "webp", ...(quality ? { quality } : {}) }, key: args.key }));
  const same = sign(args.source);
  const expected = new RegExp(args.cacheStatus === "" ? "^$" : args.cacheStatus);
  // Misses are named apart by the process too, so that a second run never hits what the first stored.
  let next = 0;
  const nonce = `${process.pid}-${Date.now()}`;
  // One call makes the result before the loop begins: from then on every one of `same` is a hit.
  if (args.mode === "same") await get(agent, same);
  return closedLoop(async () => {
    const url = args.mode === "same" ? same : sign(`${args.source}?n=${nonce}-${next++}`);
    const { status, headers, bytes } = await get(agent, url);
    const cacheStatus = String(headers["cache-status"] ?? "");
    if (status !== 200 || headers["x-image-width"] !== String(width) || bytes !== Number(headers["content-length"]) || !expected.test(cacheStatus)) {
      throw new Error(
        `GET ${url.pathname}: status ${status}, width ${headers["x-image-width"]}, ${bytes} of ${headers["content-length"]} bytes, Cache-Status "${cacheStatus}"`,
      );
    }
  }, args.loop);
});
