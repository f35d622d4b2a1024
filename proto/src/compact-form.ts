/**
 * The compact form of a transform, imgproxy/imaginary style, that the
 * gateway's query strings, signed image URLs and the CLI share:
 * `w=800&h=600&fit=cover&position=attention&format=webp&q=80`. A flat set of
 * parameters cannot say in what order operations run, so they run in the
 * order of `compactForm`. Each parameter's type and range come from the
 * catalogue's argument it sets.
 */
import {
  DEFAULT_TEXT_SIZE,
  MAX_DIMENSION,
  camelCase,
  enumNamed,
  enumNames,
  formatNameOf,
  inputOptions,
  operations,
  outputFormats,
  outputOptions,
  type Argument,
  type OperationName,
} from "./catalogue.js";
import type { Format, InputOptions, Operation, OutputOptions } from "./generated/index.js";

/**
 * What a parameter is for people: help, and the names other services give
 * it, which lead to it in "did you mean". Help names other parameters as
 * `{w}`: `describedAs` spells them as each surface does.
 */
interface Described {
  readonly description?: string;
  readonly suggestFor?: readonly string[];
}

/** How an operation appears in the compact form. */
type CompactEntry =
  /**
   * `flip=1`: the operation, its arguments unset; `parameters`, when given,
   * set some of them (`negate=1&negate_alpha=1`), and need the flag.
   */
  | ({
      readonly operation: OperationName;
      readonly form: "flag";
      readonly parameters?: Readonly<Record<string, { readonly field: string } & Described>>;
    } & Described)
  /** `blur=2`: the operation with one argument set. */
  | ({ readonly operation: OperationName; readonly form: "value"; readonly field: string } & Described)
  /** `extract=10,10,200,100`: every argument, in order, separated by commas; `max` bounds each. */
  | ({ readonly operation: OperationName; readonly form: "tuple"; readonly max: number } & Described)
  /**
   * `w=800&fit=cover`: a parameter per argument. The operation runs when one
   * of `needs` is given other than 0; the rest without one is an error. The
   * readable names are the fields' (`width`), or with `readableByName` the
   * parameters' own (`overlayX`), where fields of two operations share a name.
   */
  | {
      readonly operation: OperationName;
      readonly form: "fields";
      /** `omit`: an enum's names the operation refuses, left out of the compact form (the smart positions, for a place). */
      readonly parameters: Readonly<Record<string, { readonly field: string; readonly omit?: readonly string[] } & Described>>;
      readonly needs: readonly string[];
      readonly readableByName?: true;
    };

/** The smart crops' names, which are no place to draw at. */
const SMART_NAMES = ["entropy", "attention"] as const;

