/**
 * The seed benchmark's load driver (child process): uploads the photo to
 * the example app's POST /thumbnail, as its users' browsers would. Either a
 * closed loop with a steady number in flight, every answer a WebP, or a
 * burst of uploads all at once, every answer's status and time recorded.
 */
import { readFileSync } from "node:fs";
import { Agent } from "node:http";

import { childArgs, childMain } from "./child.js";
import { post } from "./http-request.js";
import { closedLoop, epochNow, type LoopOptions } from "./load-loop.js";

export type DriveSeedArgs =
  | { readonly mode: "loop"; readonly url: string; readonly input: string; readonly loop: LoopOptions }
  | { readonly mode: "burst"; readonly url: string; readonly input: string; readonly count: number };

/** A burst's answers: [status, milliseconds from the burst's start], in the order they came. */
export type BurstAnswer = [status: number, ms: number];

const args = childArgs<DriveSeedArgs>();

childMain(async () => {
  const body = readFileSync(args.input);
  const url = new URL("/thumbnail", args.url);
  if (args.mode === "burst") {
    const agent = new Agent({ keepAlive: true, maxSockets: args.count });
    const started = epochNow();
    const answers: BurstAnswer[] = [];
    await Promise.all(
      Array.from({ length: args.count }, () => post(agent, url, body, "image/jpeg").then(({ status }) => void answers.push([status, epochNow() - started]))),
    );
    agent.destroy();
    return { answers };
  }
  const agent = new Agent({ keepAlive: true, maxSockets: args.loop.concurrency });
  return closedLoop(async () => {
    const { status, headers, bytes } = await post(agent, url, body, "image/jpeg");
    if (status !== 200 || headers["content-type"] !== "image/webp" || bytes !== Number(headers["content-length"])) {
      throw new Error(`POST ${url.pathname}: status ${status}, ${headers["content-type"]}, ${bytes} of ${headers["content-length"]} bytes`);
    }
  }, args.loop);
});
