/**
 * What composite and text draw: a layer of RGBA pixels, made once for the
 * size of the image it goes on (and so once for every frame of an
 * animation), and where it goes. The layer's opacity is in its alpha, so
 * every blend mode sees it.
 */
import {
  DEFAULT_TEXT_SIZE,
  type Blend__Output,
  type Composite__Output,
  type Font__Output,
  type Operation__Output,
  type Position__Output,
  type Text__Output,
  type TextAlign__Output,
} from "@pixelrpc/proto";
import sharp, { type Blend, type OverlayOptions } from "sharp";

import { parseColor } from "../contract/color.js";
import { checkMarkup, escapeMarkup } from "../contract/markup.js";
import type { WorkerSettings } from "../contract/task.js";
import { megapixels, type Size } from "./geometry.js";
import { ImageRejection } from "./rejection.js";
import { rgbaPixels } from "./rgba.js";
import { readSource } from "./source.js";
import type { TaskContext } from "./task-context.js";

/** A layer ready for sharp's composite(). */
export type Layer = OverlayOptions;

const blends: Record<Blend__Output, Blend> = {
  BLEND_UNSPECIFIED: "over",
  BLEND_OVER: "over",
  BLEND_CLEAR: "clear",
  BLEND_SOURCE: "source",
  BLEND_IN: "in",
  BLEND_OUT: "out",
  BLEND_ATOP: "atop",
  BLEND_DEST: "dest",
  BLEND_DEST_OVER: "dest-over",
  BLEND_DEST_IN: "dest-in",
  BLEND_DEST_OUT: "dest-out",
  BLEND_DEST_ATOP: "dest-atop",
  BLEND_XOR: "xor",
  BLEND_ADD: "add",
  BLEND_SATURATE: "saturate",
  BLEND_MULTIPLY: "multiply",
  BLEND_SCREEN: "screen",
  BLEND_OVERLAY: "overlay",
  BLEND_DARKEN: "darken",
  BLEND_LIGHTEN: "lighten",
  BLEND_COLOR_DODGE: "color-dodge",
  BLEND_COLOR_BURN: "color-burn",
  BLEND_HARD_LIGHT: "hard-light",
  BLEND_SOFT_LIGHT: "soft-light",
  BLEND_DIFFERENCE: "difference",
  BLEND_EXCLUSION: "exclusion",
};

/** The families of worker/fonts.ts's shipped fonts. */
const families: Record<Font__Output, string> = {
  FONT_UNSPECIFIED: "DejaVu Sans",
  FONT_SANS: "DejaVu Sans",
  FONT_SERIF: "DejaVu Serif",
  FONT_MONO: "DejaVu Sans Mono",
};

const alignments: Record<TextAlign__Output, "left" | "centre" | "right"> = {
  TEXT_ALIGN_UNSPECIFIED: "left",
  TEXT_ALIGN_LEFT: "left",
  TEXT_ALIGN_CENTER: "centre",
  TEXT_ALIGN_RIGHT: "right",
};

type Edge = "start" | "center" | "end";

/** Which edge of each axis a gravity names; the smart positions were refused by the server. */
function edges(gravity: Position__Output): { readonly x: Edge; readonly y: Edge } {
  const name = gravity.replace("POSITION_", "");
  const x: Edge = name.startsWith("LEFT") ? "start" : name.startsWith("RIGHT") ? "end" : "center";
  const y: Edge = name.endsWith("TOP") ? "start" : name.endsWith("BOTTOM") ? "end" : "center";
  return { x, y };
}

/** sharp's name for a gravity, for the grid of a tiled layer. */
const compassPoints: Record<string, string> = {
  "start,start": "northwest",
  "center,start": "north",
  "end,start": "northeast",
  "start,center": "west",
  "center,center": "centre",
  "end,center": "east",
  "start,end": "southwest",
  "center,end": "south",
  "end,end": "southeast",
};

const along = (edge: Edge, room: number, length: number, offset: number): number =>
  edge === "start" ? offset : edge === "end" ? room - length - offset : Math.round((room - length) / 2) + offset;

/** The width a layer has at `gravity` and `offsetX` on an image `width` wide: what a text wraps at. */
function roomFor(gravity: Position__Output, offsetX: number, width: number): number {
  const { x } = edges(gravity);
  return Math.max(1, x === "center" ? width - 2 * Math.abs(offsetX) : width - offsetX);
}

interface Placement {
  readonly gravity: Position__Output;
  readonly offsetX: number;
  readonly offsetY: number;
}

/** Where a layer of `size` goes on `base`; one that would not lie wholly inside it is refused, never cut silently. */
function placed({ gravity, offsetX, offsetY }: Placement, size: Size, base: Size, step: string, what: string): { left: number; top: number } {
  const { x, y } = edges(gravity);
  const left = along(x, base.width, size.width, offsetX);
  const top = along(y, base.height, size.height, offsetY);
  if (size.width > base.width || size.height > base.height) {
    throw new ImageRejection(`${step}: ${what} is ${size.width}x${size.height}, larger than the ${base.width}x${base.height} image it goes on`);
  }
  if (left < 0 || top < 0 || left + size.width > base.width || top + size.height > base.height) {
    throw new ImageRejection(
      `${step}: ${what} (${size.width}x${size.height}) at ${gravity} with offsets ${offsetX},${offsetY} would reach past the edge of the ${base.width}x${base.height} image; make the offsets smaller`,
    );
  }
  return { left, top };
}

