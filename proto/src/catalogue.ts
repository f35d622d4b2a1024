/**
 * The one description of every operation and output option: each argument's
 * proto field, type, range and default, and the compact form the gateway's
 * query strings, signed image URLs and the CLI use for it. The image
 * service's validation, the gateway's query parser and OpenAPI schema, the
 * CLI's flags and the URL signer's names are all read from here;
 * test/catalogue.test.ts fails when this and the .proto disagree.
 *
 * Adding an operation: its message and its member of `Operation` in the
 * .proto, its entry in `operations` (and, to reach query strings and the
 * CLI, in `compactForm`), its worker function, and tests.
 */
import { Blend, ExtendWith, Fit, Font, Format, Position, TextAlign } from "./generated/index.js";

/** grpc-js's name for a proto field: `without_enlargement` is `withoutEnlargement`. */
export const camelCase = (field: string): string => field.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());

/** Largest side any operation may ask for; the pixel limit bounds the area too. */
export const MAX_DIMENSION = 65535;

/** The most frames an animation may have: IMAGE_MAX_INPUT_PAGES's own ceiling. */
export const MAX_FRAMES = 100_000;

/** The most characters a text may have: IMAGE_MAX_TEXT_CHARACTERS's own ceiling. */
export const MAX_TEXT_CHARACTERS = 10_000;

/** The largest font size a text may ask for, in pixels, in its size or in its markup. */
export const MAX_TEXT_SIZE = 1000;

/** The font size of a text that names none. */
export const DEFAULT_TEXT_SIZE = 24;

/** The longest overlay URL: as long as a source URL may be. */
const MAX_URL_LENGTH = 8192;

/** The largest value a uint32 field holds: a range that only says "any". */
const UINT32_MAX = 2 ** 32 - 1;

/**
 * A numeric argument's range. `zero`, when given, says what 0 means ("or 0
 * for the encoder's default") and allows it outside the range. `optional`
 * marks a proto3 `optional` field, whose absence means something 0 cannot
 * (an animation's own loop count, kept).
 */
interface NumericArgument {
  readonly type: "integer" | "number";
  readonly min: number;
  readonly max: number;
  readonly zero?: string;
  readonly optional?: true;
}

/** One field of an operation's message (or of OutputOptions), as the service checks it. */
export type Argument =
  | NumericArgument
  /** A repeated uint32: at most `maxCount` whole numbers, each from `min` to `max`. */
  | { readonly type: "integers"; readonly min: number; readonly max: number; readonly maxCount: number }
  /** A repeated double: at most `maxCount` numbers, each from `min` to `max`. */
  | { readonly type: "numbers"; readonly min: number; readonly max: number; readonly maxCount: number }
  | { readonly type: "boolean" }
  | { readonly type: "color" }
  /** Encoded image bytes. */
  | { readonly type: "bytes" }
  /** A string of at most `maxLength` characters. */
  | { readonly type: "text"; readonly maxLength: number }
  | { readonly type: "enum"; readonly values: Readonly<Record<string, string>>; readonly prefix: string };

/**
 * An operation: its message's fields by proto name, and the rules that
 * span fields. `refine` gets the message (grpc-js's object, camelCase keys)
 * and returns what is wrong, to follow the operation's path
 * ("operations[0].resize" + " needs a width, a height or both"), or
 * undefined.
 */
export interface OperationEntry {
  readonly arguments: Readonly<Record<string, Argument>>;
  /** What it does, in Markdown, for the operations reference (docs/operations.md). */
  readonly description: string;
  /** What a field means where its type and range do not say it, by proto name. */
  readonly notes?: Readonly<Record<string, string>>;
  readonly refine?: (message: Readonly<Record<string, unknown>>) => string | undefined;
}

