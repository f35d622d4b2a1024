import {
  fitNamed,
  fitNames,
  positionNamed,
  positionNames,
  type FitName,
  type Format,
  type Operation,
  type PositionName,
  type TransformStreamRequest,
} from "@pixelrpc/client";

import { UsageError, wholeNumber, type Parsed } from "./arguments.js";
import { parseFormat } from "./formats.js";

function choice<Name extends string>(values: Parsed["values"], name: string, allowed: readonly Name[]): Name | undefined {
  const value = values[name] as string | undefined;
  if (value !== undefined && !(allowed as readonly string[]).includes(value))
    throw new UsageError(`--${name} must be one of ${allowed.join(", ")}, got ${JSON.stringify(value)}`);
  return value as Name | undefined;
}

/**
 * The transform the options describe, without its source. `format` is the
 * output format when --format is absent (from the output's extension), or
 * undefined to keep the input's.
 */
export function transformSettings(values: Parsed["values"], format: Format | undefined): Omit<TransformStreamRequest, "image" | "url"> {
  const width = wholeNumber(values, "width", 1, 65535);
  const height = wholeNumber(values, "height", 1, 65535);
  const fit = choice<FitName>(values, "fit", fitNames);
  const position = choice<PositionName>(values, "position", positionNames);
  const operations: Operation[] = [];
  if (width !== undefined || height !== undefined) {
    operations.push({
      resize: {
        width: width ?? 0,
        height: height ?? 0,
        fit: fitNamed(fit),
        position: positionNamed(position),
      },
    });
  } else if (fit !== undefined || position !== undefined) {
    throw new UsageError("--fit and --position need --width, --height or both");
  }
  return {
    operations,
    output: {
      format: values.format !== undefined ? parseFormat(values.format as string) : (format ?? "FORMAT_UNSPECIFIED"),
      quality: wholeNumber(values, "quality", 1, 100) ?? 0,
      lossless: values.lossless === true,
      effort: wholeNumber(values, "effort", 0, 10) ?? 0,
      progressive: values.progressive === true,
      keepMetadata: values["keep-metadata"] === true,
    },
    input: { page: wholeNumber(values, "page", 0, 100_000) ?? 0 },
  };
}
