/**
 * Animations, frame by frame. libvips holds an animation as one tall strip of
 * frames, and sharp refuses or mangles much of the work on it (rotation by
 * 90 or any free angle, trim, the attention and entropy crops; a strip
 * rebuilt from raw pixels loses its pages for resize). So every frame runs
 * through the same steps as a still image would, and the frames are joined
 * at the end. Steps whose result depends on the pixels are decided once for
 * all frames, so that the frames stay aligned: trim cuts the union of every
 * frame's trim box, a smart crop keeps the area it picks in the first
 * frame, and an overlay or a text is drawn at the same place on each.
 */
import type { Operation__Output } from "@pixelrpc/proto";
import sharp, { type OutputInfo, type Sharp } from "sharp";

import type { TaskContext } from "./task-context.js";
import type { Size } from "./geometry.js";
import { applyOperation } from "./operations.js";
import { layerFor } from "./layer.js";
import { rgbaPixels } from "./rgba.js";
import type { WorkerSettings } from "../contract/task.js";

/** One frame between steps: a pipeline that yields its pixels, and their size. */
export interface Frame {
  readonly pipeline: Sharp;
  readonly size: Size;
}

/** A step as every frame takes it: one or two of sharp's operations, the same for each frame. */
type FrameStep = (frame: Frame) => Sharp;

const SMART_POSITIONS: readonly string[] = ["POSITION_ENTROPY", "POSITION_ATTENTION"];

/** Whether libvips can run `operation` on the whole strip and give what each frame alone would: a resize that picks no area by its content. */
export const stripResize = (operation: Operation__Output): boolean => operation.operation === "resize" && !SMART_POSITIONS.includes(operation.resize!.position);

/** Splits the decoded strip (`pages: -1`) into its frames' raw pixels. */
export async function decodeFrames(pipeline: Sharp, frames: number, context: TaskContext): Promise<Frame[]> {
  const { data, info } = await context.run(pipeline.raw(), undefined, (strip) => strip.toBuffer({ resolveWithObject: true }));
  const height = info.height / frames;
  const bytes = info.width * height * info.channels;
  const raw = { width: info.width, height, channels: info.channels };
  return Array.from({ length: frames }, (_, index) => ({ pipeline: sharp(data.subarray(index * bytes, (index + 1) * bytes), { raw }), size: raw }));
}

/** What `step` makes of `frame`, run on a copy so that the frame can go on. */
async function frameInfo(frame: Frame, step: FrameStep, path: string, context: TaskContext): Promise<OutputInfo> {
  const { info } = await context.run(step({ ...frame, pipeline: frame.pipeline.clone() }).raw(), path, (pipeline) =>
    pipeline.toBuffer({ resolveWithObject: true }),
  );
  return info;
}

/**
 * The step every frame takes for `operation`: the operation itself, or for
 * the steps that look at the pixels, the geometry they chose, fixed.
 */
export async function frameStep(
  operation: Operation__Output,
  frames: readonly Frame[],
  path: string,
  settings: WorkerSettings,
  context: TaskContext,
): Promise<FrameStep> {
  // A drawing step's layer is made once, for the frames' one size.
  const layer = await layerFor(operation, frames[0]!.size, settings, path, context);
  const plain: FrameStep = ({ pipeline, size }) => applyOperation(pipeline, operation, size, layer);
  if (operation.operation === "trim") {
    const boxes: OutputInfo[] = [];
    for (const frame of frames) boxes.push(await frameInfo(frame, plain, path, context));
    const left = Math.min(...boxes.map((box) => -(box.trimOffsetLeft ?? 0)));
    const top = Math.min(...boxes.map((box) => -(box.trimOffsetTop ?? 0)));
    const right = Math.max(...boxes.map((box) => -(box.trimOffsetLeft ?? 0) + box.width));
    const bottom = Math.max(...boxes.map((box) => -(box.trimOffsetTop ?? 0) + box.height));
    return ({ pipeline }) => pipeline.extract({ left, top, width: right - left, height: bottom - top });
  }
  const resize = operation.resize;
  if (resize && SMART_POSITIONS.includes(resize.position)) {
    const chosen = await frameInfo(frames[0]!, plain, path, context);
    const box = { width: chosen.width, height: chosen.height };
    // A cover crop is the resize that covers the box, then the box cut from it; the offsets are where the strategy cut.
    const covering = { ...box, fit: "outside" as const, withoutEnlargement: resize.withoutEnlargement, withoutReduction: resize.withoutReduction };
    const cut = { left: -(chosen.cropOffsetLeft ?? 0), top: -(chosen.cropOffsetTop ?? 0), ...box };
    return ({ pipeline }) => pipeline.resize(covering).extract(cut);
  }
  return plain;
}

/**
 * Runs each frame's pipeline and joins the results into one strip of RGBA
 * frames, which the GIF and WebP encoders write as an animation; returns it
 * with one frame's size. Each frame's pixels go straight into the strip, so
 * the joined animation is held once. The steps are the same for every frame
 * and so are the sizes: a frame of another size is a bug, never a strip of
 * misfits. `step` names the last step in a failure.
 */
export async function joinFrames(frames: readonly Sharp[], step: string | undefined, context: TaskContext): Promise<{ strip: Sharp; size: Size }> {
  let strip: Buffer | undefined;
  let size: Size | undefined;
  for (const [index, frame] of frames.entries()) {
    const { data, size: frameSize } = await rgbaPixels(frame, step, context);
    size ??= frameSize;
    if (frameSize.width !== size.width || frameSize.height !== size.height) {
      throw new Error(
        `frame ${index} came out ${frameSize.width}x${frameSize.height}, not ${size.width}x${size.height}: the frames of an animation must stay aligned`,
      );
    }
    strip ??= Buffer.allocUnsafe(data.length * frames.length);
    data.copy(strip, index * data.length);
  }
  return { strip: sharp(strip!, { raw: { width: size!.width, height: size!.height * frames.length, channels: 4, pageHeight: size!.height } }), size: size! };
}
