import { connectionOptions, UsageError } from "../arguments.js";
import type { Command } from "../command.js";
import { callOptions, connect } from "../connection.js";
import { out } from "../report.js";

export const healthCommand: Command = {
  name: "health",
  usage: "pixelrpc health",
  summary: "Ask the image service whether it serves (exit 0) or not (exit 1), from grpc.health.v1.",
  options: [["Connection", connectionOptions]],
  async run({ values, positionals }) {
    if (positionals.length > 0) throw new UsageError("health takes no arguments");
    const client = connect(values);
    try {
      const status = await client.health(callOptions(values)());
      out(status);
      return status === "SERVING" ? 0 : 1;
    } finally {
      client.close();
    }
  },
};