/** RGBA pixels with every alpha multiplied by `opacity`. */
function faded(data: Buffer, opacity: number): Buffer {
  if (opacity >= 1) return data;
  for (let index = 3; index < data.length; index += 4) data[index] = Math.round(data[index]! * opacity);
  return data;
}

/** The overlay's first frame, scaled as asked, checked like a source under the overlay limits. */
async function overlayLayer(composite: Composite__Output, base: Size, settings: WorkerSettings, step: string, context: TaskContext): Promise<Layer> {
  const limits = { ...settings, maxInputPixels: settings.maxOverlayPixels };
  const source = await readSource(composite.image!, { page: 0, disableAutoOrient: false, animated: false }, limits).catch((error: unknown) => {
    if (error instanceof ImageRejection) throw new ImageRejection(`${step}.image, the overlay: ${error.message}`);
    throw error;
  });
  const { widthRatio, heightRatio } = composite;
  let pipeline = sharp(composite.image!, source.decodeOptions);
  if (widthRatio > 0 || heightRatio > 0) {
    const box = {
      ...(widthRatio > 0 ? { width: Math.max(1, Math.round(base.width * widthRatio)) } : {}),
      ...(heightRatio > 0 ? { height: Math.max(1, Math.round(base.height * heightRatio)) } : {}),
    };
    pipeline = pipeline.resize({ ...box, fit: "inside" });
  }
  const { data, size } = await rgbaPixels(pipeline, `${step}.image`, context);
  const input = faded(data, composite.opacity ?? 1);
  const raw = { ...size, channels: 4 as const };
  const blend = blends[composite.blend];
  if (composite.tile) {
    if (size.width > base.width || size.height > base.height) {
      throw new ImageRejection(
        `${step}: the tiled overlay is ${size.width}x${size.height}, larger than the ${base.width}x${base.height} image; scale it with width_ratio`,
      );
    }
    const { x, y } = edges(composite.gravity);
    return { input, raw, tile: true, gravity: compassPoints[`${x},${y}`], blend };
  }
  return { input, raw, blend, ...placed(composite, size, base, step, "the overlay") };
}

/** A rough ceiling on a text's rendered pixels, to refuse a giant before Pango draws it: two ems a character, lines 1.5 ems apart. */
function textPixelsBound(text: string, size: number, wrap: number): number {
  const characters = [...text].length;
  const lines = text.split("\n").length + Math.ceil((characters * 2 * size) / wrap);
  return wrap * lines * 1.5 * size;
}

/** The text rendered in the shipped font, coloured and faded, placed on `base`. */
async function textLayer(text: Text__Output, base: Size, settings: WorkerSettings, step: string, context: TaskContext): Promise<Layer> {
  const size = text.size || DEFAULT_TEXT_SIZE;
  // The server checked the markup; here it gives the largest size it asks for.
  const largest = text.markup ? checkMarkup(text.text, size) : size;
  const wrap = text.wrapWidth || roomFor(text.gravity, text.offsetX, base.width);
  const bound = textPixelsBound(text.text, largest, wrap);
  if (bound > settings.maxInputPixels) {
    throw new ImageRejection(
      `${step}: a text of ${[...text.text].length} characters at up to ${Math.round(largest)} px could render up to ${megapixels(bound)}, over this service's limit of ${megapixels(settings.maxInputPixels)}`,
    );
  }
  const color = parseColor(text.color) ?? { r: 0, g: 0, b: 0, alpha: 1 };
  const hex = `#${[color.r, color.g, color.b].map((channel) => channel.toString(16).padStart(2, "0")).join("")}`;
  const body = text.markup ? text.text : escapeMarkup(text.text);
  const font = `${families[text.font]}${text.bold ? " Bold" : ""}${text.italic ? " Italic" : ""} ${size}`;
  // At 72 dpi a point is a pixel, so `size` is the em in pixels.
  const rendered = sharp({
    text: {
      text: `<span foreground="${hex}">${body}</span>`,
      font,
      width: wrap,
      dpi: 72,
      rgba: true,
      align: alignments[text.align],
      justify: text.justify,
      wrap: "word-char",
    },
  });
  const { data, size: box } = await rgbaPixels(rendered, `${step}.text`, context);
  const input = faded(data, color.alpha * (text.opacity ?? 1));
  return { input, raw: { ...box, channels: 4 }, blend: "over", ...placed(text, box, base, step, "the rendered text") };
}

/** The layer a drawing step puts onto an image of `base`'s size; none for other steps. */
export async function layerFor(
  operation: Operation__Output,
  base: Size,
  settings: WorkerSettings,
  step: string,
  context: TaskContext,
): Promise<Layer | undefined> {
  if (operation.composite) return overlayLayer(operation.composite, base, settings, step, context);
  if (operation.text) return textLayer(operation.text, base, settings, step, context);
  return undefined;
}