const color = { type: "color" } as const;
const flag = { type: "boolean" } as const;
const side = { type: "integer", min: 0, max: MAX_DIMENSION } as const;
const smartPositions: readonly string[] = ["POSITION_ENTROPY", "POSITION_ATTENTION"];
const gravity = { type: "enum", values: Position, prefix: "POSITION_" } as const;
const offset = { type: "integer", min: -MAX_DIMENSION, max: MAX_DIMENSION } as const;
const opacity = { type: "number", min: 0, max: 1, optional: true } as const;
const sharpenLevel = { type: "number", min: 0, max: 1_000_000, optional: true } as const;
/** Most weights a convolution kernel may have: 15 x 15. */
const MAX_KERNEL_SIDE = 15;

/** What is wrong with an overlay's or a text's placement, whatever draws it. */
function placement({ gravity, offsetX, offsetY, tile }: Readonly<Record<string, unknown>>): string | undefined {
  if (smartPositions.includes(gravity as string)) return `.gravity ${String(gravity)} is a smart crop, not a place: use a side, a corner or the center`;
  if (tile && (offsetX !== 0 || offsetY !== 0)) return ": offsets do not apply to a tiled overlay, which covers the whole image";
  return undefined;
}

/** Every member of the proto's `Operation` oneof, in its order. */
export const operations = {
  resize: {
    arguments: {
      width: { type: "integer", min: 1, max: MAX_DIMENSION, zero: "or 0 to derive it from the height" },
      height: { type: "integer", min: 1, max: MAX_DIMENSION, zero: "or 0 to derive it from the width" },
      fit: { type: "enum", values: Fit, prefix: "FIT_" },
      position: { type: "enum", values: Position, prefix: "POSITION_" },
      without_enlargement: flag,
      background: color,
      without_reduction: flag,
    },
    description: "Scales the image into a `width` x `height` box; a side that is 0 is derived from the other, keeping the aspect ratio.",
    notes: {
      fit: "`FIT_COVER` (the default) crops what falls outside the box, `FIT_CONTAIN` pads with `background`, `FIT_FILL` stretches, `FIT_INSIDE` and `FIT_OUTSIDE` keep the aspect ratio within or around the box",
      position:
        "what `FIT_COVER` keeps: the center (the default), an edge or corner, or the smart crops `POSITION_ENTROPY` and `POSITION_ATTENTION` (with `FIT_COVER` only)",
      without_enlargement: "never make the image larger than it is",
      background: "the padding of `FIT_CONTAIN`",
      without_reduction: "never make the image smaller than it is; not with `without_enlargement`",
    },
    refine: ({ width, height, fit, position, withoutEnlargement, withoutReduction }) => {
      if (width === 0 && height === 0) return " needs a width, a height or both";
      if (smartPositions.includes(position as string) && fit !== "FIT_UNSPECIFIED" && fit !== "FIT_COVER")
        return `.position ${String(position)} needs fit FIT_COVER, got ${String(fit)}`;
      if (withoutEnlargement && withoutReduction) return ": without_enlargement and without_reduction together would forbid any resize";
      return undefined;
    },
  },
  extract: {
    // An area past the image's edge is refused by the worker, which knows the image's size.
    arguments: {
      left: { type: "integer", min: 0, max: UINT32_MAX },
      top: { type: "integer", min: 0, max: UINT32_MAX },
      width: { type: "integer", min: 1, max: MAX_DIMENSION },
      height: { type: "integer", min: 1, max: MAX_DIMENSION },
    },
    description: "Crops to the area at `left`, `top` of `width` x `height`; the area must lie inside the image at that step.",
  },
  rotate: {
    arguments: { angle: { type: "number", min: -360_000, max: 360_000 }, background: color },
    description: "Rotates clockwise by `angle` degrees; at angles other than multiples of 90 the canvas grows, filled with `background`.",
  },
  flip: { arguments: {}, description: "Mirrors top to bottom." },
  flop: { arguments: {}, description: "Mirrors left to right." },
  blur: {
    arguments: { sigma: { type: "number", min: 0.3, max: 1000, zero: "or 0 for a fast mild blur" } },
    description: "Gaussian blur of `sigma`.",
  },
  sharpen: {
    arguments: {
      sigma: { type: "number", min: 0.000001, max: 10, zero: "or 0 for a fast mild sharpen" },
      m1: sharpenLevel,
      m2: sharpenLevel,
      x1: sharpenLevel,
      y2: sharpenLevel,
      y3: sharpenLevel,
    },
    description:
      "Sharpens: `sigma` 0 with nothing else set is a fast mild sharpen; otherwise `sigma` is required, and the other fields left unset take sharp's defaults (`m1` flat areas 1, `m2` jagged areas 2, `x1` threshold 2, `y2` and `y3` the most brightening and darkening, 10 and 20); 0 is 0.",
    refine: ({ sigma, m1, m2, x1, y2, y3 }) =>
      sigma === 0 && [m1, m2, x1, y2, y3].some((value) => value !== undefined) ? ".sigma is required when m1, m2, x1, y2 or y3 is set" : undefined,
  },
  grayscale: { arguments: {}, description: "Converts to shades of gray." },
  extend: {
    arguments: {
      top: side,
      right: side,
      bottom: side,
      left: side,
      background: color,
      extend_with: { type: "enum", values: ExtendWith, prefix: "EXTEND_WITH_" },
    },
    description: "Adds `top`, `right`, `bottom` and `left` pixels around the image.",
    notes: { extend_with: "what fills them: `EXTEND_WITH_BACKGROUND` (the default) with `background`, or copies, repeats or mirrors of the edge" },
  },
  trim: {
    arguments: { threshold: { type: "number", min: 0, max: 255, optional: true }, background: color, line_art: flag },
    description: "Removes the edges of the top-left pixel's color (or of `background`).",
    notes: {
      threshold: "how far a color may differ and still be trimmed; unset is sharp's 10, 0 trims the exact color only",
      line_art: "treat the image as line art (vector-like) rather than a photo",
    },
  },
  flatten: { arguments: { background: color }, description: "Merges the alpha channel onto `background`." },
  round_corners: {
    arguments: { radius: { type: "integer", min: 1, max: MAX_DIMENSION, zero: "or 0 with circle" }, circle: flag, background: color },
    description: "Rounds the corners: transparent where the output keeps alpha, `background` where it cannot (JPEG).",
    notes: {
      radius: "in pixels; more than half the shorter side rounds by that",
      circle: "rounds by half the shorter side: a circle for a square image (an avatar), a pill otherwise",
      background: "what the corners become in an output without alpha; default white",
    },
    refine: ({ radius, circle }) => {
      if (radius === 0 && !circle) return " needs a radius or circle";
      if (radius !== 0 && circle) return ": radius and circle together; circle rounds by half the shorter side, so set one of them";
      return undefined;
    },
  },
  composite: {
    arguments: {
      image: { type: "bytes" },
      url: { type: "text", maxLength: MAX_URL_LENGTH },
      gravity,
      offset_x: offset,
      offset_y: offset,
      tile: flag,
      opacity,
      blend: { type: "enum", values: Blend, prefix: "BLEND_" },
      width_ratio: { type: "number", min: 0.001, max: 1, zero: "or 0 to keep the overlay's own width" },
      height_ratio: { type: "number", min: 0.001, max: 1, zero: "or 0 to keep the overlay's own height" },
    },
    description:
      "Draws an overlay image onto the image: a watermark, a badge. The overlay, scaled if asked, must fit inside the image where it is placed; a tiled one covers the image and is cut at its edges.",
    notes: {
      image: "the overlay's encoded bytes, in any format the service reads (an animation gives its first frame); or `url`",
      url: "fetched under the source rules (`IMAGE_ALLOWED_SOURCES`), once per call however many steps name it",
      gravity: "a side, a corner or the center (the default); the smart positions do not apply",
      offset_x: "pixels in from the edge `gravity` names (from the right for `POSITION_RIGHT_BOTTOM`); where it centres, to the right, negative to the left",
      offset_y: "the same, vertically: in from the top or bottom edge, or down from the center",
      tile: "repeat the overlay across the whole image, its grid aligned by `gravity`; not with offsets",
      opacity: "0 (invisible) to 1 (as it is, the default)",
      blend: "how its colours mix with the image's: `BLEND_OVER` (the default) through the overlay's alpha, or another of sharp's modes",
      width_ratio: "the overlay's width as a fraction of the image's (0.12 is 12%), keeping its aspect ratio",
      height_ratio: "the same for the height; with both, the overlay fits inside both",
    },
    refine: (composite) => (composite.overlay === undefined ? " needs an overlay: set image (its bytes) or url" : placement(composite)),
  },
  text: {
    arguments: {
      text: { type: "text", maxLength: MAX_TEXT_CHARACTERS },
      font: { type: "enum", values: Font, prefix: "FONT_" },
      size: { type: "integer", min: 1, max: MAX_TEXT_SIZE, zero: `or 0 for ${DEFAULT_TEXT_SIZE}` },
      bold: flag,
      italic: flag,
      color,
      gravity,
      offset_x: offset,
      offset_y: offset,
      wrap_width: { type: "integer", min: 1, max: MAX_DIMENSION, zero: "or 0 to wrap at the room the image has" },
      align: { type: "enum", values: TextAlign, prefix: "TEXT_ALIGN_" },
      justify: flag,
      opacity,
      markup: flag,
    },
    description:
      "Writes text onto the image in a font that ships with the service (DejaVu: Latin, Greek, Cyrillic, Arabic, Hebrew and more), so it renders the same on every machine. The rendered text must fit inside the image where it is placed.",
    notes: {
      text: "plain text, a newline breaks the line; at most `IMAGE_MAX_TEXT_CHARACTERS` characters",
      font: "`FONT_SANS` (DejaVu Sans, the default), `FONT_SERIF` or `FONT_MONO`",
      size: "the font's size (its em) in pixels",
      bold: "DejaVu's bold face",
      italic: "DejaVu's oblique face",
      color: "hex, with alpha if wanted; default black",
      gravity: "as composite's: a side, a corner or the center (the default)",
      offset_x: "as composite's: pixels in from the edge `gravity` names, or to the right of the center",
      offset_y: "as composite's, vertically",
      wrap_width: "where lines wrap, in pixels",
      align: "how the lines line up: `TEXT_ALIGN_LEFT` (the default), `TEXT_ALIGN_CENTER` or `TEXT_ALIGN_RIGHT`",
      justify: "stretch the words of each wrapped line to the full width",
      opacity: "0 (invisible) to 1 (as `color` says, the default)",
      markup:
        "read `text` as Pango markup: `<b>`, `<i>`, `<u>`, `<s>`, `<sub>`, `<sup>`, `<small>`, `<big>`, `<tt>` and `<span>` with colours, weights, styles, the shipped families and sizes up to the largest `size`; anything else is refused",
    },
    refine: ({ text, gravity: where }) => (text === "" ? ".text is empty: say what to write" : placement({ gravity: where, offsetX: 0, offsetY: 0 })),
  },
  modulate: {
    arguments: {
      brightness: { type: "number", min: 0, max: 100, optional: true },
      saturation: { type: "number", min: 0, max: 100, optional: true },
      hue: { type: "integer", min: -360, max: 360 },
      lightness: { type: "number", min: -100, max: 100 },
    },
    description: "Changes brightness, saturation, hue and lightness; fields left unset change nothing.",
    notes: {
      brightness: "a multiplier: 0.5 halves it, 2 doubles it",
      saturation: "a multiplier: 0 is grey, 2 twice as vivid",
      hue: "degrees to rotate the hue by",
      lightness: "added to lightness (L of LCh, 0 to 100)",
    },
  },
  linear: {
    arguments: {
      a: { type: "numbers", min: -1000, max: 1000, maxCount: 4 },
      b: { type: "numbers", min: -100_000, max: 100_000, maxCount: 4 },
    },
    description:
      "Applies `a * value + b` to each channel: contrast and offset. Each list is empty (`a` 1, `b` 0), one value for every channel, or one per channel (the image's, alpha included); with both set, of one length.",
    notes: { a: "the multiplier: above 1 more contrast, below less", b: "what is added after" },
    refine: ({ a, b }) => {
      const [many, other] = [a as readonly number[], b as readonly number[]];
      if (many.length > 0 && other.length > 0 && many.length !== other.length)
        return `: a has ${many.length} values and b ${other.length}; give them one length`;
      return undefined;
    },
  },
  gamma: {
    arguments: {
      gamma: { type: "number", min: 1, max: 3, zero: "or 0 for 2.2" },
      gamma_out: { type: "number", min: 1, max: 3, zero: "or 0 for `gamma`'s" },
    },
    description:
      "Darkens by `gamma` and brightens by `gamma_out`. A resize right after it runs between the two, so that it resamples in near-linear light and shifts colors less; on its own (or on an animation, frame by frame) the net change is their ratio.",
  },
  tint: {
    arguments: { color },
    description: "Keeps the luminance and takes the chroma of `color`: a sepia or a duotone look.",
    refine: ({ color: tint }) => (tint === "" ? ".color is empty: say which colour to tint with" : undefined),
  },
  normalize: {
    arguments: {
      lower: { type: "number", min: 0, max: 99, optional: true },
      upper: { type: "number", min: 1, max: 100, optional: true },
    },
    description: "Stretches the luminance so that the `lower` percentile becomes black and the `upper` one white.",
    notes: { lower: "unset is 1", upper: "unset is 99" },
    refine: ({ lower, upper }) =>
      ((lower as number | undefined) ?? 1) >= ((upper as number | undefined) ?? 99)
        ? `: lower (${String(lower ?? 1)}) must be below upper (${String(upper ?? 99)})`
        : undefined,
  },
  clahe: {
    arguments: {
      width: { type: "integer", min: 1, max: MAX_DIMENSION },
      height: { type: "integer", min: 1, max: MAX_DIMENSION },
      max_slope: { type: "integer", min: 0, max: 100, optional: true },
    },
    description: "Contrast-limited adaptive histogram equalisation: local contrast, tile by tile, which brings out detail in shadows and highlights.",
    notes: {
      width: "the tile's width in pixels",
      height: "the tile's height in pixels",
      max_slope: "the most contrast may grow; unset is 3, 0 is no limit",
    },
  },
  negate: {
    arguments: { alpha: flag },
    description: "Inverts the colors: 255 minus each value.",
    notes: { alpha: "invert the alpha channel too; by default it is kept" },
  },
  threshold: {
    arguments: { threshold: { type: "integer", min: 0, max: 255, optional: true }, keep_color: flag },
    description: "Makes each pixel white where its value is at least `threshold`, black elsewhere.",
    notes: { threshold: "unset is 128", keep_color: "threshold each colour channel on its own instead of the grey level" },
  },
  median: {
    arguments: { size: { type: "integer", min: 1, max: 15, zero: "or 0 for 3" } },
    description: "Replaces each pixel by the median of the `size` x `size` square around it: removes speckle noise, keeps edges.",
  },
  pixelate: {
    arguments: { size: { type: "integer", min: 2, max: 1000 } },
    description: "Shows the image as blocks of about `size` x `size` pixels, each of one color (the image's width and height in blocks are rounded).",
  },
  convolve: {
    arguments: {
      width: { type: "integer", min: 3, max: MAX_KERNEL_SIDE },
      height: { type: "integer", min: 3, max: MAX_KERNEL_SIDE },
      kernel: { type: "numbers", min: -1_000_000, max: 1_000_000, maxCount: MAX_KERNEL_SIDE * MAX_KERNEL_SIDE },
      scale: { type: "integer", min: -1_000_000, max: 1_000_000, optional: true },
      offset: { type: "integer", min: -65535, max: 65535 },
    },
    description: "Applies a kernel: each pixel becomes the sum of its neighbours weighted by `kernel` (row by row), divided by `scale`, plus `offset`.",
    notes: { kernel: "`width` x `height` weights", scale: "a whole number other than 0; unset is the kernel's sum (1 when that is 0)" },
    refine: ({ width, height, kernel, scale }) => {
      const weights = (kernel as readonly number[]).length;
      if (weights !== (width as number) * (height as number))
        return `.kernel has ${weights} weights; a ${String(width)}x${String(height)} kernel needs ${(width as number) * (height as number)}`;
      if (scale === 0) return ".scale is 0, which would divide by nothing; leave it unset for the kernel's sum";
      return undefined;
    },
  },
} as const satisfies Readonly<Record<string, OperationEntry>>;

