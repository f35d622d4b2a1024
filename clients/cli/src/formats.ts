import { extname } from "node:path";

import type { Format } from "@pixelrpc/client";

import { UsageError } from "./arguments.js";

/** Output formats by the names the CLI takes, with the file extension each writes. */
const formats = {
  jpeg: ["FORMAT_JPEG", ".jpg"],
  png: ["FORMAT_PNG", ".png"],
  webp: ["FORMAT_WEBP", ".webp"],
  avif: ["FORMAT_AVIF", ".avif"],
  gif: ["FORMAT_GIF", ".gif"],
  tiff: ["FORMAT_TIFF", ".tiff"],
} as const satisfies Record<string, readonly [Format, string]>;

type FormatName = keyof typeof formats;

const aliases: Record<string, FormatName> = { jpg: "jpeg", tif: "tiff" };

/** The format a name (`webp`, `jpg`) or a file's extension (`.webp`) stands for, if any. */
export function formatNamed(name: string): Format | undefined {
  const key = name.toLowerCase().replace(/^\./, "");
  const known = (aliases[key] ?? key) as FormatName;
  return formats[known]?.[0];
}

/** --format as the proto's Format; refuses names it does not know. */
export function parseFormat(name: string): Format {
  const format = formatNamed(name);
  if (!format) throw new UsageError(`--format must be one of ${Object.keys(formats).join(", ")}, got ${JSON.stringify(name)}`);
  return format;
}

/** The format an output path's extension asks for. */
export function formatOfPath(path: string): Format | undefined {
  return formatNamed(extname(path));
}

/** The extension to write a format with. */
export function extensionOf(format: Format | number | undefined): string {
  return Object.values(formats).find(([candidate]) => candidate === format)?.[1] ?? "";
}