/** The operations of the compact form, in the order they run. */
export const compactForm = [
  {
    operation: "trim",
    form: "value",
    field: "threshold",
    description: "trim edges; the value is the threshold (sharp's default is 10, 0 trims the exact colour only)",
  },
  { operation: "extract", form: "tuple", max: MAX_DIMENSION, description: "the area to keep, in pixels", suggestFor: ["crop_area", "area", "region"] },
  { operation: "gamma", form: "value", field: "gamma", description: "gamma around the resize, 1 to 3 (0 for 2.2): resampling shifts colours less" },
  {
    operation: "resize",
    form: "fields",
    parameters: {
      w: { field: "width", description: "width; 0 or absent derives it from {h}", suggestFor: ["width"] },
      h: { field: "height", description: "height; 0 or absent derives it from {w}", suggestFor: ["height"] },
      fit: {
        field: "fit",
        description: "how the image fits the {w} x {h} box; cover, the default, crops what falls outside",
        suggestFor: ["crop", "mode", "resize"],
      },
      position: {
        field: "position",
        description: "what cover keeps: a side, a corner, or the busiest part (entropy, attention)",
        suggestFor: ["gravity", "pos", "anchor", "crop_position"],
      },
      bg: { field: "background", description: "padding colour for fit=contain, hex", suggestFor: ["background", "color", "colour"] },
      without_enlargement: {
        field: "without_enlargement",
        description: "never make the image larger than it is",
        suggestFor: ["enlarge", "no_upscale", "noupscale"],
      },
    },
    needs: ["w", "h"],
  },
  { operation: "rotate", form: "value", field: "angle", description: "clockwise, in degrees", suggestFor: ["angle", "rotation"] },
  { operation: "flip", form: "flag", description: "mirror top to bottom" },
  { operation: "flop", form: "flag", description: "mirror left to right" },
  {
    operation: "round_corners",
    form: "fields",
    parameters: {
      round: { field: "radius", description: "round the corners by this radius, in pixels", suggestFor: ["radius", "rounded", "corner_radius", "corners"] },
      circle: { field: "circle", description: "round by half the shorter side: a circle for a square image", suggestFor: ["avatar", "round_corners"] },
    },
    needs: ["round", "circle"],
  },
  { operation: "flatten", form: "value", field: "background", description: "background to merge the alpha channel onto, hex" },
  { operation: "grayscale", form: "flag", description: "convert to shades of grey", suggestFor: ["greyscale", "gray", "grey", "bw"] },
  { operation: "median", form: "value", field: "size", description: "median filter of this size, 1 to 15 (0 for 3): removes speckle", suggestFor: ["denoise"] },
  { operation: "blur", form: "value", field: "sigma", description: "Gaussian sigma, 0.3 to 1000; 0 is a fast mild blur", suggestFor: ["sigma"] },
  { operation: "sharpen", form: "value", field: "sigma", description: "sigma, 0.000001 to 10; 0 is a fast mild sharpen" },
  {
    operation: "normalize",
    form: "flag",
    description: "stretch the luminance to the full range",
    suggestFor: ["normalise", "auto_levels", "autolevels", "stretch"],
    parameters: {
      normalize_lower: { field: "lower", description: "the percentile that becomes black, 0 to 99 (default 1)" },
      normalize_upper: { field: "upper", description: "the percentile that becomes white, 1 to 100 (default 99)" },
    },
  },
  {
    operation: "clahe",
    form: "fields",
    parameters: {
      clahe_width: { field: "width", description: "local contrast (CLAHE): the tile's width", suggestFor: ["clahe"] },
      clahe_height: { field: "height", description: "the tile's height" },
      clahe_slope: { field: "max_slope", description: "the most contrast may grow, 0 to 100 (default 3, 0 no limit)" },
    },
    needs: ["clahe_width", "clahe_height"],
    readableByName: true,
  },
  {
    operation: "linear",
    form: "fields",
    parameters: {
      linear: { field: "a", description: "multiply every channel by this: contrast", suggestFor: ["contrast"] },
      linear_offset: { field: "b", description: "then add this" },
    },
    needs: ["linear", "linear_offset"],
    readableByName: true,
  },
  {
    operation: "modulate",
    form: "fields",
    parameters: {
      brightness: { field: "brightness", description: "multiply brightness: 0.5 halves it", suggestFor: ["bri", "exposure"] },
      saturation: { field: "saturation", description: "multiply saturation: 0 is grey", suggestFor: ["sat", "vibrance"] },
      hue: { field: "hue", description: "rotate the hue, in degrees" },
      lightness: { field: "lightness", description: "add to lightness, -100 to 100" },
    },
    needs: ["brightness", "saturation", "hue", "lightness"],
  },
  { operation: "tint", form: "value", field: "color", description: "keep the luminance, take this colour's chroma, hex", suggestFor: ["sepia", "duotone"] },
  {
    operation: "negate",
    form: "flag",
    description: "invert the colours",
    suggestFor: ["invert", "negative"],
    parameters: { negate_alpha: { field: "alpha", description: "invert the alpha channel too" } },
  },
  {
    operation: "threshold",
    form: "fields",
    parameters: {
      threshold: { field: "threshold", description: "white from this value up, black below, 0 to 255", suggestFor: ["binarize", "bw_threshold"] },
      threshold_color: { field: "keep_color", description: "threshold each colour channel instead of the grey level" },
    },
    needs: ["threshold"],
    readableByName: true,
  },
  { operation: "pixelate", form: "value", field: "size", description: "blocks of this many pixels a side, 2 to 1000", suggestFor: ["pixelize", "mosaic"] },
  {
    operation: "composite",
    form: "fields",
    parameters: {
      overlay: {
        field: "url",
        description: "the URL of an image to draw onto this one: a watermark",
        suggestFor: ["watermark", "wm", "watermark_url", "overlay_url"],
      },
      overlay_position: {
        field: "gravity",
        omit: SMART_NAMES,
        description: "where {overlay} goes: a side, a corner or the center (the default)",
        suggestFor: ["watermark_position", "wm_position", "overlay_gravity"],
      },
      overlay_x: { field: "offset_x", description: "pixels in from the side {overlay_position} names, or right of the center", suggestFor: ["wm_x"] },
      overlay_y: { field: "offset_y", description: "pixels in from the top or bottom, or down from the center", suggestFor: ["wm_y"] },
      overlay_tile: { field: "tile", description: "repeat {overlay} across the whole image", suggestFor: ["overlay_repeat", "wm_tile"] },
      overlay_opacity: { field: "opacity", description: "0 (invisible) to 1 (the default)", suggestFor: ["overlay_alpha", "wm_opacity"] },
      overlay_blend: { field: "blend", description: "how {overlay} mixes with the image: over (the default), multiply, screen, ..." },
      overlay_width: {
        field: "width_ratio",
        description: "{overlay}'s width as a fraction of the image's (0.12 is 12%)",
        suggestFor: ["overlay_scale", "wm_scale"],
      },
      overlay_height: { field: "height_ratio", description: "{overlay}'s height as a fraction of the image's" },
    },
    needs: ["overlay"],
    readableByName: true,
  },
  {
    operation: "text",
    form: "fields",
    parameters: {
      text: { field: "text", description: "text to write onto the image", suggestFor: ["caption", "label", "watermark_text"] },
      text_font: { field: "font", description: "sans (the default), serif or mono", suggestFor: ["font"] },
      text_size: { field: "size", description: "{text}'s size in pixels; default 24", suggestFor: ["font_size"] },
      text_bold: { field: "bold", description: "bold {text}" },
      text_italic: { field: "italic", description: "italic {text}" },
      text_color: { field: "color", description: "{text}'s colour, hex; default black", suggestFor: ["text_colour", "font_color"] },
      text_position: {
        field: "gravity",
        omit: SMART_NAMES,
        description: "where {text} goes: a side, a corner or the center (the default)",
        suggestFor: ["text_gravity"],
      },
      text_x: { field: "offset_x", description: "pixels in from the side {text_position} names, or right of the center" },
      text_y: { field: "offset_y", description: "pixels in from the top or bottom, or down from the center" },
      text_wrap: { field: "wrap_width", description: "where {text}'s lines wrap, in pixels; 0 or absent at the room the image has" },
      text_align: { field: "align", description: "how {text}'s lines line up: left (the default), center or right" },
      text_justify: { field: "justify", description: "stretch {text}'s wrapped lines to the full width" },
      text_opacity: { field: "opacity", description: "0 (invisible) to 1 (the default)" },
      text_markup: { field: "markup", description: "read {text} as Pango markup (`<b>`, `<i>`, `<span ...>`)" },
    },
    needs: ["text"],
    readableByName: true,
  },
] as const satisfies readonly CompactEntry[];