export type OperationName = keyof typeof operations;

const byMemberName = new Map<string, OperationName>((Object.keys(operations) as OperationName[]).map((name) => [camelCase(name), name]));

/**
 * The catalogue's (and the proto's) name of an operation that grpc-js gives
 * by its member name: `roundCorners` is `round_corners`. Error paths use it,
 * as they use the proto's field names.
 */
export const operationNamed = (memberName: string): OperationName | undefined => byMemberName.get(memberName);

/** A format the service writes: what it is on the web and on disk, and which encoder options it takes. */
export interface FormatEntry {
  readonly mediaType: string;
  readonly extension: string;
  /** The encoder's effort range; none where the encoder has no effort. */
  readonly effort?: readonly [min: number, max: number];
  readonly lossless: boolean;
  /**
   * Lossy formats, whose quality trades fidelity for bytes: the quality an
   * unset `quality` means, where `max_bytes` starts its search.
   */
  readonly defaultQuality?: number;
  /** Whether it keeps transparency; without it, transparent pixels are flattened. */
  readonly alpha: boolean;
  /** Whether it can hold an animation's frames; others get the first frame. */
  readonly animation: boolean;
}

/** The formats a transform may write, in the proto's order: SVG is read, never written. */
export const formats = {
  FORMAT_JPEG: { mediaType: "image/jpeg", extension: ".jpg", lossless: false, defaultQuality: 80, alpha: false, animation: false },
  FORMAT_PNG: { mediaType: "image/png", extension: ".png", effort: [1, 10], lossless: true, alpha: true, animation: false },
  FORMAT_WEBP: { mediaType: "image/webp", extension: ".webp", effort: [0, 6], lossless: true, defaultQuality: 80, alpha: true, animation: true },
  FORMAT_AVIF: { mediaType: "image/avif", extension: ".avif", effort: [0, 9], lossless: true, defaultQuality: 50, alpha: true, animation: false },
  FORMAT_GIF: { mediaType: "image/gif", extension: ".gif", effort: [1, 10], lossless: false, alpha: true, animation: true },
  FORMAT_TIFF: { mediaType: "image/tiff", extension: ".tiff", lossless: true, alpha: true, animation: false },
} as const satisfies Readonly<Record<Exclude<(typeof Format)[keyof typeof Format], "FORMAT_UNSPECIFIED" | "FORMAT_SVG">, FormatEntry>>;

