import { access, mkdir, readdir } from "node:fs/promises";
import { basename, extname, join } from "node:path";

import { collectImage, type TransformStreamRequest } from "@pixelrpc/client";

import { connectionOptions, UsageError, wholeNumber } from "../arguments.js";
import type { Command } from "../command.js";
import { callOptions, connect } from "../connection.js";
import { extensionOf, formatNamed, parseFormat } from "../formats.js";
import { pathInside, readInput, writeInside } from "../io.js";
import { Progress } from "../progress.js";
import { describeError, err, out, seconds } from "../report.js";
import { transformOptions, transformSettings } from "../transform-request.js";

const DEFAULT_CONCURRENCY = 4;

const exists = (path: string): Promise<boolean> =>
  access(path).then(
    () => true,
    () => false,
  );

/**
 * The output file of each input: the same name, with the extension of the
 * format asked for, if any. Inputs that would share one (photo.gif and
 * photo.webp as PNG) keep their own extension too: photo.gif.png, photo.webp.png.
 */
function outputNames(inputs: readonly string[], format: string | undefined): Map<string, string> {
  if (format === undefined) return new Map(inputs.map((input) => [input, input]));
  const extension = extensionOf(parseFormat(format));
  const plain = (input: string): string => `${basename(input, extname(input))}${extension}`;
  const uses = new Map<string, number>();
  for (const input of inputs) uses.set(plain(input), (uses.get(plain(input)) ?? 0) + 1);
  return new Map(inputs.map((input) => [input, uses.get(plain(input))! > 1 ? `${input}${extension}` : plain(input)]));
}

interface Outcome {
  readonly input: string;
  readonly status: "written" | "skipped" | "failed";
  readonly problem?: string;
}

export const batchCommand: Command = {
  name: "batch",
  usage: "pixelrpc batch IN_DIR OUT_DIR [options]",
  summary: "Transform every image in a folder, a few at a time, skipping outputs that already exist. Exits 1 if any file failed, listing them.",
  options: [
    [
      "Batch",
      {
        concurrency: { type: "string", short: "c", value: "N", description: `images in flight at once (default ${DEFAULT_CONCURRENCY})` },
        overwrite: { type: "boolean", description: "redo outputs that already exist" },
      },
    ],
    ["Transform", transformOptions],
    ["Connection", connectionOptions],
  ],
  async run({ values, positionals }) {
    const [inputDirectory, outputDirectory, ...extra] = positionals;
    if (!inputDirectory || !outputDirectory || extra.length > 0) throw new UsageError("give an input and an output folder: pixelrpc batch IN_DIR OUT_DIR");
    const concurrency = wholeNumber(values, "concurrency", 1, 256) ?? DEFAULT_CONCURRENCY;
    const format = values.format as string | undefined;
    // Fail on bad options before touching any file.
    const settings = transformSettings(values, undefined);
    const call = callOptions(values);
    let entries;
    try {
      entries = await readdir(inputDirectory, { withFileTypes: true });
    } catch (error) {
      throw new Error(`cannot read ${inputDirectory}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { cause: error });
    }
    const inputs = entries
      .filter((entry) => entry.isFile() && !entry.name.startsWith(".") && (formatNamed(extname(entry.name)) !== undefined || /\.svg$/i.test(entry.name)))
      .map((entry) => entry.name)
      .sort();
    const outputs = outputNames(inputs, format);
    await mkdir(outputDirectory, { recursive: true });
    const client = connect(values);
    const progress = new Progress(inputs.length);
    const started = performance.now();

    const transformOne = async (name: string): Promise<Outcome> => {
      const output = outputs.get(name)!;
      const target = join(outputDirectory, output);
      try {
        // readdir's names are plain file names already; this keeps it so, whatever outputNames makes of them.
        pathInside(outputDirectory, output);
        if (!values.overwrite && (await exists(target))) {
          progress.step(`skipped ${name}: ${target} exists (--overwrite to redo it)`);
          return { input: name, status: "skipped" };
        }
        const request: TransformStreamRequest = { image: await readInput(join(inputDirectory, name)), ...settings };
        const result = await collectImage(client.transformStream(request, call()));
        await writeInside(outputDirectory, output, result.image);
        progress.step(`ok ${name} -> ${target} (${result.info.width}x${result.info.height})`);
        return { input: name, status: "written" };
      } catch (error) {
        const problem = describeError(error);
        progress.step(`FAILED ${name}: ${problem}`);
        return { input: name, status: "failed", problem };
      }
    };

    const outcomes: Outcome[] = [];
    let next = 0;
    try {
      await Promise.all(
        Array.from({ length: Math.min(concurrency, inputs.length) }, async () => {
          while (next < inputs.length) outcomes.push(await transformOne(inputs[next++]!));
        }),
      );
    } finally {
      client.close();
    }

    const count = (status: Outcome["status"]): number => outcomes.filter((outcome) => outcome.status === status).length;
    const failed = outcomes.filter((outcome) => outcome.status === "failed").sort((a, b) => a.input.localeCompare(b.input));
    out(
      `${inputs.length} files: ${count("written")} written, ${count("skipped")} skipped, ${failed.length} failed in ${seconds(performance.now() - started)} (${progress.rate().toFixed(1)} img/s)`,
    );
    for (const { input, problem } of failed) err(`failed: ${input}: ${problem}`);
    return failed.length > 0 ? 1 : 0;
  },
};
