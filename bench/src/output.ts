/** Where results go: progress lines on stderr as the run goes, documents under docs/. */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

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
