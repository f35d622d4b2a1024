import type { ImageInfo__Output, Operation__Output } from "@pixelrpc/proto";
import sharp, { type Sharp } from "sharp";

import type { TransformTask } from "../task.js";
import { outputFormat } from "./formats.js";
import { checkExtractRegion, pixelLimitExcess, sizeAfter, type Size } from "./geometry.js";
import { applyOperation, mayAddTransparency } from "./operations.js";
import { FLATTEN_BACKGROUND, encode, formatsWithoutAlpha } from "./output.js";
import { ImageRejection } from "./rejection.js";
import { readSource } from "./source.js";

interface Stage {
  readonly pipeline: Sharp;
  readonly size: Size;
}

/**
 * Runs `stage` to pixels and opens the result as the next stage's input.
 * sharp applies the operations of one pipeline in its own fixed order
 * (rotate before resize, flatten before extend, ...), so each operation after
 * the first gets a pipeline of its own to honour the order the caller gave.
 * Raw pixels cost no encode; uncompressed TIFF is used only to carry metadata
 * through when the caller keeps it.
 */
async function materialise(stage: Stage, keepMetadata: boolean): Promise<Stage> {
  if (keepMetadata) {
    const { data, info } = await stage.pipeline.keepMetadata().tiff({ compression: "none" }).toBuffer({ resolveWithObject: true });
    return { pipeline: sharp(data), size: { width: info.width, height: info.height } };
  }
  const { data, info } = await stage.pipeline.raw().toBuffer({ resolveWithObject: true });
  const raw = { width: info.width, height: info.height, channels: info.channels };
  return { pipeline: sharp(data, { raw }), size: { width: info.width, height: info.height } };
}

function checkStep(operation: Operation__Output, size: Size, index: number, maxPixels: number): Size {
  const path = `operations[${index}]`;
  checkExtractRegion(operation, size, path);
  const next = sizeAfter(operation, size);
  const excess = pixelLimitExcess(next, maxPixels);
  if (excess) throw new ImageRejection(`${path}.${operation.operation} would make an image of ${excess}`);
  return next;
}

export interface Transformed {
  readonly image: Uint8Array;
  readonly info: ImageInfo__Output;
}

/** Decodes, applies the operations in order, and encodes. */
export async function transform(task: TransformTask, maxPixels: number): Promise<Transformed> {
  const source = await readSource(task.image, task.input, maxPixels);
  const format = outputFormat(task.output.format, source.format);
  const keepMetadata = task.output.keepMetadata;

  let stage: Stage = { pipeline: sharp(task.image, source.decodeOptions), size: source };
  for (const [index, operation] of task.operations.entries()) {
    if (index > 0) stage = await materialise(stage, keepMetadata);
    const size = checkStep(operation, stage.size, index, maxPixels);
    stage = { pipeline: applyOperation(stage.pipeline, operation), size };
  }

  if (formatsWithoutAlpha.has(format)) {
    // flatten() runs early in a sharp pipeline, before any edge an operation
    // adds; a transparent edge must exist before it can be flattened.
    const last = task.operations.at(-1);
    if (last && mayAddTransparency(last)) stage = await materialise(stage, keepMetadata);
    stage = { ...stage, pipeline: stage.pipeline.flatten({ background: FLATTEN_BACKGROUND }) };
  }

  const { data, info } = await encode(stage.pipeline, format, task.output).toBuffer({ resolveWithObject: true });
  return {
    image: data,
    info: {
      format,
      width: info.width,
      height: info.pageHeight ?? info.height,
      sizeBytes: info.size,
      hasAlpha: info.channels === 2 || info.channels === 4,
      pages: info.pages ?? 1,
      channels: info.channels,
    },
  };
}
