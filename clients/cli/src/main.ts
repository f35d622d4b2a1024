/** pixelrpc: the image service from the command line. */
import { createRequire } from "node:module";

import { helpText, parse, UsageError } from "./arguments.js";
import type { Command } from "./command.js";
import { batchCommand } from "./commands/batch.js";
import { healthCommand } from "./commands/health.js";
import { infoCommand } from "./commands/info.js";
import { transformCommand } from "./commands/transform.js";
import { variantsCommand } from "./commands/variants.js";
import { describeError, err, out } from "./report.js";

const commands: readonly Command[] = [transformCommand, infoCommand, variantsCommand, batchCommand, healthCommand];

const { version } = createRequire(import.meta.url)("../package.json") as { version: string };

const overview = `Usage: pixelrpc <command> [options]

Transform, describe and batch-process images with a pixelrpc image service.

Commands:
${commands.map((command) => `  ${command.name.padEnd(10)} ${command.summary}`).join("\n")}

Run pixelrpc <command> --help for a command's options. Every command takes
--target (or $PIXELRPC_TARGET), --deadline and the --tls options.

Exit codes: 0 done, 1 a call or some files failed, 2 the command was called wrongly.
`;

async function main(args: readonly string[]): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    out(overview);
    return name === undefined ? 2 : 0;
  }
  if (name === "--version" || name === "-v") {
    out(version);
    return 0;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) throw new UsageError(`unknown command ${JSON.stringify(name)}; the commands are ${commands.map((candidate) => candidate.name).join(", ")}`);
  const options = Object.assign({}, ...command.options.map(([, group]) => group));
  const parsed = parse(rest, options);
  if (parsed.values.help) {
    out(helpText(command.usage, command.summary, ...command.options));
    return 0;
  }
  return command.run(parsed);
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    const command = process.argv[2] ?? "";
    if (error instanceof UsageError) {
      err(`pixelrpc ${command}: ${error.message}\nRun pixelrpc ${commands.some((c) => c.name === command) ? `${command} ` : ""}--help for usage.`);
      process.exitCode = 2;
      return;
    }
    err(`pixelrpc ${command}: ${describeError(error)}`);
    process.exitCode = 1;
  },
);
