import { parseArgs, type ParseArgsConfig } from "node:util";

/** A mistake in how the command was called: exit code 2, with a pointer to --help. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

type OptionSpec = NonNullable<ParseArgsConfig["options"]>[string];

/** An option with the words --help shows for it. */
export interface Option extends OptionSpec {
  readonly value?: string;
  readonly description: string;
}

export type Options = Readonly<Record<string, Option>>;

/** Every command takes these: where the service is, how to reach it, how long to wait. */
export const connectionOptions = {
  target: { type: "string", value: "HOST:PORT", description: "the image service: any gRPC target (default $PIXELRPC_TARGET, else localhost:50051)" },
  deadline: { type: "string", value: "TIME", description: "give up on each call after TIME: seconds, or 500ms, 30s, 2m (default: no deadline)" },
  tls: { type: "boolean", description: "connect with TLS, verifying the service against the system's CAs" },
  "tls-ca": { type: "string", value: "FILE", description: "connect with TLS, verifying the service against the CAs in this PEM file" },
  "tls-cert": { type: "string", value: "FILE", description: "client certificate (PEM), for a service that requires mutual TLS" },
  "tls-key": { type: "string", value: "FILE", description: "the client certificate's private key (PEM)" },
  "tls-server-name": { type: "string", value: "NAME", description: "the name the service's certificate carries, when the target's host is not it" },
  help: { type: "boolean", short: "h", description: "show this help" },
} as const satisfies Options;

export interface Parsed {
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  readonly positionals: readonly string[];
}

/** Parses `args` against `options`, turning parseArgs' errors into UsageErrors. */
export function parse(args: readonly string[], options: Options): Parsed {
  // parseArgs refuses keys it does not know, and undefined for the ones it does.
  const specs = Object.fromEntries(Object.entries(options).map(([name, { type, short }]) => [name, short === undefined ? { type } : { type, short }]));
  try {
    const { values, positionals } = parseArgs({ args: [...args], options: specs as ParseArgsConfig["options"], allowPositionals: true, strict: true });
    return { values: values as Parsed["values"], positionals };
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/^.*?: /, "").replace(/\. To specify.*$/, ""));
  }
}

/** A whole number option within bounds, or undefined when absent. */
export function wholeNumber(values: Parsed["values"], name: string, min: number, max: number): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (typeof raw !== "string" || !/^\d+$/.test(raw) || value < min || value > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  }
  return value;
}

/** "30", "30s", "500ms", "2m": milliseconds. */
export function duration(raw: string, name: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(raw.trim());
  if (!match) throw new UsageError(`--${name} must be a duration such as 30, 30s, 500ms or 2m, got ${JSON.stringify(raw)}`);
  const scale = { ms: 1, s: 1000, m: 60_000 }[(match[2] ?? "s") as "ms" | "s" | "m"];
  return Math.round(Number(match[1]) * scale);
}

/** The help text of a command: what it does, its usage line, and every option with its words. */
export function helpText(usage: string, summary: string, ...groups: (readonly [title: string, options: Options])[]): string {
  const lines = [`Usage: ${usage}`, "", summary];
  for (const [title, options] of groups) {
    lines.push("", `${title}:`);
    for (const [name, option] of Object.entries(options)) {
      const flag = `${option.short ? `-${option.short}, ` : "    "}--${name}${option.value ? ` ${option.value}` : ""}`;
      lines.push(`  ${flag.padEnd(28)} ${option.description}`);
    }
  }
  return `${lines.join("\n")}\n`;
}
