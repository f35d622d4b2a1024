/**
 * The HTTP load driver (child process): POST /v1/transform to the gateway,
 * the image as the body and the options in the query, as a browser or a web
 * app would. node:http with a keep-alive agent, one socket per call in
 * flight: fetch (undici) costs more per request, and this measures the
 * gateway, not the client.
 */
import { readFileSync } from "node:fs";
import { Agent } from "node:http";

import { childArgs, childMain } from "./child.js";
import { post } from "./http-request.js";
import { closedLoop, type LoopOptions } from "./load-loop.js";
import { httpQuery, type Workload } from "./workloads.js";

export interface DriveHttpArgs {
  /** "http://127.0.0.1:<port>" */
  readonly url: string;
  readonly workload: Workload;
  readonly input: string;
  readonly contentType: string;
  readonly loop: LoopOptions;
}

const args = childArgs<DriveHttpArgs>();
const agent = new Agent({ keepAlive: true, maxSockets: args.loop.concurrency });

childMain(async () => {
  const spec = args.workload;
  const body = readFileSync(args.input);
  const url = new URL(`/v1/transform?${httpQuery(spec)}`, args.url);
  return closedLoop(async () => {
    const { status, headers, bytes } = await post(agent, url, body, args.contentType);
    const [width, length] = [headers["x-image-width"], Number(headers["content-length"])];
    if (status !== 200 || width !== String(spec.width) || bytes !== length) {
      throw new Error(`POST ${url.pathname}${url.search}: status ${status}, width ${width}, ${bytes} of ${length} bytes`);
    }
  }, args.loop);
});
