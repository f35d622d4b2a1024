import { readFile, writeFile } from "node:fs/promises";
import { buffer } from "node:stream/consumers";

/** Reads a file, or stdin for "-". */
export async function readInput(path: string): Promise<Buffer> {
  if (path === "-") return buffer(process.stdin);
  try {
    return await readFile(path);
  } catch (error) {
    throw new Error(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { cause: error });
  }
}

/** Writes a file, or stdout for "-". */
export async function writeOutput(path: string, bytes: Uint8Array): Promise<void> {
  if (path === "-") {
    await new Promise<void>((resolve, reject) => process.stdout.write(bytes, (error) => (error ? reject(error) : resolve())));
    return;
  }
  try {
    await writeFile(path, bytes);
  } catch (error) {
    throw new Error(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { cause: error });
  }
}
