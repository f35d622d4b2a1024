import { constants } from "node:fs";
import { open, readFile, writeFile } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
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

/**
 * The path of `name` directly inside `directory`, or an error if `name` is
 * not one plain file name: empty, `.` or `..`, a path separator, a NUL, or
 * anything else that would resolve to somewhere other than a child of the folder.
 */
export function pathInside(directory: string, name: string): string {
  const folder = resolve(directory);
  const target = resolve(folder, name);
  const plain = name !== "" && name !== "." && name !== ".." && !name.includes("\0") && !name.includes("/") && !name.includes(sep);
  const back = relative(folder, target);
  if (!plain || dirname(target) !== folder || back === "" || back.startsWith("..") || isAbsolute(back)) {
    throw new Error(`refusing to write ${JSON.stringify(name)}: not a file name inside ${directory}`);
  }
  return target;
}

// Where the platform has no O_NOFOLLOW (Windows), the name checks above are the guard.
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;

/**
 * Writes `bytes` to the file `name` directly inside `directory`, creating it
 * or overwriting it, but never through a symbolic link in its place.
 */
export async function writeInside(directory: string, name: string, bytes: Uint8Array): Promise<void> {
  const target = pathInside(directory, name);
  try {
    const file = await open(target, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | NO_FOLLOW, 0o666);
    try {
      await file.writeFile(bytes);
    } finally {
      await file.close();
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ELOOP" ? "it is a symbolic link, not followed" : (code ?? (error as Error).message);
    throw new Error(`cannot write ${join(directory, name)}: ${why}`, { cause: error });
  }
}
