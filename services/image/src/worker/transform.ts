import { formatNameOf, formats, operationNamed, type Format__Output, type ImageInfo__Output, type Operation__Output, type OutputFormat } from "@pixelrpc/proto";
import sharp, { type OutputInfo, type Sharp } from "sharp";

import type { TaskData, WorkerSettings } from "../contract/task.js";
import type { TaskContext } from "./task-context.js";
import { outputFormat } from "./formats.js";
import { checkExtractRegion, largestSizeDuring, pixelLimitExcess, sizeAfter, type Size } from "./geometry.js";
import { checkEncodeCost } from "./encode-cost.js";
import { applyOperation, enlargeBlocks, flattenBackground, mayAddTransparency } from "./operations.js";
import { FLATTEN_BACKGROUND, checkOptions, encode, lossyQuality, type Animation } from "./output.js";
import { TYPICAL_BUDGET_ENCODES, highestFitting } from "./budget.js";
import { ImageRejection } from "./rejection.js";
import { readSource, type Source } from "./source.js";
import { decodeFrames, frameStep, joinFrames, stripResize, type Frame } from "./animation.js";
import { layerFor } from "./layer.js";

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
async function materialise(stage: Stage, keepMetadata: boolean, context: TaskContext, frames = 1): Promise<Stage> {
  if (keepMetadata || stage.operation?.operation === "grayscale") {
    const tiff = stage.pipeline.keepMetadata().tiff({ compression: "none" });
    const { data, info } = await context.run(tiff, stage.step, (pipeline) => pipeline.toBuffer({ resolveWithObject: true }));
    return { pipeline: sharp(data), size: { width: info.width, height: info.height } };
  }
  const { data, info } = await context.run(stage.pipeline.raw(), stage.step, (pipeline) => pipeline.toBuffer({ resolveWithObject: true }));
  const raw = { width: info.width, height: info.height, channels: info.channels, ...(frames > 1 ? { pageHeight: info.height / frames } : {}) };
  return { pipeline: sharp(data, { raw }), size: { width: info.width, height: info.height } };
}

/** Checks a step against the limits before any pixel is decoded; the pixel limit counts every frame of an animation. */
function checkStep(operation: Operation__Output, size: Size, step: string, limits: WorkerSettings, frames: number): Size {
  checkExtractRegion(operation, size, step);
  const largest = largestSizeDuring(operation, size);
  const excess = pixelLimitExcess({ width: largest.width, height: largest.height * frames }, limits.maxInputPixels);
  if (excess)
    throw new ImageRejection(
      `${step}.${operationNamed(operation.operation!)} would make an image of ${excess}${frames > 1 ? ` in its ${frames} frames together` : ""}`,
    );
  const after = sizeAfter(operation, size);
  if (Math.max(after.width, after.height) > limits.maxOutputDimension) {
    throw new ImageRejection(
      `${step}.${operationNamed(operation.operation!)} would make a ${after.width}x${after.height} image, over this service's limit of ${limits.maxOutputDimension} pixels a side`,
    );
  }
  return after;
}

export interface Transformed {
  readonly image: Uint8Array;
  readonly info: ImageInfo__Output;
}

type TransformTask = Extract<TaskData, { kind: "transform" }>;

/**
 * Decodes, applies the operations in order, and encodes. Every step's size
 * is known from the header, so every limit, and the encode's predicted cost
 * (`encodeSpeed`: see encode-cost.ts), is checked before any pixel is decoded.
 */
export async function transform(task: TransformTask, limits: WorkerSettings, context: TaskContext, encodeSpeed: number): Promise<Transformed> {
  context.report({ stage: "STAGE_DECODING" });
  const animates = (sourceFormat: Format__Output): boolean => formats[outputFormat(task.output.format, sourceFormat)].animation;
  const source = await readSource(task.image, task.input, limits, animates);
  const format = outputFormat(task.output.format, source.format);
  const sizes: Size[] = [];
  for (const [index, operation] of task.operations.entries()) {
    sizes.push(checkStep(operation, sizes.at(-1) ?? source, `operations[${index}]`, limits, source.frames));
  }
  const last = sizes.at(-1) ?? source;
  const animation = source.frames > 1 ? { frames: source.frames, delays: source.metadata.delay, loop: source.metadata.loop } : undefined;
  checkOptions(format, task.output, animation);
  checkEncodeCost(format, task.output, { width: last.width, height: last.height * source.frames }, limits, {
    secondsLeft: context.secondsLeft(),
    encodeSpeed,
    encodes: task.output.maxBytes > 0 ? TYPICAL_BUDGET_ENCODES : 1,
  });
  const plan: Plan = { task, source, format, sizes, limits, animation };
  return source.frames > 1 ? animate(plan, context) : still(plan, context);
}

/** What a transform was checked to do: its task, its source's header, the format it writes, each step's size bound, and the limits. */
interface Plan {
  readonly task: TransformTask;
  readonly source: Source;
  readonly format: OutputFormat;
  readonly sizes: readonly Size[];
  readonly limits: WorkerSettings;
  /** How an animated result is written; none for a still one. */
  readonly animation: Animation | undefined;
}

/**
 * Every frame through the operations, then joined and encoded as an
 * animation. The commonest case, a resize alone (a GIF's thumbnail), libvips
 * does on the whole strip at once, three times faster; everything else goes
 * frame by frame (animation.ts).
 */
