import { collectImage } from "@pixelrpc/client";

import { connectionOptions, UsageError } from "../arguments.js";
import type { Command } from "../command.js";
import { callOptions, connect } from "../connection.js";
import { formatOfPath } from "../formats.js";
import { readInput, writeOutput } from "../io.js";
import { err, kibibytes, seconds } from "../report.js";
import { transformOptions, transformSettings } from "../transform-request.js";

export const transformCommand: Command = {
  name: "transform",
  usage: "pixelrpc transform IN -o OUT [options]",
  summary: "Transform one image: resize, convert, re-encode. IN and OUT may be - for stdin and stdout.",
  options: [
    [
      "Output",
      {
        output: {
          type: "string",
          short: "o",
          value: "OUT",
          description: "where to write the result (- for stdout); its extension picks the format unless --format does",
        },
      },
    ],
    ["Transform", transformOptions],
    ["Connection", connectionOptions],
  ],
  async run({ values, positionals }) {
    const [input, ...extra] = positionals;
    const output = values.output as string | undefined;
    if (!input) throw new UsageError("give the input image: pixelrpc transform IN -o OUT");
    if (extra.length > 0) throw new UsageError(`one input at a time (got ${positionals.length}); use pixelrpc batch for a folder`);
    if (!output) throw new UsageError("give the output with -o OUT (- for stdout)");
    const settings = transformSettings(values, output === "-" ? undefined : formatOfPath(output));
    const call = callOptions(values);
    const image = await readInput(input);
    const client = connect(values);
    try {
      const started = performance.now();
      const result = await collectImage(client.transformStream({ image, ...settings }, call()));
      await writeOutput(output, result.image);
      const { format, width, height, sizeBytes, quality } = result.info;
      err(
        `${input} -> ${output}: ${String(format).replace("FORMAT_", "")} ${width}x${height}${quality > 0 ? ` at quality ${quality}` : ""}, ${kibibytes(sizeBytes)} in ${seconds(performance.now() - started)}`,
      );
      return 0;
    } finally {
      client.close();
    }
  },
};
