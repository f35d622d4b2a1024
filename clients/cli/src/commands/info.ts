import { connectionOptions, UsageError } from "../arguments.js";
import type { Command } from "../command.js";
import { callOptions, connect } from "../connection.js";
import { readInput } from "../io.js";
import { kibibytes, out } from "../report.js";

export const infoCommand: Command = {
  name: "info",
  usage: "pixelrpc info IN [--json]",
  summary: "Describe an image: format, size as displayed, channels, orientation, colour space, dominant colour.",
  options: [
    ["Output", { json: { type: "boolean", description: "print the service's InfoResponse as JSON" } }],
    ["Connection", connectionOptions],
  ],
  async run({ values, positionals }) {
    const [input, ...extra] = positionals;
    if (!input || extra.length > 0) throw new UsageError("give exactly one input image: pixelrpc info IN");
    const call = callOptions(values);
    const image = await readInput(input);
    const client = connect(values);
    try {
      const response = await client.info(image, call());
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
      return 0;
    } finally {
      client.close();
    }
  },
};
