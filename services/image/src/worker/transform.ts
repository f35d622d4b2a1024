import { formats, type ImageInfo__Output, type Operation__Output } from "@pixelrpc/proto";
import sharp, { type Sharp } from "sharp";

import type { TaskData, WorkerSettings } from "../contract/task.js";
import type { TaskContext } from "./task-context.js";
import { outputFormat } from "./formats.js";
import { checkExtractRegion, largestSizeDuring, pixelLimitExcess, sizeAfter, type Size } from "./geometry.js";
import { checkEncodeCost } from "./encode-cost.js";
import { applyOperation, mayAddTransparency } from "./operations.js";
import { FLATTEN_BACKGROUND, encode } from "./output.js";
import { ImageRejection } from "./rejection.js";
import { readSource } from "./source.js";

interface Stage {
  readonly pipeline: Sharp;
  readonly size: Size;
  /** The operation this stage applies, as the caller named it: "operations[2].blur". */
  readonly step?: string;
  readonly operation?: Operation__Output;
}

/**
 * Runs `stage` to pixels and opens the result as the next stage's input.
 * sharp applies the operations of one pipeline in its own fixed order
 * (rotate before resize, flatten before extend, ...), so each operation after
 * the first gets a pipeline of its own to honour the order the caller gave.
 * Raw pixels cost no encode. Uncompressed TIFF carries what raw cannot:
 * metadata the caller keeps, and the alpha channel of a greyscale image
 * (sharp's raw output keeps only its first band).
 */
async function materialise(stage: Stage, keepMetadata: boolean, context: TaskContext): Promise<Stage> {
  if (keepMetadata || stage.operation?.operation === "grayscale") {
    const tiff = stage.pipeline.keepMetadata().tiff({ compression: "none" });
    const { data, info } = await context.run(tiff, stage.step, (pipeline) => pipeline.toBuffer({ resolveWithObject: true }));
    return { pipeline: sharp(data), size: { width: info.width, height: info.height } };
  }
  const { data, info } = await context.run(stage.pipeline.raw(), stage.step, (pipeline) => pipeline.toBuffer({ resolveWithObject: true }));
  const raw = { width: info.width, height: info.height, channels: info.channels };
  return { pipeline: sharp(data, { raw }), size: { width: info.width, height: info.height } };
}

function checkStep(operation: Operation__Output, size: Size, step: string, limits: WorkerSettings): Size {
  checkExtractRegion(operation, size, step);
  const largest = largestSizeDuring(operation, size);
  const excess = pixelLimitExcess(largest, limits.maxInputPixels);
  if (excess) throw new ImageRejection(`${step}.${operation.operation} would make an image of ${excess}`);
  const after = sizeAfter(operation, size);
  if (Math.max(after.width, after.height) > limits.maxOutputDimension) {
    throw new ImageRejection(
      `${step}.${operation.operation} would make a ${after.width}x${after.height} image, over this service's limit of ${limits.maxOutputDimension} pixels a side`,
    );
  }
  return after;
}

export interface Transformed {
  readonly image: Uint8Array;
  readonly info: ImageInfo__Output;
}

/**
 * Decodes, applies the operations in order, and encodes. Every step's size
 * is known from the header, so every limit, and the encode's predicted cost
 * (`encodeSpeed`: see encode-cost.ts), is checked before any pixel is decoded.
 */
export async function transform(
  task: Extract<TaskData, { kind: "transform" }>,
  limits: WorkerSettings,
  context: TaskContext,
  encodeSpeed: number,
): Promise<Transformed> {
  context.report({ stage: "STAGE_DECODING" });
  const source = await readSource(task.image, task.input, limits);
  const format = outputFormat(task.output.format, source.format);
  const keepMetadata = task.output.keepMetadata;
  const sizes: Size[] = [];
  for (const [index, operation] of task.operations.entries()) sizes.push(checkStep(operation, sizes.at(-1) ?? source, `operations[${index}]`, limits));
  checkEncodeCost(format, task.output, sizes.at(-1) ?? source, limits, { secondsLeft: context.secondsLeft(), encodeSpeed });

  let stage: Stage = { pipeline: sharp(task.image, source.decodeOptions), size: source };
  for (const [index, operation] of task.operations.entries()) {
    if (index > 0) {
      // Pipelines are lazy: the previous operation runs now, the last one with the encoder.
      context.report({ stage: "STAGE_TRANSFORMING", operationIndex: index - 1 });
      stage = await materialise(stage, keepMetadata, context);
    }
    const step = `operations[${index}]`;
    stage = { pipeline: applyOperation(stage.pipeline, operation), size: sizes[index]!, step: `${step}.${operation.operation}`, operation };
  }

  if (!formats[format].alpha && stage.operation?.operation !== "flatten") {
    // flatten() runs early in a sharp pipeline, before any edge an operation
    // adds, and one pipeline holds one flatten: a transparent edge must exist
    // before it can be flattened, and the caller's own flatten must not be replaced.
    if (stage.operation && mayAddTransparency(stage.operation)) stage = await materialise(stage, keepMetadata, context);
    stage = { ...stage, pipeline: stage.pipeline.flatten({ background: FLATTEN_BACKGROUND }) };
  }

  const encoder = encode(stage.pipeline, format, task.output);
  context.report({ stage: "STAGE_ENCODING" });
  const { data, info } = await context.run(encoder, stage.step, (pipeline) => pipeline.toBuffer({ resolveWithObject: true }));
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