async function animate(plan: Plan, context: TaskContext): Promise<Transformed> {
  const { task, source, format, sizes, limits } = plan;
  const [only, ...rest] = task.operations;
  if (rest.length === 0 && (!only || stripResize(only))) {
    const pipeline = sharp(task.image, source.decodeOptions);
    const stage = {
      pipeline: only ? applyOperation(pipeline, only, source) : pipeline,
      size: sizes[0] ?? source,
      ...(only ? { step: "operations[0].resize" } : {}),
    };
    const result = await encodeStage(stage, plan, context);
    return { ...result, info: { ...result.info, pages: await framesWritten(result.image, format, result.info.pages) } };
  }
  let frames = await decodeFrames(sharp(task.image, source.decodeOptions), source.frames, context);
  let path: string | undefined;
  for (const [index, operation] of task.operations.entries()) {
    context.report({ stage: "STAGE_TRANSFORMING", operationIndex: index });
    path = `operations[${index}].${operationNamed(operation.operation!)}`;
    const step = await frameStep(operation, frames, path, limits, context);
    // Every step runs to pixels, the last one too: materialise keeps what raw output would lose (a grey image's alpha).
    const next: Frame[] = [];
    for (const frame of frames) {
      let done = await materialise({ pipeline: step(frame), size: sizes[index]!, step: path, operation }, false, context);
      if (operation.operation === "pixelate")
        done = await materialise({ pipeline: enlargeBlocks(done.pipeline, frame.size), size: frame.size, step: path }, false, context);
      next.push(done);
    }
    frames = next;
  }
  const { strip, size } = await joinFrames(
    frames.map((frame) => frame.pipeline),
    path,
    context,
  );
  const result = await encodeStage({ pipeline: strip, size, ...(path ? { step: path } : {}) }, plan, context);
  return { ...result, info: { ...result.info, height: size.height, pages: await framesWritten(result.image, format, source.frames) } };
}

async function still(plan: Plan, context: TaskContext): Promise<Transformed> {
  const { task, source, format, sizes, limits } = plan;
  const keepMetadata = task.output.keepMetadata;
  let stage: Stage = { pipeline: sharp(task.image, source.decodeOptions), size: source };
  for (const [index, operation] of task.operations.entries()) {
    // gamma wraps a resize right after it: sharp darkens before its resize and brightens after, in one pipeline.
    const wrapped = stage.operation?.operation === "gamma" && operation.operation === "resize";
    if (index > 0 && !wrapped) {
      // Pipelines are lazy: the previous operation runs now, the last one with the encoder.
      context.report({ stage: "STAGE_TRANSFORMING", operationIndex: index - 1 });
      stage = await materialise(stage, keepMetadata, context);
    }
    const step = `operations[${index}].${operationNamed(operation.operation!)}`;
    // The stage's size is exact here (the source's, or what the last step made); `sizes` are bounds for the limits.
    const layer = await layerFor(operation, stage.size, limits, step, context);
    const before = stage.size;
    stage = { pipeline: applyOperation(stage.pipeline, operation, stage.size, layer), size: sizes[index]!, step, operation };
    if (operation.operation === "pixelate") {
      stage = await materialise(stage, keepMetadata, context);
      stage = { pipeline: enlargeBlocks(stage.pipeline, before), size: before, step, operation };
    }
  }

  if (!formats[format].alpha && stage.operation?.operation !== "flatten") {
    // flatten() runs early in a sharp pipeline, before any edge an operation
    // adds, and one pipeline holds one flatten: a transparent edge must exist
    // before it can be flattened, and the caller's own flatten must not be replaced.
    if (stage.operation && mayAddTransparency(stage.operation)) stage = await materialise(stage, keepMetadata, context);
    stage = { ...stage, pipeline: stage.pipeline.flatten({ background: flattenBackground(task.operations, FLATTEN_BACKGROUND) }) };
  }

  return encodeStage(stage, plan, context);
}

/**
 * Encodes the finished pixels: once, or for `max_bytes` at each quality its
 * search picks (budget.ts), from pixels the pipeline ran to once.
 */
async function encodeStage(stage: Stage, { task, format, animation }: Plan, context: TaskContext): Promise<Transformed> {
  const { output } = task;
  context.report({ stage: "STAGE_ENCODING" });
  const once = async (pipeline: Sharp, quality: number): Promise<Transformed> => {
    const encoder = encode(pipeline, format, { ...output, quality }, animation);
    return encoded(
      await context.run(encoder, stage.step, (each) => each.toBuffer({ resolveWithObject: true })),
      format,
      lossyQuality(format, { ...output, quality }),
    );
  };
  if (output.maxBytes === 0) return once(stage.pipeline, output.quality);
  const pixels = await materialise(stage, output.keepMetadata, context, animation?.frames);
  const found = await highestFitting(output.maxBytes, lossyQuality(format, output), format, async (quality) => {
    const result = await once(pixels.pipeline.clone(), quality);
    return { quality, bytes: result.image.byteLength, result };
  });
  if (!found.fits) {
    const { width, height } = found.result.info;
    throw new ImageRejection(
      `output.max_bytes ${output.maxBytes} cannot be met: at quality 1 the ${width}x${height} ${formatNameOf(format)} result is ${found.bytes} bytes; ask for fewer pixels or a larger budget`,
    );
  }
  return found.result;
}

/**
 * How many frames the encoder wrote. libwebp merges a frame identical to the
 * one before it into that one's delay (rotating-squares.gif's 30 frames are
 * 9 in WebP, playing the same), so a WebP's count is read from its header.
 */
async function framesWritten(image: Uint8Array, format: OutputFormat, frames: number): Promise<number> {
  return format === "FORMAT_WEBP" ? ((await sharp(image).metadata()).pages ?? 1) : frames;
}

function encoded({ data, info }: { data: Buffer; info: OutputInfo }, format: OutputFormat, quality: number): Transformed {
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
      quality,
    },
  };
}