/** The output options of the compact form; `min` narrows a field's range where 0 is not worth typing. */
export const compactOutput = {
  format: {
    field: "format",
    description: "the output format; auto picks AVIF, WebP or JPEG by the Accept header; absent keeps the input's",
    suggestFor: ["fm", "type", "output", "f", "ext"],
  },
  q: { field: "quality", min: 1, description: "encoder quality", suggestFor: ["quality", "qual"] },
  lossless: { field: "lossless", description: "lossless WebP or AVIF" },
  progressive: { field: "progressive", description: "progressive JPEG, interlaced PNG or GIF", suggestFor: ["interlace", "interlaced"] },
  effort: {
    field: "effort",
    description: "encoder effort for a smaller file: WebP 0-6, AVIF 0-9 (a service may allow less), PNG 1-10, GIF 1-10; absent is the encoder's default",
    suggestFor: ["compression", "speed"],
  },
  keep_metadata: {
    field: "keep_metadata",
    description: "keep EXIF, XMP, IPTC and the ICC profile",
    suggestFor: ["strip", "strip_metadata", "metadata", "keep_exif"],
  },
  loop: { field: "loop", description: "how many times an animation plays, 0 for ever; absent keeps the input's", suggestFor: ["loops", "repeat"] },
  delay: {
    field: "delays_ms",
    description: "every frame's delay, in milliseconds; absent keeps the input's",
    suggestFor: ["delays", "duration", "frame_delay"],
  },
  colors: { field: "colors", min: 2, description: "GIF: the most palette entries, 2 to 256", suggestFor: ["colours", "palette", "max_colors"] },
  dither: { field: "dither", description: "GIF: error diffusion, 0 (none) to 1 (the default)", suggestFor: ["dithering"] },
  min_size: { field: "min_size", description: "animated WebP: no key frames, for the smallest file (slow)", suggestFor: ["minsize"] },
  mixed: { field: "mixed", description: "animated WebP: let lossy and lossless frames mix (slow)" },
  max_bytes: {
    field: "max_bytes",
    min: 1,
    description: "a budget in bytes: the highest quality up to {q} (or the default) whose result fits; JPEG, lossy WebP and AVIF",
    suggestFor: ["mb", "maxbytes", "max_size", "max_file_size", "budget", "bytes"],
  },
} as const satisfies Readonly<Record<string, { readonly field: keyof (typeof outputOptions)["arguments"]; readonly min?: number } & Described>>;

