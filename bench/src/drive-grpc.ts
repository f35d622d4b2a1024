/**
 * The gRPC load driver (child process): @pixelrpc/client against an
 * ImageService, pixelrpc's or the naive one, from a process of its own as a
 * real caller would be. Reports one Measurement (or VariantTimes) as JSON.
 */
import { readFileSync } from "node:fs";

import { createImageClient } from "@pixelrpc/client";

import type { VariantTimes } from "./ceiling.js";
import { childArgs, childMain } from "./child.js";
import { closedLoop, epochNow, type LoopOptions } from "./load-loop.js";
import { transformRequest, variantsRequest, variantWidths, type Workload } from "./workloads.js";

export interface DriveGrpcArgs {
  readonly mode: "loop" | "variants";
  readonly address: string;
  readonly workload: Workload;
  readonly input: string;
  readonly loop: LoopOptions;
  readonly repeat: number;
}

const args = childArgs<DriveGrpcArgs>();
const client = createImageClient(args.address);

async function variantSets(image: Buffer): Promise<VariantTimes> {
  const times: VariantTimes = { first: [], last: [] };
  const request = variantsRequest(image);
  for (let set = 0; set < args.repeat; set++) {
    const started = epochNow();
    const arrivals: number[] = [];
    for await (const variant of client.variants(request)) {
      if (variant.error) throw new Error(`variant ${variant.name} failed: ${variant.error.message}`);
      arrivals.push(epochNow() - started);
    }
    if (arrivals.length !== variantWidths.length) throw new Error(`expected ${variantWidths.length} variants, got ${arrivals.length}`);
    times.first.push(arrivals[0]!);
    times.last.push(arrivals.at(-1)!);
  }
  return times;
}

childMain(async () => {
  const image = readFileSync(args.input);
  if (args.mode === "variants") return variantSets(image);
  const spec = args.workload;
  const request = transformRequest(spec, image);
  return closedLoop(async () => {
    const { image: result, info } = await client.transform(request);
    if (info.width !== spec.width || result.byteLength !== info.sizeBytes) {
      throw new Error(`expected a ${spec.width} wide result, got ${info.width} wide, ${result.byteLength} of ${info.sizeBytes} bytes`);
    }
  }, args.loop);
});
