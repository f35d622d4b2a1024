import type { Options, Parsed } from "./arguments.js";

/** One `pixelrpc <command>`. */
export interface Command {
  readonly name: string;
  readonly usage: string;
  /** One line for the tool's own help; the first line of the command's. */
  readonly summary: string;
  /** Option groups, as --help lists them. */
  readonly options: readonly (readonly [title: string, options: Options])[];
  /** Runs the command; resolves to the exit code. */
  run(parsed: Parsed): Promise<number>;
}
