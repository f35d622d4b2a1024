import { connectionOptions, UsageError } from "../arguments.js";
import type { Command } from "../command.js";
import { callOptions, connect } from "../connection.js";
import { readInput } from "../io.js";
import { kibibytes, out } from "../report.js";

export const infoCommand: Command = {
  name: "info",
  usage: "pixelrpc info IN [--placeholders] [--json]",
  summary: "Describe an image: format, size as displayed, channels, orientation, colour space, dominant colour; and placeholders for lazy loading.",
  options: [
    [
      "Output",
      {
        placeholders: { type: "boolean", description: "also print a BlurHash, a ThumbHash and an lqip (a data: URL of a tiny WebP)" },
        json: { type: "boolean", description: "print the service's InfoResponse as JSON" },
      },
    ],
    ["Connection", connectionOptions],
  ],
  async run({ values, positionals }) {
    const [input, ...extra] = positionals;
    if (!input || extra.length > 0) throw new UsageError("give exactly one input image: pixelrpc info IN");
    const call = callOptions(values);
    const image = await readInput(input);
    const client = connect(values);
    try {
      const response = await client.info({ image, placeholders: values.placeholders === true }, call());
      if (values.json) {
        out(JSON.stringify(response, null, 2));
        return 0;
      }
      const { info } = response;
      const yesNo = (value: boolean): string => (value ? "yes" : "no");
      out(`${input}: ${String(info.format).replace("FORMAT_", "")} ${info.width}x${info.height}, ${kibibytes(info.sizeBytes)}`);
      out(
        `  channels ${info.channels}, alpha ${yesNo(info.hasAlpha)}, pages ${info.pages}, ${response.bitsPerSample} bits per sample, progressive ${yesNo(response.progressive)}`,
      );
      out(
        `  orientation ${response.orientation || "none"}, colour space ${response.colorSpace}, ICC profile ${yesNo(response.hasIccProfile)}, dominant colour ${response.dominantColor}`,
      );
      const { placeholders } = response;
      if (placeholders) {
        out(`  blurhash ${placeholders.blurhash}`);
        out(`  thumbhash ${placeholders.thumbhash}`);
        out(`  lqip ${placeholders.lqip}`);
      }
      return 0;
    } finally {
      client.close();
    }
  },
};
