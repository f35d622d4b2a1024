/**
 * docs/configuration.md: every variable each service reads, from the tables
 * their configuration is parsed with: its type and range, default and meaning.
 */
import { gatewayVariables } from "@pixelrpc/gateway";
import { imageVariables } from "@pixelrpc/image-service";
import { defaultText, type IntegerVariable, type Variable, type Variables } from "@pixelrpc/service-runtime";

import { generatedNotice, table } from "./markdown.js";

const BINARY_UNITS = ["KiB", "MiB", "GiB", "TiB"] as const;

/** `33554432` (32 MiB): a byte count with its binary unit where it is a whole number of one. */
export function bytes(count: number): string {
  let unit = -1;
  let value = count;
  while (unit < BINARY_UNITS.length - 1 && value >= 1024 && value % 1024 === 0) {
    value /= 1024;
    unit++;
  }
  return unit < 0 ? `\`${count}\`` : `\`${count}\` (${value} ${BINARY_UNITS[unit]})`;
}

const integerValue = (variable: IntegerVariable, value: number): string => (variable.unit === "bytes" ? bytes(value) : `\`${value}\``);

function typeOf(variable: Variable): string {
  switch (variable.kind) {
    case "integer": {
      const unit = variable.unit ? `, ${variable.unit}` : "";
      return `whole number${unit}: ${integerValue(variable, variable.min)} to ${integerValue(variable, variable.max)}`;
    }
    case "flag":
      return "`1`/`true` or `0`/`false`";
    case "list":
      return `comma-separated ${variable.form}`;
    default:
      return variable.form;
  }
}

function defaultOf(variable: Variable): string {
  if (variable.shownDefault !== undefined) return variable.shownDefault;
  if (variable.kind === "integer") return integerValue(variable, variable.default);
  const text = defaultText(variable);
  return text === "" ? "empty" : `\`${text}\``;
}

/** One row per variable, in the table's order. */
export function variableTable(variables: Variables): string {
  return table(
    ["variable", "type", "default", "meaning"],
    Object.entries(variables).map(([name, variable]) => [`\`${name}\``, typeOf(variable), defaultOf(variable), variable.meaning]),
  );
}

export function configurationPage(): string {
  return `${generatedNotice("the variable tables of services/image/src/process/config.ts and services/gateway/src/config.ts")}
# Configuration

Both services read their configuration once, at start-up, from the
environment. A variable that is unset, empty or blank takes its default. A
bad value stops the service with exit code 1 and one JSON log line naming
every bad variable and what it must be, never just the first.

## The image service

${variableTable(imageVariables)}
## The gateway

${variableTable(gatewayVariables)}
## Set for the process, not read by it

| variable | set to | why |
|---|---|---|
| \`MALLOC_ARENA_MAX\` | \`2\` by \`npm start\`, the Dockerfile and the manifests | glibc's malloc arenas: its default of 8 per core lets libvips' buffers fragment RSS upward; 2 kept RSS about 20% lower (300 MB against 376 MB) at the same throughput in the soak ([memory.md](memory.md)) |
| \`UV_THREADPOOL_SIZE\` | cores + 2, at least 4, unless set before start | libuv's pool, where sharp's work runs |

The gateway runs as \`node --initial-old-space-size=128\` (in \`npm start\` and
the Dockerfile; a node flag, which \`NODE_OPTIONS\` cannot carry): every
request's image passes through as Buffers that V8 counts against an
old-space limit that starts small, and without the room V8 ran a full
garbage collection every few requests, half the gateway's CPU. With it, the
gateway's CPU per photo request fell from about 16 ms to 9 ms, for about
25 MB more RSS ([benchmarks.md](benchmarks.md), findings). Run its
\`dist/main.js\` yourself with the same flag.
`;
}
