/**
 * Text renders in the fonts that ship with the service (the
 * `dejavu-fonts-ttf` package), never in whatever a host has installed, so
 * that the same request draws the same pixels on every machine. libvips
 * finds fonts through fontconfig, which reads FONTCONFIG_FILE from the
 * process's environment when it first renders: a configuration naming the
 * shipped fonts alone is written once and named there before any worker
 * thread or task process starts (both inherit it).
 */
import { createHash } from "node:crypto";
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

const escapeXml = (text: string): string => text.replace(/[&<>"]/g, (char) => `&#${char.charCodeAt(0)};`);

/** Points fontconfig at the shipped fonts; returns the configuration's path. */
export function useShippedFonts(): string {
  const fonts = join(dirname(createRequire(import.meta.url).resolve("dejavu-fonts-ttf/package.json")), "ttf");
  // One directory per font directory: services from different checkouts on one host keep their own.
  const home = join(tmpdir(), `pixelrpc-fontconfig-${createHash("sha256").update(fonts).digest("hex").slice(0, 16)}`);
  const file = join(home, "fonts.conf");
  const config = `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <dir>${escapeXml(fonts)}</dir>
  <cachedir>${escapeXml(join(home, "cache"))}</cachedir>
</fontconfig>
`;
  try {
    mkdirSync(home, { recursive: true });
    // Written beside and renamed, so that a process starting at the same moment never reads half of it.
    const partial = `${file}.${process.pid}`;
    writeFileSync(partial, config);
    renameSync(partial, file);
  } catch (error) {
    throw new Error(`cannot write the font configuration under ${tmpdir()} (set TMPDIR to a writable directory): ${(error as Error).message}`, {
      cause: error,
    });
  }
  process.env.FONTCONFIG_FILE = file;
  return file;
}
