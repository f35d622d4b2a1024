/** A structured logger: one JSON object per line on stdout, so log shippers need no parsing rules. */
export type LogLevel = "debug" | "info" | "warn" | "error";

export type LogFields = Readonly<Record<string, unknown>>;

export interface Logger {
  log(level: LogLevel, event: string, fields?: LogFields): void;
}

function serialise(value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  return value;
}

export function createLogger(component: string, write: (line: string) => void = (line) => process.stdout.write(line)): Logger {
  return {
    log(level, event, fields = {}) {
      const entry: Record<string, unknown> = { time: new Date().toISOString(), level, component, event };
      for (const [key, value] of Object.entries(fields)) entry[key] = serialise(value);
      write(`${JSON.stringify(entry)}\n`);
    },
  };
}