/** The input options of the compact form. */
export const compactInput = {
  animated: {
    field: "animated",
    description: "read every frame of an animated GIF or WebP and keep them in a GIF or WebP output",
    suggestFor: ["anim", "frames", "animation"],
  },
} as const satisfies Readonly<Record<string, { readonly field: keyof (typeof inputOptions)["arguments"] } & Described>>;

/**
 * `dpr=2`: the device pixel ratio, as imgproxy and weserv take it. It
 * multiplies every length the compact form gives in output pixels (the
 * sizes of a resize, a corner radius, a text's size, wrap and offsets, an
 * overlay's offsets, a pixelate block), so one query serves a 2x screen.
 * An extract's area is in the source's pixels and is not multiplied.
 */
export const DEVICE_PIXEL_RATIO = {
  name: "dpr",
  min: 1,
  max: 4,
  lengths: ["w", "h", "round", "pixelate", "overlay_x", "overlay_y", "text_size", "text_x", "text_y", "text_wrap"],
  description: "device pixel ratio, 1 to 4: multiplies the sizes in pixels ({w}, {h}, round, text_size, offsets, ...)",
  suggestFor: ["device_pixel_ratio", "dppx", "density", "pixel_ratio"],
} as const;

/**
 * `preset=NAME`: one of the image service's presets (IMAGE_PRESETS_FILE),
 * whose operations run before the ones the other parameters describe and
 * whose output options those parameters override.
 */
export const PRESET = {
  name: "preset",
  maxLength: 64,
  description: "a preset of the image service: its operations run first, and the output parameters given override its own",
  suggestFor: ["presets", "named", "template", "recipe", "profile"],
} as const;

/** What a preset may be called: what fits in a query, a path segment or a log line as it is. */
export const PRESET_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** How numbers are typed in the compact form: plain decimals only, no hex, no exponent, no Infinity, nothing empty. */
export const WHOLE_NUMBER = /^-?\d{1,16}$/;
export const DECIMAL_NUMBER = /^-?\d{1,16}(?:\.\d{1,16})?$/;

