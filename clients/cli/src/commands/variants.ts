import { mkdir } from "node:fs/promises";
import { join } from "node:path";

import type { VariantSpec } from "@pixelrpc/client";

import { connectionOptions, UsageError, wholeNumber, type Parsed } from "../arguments.js";
import type { Command } from "../command.js";
import { callOptions, connect } from "../connection.js";
import { extensionOf, parseFormat } from "../formats.js";
import { readInput, writeInside } from "../io.js";
import { describeError, err, kibibytes, out, seconds } from "../report.js";

const list = (raw: string | undefined): string[] =>
  (raw ?? "")
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");

/**
 * One variant to ask for, named after the file its result goes to: both come
 * from the CLI's own options, never from a response.
 */
interface Planned {
  readonly spec: VariantSpec;
  readonly file: string;
}

/** A name from a response, quoted and cut short for an error line: it may hold anything. */
const quoted = (name: string): string => JSON.stringify(name.length > 80 ? `${name.slice(0, 80)}...` : name);

function plan(values: Parsed["values"]): Planned[] {
  const widths = list(values.widths as string | undefined).map((width) => {
    if (!/^\d+$/.test(width) || Number(width) < 1 || Number(width) > 65535)
      throw new UsageError(`--widths must list whole numbers from 1 to 65535, got ${JSON.stringify(width)}`);
    return Number(width);
  });
  if (widths.length === 0) throw new UsageError("give the widths to make: --widths 320,640,1280");
  const formats = list((values.formats as string | undefined) ?? "webp").map(parseFormat);
  const quality = wholeNumber(values, "quality", 1, 100) ?? 0;
  return widths.flatMap((width) =>
    formats.map((format) => {
      const file = `w${width}${extensionOf(format)}`;
      return { spec: { name: file, operations: [{ resize: { width } }], output: { format, quality } }, file };
    }),
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
    const planned = plan(values);
    // Responses are matched to what was asked for by name; a name not asked for is never written.
    const byName = new Map(planned.map((entry) => [entry.file, entry]));
    const variants = [...byName.values()].map((entry) => entry.spec);
    const call = callOptions(values);
    const image = await readInput(input);
    await mkdir(directory, { recursive: true });
    const client = connect(values);
    const started = performance.now();
    const failed: string[] = [];
    const arrived = new Set<string>();
    let unexpected = 0;
    try {
      for await (const variant of client.variants({ image, variants }, call())) {
        const asked = byName.get(variant.name);
        if (!asked || arrived.has(variant.name)) {
          unexpected++;
          err(`${quoted(variant.name)}: ${asked ? "sent twice" : "not asked for"} by the service, not written`);
          continue;
        }
        arrived.add(variant.name);
        if (variant.error || !variant.info) {
          failed.push(asked.file);
          err(`${asked.file}: failed: ${variant.error?.message ?? "the service sent neither an image nor an error"}`);
          continue;
        }
        const path = join(directory, asked.file);
        try {
          await writeInside(directory, asked.file, variant.image);
        } catch (error) {
          failed.push(asked.file);
          err(`${asked.file}: ${describeError(error)}`);
          continue;
        }
        out(`${path}: ${variant.info.width}x${variant.info.height}, ${kibibytes(variant.info.sizeBytes)} after ${seconds(performance.now() - started)}`);
      }
    } catch (error) {
      throw new Error(`variants of ${input}: ${describeError(error)}`, { cause: error });
    } finally {
      client.close();
    }
    for (const file of byName.keys()) {
      if (arrived.has(file)) continue;
      failed.push(file);
      err(`${file}: failed: the service never sent it`);
    }
    if (failed.length > 0) err(`${failed.length} of ${variants.length} variants failed: ${failed.join(", ")}`);
    if (unexpected > 0)
      err(`the service sent ${unexpected} unexpected response${unexpected === 1 ? "" : "s"} (not asked for, or sent twice); none was written`);
    return failed.length > 0 || unexpected > 0 ? 1 : 0;
  },
};