export type OutputFormat = keyof typeof formats;

export const outputFormats = Object.keys(formats) as readonly OutputFormat[];

/** The entry of a format the service writes; none for the others (unspecified, SVG, an unknown number). */
export const formatEntry = (format: unknown): FormatEntry | undefined => (Object.hasOwn(formats, String(format)) ? formats[format as OutputFormat] : undefined);

/** The name people type for a format: `FORMAT_WEBP` is "webp". */
export const formatNameOf = (format: OutputFormat): string => format.slice("FORMAT_".length).toLowerCase();

/** OutputOptions' fields. Which formats take effort and lossless, and in what range, the worker decides from the chosen format. */
export const outputOptions = {
  arguments: {
    format: { type: "enum", values: Format, prefix: "FORMAT_" },
    quality: { type: "integer", min: 1, max: 100, zero: "or 0 for the encoder's default" },
    lossless: flag,
    progressive: flag,
    effort: { type: "integer", min: 0, max: 10, optional: true },
    keep_metadata: flag,
    loop: { type: "integer", min: 0, max: 65535, optional: true },
    delays_ms: { type: "integers", min: 0, max: 65535, maxCount: MAX_FRAMES },
    colors: { type: "integer", min: 2, max: 256, zero: "or 0 for 256" },
    dither: { type: "number", min: 0, max: 1, optional: true },
    min_size: flag,
    mixed: flag,
    max_bytes: { type: "integer", min: 1, max: UINT32_MAX, zero: "or 0 for no budget" },
  },
  description:
    "How the result is encoded. Outputs are 8 bits per sample; JPEG has no alpha, so transparent pixels are flattened onto white (use `flatten` for another color).",
  notes: {
    format: "`FORMAT_UNSPECIFIED` keeps the input's format (PNG for SVG)",
    quality: "PNG: palette quantisation at that quality; TIFF: JPEG compression (otherwise lossless deflate)",
    lossless: "WebP and AVIF; PNG and TIFF are lossless anyway; JPEG and GIF refuse it",
    progressive: "progressive JPEG, interlaced PNG and GIF",
    effort:
      "each format's range is in the formats' table (AVIF's up to `IMAGE_MAX_AVIF_EFFORT`, 6 by default); unset is the encoder's default; JPEG and TIFF refuse it",
    keep_metadata: "keep EXIF, XMP, IPTC and the ICC profile; by default metadata is stripped and color converted to sRGB",
    loop: "animated GIF and WebP: how many times the animation plays, 0 for ever; unset keeps the input's",
    delays_ms: "animated GIF and WebP: each frame's delay in milliseconds, one value for every frame or one per frame; empty keeps the input's",
    colors: "GIF only: the most palette entries",
    dither: "GIF only: Floyd-Steinberg error diffusion, 0 (none) to 1 (the default)",
    min_size: "animated WebP only: no key frames, for the smallest file (slow)",
    mixed: "animated WebP only: lossy and lossless frames may mix (slow)",
    max_bytes:
      "lossy encodes only (JPEG, WebP and AVIF without lossless): the highest quality from `quality` (or the encoder's default) down to 1 whose result fits, in at most 10 encodes; reported in the result's `ImageInfo.quality`; when quality 1 does not fit, INVALID_ARGUMENT",
  },
  refine: ({ format }) => (format === "FORMAT_SVG" ? ".format FORMAT_SVG is an input format only; choose JPEG, PNG, WebP, AVIF, GIF or TIFF" : undefined),
} as const satisfies OperationEntry;

