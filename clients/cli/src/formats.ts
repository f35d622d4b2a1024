import { extname } from "node:path";

import { type Format } from "@pixelrpc/client";
import { formatEntry, formatNameOf, outputFormats, type OutputFormat } from "@pixelrpc/proto";

import { UsageError } from "./arguments.js";

/** Output formats by the names the CLI takes: the catalogue's, lower case (`webp`). */
const formatNames = Object.fromEntries(outputFormats.map((format) => [formatNameOf(format), format])) as Readonly<Record<string, OutputFormat>>;

/** The other names their files go by. */
const aliases: Readonly<Record<string, string>> = { jpg: "jpeg", tif: "tiff" };

/** The format a name (`webp`, `jpg`) or a file's extension (`.webp`) stands for, if any. */
export function formatNamed(name: string): Format | undefined {
  const key = name.toLowerCase().replace(/^\./, "");
  const known = aliases[key] ?? key;
  return Object.hasOwn(formatNames, known) ? formatNames[known] : undefined;
}

/** --format as the proto's Format; refuses names it does not know. */
export function parseFormat(name: string): Format {
  const format = formatNamed(name);
  if (!format) throw new UsageError(`--format must be one of ${Object.keys(formatNames).join(", ")}, got ${JSON.stringify(name)}`);
  return format;
}

/** The format an output path's extension asks for. */
export function formatOfPath(path: string): Format | undefined {
  return formatNamed(extname(path));
}

/** The extension to write a format with. */
export function extensionOf(format: Format | number | undefined): string {
  return formatEntry(format)?.extension ?? "";
}
