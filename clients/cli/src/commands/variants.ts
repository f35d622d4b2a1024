import { mkdir } from "node:fs/promises";
import { join } from "node:path";

import type { VariantSpec } from "@pixelrpc/client";

import { connectionOptions, UsageError, wholeNumber, type Parsed } from "../arguments.js";
import type { Command } from "../command.js";
import { callOptions, connect } from "../connection.js";
import { extensionOf, parseFormat } from "../formats.js";
import { readInput, writeOutput } from "../io.js";
import { describeError, err, kibibytes, out, seconds } from "../report.js";

const list = (raw: string | undefined): string[] => (raw ?? "").split(",").map((item) => item.trim()).filter((item) => item !== "");

function specs(values: Parsed["values"]): VariantSpec[] {
  const widths = list(values.widths as string | undefined).map((width) => {
    if (!/^\d+$/.test(width) || Number(width) < 1 || Number(width) > 65535) throw new UsageError(`--widths must list whole numbers from 1 to 65535, got ${JSON.stringify(width)}`);
    return Number(width);
  });
  if (widths.length === 0) throw new UsageError("give the widths to make: --widths 320,640,1280");
  const formats = list((values.formats as string | undefined) ?? "webp").map(parseFormat);
  const quality = wholeNumber(values, "quality", 1, 100) ?? 0;
  return widths.flatMap((width) =>
    formats.map((format) => ({ name: `w${width}${extensionOf(format)}`, operations: [{ resize: { width } }], output: { format, quality } })),
  );
}

export const variantsCommand: Command = {
  name: "variants",
  usage: "pixelrpc variants IN --widths 320,640,1280 [--formats webp,avif] -o DIR",
  summary: "Make a responsive set from one image in one call: every width in every format, each written as soon as it is ready.",
  options: [
    [
      "Variants",
      {
        widths: { type: "string", value: "LIST", description: "comma-separated widths in pixels" },
        formats: { type: "string", value: "LIST", description: "comma-separated formats (default webp)" },
        quality: { type: "string", short: "q", value: "N", description: "encoder quality, 1 to 100" },
        output: { type: "string", short: "o", value: "DIR", description: "folder to write w<width>.<ext> files into (made if missing)" },
      },
    ],
    ["Connection", connectionOptions],
  ],
  async run({ values, positionals }) {
    const [input, ...extra] = positionals;
    if (!input || extra.length > 0) throw new UsageError("give exactly one input image: pixelrpc variants IN --widths ... -o DIR");
    const directory = values.output as string | undefined;
    if (!directory) throw new UsageError("give the folder to write into with -o DIR");
    const variants = specs(values);
    const call = callOptions(values);
    const image = await readInput(input);
    await mkdir(directory, { recursive: true });
    const client = connect(values);
    const started = performance.now();
    const failed: string[] = [];
    try {
      for await (const variant of client.variants({ image, variants }, call())) {
        if (variant.error) {
          failed.push(variant.name);
          err(`${variant.name}: failed: ${variant.error.message}`);
          continue;
        }
        await writeOutput(join(directory, variant.name), variant.image);
        out(`${join(directory, variant.name)}: ${variant.info!.width}x${variant.info!.height}, ${kibibytes(variant.info!.sizeBytes)} after ${seconds(performance.now() - started)}`);
      }
    } catch (error) {
      throw new Error(`variants of ${input}: ${describeError(error)}`, { cause: error });
    } finally {
      client.close();
    }
    if (failed.length > 0) err(`${failed.length} of ${variants.length} variants failed: ${failed.join(", ")}`);
    return failed.length > 0 ? 1 : 0;
  },
};
