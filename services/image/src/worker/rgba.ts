import type { Sharp } from "sharp";

import type { Size } from "./geometry.js";
import type { TaskContext } from "./task-context.js";

/** Runs `pipeline` to 8-bit sRGB pixels with alpha, four bytes each: what composite layers and animation strips are made of. */
export async function rgbaPixels(pipeline: Sharp, step: string | undefined, context: TaskContext): Promise<{ data: Buffer; size: Size }> {
  const { data, info } = await context.run(pipeline.toColourspace("srgb").ensureAlpha().raw(), step, (each) => each.toBuffer({ resolveWithObject: true }));
  return { data, size: { width: info.width, height: info.height } };
}
