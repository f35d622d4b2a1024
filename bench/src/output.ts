/** Where results go: progress lines on stderr as the run goes, documents under docs/. */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { sectionMarkers } from "./format.js";

export const docsDir = fileURLToPath(new URL("../../docs/", import.meta.url));

const begun = Date.now();

/** One line on stderr, stamped with the time since the run began. */
export function progress(line: string): void {
  const seconds = Math.round((Date.now() - begun) / 1000);
  console.error(`[bench ${String(Math.floor(seconds / 60)).padStart(2, "0")}:${String(seconds % 60).padStart(2, "0")}] ${line}`);
}

export function writeDoc(name: string, content: string): void {
  mkdirSync(docsDir, { recursive: true });
  writeFileSync(join(docsDir, name), content);
}

/** The document's current text, or "" when it does not exist yet. */
export function readDoc(name: string): string {
  try {
    return readFileSync(join(docsDir, name), "utf8");
  } catch {
    return "";
  }
}

/**
 * Writes `body` into benchmarks.md between the markers of the kept section
 * `name`, in place of what was there; the first time, as a new `heading`
 * before "How it is measured". The main run keeps the section (report.ts).
 */
export function writeKeptSection(name: string, origin: string, heading: string, body: string): void {
  const { start, end } = sectionMarkers(name, origin);
  const previous = readDoc("benchmarks.md");
  const from = previous.indexOf(start);
  const to = previous.indexOf(end);
  const section = `${start}\n${body}\n${end}`;
  if (from >= 0 && to > from) return writeDoc("benchmarks.md", previous.slice(0, from) + section + previous.slice(to + end.length));
  const method = previous.indexOf("## How it is measured");
  const at = method >= 0 ? method : previous.length;
  writeDoc("benchmarks.md", `${previous.slice(0, at)}## ${heading}\n\n${section}\n\n${previous.slice(at)}`);
}