/** How a colour is typed in the compact form: hex, 3, 4, 6 or 8 digits, with or without `#`. */
export const HEX_COLOR = /^#?(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/;

/** `format=auto`: the gateway picks the format from the browser's Accept header. */
export const AUTO_FORMAT = "auto";

/** One compact parameter: its type and range (from the catalogue), its help, and its readable name. */
export type CompactParameter = Described & {
  /** Its name in signed image URL options (`withoutEnlargement`). */
  readonly readable: string;
  /** Its readable name dashed: the CLI's flag (`--without-enlargement`), without the dashes in front. */
  readonly flag: string;
} & (
    | { readonly type: "integer" | "number"; readonly min: number; readonly max: number }
    | { readonly type: "integers"; readonly min: number; readonly max: number; readonly count: number; readonly names: string }
    | { readonly type: "boolean" }
    | { readonly type: "enum"; readonly values: readonly string[] }
    | { readonly type: "color" }
    | { readonly type: "text"; readonly maxLength: number }
  );

/** The help a parameter carries, and the readable name it goes by. */
const helpOf = (readable: string, { description, suggestFor }: Described): Described & { readonly readable: string; readonly flag: string } => ({
  readable,
  flag: readable.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`),
  ...(description === undefined ? {} : { description }),
  ...(suggestFor === undefined ? {} : { suggestFor }),
});

/**
 * A parameter that sets `argument`: a numeric range reaches down to 0 where
 * 0 means something. A list takes one value in the compact form, for every
 * item (every frame's delay).
 */
function parameterFor(
  argument: Argument,
  help: Described & { readonly readable: string; readonly flag: string },
  min?: number,
  omit: readonly string[] = [],
): CompactParameter {
  switch (argument.type) {
    case "integer":
    case "number":
      return { ...help, type: argument.type, min: min ?? (argument.zero === undefined ? argument.min : 0), max: argument.max };
    case "integers":
      return { ...help, type: "integer", min: min ?? argument.min, max: argument.max };
    case "numbers":
      return { ...help, type: "number", min: argument.min, max: argument.max };
    case "enum":
      return { ...help, type: "enum", values: enumNames(argument.values, argument.prefix).filter((name) => !omit.includes(name)) };
    case "boolean":
    case "color":
      return { ...help, type: argument.type };
    case "text":
      return { ...help, type: "text", maxLength: argument.maxLength };
    case "bytes":
      throw new Error(`a compact parameter (${help.readable}) cannot carry bytes`);
  }
}

const argumentsOf = (operation: OperationName): Readonly<Record<string, Argument>> => operations[operation].arguments;

function compactParameterTable(): Readonly<Record<string, CompactParameter>> {
  const table: Record<string, CompactParameter> = {};
  for (const entry of compactForm as readonly CompactEntry[]) {
    const fields = argumentsOf(entry.operation);
    switch (entry.form) {
      case "flag":
        table[entry.operation] = { ...helpOf(entry.operation, entry), type: "boolean" };
        for (const [name, parameter] of Object.entries(entry.parameters ?? {}))
          table[name] = parameterFor(fields[parameter.field]!, helpOf(camelCase(name), parameter));
        break;
      case "value":
        table[entry.operation] = parameterFor(fields[entry.field]!, helpOf(entry.operation, entry));
        break;
      case "tuple": {
        const names = Object.keys(fields);
        table[entry.operation] = { ...helpOf(entry.operation, entry), type: "integers", min: 0, max: entry.max, count: names.length, names: names.join(",") };
        break;
      }
      case "fields":
        for (const [name, parameter] of Object.entries(entry.parameters)) {
          table[name] = parameterFor(
            fields[parameter.field]!,
            helpOf(camelCase(entry.readableByName ? name : parameter.field), parameter),
            undefined,
            parameter.omit,
          );
        }
        break;
    }
  }
  for (const [name, parameter] of Object.entries(compactOutput) as [
    string,
    { readonly field: keyof (typeof outputOptions)["arguments"]; readonly min?: number } & Described,
  ][]) {
    const help = helpOf(camelCase(parameter.field), parameter);
    table[name] =
      parameter.field === "format"
        ? { ...help, type: "enum", values: [...outputFormats.map(formatNameOf), AUTO_FORMAT] }
        : parameterFor(outputOptions.arguments[parameter.field], help, parameter.min);
  }
  for (const [name, parameter] of Object.entries(compactInput)) {
    table[name] = parameterFor(inputOptions.arguments[parameter.field], helpOf(camelCase(parameter.field), parameter));
  }
  const { name, min, max, description, suggestFor } = DEVICE_PIXEL_RATIO;
  table[name] = { ...helpOf(name, { description, suggestFor }), type: "number", min, max };
  table[PRESET.name] = { ...helpOf(PRESET.name, PRESET), type: "text", maxLength: PRESET.maxLength };
  return table;
}

/** A parameter's help with the parameters it names spelt by `spell`: `h` in a query string, `--height` on a command line. */
export function describedAs(parameter: CompactParameter, spell: (parameter: string) => string = (name) => name): string | undefined {
  return parameter.description?.replace(/\{(\w+)\}/g, (_, name: string) => spell(name));
}

/** Every compact parameter, by its name in a query string, in the order of `compactForm`, then the output's, then the input's. */
export const compactParameters: Readonly<Record<string, CompactParameter>> = compactParameterTable();

/** A compact form's values, parsed and in range: a number, numbers, a flag, a name or a colour. */
export type CompactValues = Readonly<Record<string, number | readonly number[] | boolean | string | undefined>>;

/** A compact form that says something the request cannot: `fit` without `w` or `h`. */
export class CompactFormError extends Error {
  override readonly name = "CompactFormError";
}

const hex = (value: string): string => (value.startsWith("#") ? value : `#${value}`);

/** What a parameter left out stands for: nothing, or an enum's first named value (which is what its unspecified value means). */
function absent(argument: Argument): CompactValues[string] {
  switch (argument.type) {
    case "integer":
    case "number":
      return argument.optional ? undefined : 0;
    case "integers":
    case "numbers":
      return [];
    case "boolean":
      return false;
    case "color":
    case "text":
      return "";
    case "enum":
      return enumNames(argument.values, argument.prefix)[0];
    case "bytes":
      return undefined;
  }
}

/** An argument's value as the request carries it: enum names become the proto's values, colours get their `#`. */
function fieldValue(argument: Argument, value: CompactValues[string]): unknown {
  if (argument.type === "enum") return enumNamed(value as string, argument.prefix);
  if (argument.type === "color") return value === "" ? "" : hex(value as string);
  if ((argument.type === "integers" || argument.type === "numbers") && typeof value === "number") return [value];
  return value;
}

/** Whether a parameter's value asks for something: given, and not a 0 that means "nothing" (an optional field's 0 is a value). */
function says(argument: Argument, value: CompactValues[string]): boolean {
  if (value === undefined || value === false || value === "") return false;
  return value !== 0 || (argument.type !== "boolean" && "optional" in argument && argument.optional === true);
}

/** The message of an operation's parameters, each given or absent. */
function messageOf(
  fields: Readonly<Record<string, Argument>>,
  parameters: Readonly<Record<string, { readonly field: string }>>,
  values: CompactValues,
): Record<string, unknown> {
  const message: Record<string, unknown> = {};
  for (const [name, { field }] of Object.entries(parameters)) {
    const argument = fields[field]!;
    const given = values[name] ?? absent(argument);
    if (given !== undefined) message[camelCase(field)] = fieldValue(argument, given);
  }
  return message;
}

function operation(entry: CompactEntry, values: CompactValues, spell: (parameter: string) => string): Operation | undefined {
  const fields = argumentsOf(entry.operation);
  const op = (message: Record<string, unknown>): Operation => ({ [camelCase(entry.operation)]: message }) as Operation;
  switch (entry.form) {
    case "flag": {
      const parameters = entry.parameters ?? {};
      if (values[entry.operation] === true) return op(messageOf(fields, parameters, values));
      const stray = Object.keys(parameters).filter((name) => values[name] !== undefined && values[name] !== false);
      if (stray.length > 0) throw new CompactFormError(`${listed(stray.map(spell))} need${stray.length === 1 ? "s" : ""} ${spell(entry.operation)}`);
      return undefined;
    }
    case "value": {
      const value = values[entry.operation];
      return value === undefined ? undefined : op({ [camelCase(entry.field)]: fieldValue(fields[entry.field]!, value) });
    }
    case "tuple": {
      const value = values[entry.operation] as readonly number[] | undefined;
      return value === undefined ? undefined : op(Object.fromEntries(Object.keys(fields).map((field, index) => [camelCase(field), value[index]])));
    }
    case "fields": {
      const given = Object.keys(entry.parameters).filter((name) => values[name] !== undefined);
      if (!entry.needs.some((name) => says(fields[entry.parameters[name]!.field]!, values[name]))) {
        // A flag turned off says nothing; every other modifier without the operation would be lost.
        const modifiers = Object.keys(entry.parameters).filter((name) => !entry.needs.includes(name));
        if (given.some((name) => modifiers.includes(name) && values[name] !== false)) {
          const needed = entry.needs.length === 1 ? spell(entry.needs[0]!) : `${entry.needs.map(spell).join(", ")} or both`;
          throw new CompactFormError(`${listed(modifiers.map(spell))} need ${needed}`);
        }
        return undefined;
      }
      return op(messageOf(fields, entry.parameters, values));
    }
  }
}

const listed = (names: readonly string[]): string => (names.length < 2 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`);

/** `values` with their lengths multiplied by `dpr`, each still within its parameter's range. */
function atDevicePixelRatio(values: CompactValues, spell: (parameter: string) => string): CompactValues {
  const ratio = values[DEVICE_PIXEL_RATIO.name];
  if (typeof ratio !== "number" || ratio === 1) return values;
  // A text's default size is a length too.
  const scaled: Record<string, CompactValues[string]> = {
    ...values,
    ...(values.text !== undefined && !values.text_size ? { text_size: DEFAULT_TEXT_SIZE } : {}),
  };
  for (const name of DEVICE_PIXEL_RATIO.lengths) {
    const value = scaled[name];
    if (typeof value !== "number") continue;
    const length = Math.round(value * ratio);
    const parameter = compactParameters[name] as { readonly max: number; readonly min: number };
    if (length > parameter.max || length < -parameter.max) {
      throw new CompactFormError(`${spell(name)} ${value} at ${spell(DEVICE_PIXEL_RATIO.name)} ${ratio} is ${length}, over its limit of ${parameter.max}`);
    }
    scaled[name] = length;
  }
  return scaled;
}

/**
 * The operations and output options a compact form describes. `autoFormat`
 * gives the output format for `format=auto` (the caller negotiates it);
 * absent options keep their proto defaults. `spell` names a parameter in
 * errors as the caller's users type it (`--width` on a command line).
 */
export function fromCompactForm(
  values: CompactValues,
  autoFormat: () => Format,
  spell: (parameter: string) => string = (parameter) => parameter,
): { operations: Operation[]; output: OutputOptions; input: InputOptions; preset?: string } {
  values = atDevicePixelRatio(values, spell);
  const steps = (compactForm as readonly CompactEntry[]).map((entry) => operation(entry, values, spell)).filter((step) => step !== undefined);
  const output: Record<string, unknown> = {};
  for (const [name, { field }] of Object.entries(compactOutput)) {
    const value = values[name];
    if (field === "format")
      output.format = value === undefined ? "FORMAT_UNSPECIFIED" : value === AUTO_FORMAT ? autoFormat() : `FORMAT_${(value as string).toUpperCase()}`;
    else {
      const argument = outputOptions.arguments[field];
      const given = value === undefined ? absent(argument) : fieldValue(argument, value);
      if (given !== undefined) output[camelCase(field)] = given;
    }
  }
  const input: Record<string, unknown> = {};
  for (const [name, { field }] of Object.entries(compactInput)) input[camelCase(field)] = values[name] ?? absent(inputOptions.arguments[field]);
  const preset = values[PRESET.name];
  return {
    operations: steps,
    output: output as OutputOptions,
    input: input as InputOptions,
    ...(typeof preset === "string" && preset !== "" ? { preset } : {}),
  };
}

type Dashed<Text extends string> = Text extends `${infer Head}_${infer Tail}` ? `${Head}-${Dashed<Tail>}` : Text;

/** The names `enumNames` gives an enum's values, as types: `"cover" | "contain" | ...`. */
export type EnumNames<Value extends string, Prefix extends string> = Value extends `${Prefix}UNSPECIFIED`
  ? never
  : Value extends `${Prefix}${infer Rest}`
    ? Dashed<Lowercase<Rest>>
    : never;

type ValueOf<Spec> = Spec extends { readonly type: "integer" | "number" | "integers" | "numbers" }
  ? number
  : Spec extends { readonly type: "boolean" }
    ? boolean
    : Spec extends { readonly type: "color" | "text" }
      ? string
      : Spec extends { readonly type: "enum"; readonly values: infer Values; readonly prefix: infer Prefix extends string }
        ? EnumNames<Values[keyof Values] & string, Prefix>
        : never;

type ArgumentOf<Name extends OperationName, Field extends string> = (typeof operations)[Name]["arguments"][Field &
  keyof (typeof operations)[Name]["arguments"]];

type FieldParameters<Name extends OperationName, Parameters> = {
  [Key in keyof Parameters]?: Parameters[Key] extends { readonly field: infer Field extends string } ? ValueOf<ArgumentOf<Name, Field>> : never;
};

type ParametersOf<Entry> = Entry extends { readonly form: "flag"; readonly operation: infer Name extends OperationName }
  ? { [Key in Name]?: boolean } & (Entry extends { readonly parameters: infer Parameters } ? FieldParameters<Name, Parameters> : unknown)
  : Entry extends { readonly form: "value"; readonly operation: infer Name extends OperationName; readonly field: infer Field extends string }
    ? { [Key in Name]?: ValueOf<ArgumentOf<Name, Field>> }
    : Entry extends { readonly form: "tuple"; readonly operation: infer Name extends string }
      ? { [Key in Name]?: number[] }
      : Entry extends { readonly form: "fields"; readonly operation: infer Name extends OperationName; readonly parameters: infer Parameters }
        ? FieldParameters<Name, Parameters>
        : never;

type Intersection<Union> = (Union extends unknown ? (value: Union) => void : never) extends (value: infer Both) => void ? Both : never;

/** The output formats by their compact names, and `auto`. */
export type CompactFormat = EnumNames<(typeof outputFormats)[number], "FORMAT_"> | typeof AUTO_FORMAT;

type OutputParameters = {
  [Name in keyof typeof compactOutput]?: (typeof compactOutput)[Name]["field"] extends "format"
    ? CompactFormat
    : ValueOf<(typeof outputOptions)["arguments"][(typeof compactOutput)[Name]["field"]]>;
};

type InputParameters = {
  [Name in keyof typeof compactInput]?: ValueOf<(typeof inputOptions)["arguments"][(typeof compactInput)[Name]["field"]]>;
};

type AllParameters = Intersection<ParametersOf<(typeof compactForm)[number]>> &
  OutputParameters &
  InputParameters & { [Name in (typeof DEVICE_PIXEL_RATIO)["name"]]?: number } & { [Name in (typeof PRESET)["name"]]?: string };

/** A compact form's values by parameter name, typed from the catalogue: `{ w?: number; fit?: "cover" | ...; format?: "webp" | ... }`. */
export type CompactQuery = { -readonly [Name in keyof AllParameters]: AllParameters[Name] };