/** InputOptions' fields: how the source is read. */
export const inputOptions = {
  arguments: {
    page: { type: "integer", min: 0, max: UINT32_MAX },
    disable_auto_orient: flag,
    animated: flag,
  },
  description: "How the source is read.",
  notes: {
    page: "which page (multi-page TIFF), frame (GIF, WebP) or item (HEIF/AVIF) to read; 0 reads the first, or for HEIF/AVIF the primary item",
    disable_auto_orient: "keep the stored pixel orientation instead of applying the EXIF Orientation tag first",
    animated:
      "read every frame of an animated GIF or WebP (every page of a TIFF) and run the operations on each; a GIF or WebP output keeps the frames, their delays and the loop count, other formats get the first frame",
  },
  refine: ({ page, animated }) => (animated && page !== 0 ? ": animated reads every frame and page picks one; set one of them" : undefined),
} as const satisfies OperationEntry;

/** The names people type for an enum's values: `FIT_COVER` is "cover", `POSITION_RIGHT_TOP` "right-top"; the unspecified value has none. */
export function enumNames(values: Readonly<Record<string, string>>, prefix: string): string[] {
  return Object.keys(values)
    .filter((value) => value !== `${prefix}UNSPECIFIED`)
    .map((value) => value.slice(prefix.length).toLowerCase().replaceAll("_", "-"));
}

/** The enum value a typed name stands for: "right-top" is `POSITION_RIGHT_TOP`. */
export const enumNamed = (name: string, prefix: string): string => `${prefix}${name.toUpperCase().replaceAll("-", "_")}`;
