import { readFileSync } from "node:fs";

import { type Format, type Operation, type TransformStreamRequest } from "@pixelrpc/client";
import {
  CompactFormError,
  compactParameters,
  DECIMAL_NUMBER,
  describedAs,
  fromCompactForm,
  HEX_COLOR,
  type CompactParameter,
  type CompactValues,
} from "@pixelrpc/proto";

import { UsageError, wholeNumber, type Option, type Options, type Parsed } from "./arguments.js";
import { parseFormat } from "./formats.js";

/** How the help and errors name a compact parameter: by its flag. */
const flagNamed = (name: string): string => `--${compactParameters[name]!.flag}`;

/** The one-letter spellings of the flags typed most. */
const shorts: Readonly<Record<string, string>> = { width: "w", quality: "q" };

/** The words --help shows for a parameter: the catalogue's help, and what values it takes. */
function describe(parameter: CompactParameter): string {
  const help = describedAs(parameter, flagNamed) ?? parameter.readable;
  switch (parameter.type) {
    case "integer":
    case "number":
      return `${help} (${parameter.min} to ${parameter.max})`;
    case "integers":
      return `${help}: ${parameter.names}, each ${parameter.min} to ${parameter.max}`;
    case "enum":
      return `${help}: ${parameter.values.join(", ")}`;
    case "color":
      return `${help}: rgb, rgba, rrggbb or rrggbbaa`;
    case "text":
      return parameter.readable === "overlay" ? `${help}, or a file to send` : help;
    case "boolean":
      return help;
  }
}

/** What --help shows a flag's value as. */
function placeholder(parameter: Exclude<CompactParameter, { type: "boolean" }>): string {
  switch (parameter.type) {
    case "integer":
      return "N";
    case "number":
      return "X";
    case "integers":
      return parameter.names.toUpperCase();
    case "enum":
      return "NAME";
    case "color":
      return "HEX";
    case "text":
      return parameter.readable === "overlay" ? "URL|FILE" : "TEXT";
  }
}

function optionOf(parameter: CompactParameter): Option {
  const flag = parameter.flag;
  const short = shorts[flag] === undefined ? {} : { short: shorts[flag] };
  if (parameter.type === "boolean") return { type: "boolean", ...short, description: describe(parameter) };
  return { type: "string", ...short, value: placeholder(parameter), description: describe(parameter) };
}

const formatOption: Option = {
  type: "string",
  short: "f",
  value: "FMT",
  description: "jpeg, png, webp, avif, gif or tiff (default: from the output's extension, else the input's)",
};

/** The catalogue's compact parameters as flags, in the order their operations run; the output format as the CLI reads it (names and extensions). */
export const transformOptions: Options = {
  ...Object.fromEntries(
    Object.values(compactParameters).map((parameter) => [parameter.flag, parameter.readable === "format" ? formatOption : optionOf(parameter)]),
  ),
  page: { type: "string", value: "N", description: "which page or frame of a multi-page input to read (default 0)" },
};

/** A flag's value, by its parameter: a UsageError naming the flag for anything out of type or range. */
function valueOf(values: Parsed["values"], parameter: CompactParameter): CompactValues[string] {
  const flag = parameter.flag;
  const raw = values[flag];
  if (raw === undefined || typeof raw === "boolean") return raw;
  const wrong = (expected: string): never => {
    throw new UsageError(`--${flag} must be ${expected}, got ${JSON.stringify(raw)}`);
  };
  switch (parameter.type) {
    case "integer":
      return wholeNumber(values, flag, parameter.min, parameter.max);
    case "number": {
      const value = Number(raw);
      return DECIMAL_NUMBER.test(raw) && value >= parameter.min && value <= parameter.max ? value : wrong(`a number from ${parameter.min} to ${parameter.max}`);
    }
    case "integers": {
      const parts = raw.split(",").map(Number);
      const fits = raw.split(",").every((part) => /^\d{1,10}$/.test(part)) && parts.every((part) => part >= parameter.min && part <= parameter.max);
      return parts.length === parameter.count && fits
        ? parts
        : wrong(`${parameter.names}: ${parameter.count} whole numbers from ${parameter.min} to ${parameter.max} separated by commas`);
    }
    case "enum":
      return parameter.values.includes(raw) ? raw : wrong(`one of ${parameter.values.join(", ")}`);
    case "color":
      return HEX_COLOR.test(raw) ? raw : wrong("a hex colour: rgb, rgba, rrggbb or rrggbbaa, with or without #");
    case "text":
      return raw !== "" && raw.length <= parameter.maxLength ? raw : wrong(`text of 1 to ${parameter.maxLength} characters`);
    case "boolean":
      return raw;
  }
}

/** An overlay named by a path rather than a URL is a file on this machine: the CLI sends its bytes. */
function withLocalOverlays(operations: Operation[]): Operation[] {
  return operations.map((operation) => {
    const url = operation.composite?.url;
    if (url === undefined || /^https?:\/\//i.test(url)) return operation;
    let image: Buffer;
    try {
      image = readFileSync(url);
    } catch (error) {
      throw new UsageError(`--overlay ${JSON.stringify(url)} is neither an http(s) URL nor a file this can read: ${(error as Error).message}`);
    }
    const { url: _url, ...composite } = operation.composite!;
    return { composite: { ...composite, image } };
  });
}

/**
 * The transform the options describe, without its source. `format` is the
 * output format when --format is absent (from the output's extension), or
 * undefined to keep the input's.
 */
export function transformSettings(values: Parsed["values"], format: Format | undefined): Omit<TransformStreamRequest, "image" | "url"> {
  const compact: Record<string, CompactValues[string]> = {};
  for (const [name, parameter] of Object.entries(compactParameters)) if (parameter.readable !== "format") compact[name] = valueOf(values, parameter);
  try {
    // The CLI has no Accept header: its format comes from --format or the output's extension.
    const { operations, output, input, preset } = fromCompactForm(compact, () => "FORMAT_UNSPECIFIED", flagNamed);
    const chosen = values.format !== undefined ? parseFormat(values.format as string) : (format ?? "FORMAT_UNSPECIFIED");
    return {
      operations: withLocalOverlays(operations),
      output: { ...output, format: chosen },
      input: { ...input, page: wholeNumber(values, "page", 0, 100_000) ?? 0 },
      ...(preset === undefined ? {} : { preset }),
    };
  } catch (error) {
    if (error instanceof CompactFormError) throw new UsageError(error.message);
    throw error;
  }
}
