import { ImageServiceError } from "@pixelrpc/client";

/** One line for an error: the gRPC status and the service's words, or the local cause. Never a stack. */
export function describeError(error: unknown): string {
  if (error instanceof ImageServiceError) return `${error.codeName}: ${error.details}`;
  if (error instanceof Error) return error.message;
  return String(error);
}

export function kibibytes(bytes: number): string {
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

/** Writes a line to stdout (results) or stderr (progress and problems). */
export const out = (line: string): void => void process.stdout.write(`${line}\n`);
export const err = (line: string): void => void process.stderr.write(`${line}\n`);
